#!/usr/bin/env bash
# gemm_symbols.sh OBJECT...: each copy of the large products (core/nn/gemm_copy.cpp, compiled for
# one instruction set) must define no symbol the linker could merge with another copy's: only
# its own Eigen namespace's instances may be weak. A merged std:: or Eigen:: instance compiled for
# AVX-512 would run on a CPU without it.
set -euo pipefail
status=0
for object in "$@"; do
  shared=$(nm -C "$object" | awk '$(NF-1) ~ /^[WVu]$/ || $1 ~ /^[WVu]$/' | grep -v ' Eigen_[a-z0-9]*::' | grep -v 'DW.ref.__gxx_personality_v0' || true)
  if [ -n "$shared" ]; then
    echo "$object: mergeable symbols outside its own Eigen namespace:"
    echo "$shared" | head -20
    status=1
  else
    echo "$object: only its own Eigen namespace is weak"
  fi
done
exit $status

#!/usr/bin/env bash
# fuzz_keep.sh [BUILD]: merges what the fuzzers found in a sanitizer build (its fuzz-corpus/
# folders, default build-asan) into the repository's seed folders, keeping only the inputs that
# reach code the seeds do not (libFuzzer's -merge=1), so the seeds grow small and useful. Commit
# the new files under core/tests/fuzz/: every later CI run starts from them.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
for target in files csv link idx; do
  fuzzer="$build/core/tests/fuzz/nnplay_fuzz_$target"
  found="$build/core/tests/fuzz/fuzz-corpus/$target"
  seeds="core/tests/fuzz/seeds-$target"
  [ "$target" = files ] && seeds=core/tests/fuzz/seeds
  [ -x "$fuzzer" ] && [ -d "$found" ] || continue
  before=$(ls "$seeds" | wc -l)
  "$fuzzer" -merge=1 -max_len=4096 "$seeds" "$found" >/dev/null 2>&1
  echo "fuzz_keep: $target: $before -> $(ls "$seeds" | wc -l) seeds"
done

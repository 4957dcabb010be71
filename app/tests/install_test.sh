#!/usr/bin/env bash
# install_test.sh PORTABLE_BUILD: installs nnplay from a portable build (-DNNPLAY_NATIVE=OFF)
# into a scratch prefix as a user would (cmake --install), then checks what was installed: the
# files, the desktop entry and AppStream metainfo (validated by their own tools), and that the
# installed binary runs on its installed assets, from elsewhere, with no build-tree path in it;
# then the Debian package CPack makes of it. A native build (configured here, not compiled) must
# refuse to install. Prints
# "N passed, M failed"; exits non-zero on a failure.
set -uo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
prefix=$(mktemp -d)/prefix
trap 'rm -rf "$(dirname "$prefix")"' EXIT
passed=0 failed=0
check() { # check NAME COMMAND...: one assertion
  local name=$1; shift
  if "$@" >/tmp/nnplay_install_check.log 2>&1; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAILED: $name"; sed 's/^/  /' /tmp/nnplay_install_check.log; fi
}
cmake --install "$build" --prefix "$prefix" >/dev/null || { echo "cmake --install failed"; echo "0 passed, 1 failed"; exit 1; }
share=$prefix/share
for f in bin/nnplay share/applications/io.nnplay.nnplay.desktop share/icons/hicolor/scalable/apps/io.nnplay.nnplay.svg \
         share/metainfo/io.nnplay.nnplay.metainfo.xml share/man/man1/nnplay.1 share/nnplay/assets/scenarios/worked-2-2-2.json \
         share/nnplay/assets/sessions/learning-rate-regimes.json; do
  check "installed $f" test -f "$prefix/$f"
done
check "desktop-file-validate" desktop-file-validate "$share/applications/io.nnplay.nnplay.desktop"
check "appstreamcli validate" appstreamcli validate --no-net "$share/metainfo/io.nnplay.nnplay.metainfo.xml"
check "man page renders" bash -c "man -l '$share/man/man1/nnplay.1' | grep -q 'watch a neural network learn'"
# The installed binary, run from elsewhere, on its installed files.
cd "$(dirname "$prefix")" || exit 1
check "--version" bash -c "'$prefix/bin/nnplay' --version | grep -q '^nnplay '"
check "step on an installed scenario" bash -c "'$prefix/bin/nnplay' step --scenario '$share/nnplay/assets/scenarios/worked-2-2-2.json' | grep -q '\"steps\"'"
check "an installed lesson plays with its solutions (its session beside it)" bash -c "'$prefix/bin/nnplay' lesson run '$share/nnplay/assets/lessons/deeper-is-not-better.md' --solve --json | grep -q '\"met\":true'"
check "no source or build path in the binary" bash -c "! strings '$prefix/bin/nnplay' | grep -qF -e '$source_dir' -e '$build'"
check "no -march=native in the portable build" bash -c "! grep -rq -- '-march=native' '$build' --include=flags.make"
# The hot loops' AVX2 copies are vector code: a build setting can silently turn the exp loop
# scalar (the precompiled header once did: the package trained A at half speed).
for f in VecTanh VecSigmoid; do
  check "the installed $f's x86-64-v3 copy uses 256-bit vectors" bash -c "objdump -d --no-show-raw-insn -C '$prefix/bin/nnplay' |
    awk '/$f\\(double const\\*, double\\*, long\\) \\[clone .arch_x86_64_v3\\]>:/ {p = 1; next} p && /^\$/ {exit} p' | grep -c ymm |
    awk '{ if (\$1 < 16) { print \"only \" \$1 \" ymm instructions\"; exit 1 } }'"
done
# The large products are compiled three times (x86-64, AVX2, AVX-512) and picked at run time:
# no copy may lend another a symbol compiled for a CPU it does not run on.
check "the GEMM copies share no mergeable symbol" bash "$source_dir/core/tests/gemm_symbols.sh" \
  "$build"/core/CMakeFiles/nnplay_gemm_base.dir/gemm_copy.cpp.o "$build"/core/CMakeFiles/nnplay_gemm_v3.dir/gemm_copy.cpp.o \
  "$build"/core/CMakeFiles/nnplay_gemm_v4.dir/gemm_copy.cpp.o
# The installed binary's digit MLP learns the same with the GEMM copy this CPU gets and with the
# baseline x86-64 copy (NNPLAY_CPU caps the copy chosen): the copies compute the same products.
fashion=/usr/share/datasets/fashion-mnist
if [ -d "$fashion" ]; then
  check "the digit MLP learns the same with this CPU's GEMM copy and the baseline one" bash -c "
    acc() { \"\$@\" train --images $fashion --epochs 1 --json | grep -o '\"test\": *{[^}]*' | grep -o '\"accuracy\": *[0-9.]*' | grep -o '[0-9.]*\$'; }
    a=\$(acc '$prefix/bin/nnplay'); b=\$(NNPLAY_CPU=x86-64 acc '$prefix/bin/nnplay')
    echo \"this CPU \$a baseline \$b\"; awk -v a=\"\$a\" -v b=\"\$b\" 'BEGIN { exit !(a > 0.5 && (a - b < 0.002 && b - a < 0.002)) }'"
fi
# A build tuned for this CPU refuses to install: configured only (the refusal comes first).
native=$(dirname "$prefix")/native-build
if cmake -S "$source_dir" -B "$native" -DCMAKE_BUILD_TYPE=Release -DNNPLAY_NATIVE=ON -DNNPLAY_BUILD_TESTS=OFF \
     -DNNPLAY_IMGUI_BACKENDS="$(grep -o 'NNPLAY_IMGUI_BACKENDS:PATH=.*' "$build/CMakeCache.txt" | cut -d= -f2)" >/dev/null 2>&1; then
  check "a native build refuses to install" bash -c "! cmake --install '$native' --prefix '$(dirname "$prefix")/native' >'$(dirname "$prefix")/native.log' 2>&1 && grep -q 'tuned for this machine' '$(dirname "$prefix")/native.log' && ! test -e '$(dirname "$prefix")/native/bin/nnplay'"
else
  check "a native build configures" false
fi
if [ -x "$prefix/bin/nnplay" ] && command -v xvfb-run >/dev/null && "$prefix/bin/nnplay" --help | grep -c -- '--load' >/dev/null; then
  # One window frame under Xvfb: the installed binary finds its fonts and its File menu's files.
  check "one window frame" xvfb-run -a -s '-screen 0 1280x720x24' "$prefix/bin/nnplay" --frames 5 --screenshot "$(dirname "$prefix")/frame.png"
  check "a screenshot was written" test -s "$(dirname "$prefix")/frame.png"
fi

# The Debian package (CPack) of the same build, unpacked into a scratch root as dpkg would lay it
# out: its files, its dependencies (real Debian packages, installed here), and the binary in it.
if command -v cpack >/dev/null; then
  root=$(dirname "$prefix")/root
  (cd "$build" && cpack -G DEB >"$(dirname "$prefix")/cpack.log" 2>&1)
  deb=$(ls "$build"/nnplay_*.deb 2>/dev/null | head -1)
  check "cpack builds a .deb" test -s "$deb"
  if [ -s "$deb" ]; then
    depends=$(dpkg-deb -f "$deb" Depends)
    check "the package depends on GLFW, OpenGL and the font" bash -c "grep -q libglfw3 <<<'$depends' && grep -q libopengl0 <<<'$depends' && grep -q fonts-dejavu-core <<<'$depends'"
    check "every dependency is a Debian package installed here" bash -c "for p in \$(sed 's/([^)]*)//g; s/,/ /g' <<<'$depends'); do dpkg-query -W \"\$p\" >/dev/null || { echo \"missing \$p\"; exit 1; }; done"
    check "the package holds the binary, desktop entry, icon, metainfo, man page and scenarios" bash -c \
      "dpkg-deb -c '$deb' | grep -q ' ./usr/bin/nnplay$' && dpkg-deb -c '$deb' | grep -q ' ./usr/share/applications/io.nnplay.nnplay.desktop$' && dpkg-deb -c '$deb' | grep -q ' ./usr/share/icons/hicolor/scalable/apps/io.nnplay.nnplay.svg$' && dpkg-deb -c '$deb' | grep -q ' ./usr/share/metainfo/io.nnplay.nnplay.metainfo.xml$' && dpkg-deb -c '$deb' | grep -q ' ./usr/share/man/man1/nnplay.1' && dpkg-deb -c '$deb' | grep -q ' ./usr/share/nnplay/assets/scenarios/worked-2-2-2.json$'"
    dpkg-deb -x "$deb" "$root"
    check "packaged --version" bash -c "'$root/usr/bin/nnplay' --version | grep -q '^nnplay '"
    check "packaged step on its scenario" bash -c "'$root/usr/bin/nnplay' step --scenario '$root/usr/share/nnplay/assets/scenarios/worked-2-2-2.json' | grep -q '\"new_weights\"'"
    if command -v xvfb-run >/dev/null && "$root/usr/bin/nnplay" --help | grep -c -- '--load' >/dev/null; then
      check "packaged window frame" xvfb-run -a -s '-screen 0 1280x720x24' "$root/usr/bin/nnplay" --frames 5 --screenshot "$(dirname "$prefix")/deb-frame.png"
      check "packaged window screenshot" test -s "$(dirname "$prefix")/deb-frame.png"
    fi
    echo "package: $(basename "$deb"), $(du -k "$deb" | cut -f1) KB, Depends: $depends"
  fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

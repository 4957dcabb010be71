#!/usr/bin/env bash
# install_test.sh PORTABLE_BUILD [NATIVE_BUILD]: installs nnplay from a portable build
# (-DNNPLAY_NATIVE=OFF) into a scratch prefix as a user would (cmake --install), then checks what
# was installed: the files, the desktop entry and AppStream metainfo (validated by their own
# tools), and that the installed binary runs on its installed assets, from elsewhere, with no
# build-tree path in it. A native build, if given, must refuse to install. Prints
# "N passed, M failed"; exits non-zero on a failure.
set -uo pipefail
build=$(cd "$1" && pwd) native=${2:+$(cd "$2" && pwd)}
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
check "no source or build path in the binary" bash -c "! strings '$prefix/bin/nnplay' | grep -qF -e '$source_dir' -e '$build'"
check "no -march=native in the portable build" bash -c "! grep -rq -- '-march=native' '$build' --include=flags.make"
if [ -n "$native" ]; then
  check "a native build refuses to install" bash -c "! cmake --install '$native' --prefix '$(dirname "$prefix")/native' >'$(dirname "$prefix")/native.log' 2>&1 && grep -q 'tuned for this machine' '$(dirname "$prefix")/native.log' && ! test -e '$(dirname "$prefix")/native/bin/nnplay'"
fi
if [ -x "$prefix/bin/nnplay" ] && command -v xvfb-run >/dev/null && "$prefix/bin/nnplay" --help | grep -q -- '--load'; then
  # One window frame under Xvfb: the installed binary finds its fonts and its File menu's files.
  check "one window frame" xvfb-run -a -s '-screen 0 1280x720x24' "$prefix/bin/nnplay" --frames 5 --screenshot "$(dirname "$prefix")/frame.png"
  check "a screenshot was written" test -s "$(dirname "$prefix")/frame.png"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# imgui_backends.sh [--from-package]: prints the folder holding Dear ImGui's GLFW and OpenGL 3
# backend sources, which Debian's libimgui-dev ships under /usr/share/doc. Minimal Debian images
# strip /usr/share/doc (dpkg path-exclude), so when they are not there (or with --from-package)
# the sources are taken from the libimgui-dev package itself: downloaded from Debian's archive
# and unpacked into build-deps/ (ignored by git), never copied into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
doc=/usr/share/doc/libimgui-dev/examples/backends
if [ "${1:-}" != "--from-package" ] && [ -f "$doc/imgui_impl_glfw.cpp" ] && [ -f "$doc/imgui_impl_opengl3.cpp" ]; then
  echo "$doc"
  exit 0
fi
version=$(dpkg-query -W -f='${Version}' libimgui-dev 2>/dev/null || true)
dest="build-deps/libimgui-dev-${version:-any}"
if [ ! -f "$dest/usr/share/doc/libimgui-dev/examples/backends/imgui_impl_glfw.cpp" ]; then
  mkdir -p "$dest"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  chmod a+rwx "$work" # apt downloads as its own user, _apt
  # The installed version when there is one (the headers must match), else the archive's.
  (cd "$work" && apt-get download -qq "libimgui-dev${version:+=$version}" >&2)
  dpkg-deb -x "$work"/libimgui-dev_*.deb "$dest"
fi
echo "$PWD/$dest/usr/share/doc/libimgui-dev/examples/backends"

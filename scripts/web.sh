#!/usr/bin/env bash
# web.sh [--build-only] [--port N] [--no-images]: nnplay in the browser. Installs what is missing
# (Debian's emscripten; Dear ImGui's sources from Debian's source package `imgui`, fetched with
# `apt-get source` into build-deps/), builds the page into build-web/site/ (index.html, .js,
# .wasm, .data: a static folder any web server can serve) with Fashion-MNIST's four files beside
# it in fashion-mnist/ (30 MB, fetched by the page only when its image mode is asked for;
# --no-images leaves them out), then serves it on http://127.0.0.1:8000 until Ctrl+C.
# --build-only stops after building.
set -euo pipefail
cd "$(dirname "$0")/.."

serve=1
port=8000
images=1
while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) serve=0 ;;
    --port) port="$2"; shift ;;
    --no-images) images=0 ;;
    *) echo "web.sh: unknown option $1 (use --build-only, --port N, --no-images)" >&2; exit 2 ;;
  esac
  shift
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
scripts/install_missing.sh web.sh emscripten cmake make dpkg-dev libeigen3-dev nlohmann-json3-dev fonts-dejavu-core python3 \
  $([ "$images" = 1 ] && echo dataset-fashion-mnist)

# Dear ImGui 1.86's sources: Debian's source package, the same version as libimgui-dev's headers.
imgui=$(ls -d build-deps/imgui-1.86*/ 2>/dev/null | head -n 1 || true)
if [ -z "$imgui" ] || [ ! -f "$imgui/imgui.cpp" ]; then
  if ! apt-get source --print-uris -qq imgui >/dev/null 2>&1 || [ -z "$(apt-get source --print-uris -qq imgui 2>/dev/null)" ]; then
    # No deb-src entry: one for Debian 12's main archive, beside the machine's own lists.
    echo "web.sh: adding Debian's source archive (deb-src) to apt's lists"
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
      $sudo tee /etc/apt/sources.list.d/nnplay-deb-src.sources >/dev/null
    $sudo apt-get update -qq
  fi
  mkdir -p build-deps
  work=$(mktemp -d)
  chmod a+rwx "$work" # apt downloads as its own user, _apt
  (cd "$work" && apt-get source -qq imgui >/dev/null)
  rm -rf build-deps/imgui-*/
  mv "$work"/imgui-*/ build-deps/
  rm -rf "$work"
  imgui=$(ls -d build-deps/imgui-1.86*/ | head -n 1)
fi
imgui="$PWD/${imgui%/}"

# Debian's emscripten runs its JavaScript tools with the machine's node, which must find
# Debian's node modules (acorn) where Debian puts them.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
# ccache when installed, as the desktop builds use it (paths relative to the checkout).
emcmake cmake -S . -B build-web -DCMAKE_BUILD_TYPE=Release -DNNPLAY_IMGUI_SOURCES="$imgui" \
  $(scripts/ccache_flags.sh) >/dev/null
cmake --build build-web -j"$(nproc)"
# The image mode's data beside the page, as Debian's package has it (gzipped: the browser unpacks it).
rm -rf build-web/site/fashion-mnist
if [ "$images" = 1 ]; then
  mkdir -p build-web/site/fashion-mnist
  cp /usr/share/datasets/fashion-mnist/*-ubyte.gz build-web/site/fashion-mnist/
fi
echo "web.sh: the page is in build-web/site/ (index.html and its files$([ "$images" = 1 ] && echo ', Fashion-MNIST in fashion-mnist/'))"

if [ "$serve" = 1 ]; then
  echo "web.sh: serving it on http://127.0.0.1:$port (Ctrl+C stops)"
  exec python3 -m http.server "$port" --bind 127.0.0.1 --directory build-web/site
fi

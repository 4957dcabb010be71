#!/usr/bin/env bash
# setup.sh: installs the Debian packages nnplay needs (only those missing), then configures and
# builds it. Usage: scripts/setup.sh [run|test]
#   run:  ./build, tuned for this machine's CPU (-march=native), the app alone
#   test: ./build-portable, the portable build that is installed and packaged, with every test
#         suite (and the test tools installed): the tests run on the binary that ships
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
packages=(cmake g++ make pkg-config libimgui-dev libglfw3-dev libeigen3-dev libgl-dev
          nlohmann-json3-dev libstb-dev zlib1g-dev fonts-dejavu-core
          libsystemd-dev) # sd-bus: the desktop portal's file chooser
if [ "$mode" = test ]; then
  packages+=(libgtest-dev libbenchmark-dev xvfb xauth x11-utils xdotool imagemagick clang libclang-rt-14-dev
             desktop-file-utils appstream man-db binutils python3 dataset-fashion-mnist
             dbus-daemon python3-dbus python3-gi # a stand-in desktop portal (window tests)
             ccache # CI's builds: a second run of the same sources compiles almost nothing
             emscripten dpkg-dev chromium) # the browser page (scripts/web.sh) and its test in headless Chromium
fi

scripts/install_missing.sh setup "${packages[@]}"

# The run command builds the app only: it does not install the test tools, so it must not need them.
if [ "$mode" = test ]; then
  # Its Dear ImGui backends come from the libimgui-dev package itself, as on an image without
  # /usr/share/doc: that path of the set-up is built and tested here too.
  backends=$(scripts/imgui_backends.sh --from-package)
  cmake -S . -B build-portable -DCMAKE_BUILD_TYPE=Release -DNNPLAY_NATIVE=OFF -DNNPLAY_BUILD_TESTS=ON \
        -DNNPLAY_IMGUI_BACKENDS="$backends" $(scripts/ccache_flags.sh) >/dev/null
  cmake --build build-portable -j"$(nproc)"
else
  backends=$(scripts/imgui_backends.sh)
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNNPLAY_BUILD_TESTS=OFF -DNNPLAY_IMGUI_BACKENDS="$backends" >/dev/null
  cmake --build build -j"$(nproc)"
fi

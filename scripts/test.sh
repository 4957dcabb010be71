#!/usr/bin/env bash
# test.sh: install what is missing, build, and run every test: the Release build's suite
# (engine, trainer, command line, the real window under Xvfb, and a 5-minute soak of the window
# under random input), then the engine and command-line suites again under AddressSanitizer +
# UndefinedBehaviorSanitizer and a shorter soak of the window under them, then the background
# trainer's suite under ThreadSanitizer, then a minute of fuzzing the file loaders.
set -euo pipefail
cd "$(dirname "$0")/.."
# Each step says when it starts (minutes:seconds since this script began): where CI's time goes.
phase() { echo "== [$(date -u -d "@$SECONDS" +%M:%S)] $*"; }
scripts/setup.sh test

phase "Release build: all tests (the soak of the window runs below, beside the other builds)"
(cd build && ctest -j"$(nproc)" -LE soak --output-on-failure)

phase "Soak of the real window, ${NNPLAY_SOAK_SECONDS:-300} s, in the background while the next builds compile"
soak_log=$(mktemp)
(cd build && ctest -L soak --output-on-failure >"$soak_log" 2>&1) &
soak_pid=$!
trap 'kill "$soak_pid" 2>/dev/null || true' EXIT # a failed step below does not leave it running

phase "Installing a portable build (no -march=native) into a scratch prefix"
# Its Dear ImGui backends come from the libimgui-dev package itself, as on an image without
# /usr/share/doc: that path of the set-up is built and tested here too.
backends=$(scripts/imgui_backends.sh --from-package)
case "$backends" in /usr/share/doc/*) echo "test.sh: the backends did not come from the package" >&2; exit 1 ;; esac
cmake -S . -B build-portable -DCMAKE_BUILD_TYPE=Release -DNNPLAY_NATIVE=OFF -DNNPLAY_BUILD_TESTS=OFF \
      -DNNPLAY_IMGUI_BACKENDS="$backends" >/dev/null
cmake --build build-portable -j"$(nproc)"
app/tests/install_test.sh build-portable build

phase "Nothing outside the repository: no file names a path beside the checkout"
if git grep -n -I -e '\.\./shared' -e 'shared/reference' -- . ':!scripts/test.sh'; then
  echo "test.sh: the lines above name files outside the repository; users who clone it alone do not have them" >&2
  exit 1
fi

# The sanitizer build runs from a copy of the repository alone (its tracked and new files, in a
# scratch folder with nothing beside it), so a test that reads outside the repository fails here.
alone="$(mktemp -d)/nnplay"
mkdir -p "$alone"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$alone"
phase "AddressSanitizer + UndefinedBehaviorSanitizer build, in a copy of the repository alone ($alone)"
# -O1: the sanitizers' usual level; it compiles a third faster than -O2, and this is the
# longest build of the run.
cmake -S "$alone" -B "$alone/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
      -DNNPLAY_SANITIZE=address -DNNPLAY_WINDOW_TESTS=OFF -DNNPLAY_IMGUI_BACKENDS="$backends" >/dev/null
cmake --build "$alone/build-asan" -j"$(nproc)"
(cd "$alone/build-asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
   ctest -j"$(nproc)" -LE 'gui|soak' --output-on-failure)
phase "The soak of the Release window (started above)"
soak_rc=0
wait "$soak_pid" || soak_rc=$?
cat "$soak_log"
[ "$soak_rc" -eq 0 ] || { echo "test.sh: the soak of the window failed" >&2; exit 1; }
# The window itself, once, under the same sanitizers: a shorter soak. Leak checking is off here
# only: the OpenGL driver (Mesa) and X11 keep allocations to the end by design; our own leaks
# are the unit suite's above, and the soak's resident-memory bound.
phase "The window under AddressSanitizer + UndefinedBehaviorSanitizer: a ${NNPLAY_SOAK_SECONDS_ASAN:-60} s soak"
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  bash app/tests/soak.sh "$alone/build-asan/app/nnplay" "${NNPLAY_SOAK_SECONDS_ASAN:-60}" 2

phase "ThreadSanitizer build: the background trainer and the window's map worker"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNNPLAY_SANITIZE=thread -DNNPLAY_BUILD_GUI=OFF >/dev/null
cmake --build build-tsan -j"$(nproc)" --target nnplay_trainer_tests nnplay_maps_tests
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest -L 'trainer|maps' --output-on-failure)

phase "libFuzzer (clang, ASan + UBSan): session and scenario files, points CSV, playground links, IDX images"
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNNPLAY_FUZZ=ON \
      -DNNPLAY_FUZZ_SECONDS="${NNPLAY_FUZZ_SECONDS:-60}" >/dev/null
cmake --build build-fuzz -j"$(nproc)"
(cd build-fuzz && ctest -L fuzz -j"$(nproc)" --output-on-failure) # one fuzzer a core
phase "All tests passed"

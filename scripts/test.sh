#!/usr/bin/env bash
# test.sh: install what is missing, build, and run every test: the Release build's suite
# (engine, trainer, command line, the real window under Xvfb), then the engine and command-line
# suites again under AddressSanitizer + UndefinedBehaviorSanitizer, then the background
# trainer's suite under ThreadSanitizer, then a minute of fuzzing the file loaders.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test

echo "== Release build: all tests"
(cd build && ctest -j"$(nproc)" --output-on-failure)

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build: engine and command-line tests"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNNPLAY_SANITIZE=address \
      -DNNPLAY_BUILD_GUI=OFF >/dev/null
cmake --build build-asan -j"$(nproc)"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
   ctest -j"$(nproc)" --output-on-failure)

echo "== ThreadSanitizer build: the background trainer"
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNNPLAY_SANITIZE=thread -DNNPLAY_BUILD_GUI=OFF >/dev/null
cmake --build build-tsan -j"$(nproc)" --target nnplay_trainer_tests
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest -L trainer --output-on-failure)

echo "== libFuzzer (clang, ASan + UBSan): session and scenario files"
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNNPLAY_FUZZ=ON \
      -DNNPLAY_FUZZ_SECONDS="${NNPLAY_FUZZ_SECONDS:-60}" >/dev/null
cmake --build build-fuzz -j"$(nproc)"
(cd build-fuzz && ctest -L fuzz --output-on-failure)

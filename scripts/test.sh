#!/usr/bin/env bash
# test.sh: install what is missing, build, and run every test, in three builds:
#  1. the portable Release build (the binary that is installed and packaged): the engine,
#     trainer, command-line and window suites (the real window under Xvfb), the install and
#     package checks, and a 5-minute soak of the window under random input;
#  2. one clang tree with AddressSanitizer + UndefinedBehaviorSanitizer that also builds the
#     libFuzzer targets: the engine and command-line suites, the fuzzers, a 1-minute soak;
#  3. a clang ThreadSanitizer tree: the background trainers and the window's map worker.
# Each stage's time is printed as it starts and in a table at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
stage_names=() stage_starts=()
phase() {
  stage_names+=("$*") stage_starts+=("$SECONDS")
  echo "== [$(date -u -d "@$SECONDS" +%M:%S)] $*"
}
summary() {
  echo "== Stage times (minutes:seconds)"
  local i end
  for i in "${!stage_names[@]}"; do
    end=${stage_starts[$((i + 1))]:-$SECONDS}
    printf '   %s  %s\n' "$(date -u -d "@$((end - stage_starts[i]))" +%M:%S)" "${stage_names[$i]}"
  done
  echo "   $(date -u -d "@$SECONDS" +%M:%S)  in all"
}
trap summary EXIT

phase "Set-up: missing packages, then the portable Release build with its tests (build-portable)"
scripts/setup.sh test

phase "Release build: all suites but the soak (the window tests two at a time)"
(cd build-portable && ctest -j"$(nproc)" -LE soak --output-on-failure)

phase "Install and package checks of the portable build (no -march=native, nothing of the build tree)"
app/tests/install_test.sh build-portable

phase "Nothing outside the repository: no file names a path beside the checkout"
if git grep -n -I -e '\.\./shared' -e 'shared/reference' -- . ':!scripts/test.sh'; then
  echo "test.sh: the lines above name files outside the repository; users who clone it alone do not have them" >&2
  exit 1
fi

phase "Format: every C++ file as .clang-format says"
if command -v clang-format >/dev/null; then
  git ls-files -z '*.cpp' '*.hpp' | xargs -0 clang-format --dry-run --Werror
fi

# The soak of the Release window runs beside the sanitizer build: it is one window on Xvfb, and
# the compiler is what waits least on it.
phase "Soak of the Release window, ${NNPLAY_SOAK_SECONDS:-300} s, in the background from here"
soak_log=$(mktemp)
(cd build-portable && ctest -L soak --output-on-failure >"$soak_log" 2>&1) &
soak_pid=$!
trap 'kill "$soak_pid" 2>/dev/null || true; summary' EXIT # a failed step below does not leave it running

# The sanitizer build runs from a copy of the repository alone (its tracked and new files, in a
# scratch folder with nothing beside it), so a test that reads outside the repository fails here.
alone="$(mktemp -d)/nnplay"
mkdir -p "$alone"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$alone"
backends=$(grep -o 'NNPLAY_IMGUI_BACKENDS:PATH=.*' build-portable/CMakeCache.txt | cut -d= -f2)
phase "clang AddressSanitizer + UndefinedBehaviorSanitizer build with the fuzz targets, in a copy of the repository alone ($alone)"
# -O1 and line tables only: the sanitizers' usual level, and a third of the compile time of -g.
CXX=clang++ cmake -S "$alone" -B "$alone/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DNNPLAY_FUZZ=ON -DNNPLAY_WINDOW_TESTS=OFF \
      -DNNPLAY_FUZZ_SECONDS="${NNPLAY_FUZZ_SECONDS:-60}" -DNNPLAY_IMGUI_BACKENDS="$backends" \
      $(scripts/ccache_flags.sh) >/dev/null
cmake --build "$alone/build-asan" -j"$(nproc)"

phase "Under the sanitizers: the engine, trainer and command-line suites"
(cd "$alone/build-asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
   ctest -j"$(nproc)" -LE 'gui|soak|fuzz' --output-on-failure)

phase "libFuzzer: session and scenario files, points CSV, playground links, IDX images, D-Bus messages"
# From the seeds in core/tests/fuzz (scripts/fuzz_keep.sh grows them with what a run finds).
(cd "$alone/build-asan" && ctest -L fuzz -j"$(nproc)" --output-on-failure) # one fuzzer a core

phase "The soak of the Release window (started above)"
soak_rc=0
wait "$soak_pid" || soak_rc=$?
cat "$soak_log"
[ "$soak_rc" -eq 0 ] || { echo "test.sh: the soak of the window failed" >&2; exit 1; }

# The window itself, once, under the same sanitizers: a shorter soak, beside the ThreadSanitizer
# build. Leak checking is off here only: the OpenGL driver (Mesa) and X11 keep allocations to
# the end by design; our own leaks are the unit suites' above, and the soak's memory bound.
phase "ThreadSanitizer build (clang), beside a ${NNPLAY_SOAK_SECONDS_ASAN:-60} s soak of the window under ASan + UBSan"
asan_soak_log=$(mktemp)
(ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
   bash app/tests/soak.sh "$alone/build-asan/app/nnplay" "${NNPLAY_SOAK_SECONDS_ASAN:-60}" 2 >"$asan_soak_log" 2>&1) &
asan_soak_pid=$!
trap 'kill "$soak_pid" "$asan_soak_pid" 2>/dev/null || true; summary' EXIT
CXX=clang++ cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
      -DNNPLAY_SANITIZE=thread -DNNPLAY_BUILD_GUI=OFF $(scripts/ccache_flags.sh) >/dev/null
cmake --build build-tsan -j"$(nproc)" --target nnplay_trainer_tests nnplay_maps_tests
asan_soak_rc=0
wait "$asan_soak_pid" || asan_soak_rc=$?
cat "$asan_soak_log"
[ "$asan_soak_rc" -eq 0 ] || { echo "test.sh: the soak of the window under the sanitizers failed" >&2; exit 1; }

phase "Under ThreadSanitizer: the background trainers and the window's map worker"
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest -L 'trainer|maps' --output-on-failure)
phase "All tests passed"

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
# ccache's hits and misses so far ("0 0" without ccache): the table says how much was compiled.
ccache_counts() {
  command -v ccache >/dev/null || { echo "0 0"; return; }
  ccache --print-stats 2>/dev/null | awk '/^(direct|preprocessed)_cache_hit\t/ {h += $2} /^cache_miss\t/ {m += $2}
                                          END {print h + 0, m + 0}'
}
read -r hits_before misses_before < <(ccache_counts)
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
  local hits misses
  read -r hits misses < <(ccache_counts)
  echo "   compiles: $((hits - hits_before)) from ccache, $((misses - misses_before)) compiled"
}
trap summary EXIT

phase "Set-up: missing packages, then the portable Release build with its tests (build-portable)"
scripts/setup.sh test

# The two sanitizer trees compile from here at the lowest CPU priority, beside the Release
# suites, the install checks and the soak below: the window tests and the soak mostly wait on
# their window, and a niced compiler takes only the CPU time they leave idle (a compiler at the
# same priority would slow the timed tests). ASan + UBSan runs from a copy of the repository alone
# (its tracked and new files, in a scratch folder with nothing beside it), so a test that reads
# outside the repository fails there. The folder's name is the same every run: clang's precompiled
# headers hold the sources' absolute paths, so in a new folder each run (mktemp) every file that
# uses them missed ccache.
alone="${TMPDIR:-/tmp}/nnplay-ci-alone/nnplay"
rm -rf "$(dirname "$alone")"
mkdir -p "$alone"
git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$alone"
backends=$(grep -o 'NNPLAY_IMGUI_BACKENDS:PATH=.*' build-portable/CMakeCache.txt | cut -d= -f2)
asan_log=$(mktemp) tsan_log=$(mktemp)
# -O1 and line tables only: the sanitizers' usual level, and a third of the compile time of -g.
# A unity build (CMAKE_UNITY_BUILD: eight sources compiled as one) in the ASan + UBSan tree, the
# longest step on CI's path: each header parsed and each template instantiated once a batch, not
# once a file (nnplay_core alone: 172 s compiled file by file, 103 s in batches, on this machine).
# The ThreadSanitizer tree is in the checkout, whose folder differs from clone to clone: without
# precompiled headers (whose absolute paths would differ too) its compiles hit ccache in any clone.
# ccache through the copy's own script: paths are made relative to the copy's folder, which is
# new each run, so its compiles hit what the last run's copy compiled.
(CXX=clang++ nice -n 19 cmake -S "$alone" -B "$alone/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DNNPLAY_FUZZ=ON -DNNPLAY_WINDOW_TESTS=OFF \
      -DNNPLAY_FUZZ_SECONDS="${NNPLAY_FUZZ_SECONDS:-40}" -DNNPLAY_IMGUI_BACKENDS="$backends" -DCMAKE_UNITY_BUILD=ON \
      $("$alone/scripts/ccache_flags.sh") && nice -n 19 cmake --build "$alone/build-asan" -j"$(nproc)") >"$asan_log" 2>&1 &
asan_pid=$!
(CXX=clang++ nice -n 19 cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DNNPLAY_SANITIZE=thread -DNNPLAY_BUILD_GUI=OFF \
      -DNNPLAY_PCH=OFF \
      $(scripts/ccache_flags.sh) && nice -n 19 cmake --build build-tsan -j"$(nproc)" --target nnplay_trainer_tests nnplay_maps_tests) \
  >"$tsan_log" 2>&1 &
tsan_pid=$!
# The browser page (WebAssembly, scripts/web.sh), niced beside them too.
web_log=$(mktemp)
nice -n 19 scripts/web.sh --build-only >"$web_log" 2>&1 &
web_pid=$!
background=("$asan_pid" "$tsan_pid" "$web_pid")
trap 'kill "${background[@]}" 2>/dev/null || true; summary' EXIT # a failed step does not leave them running
# await NAME PID LOG: waits for a background step; on failure prints its log and stops.
await() {
  local rc=0
  wait "$2" || rc=$?
  if [ "$rc" -ne 0 ]; then tail -n 60 "$3"; echo "test.sh: $1 failed" >&2; exit 1; fi
}

phase "Release build: all suites but the soak (the window tests two at a time; the sanitizer trees compile, niced, beside them)"
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

phase "Soak of the Release window, ${NNPLAY_SOAK_SECONDS:-300} s, in the background from here"
soak_log=$(mktemp)
(cd build-portable && ctest -L soak --output-on-failure >"$soak_log" 2>&1) &
soak_pid=$!
background+=("$soak_pid")

phase "The clang AddressSanitizer + UndefinedBehaviorSanitizer tree with the fuzz targets ($alone): its build"
await "the ASan + UBSan build" "$asan_pid" "$asan_log"

phase "Under the sanitizers: the engine, trainer and command-line suites"
(cd "$alone/build-asan" && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
   ctest -j"$(nproc)" -LE 'gui|soak|fuzz' --output-on-failure)

phase "The soak of the Release window (started above)"
soak_rc=0
wait "$soak_pid" || soak_rc=$?
cat "$soak_log"
[ "$soak_rc" -eq 0 ] || { echo "test.sh: the soak of the window failed" >&2; exit 1; }

# The window itself, once, under the same sanitizers: a shorter soak, with the fuzzers beside it
# at the lowest priority (they run for a fixed time: niced, they explore a little less while the
# window takes the CPU it needs to answer). Leak checking is off in the soak only: the OpenGL
# driver (Mesa) and X11 keep allocations to the end by design; our own leaks are the unit
# suites' above, and the soak's memory bound.
phase "libFuzzer (session and scenario files, points CSV, playground links, IDX images) beside the window under AddressSanitizer + UndefinedBehaviorSanitizer: a ${NNPLAY_SOAK_SECONDS_ASAN:-60} s soak"
fuzz_log=$(mktemp)
# From the seeds in core/tests/fuzz (scripts/fuzz_keep.sh grows them with what a run finds).
(cd "$alone/build-asan" && nice -n 19 ctest -L fuzz -j"$(nproc)" --output-on-failure >"$fuzz_log" 2>&1) &
fuzz_pid=$!
background+=("$fuzz_pid")
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  bash app/tests/soak.sh "$alone/build-asan/app/nnplay" "${NNPLAY_SOAK_SECONDS_ASAN:-60}" 2
fuzz_rc=0
wait "$fuzz_pid" || fuzz_rc=$?
cat "$fuzz_log"
[ "$fuzz_rc" -eq 0 ] || { echo "test.sh: a fuzzer failed" >&2; exit 1; }

phase "The clang ThreadSanitizer tree: its build"
await "the ThreadSanitizer build" "$tsan_pid" "$tsan_log"

phase "Under ThreadSanitizer: the background trainers and the window's map worker"
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 ctest -L 'trainer|maps' --output-on-failure)
phase "The browser page: its build (build-web/site, started above)"
await "the browser page's build" "$web_pid" "$web_log"

phase "The browser page in headless Chromium, over a plain static server: XOR trains in the page's frames"
node --experimental-websocket app/tests/web/page_test.mjs build-web/site
phase "All tests passed"

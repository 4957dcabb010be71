#!/usr/bin/env bash
# ccache_flags.sh: the CMake flag that puts ccache in front of the compiler, when it is installed
# (nothing otherwise). The settings travel in the environment of the build: CCACHE_BASEDIR makes
# paths relative to the checkout, so a fresh clone in another folder (CI's) hits what an earlier
# build compiled; the sloppiness lets ccache cache the compiles that use precompiled headers.
command -v ccache >/dev/null || exit 0
echo "-DCMAKE_CXX_COMPILER_LAUNCHER=$(cd "$(dirname "$0")" && pwd)/ccache_compile.sh"

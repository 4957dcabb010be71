#!/usr/bin/env bash
# ccache_compile.sh COMPILER ARGS...: one compile through ccache, with the settings that let a
# clone in another folder, and files built with precompiled headers, hit the cache.
root=$(cd "$(dirname "$0")/.." && pwd)
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
exec ccache "$@"

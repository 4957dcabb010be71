#!/usr/bin/env bash
# ccache_compile.sh COMPILER ARGS...: one compile through ccache, with the settings that let a
# clone in another folder, and files built with precompiled headers, hit the cache.
root=$(cd "$(dirname "$0")/.." && pwd)
# 10 GB: the desktop, sanitizer and browser trees together fill the default 5 GB, and then evict each other.
export CCACHE_MAXSIZE=10G CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
exec ccache "$@"

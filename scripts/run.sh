#!/usr/bin/env bash
# run.sh: install what is missing, build, and open nnplay on the XOR demo.
# Any arguments are passed to nnplay (e.g. scripts/run.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
exec build/app/nnplay "$@"

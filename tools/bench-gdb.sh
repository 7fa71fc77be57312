#!/usr/bin/env bash
# The GDB stub's benchmarks on both boards (tools/bench-gdb.py drives the stub over its socket
# as GDB does): gdb-step-us, one stepi round trip; reverse-step-ms-10s, one reverse-stepi over
# a history of 10 virtual seconds (goal: under a second). Builds nothing: run `make all` first.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
exec python3 "$top/tools/bench-gdb.py" "$top/${B:-build}"

#!/usr/bin/env bash
# CPU benchmark of the rv32 board (BENCH lines cpu-mips-rv32*, startup-ms-rv32): see
# tools/bench-cpu.sh, which does the work for both boards.
exec "$(dirname "$0")/bench-cpu.sh" rv32 "$@"

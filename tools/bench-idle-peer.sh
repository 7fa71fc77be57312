#!/usr/bin/env bash
# The idle-speed peer (doc/benchmarks.md): virtual seconds per wall second of the idle-clock app
# (LED0 toggling every 250 ms, a console line every 10 s of virtual time) on tocksim and on QEMU
# with -icount shift=0,sleep=off (deterministic virtual time, idle time skipped: QEMU's own
# fastest way through an idle guest), timed the same way on both: from the "10 s" line to the
# "210 s" line, best of 2. Prints "OURS QEMU" (x real time), or nothing (exit 1) without QEMU.
# Usage: tools/bench-idle-peer.sh cm4|rv32. Builds nothing: run `make all` first.
set -eu
B=${B:-build}
board=$1
w2l=$(dirname "$0")/wall-to-lines.pl
flash=$(mktemp); trap 'rm -f "$flash"' EXIT

app=$B/apps/idle-clock.tbf qemu=qemu-system-arm
[ "$board" = rv32 ] && app=$B/apps/rv32/slot0/idle-clock.tbf qemu=qemu-system-riscv32
command -v "$qemu" >/dev/null || exit 1

# factor CMD...: 200 virtual seconds over the wall time between the two lines.
factor() {
  local t
  t=$(timeout 120 "$w2l" "idle-clock: 10 s" "idle-clock: 210 s" -- "$@" | paste -sd' ') || return 1
  awk -v t="$t" 'BEGIN { split(t, x); printf "%.0f\n", 200 / (x[2] - x[1]) }'
}

best() {    # best CMD...: the higher factor of two runs
  local a b
  a=$(factor "$@") && b=$(factor "$@") || return 1
  echo $((a > b ? a : b))
}

ours=$(best "$B/tocksim" --board "$board" --kernel "$B/kernel/$board/kernel.elf" --app "$app" --until 1000s)
peer=$(best "$(dirname "$0")/qemu-tock.sh" "$board" "$app" "$flash" -icount shift=0,sleep=off)
echo "$ours $peer"

#!/usr/bin/env bash
# The idle-heavy speed of a board (doc/benchmarks.md): prints
#   BENCH name=idle-realtime-factor-BOARD value=X unit=x peer=qemu-icount peer_value=... ratio=...
# X: virtual seconds per wall second of the blink app (LED toggles, asleep in between) for
# 1,000 virtual s, from tocksim's own --stats, the best of 3 runs (the machine is shared: the
# best is the least disturbed).
# The peer: the idle-clock app (LED0 toggling every 250 ms, a console line every 10 s of virtual
# time) on tocksim and on QEMU with -icount shift=0,sleep=off (deterministic virtual time, idle
# time skipped: QEMU's own fastest way through an idle guest), timed the same way on both: from
# the "10 s" line to the "210 s" line, best of 2 (idle_clock_x, peer_idle_clock_x); peer_value
# is QEMU's in this line's terms (ours over QEMU, applied to X). Without QEMU, no peer.
# Usage: tools/bench-idle.sh cm4|rv32. Builds nothing: run `make all` first.
set -eu
B=${B:-build}
board=$1
w2l=$(dirname "$0")/wall-to-lines.pl
flash=$(mktemp); trap 'rm -f "$flash"' EXIT
run=("$B/tocksim" --board "$board" --kernel "$B/kernel/$board/kernel.elf")
apps=$B/apps qemu=qemu-system-arm
[ "$board" = rv32 ] && apps=$B/apps/rv32/slot0 qemu=qemu-system-riscv32

idle=0
for _ in 1 2 3; do
  f=$("${run[@]}" --app "$apps/blink.tbf" --until 1000s --stats 2>&1 >/dev/null |
      sed -n 's/.*virtual_s=\([0-9.]*\) wall_s=\([0-9.]*\).*/\1 \2/p' | awk '{ printf "%.0f", $1 / $2 }')
  [ "${f:-0}" -gt "$idle" ] && idle=$f
done
line="BENCH name=idle-realtime-factor-$board value=$idle unit=x"

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

if command -v "$qemu" >/dev/null && ours=$(best "${run[@]}" --app "$apps/idle-clock.tbf" --until 1000s) &&
   peer=$(best "$(dirname "$0")/qemu-tock.sh" "$board" "$apps/idle-clock.tbf" "$flash" -icount shift=0,sleep=off); then
  line="$line peer=qemu-icount $(awk -v v="$idle" -v o="$ours" -v q="$peer" \
        'BEGIN { printf "peer_value=%.0f ratio=%.2f", v * q / o, o / q }') idle_clock_x=$ours peer_idle_clock_x=$peer"
fi
echo "$line"

#!/usr/bin/env bash
# Snapshot benchmark (doc/snapshots.md, doc/benchmarks.md): on each board, the real kernel with
# blink, buttons and timers booted for 100 ms; then, 301 times: run 20 ms of virtual time (the
# apps wake, the kernel schedules: the guest dirties a few RAM pages; 1 ms would be idle time),
# restore (snapshot-restore-us), restore again with nothing to put back
# (snapshot-restore-unchanged-us), save (snapshot-save-us). Medians; also the RAM pages a
# restore rewrote and the size of the snapshot's file. Builds nothing: run `make all` first.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/${B:-build}
run_us=${BENCH_SNAPSHOT_RUN_US:-20000}
"$b/tools/snapshot-bench" cm4 "$run_us" "$b/kernel/cm4/kernel.elf" \
    "$b/apps/blink.tbf" "$b/apps/buttons.tbf" "$b/apps/timers.tbf"
"$b/tools/snapshot-bench" rv32 "$run_us" "$b/kernel/rv32/kernel.elf" \
    "$b/apps/rv32/slot0/blink.tbf" "$b/apps/rv32/slot1/buttons.tbf" "$b/apps/rv32/slot2/timers.tbf"

#!/usr/bin/env bash
# The whole-system kernel runs of tests/kernel_qemu_rv32.sh, on tocksim's rv32 board instead
# of QEMU; then what the kernel reports through tocksim's kernel-debug device (kdbg), read from
# a trace: the same process ids, fault events and states as on cm4
# (tests/kernel_tocksim_cm4.sh), and a trace that is identical from run to run.
set -u
B=${B:-build}
here=$(dirname "$0")
RUNNER=tocksim "$here/kernel_qemu_rv32.sh" "$@" || exit 1
[ $# -eq 0 ] || exit 0

# shellcheck source=tests/kernel_lib.sh
. "$here/kernel_lib.sh"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
# trace FILE: blink and fault-null (slots 0 and 1) for 3 s of virtual time.
trace() {
  "$B/tocksim" --board rv32 --kernel "$B/kernel/rv32/kernel.elf" \
    --app "$B/apps/rv32/slot0/blink.tbf" --app "$B/apps/rv32/slot1/fault-null.tbf" \
    --until 3s --trace "$1" >"$WORK/out" 2>&1 </dev/null
  [ $? -eq 124 ] || { echo "FAIL kdbg: tocksim did not run to --until"; cat "$WORK/out"; exit 1; }
}
trace "$WORK/t.jsonl"
check_kdbg_trace "$WORK/t.jsonl" rv32
# LED0 blinks: the trace has its changes, every 250 ms.
leds=$(grep -c '"kind":"led"' "$WORK/t.jsonl")
if [ "$leds" -ge 10 ]; then
  echo "ok   blink: $leds LED changes in 3 s"
else
  echo "FAIL blink: $leds LED changes in 3 s"; exit 1
fi
trace "$WORK/t2.jsonl"
if cmp -s "$WORK/t.jsonl" "$WORK/t2.jsonl"; then
  echo "ok   deterministic: $(wc -l <"$WORK/t.jsonl") trace events, byte-identical"
else
  echo "FAIL deterministic: two runs differ"; diff "$WORK/t.jsonl" "$WORK/t2.jsonl" | head -5; exit 1
fi

# The same image and apps on QEMU virt: the same console, line for line (a whole fault report
# with its registers), except what depends on the extra devices QEMU lacks: the devices line
# and the grant table's size (no GPIO and RNG drivers there).
if ! command -v qemu-system-riscv32 >/dev/null; then
  echo "skip transcript vs QEMU (qemu-system-riscv32 not installed)"; exit 0
fi
"$B/tools/mkappflash" --base 0x80100000 --size 0x100000 -o "$WORK/blob.bin" \
  "$B/apps/rv32/slot0/fault-null.tbf" "$B/apps/rv32/slot1/hello.tbf" || exit 1
# -icount: QEMU's time follows executed instructions (16 ns each, near our 64 MHz), so its
# transcript (timeslice counts, restarts) does not depend on how busy the host is. It ignores
# SIGTERM while it spins in the idle loop (sleep=off), hence -k (KILL a second later).
(timeout -k 1 4 qemu-system-riscv32 -M virt -bios none -nographic -monitor none -serial stdio \
  -global virtio-mmio.force-legacy=false -icount shift=4,sleep=off \
  -kernel "$B/kernel/rv32/kernel.elf" \
  -device loader,file="$WORK/blob.bin",addr=0x80100000,force-raw=on </dev/null >"$WORK/q.log" 2>&1; true) 2>/dev/null
"$B/tocksim" --board rv32 --kernel "$B/kernel/rv32/kernel.elf" \
  --app "$B/apps/rv32/slot0/fault-null.tbf" --app "$B/apps/rv32/slot1/hello.tbf" \
  --until 1s >"$WORK/s.log" 2>&1 </dev/null
clean() {
  tr -d '\r' <"$1" | sed -E '/^Devices:|terminating on signal|time limit reached|^tocksim: (PC|RA) 0x/d;
    /Grant ptrs|v Grants| Unused /d; /^ 0x80211[ef][0-9a-f]{2} \+-/d'
}
n=$(clean "$WORK/s.log" | wc -l)
if [ "$n" -gt 200 ] && grep -q "restart limit reached" "$WORK/s.log" &&
   diff <(clean "$WORK/q.log") <(clean "$WORK/s.log") >"$WORK/diff"; then
  echo "ok   same console as QEMU virt: $n lines (4 fault reports, hello), line for line"
else
  echo "FAIL console differs from QEMU virt ($n lines)"; head -20 "$WORK/diff" | sed 's/^/     /'; exit 1
fi

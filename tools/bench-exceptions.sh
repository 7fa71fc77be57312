#!/usr/bin/env bash
# The cost of a guest exception (doc/benchmarks.md, doc/performance.md): a process making null
# system calls (memop 2, "RAM start") in a loop into our kernel, on both boards; wall ns per
# round trip = wall time / system calls, from tocksim's --stats, best of 3, with the guest
# instructions each call executes (kernel entry, dispatch, return) beside it.
# Also the idle-heavy speed on rv32 (blink, 1000 s of virtual time), beside cm4's in
# tests/kernel_bench_cm4.sh. Builds nothing: run `make all` first.
set -eu
B=${B:-build}
SIM=$B/tocksim
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
[ -x "$SIM" ] || { echo "bench-exceptions: $SIM missing (make)" >&2; exit 1; }

# pack NAME CODE.bin OUT.tbf: a 1 KiB TBF of the code (tools/tiny-tbf.py).
pack() { python3 "$(dirname "$0")/tiny-tbf.py" "$@"; }


printf '.syntax unified\n.thumb\n.text\n.thumb_func\n.global _start\n_start:\n1: movs r0, #2\n svc 5\n b 1b\n' >"$W/cm4.S"
arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -c "$W/cm4.S" -o "$W/cm4.o"
arm-none-eabi-objcopy -O binary -j .text "$W/cm4.o" "$W/cm4.bin"
pack syscall "$W/cm4.bin" "$W/cm4.tbf"
printf '.text\n.global _start\n_start:\n1: li a0, 2\n li a4, 5\n ecall\n j 1b\n' >"$W/rv32.S"
riscv64-unknown-elf-gcc -march=rv32imac_zicsr -mabi=ilp32 -c "$W/rv32.S" -o "$W/rv32.o"
riscv64-unknown-elf-objcopy -O binary -j .text "$W/rv32.o" "$W/rv32.bin"
pack syscall "$W/rv32.bin" "$W/rv32.tbf"

# stats BOARD TBF SECONDS: "calls wall_s instructions" of the best of 3 runs.
stats() {
  local best="" line
  for _ in 1 2 3; do
    line=$("$SIM" --board "$1" --kernel "$B/kernel/$1/kernel.elf" --app "$2" --until "$3" --stats 2>&1 >/dev/null |
           sed -n 's/.*instructions=\([0-9]*\) .*wall_s=\([0-9.]*\) .*exceptions=\([0-9]*\).*/\3 \2 \1/p')
    [ -z "$best" ] && best=$line
    awk -v a="$line" -v b="$best" 'BEGIN { split(a, x); split(b, y); exit !(x[2] < y[2]) }' && best=$line
  done
  echo "$best"
}

for board in cm4 rv32; do
  name=exception-roundtrip-ns-cm4; [ "$board" = rv32 ] && name=trap-roundtrip-ns-rv32
  # A figure is only worth printing if the loop really ran: not if the kernel panicked.
  if "$SIM" --board "$board" --kernel "$B/kernel/$board/kernel.elf" --app "$W/$board.tbf" --until 100ms 2>&1 |
       grep -q 'Kernel panic'; then
    echo "bench-exceptions: $name not measured: the kernel panicked running the null-syscall loop" >&2
    continue
  fi
  read -r calls wall insns < <(stats "$board" "$W/$board.tbf" 2s)
  ns=$(awk -v w="$wall" -v c="$calls" 'BEGIN { printf "%.0f", w * 1e9 / c }')
  per=$(awk -v i="$insns" -v c="$calls" 'BEGIN { printf "%.0f", i / c }')
  echo "BENCH name=$name value=$ns unit=ns instructions_per_call=$per"
done
idle=0
for _ in 1 2 3; do
  f=$("$SIM" --board rv32 --kernel "$B/kernel/rv32/kernel.elf" --app "$B/apps/rv32/slot0/blink.tbf" --until 1000s \
       --stats 2>&1 >/dev/null | sed -n 's/.*virtual_s=\([0-9.]*\) wall_s=\([0-9.]*\).*/\1 \2/p' |
       awk '{ printf "%.0f", $1 / $2 }')
  [ "${f:-0}" -gt "$idle" ] && idle=$f
done
echo "BENCH name=idle-realtime-factor-rv32 value=$idle unit=x"

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

# The peer, measured the same way on both machines: QEMU TCG running the same kernel with an app
# that makes N null system calls and then executes an undefined instruction; the kernel's fault
# report on the console ends the run. Wall time to it for two N: the difference over the extra
# calls is one call's cost (boot and start-up cancel out).
loop_tbf() {    # loop_tbf BOARD N OUT.tbf
  if [ "$1" = cm4 ]; then
    printf '.syntax unified\n.thumb\n.text\n.thumb_func\n.global _start\n_start:\n ldr r4, =%d\n1: movs r0, #2\n svc 5\n subs r4, #1\n bne 1b\n udf #0\n.ltorg\n' "$2" >"$W/loop.S"
    arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -c "$W/loop.S" -o "$W/loop.o"
    arm-none-eabi-objcopy -O binary -j .text "$W/loop.o" "$W/loop.bin"
  else
    printf '.text\n.global _start\n_start:\n li s0, %d\n1: li a0, 2\n li a4, 5\n ecall\n addi s0, s0, -1\n bnez s0, 1b\n unimp\n' "$2" >"$W/loop.S"
    riscv64-unknown-elf-gcc -march=rv32imac_zicsr -mabi=ilp32 -c "$W/loop.S" -o "$W/loop.o"
    riscv64-unknown-elf-objcopy -O binary -j .text "$W/loop.o" "$W/loop.bin"
  fi
  pack loop "$W/loop.bin" "$3"
}

# to_fault CMD...: wall seconds from the start of CMD to the first console line saying
# "faulted" (tools/wall-to-lines.pl).
to_fault() { timeout 120 "$(dirname "$0")/wall-to-lines.pl" faulted -- "$@"; }

# run_to_fault BOARD MACHINE TBF: to_fault on ours or QEMU (tools/qemu-tock.sh).
run_to_fault() {
  if [ "$2" = ours ]; then
    to_fault "$SIM" --board "$1" --kernel "$B/kernel/$1/kernel.elf" --app "$3" --until 1000s
  else
    to_fault "$(dirname "$0")/qemu-tock.sh" "$1" "$3" "$3.flash"
  fi
}

# per_call BOARD MACHINE: ns per null system call on MACHINE (ours, qemu), best of 2.
per_call() {
  local n1=20000 n2=220000 t1 t2 k best=""
  loop_tbf "$1" $n1 "$W/l1.tbf"
  loop_tbf "$1" $n2 "$W/l2.tbf"
  for _ in 1 2; do
    t1=$(run_to_fault "$1" "$2" "$W/l1.tbf") && t2=$(run_to_fault "$1" "$2" "$W/l2.tbf") || return 1
    k=$(awk -v a="$t1" -v b="$t2" -v n=$((n2 - n1)) 'BEGIN { printf "%.1f", (b - a) * 1e9 / n }')
    if [ -z "$best" ] || awk -v a="$k" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$k; fi
  done
  echo "$best"
}

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
  qemu=qemu-system-arm; [ "$board" = rv32 ] && qemu=qemu-system-riscv32
  if command -v "$qemu" >/dev/null && ours=$(per_call "$board" ours) && peer=$(per_call "$board" qemu); then
    # The peer in the line's unit: QEMU's cost of a call over ours, times ours per exception.
    read -r pv ratio < <(awk -v o="$ours" -v q="$peer" -v v="$ns" 'BEGIN { printf "%.0f %.3f\n", v * q / o, o / q }')
    echo "BENCH name=$name value=$ns unit=ns instructions_per_call=$per peer=qemu-tcg peer_value=$pv ratio=$ratio ns_per_syscall=$ours peer_ns_per_syscall=$peer"
  else
    echo "bench-exceptions: $name: no QEMU peer ($qemu missing, or a run did not reach its fault)" >&2
    echo "BENCH name=$name value=$ns unit=ns instructions_per_call=$per"
  fi
done
# The idle-heavy speed on rv32, beside QEMU -icount (cm4's: tests/kernel_bench_cm4.sh).
"$(dirname "$0")/bench-idle.sh" rv32

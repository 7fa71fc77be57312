#!/usr/bin/env bash
# Whole-system runs of the rv32 kernel on QEMU's RISC-V virt machine (-bios none) with the
# example apps built for RISC-V: boots, prints, timers, several processes sharing the console,
# preemption of a CPU hog, the fault demos (the report names process, kind and address and
# shows mcause/mtval; the others keep running; the restart policy gives a new pid, then stops
# the app), fixed-address and invalid TBF images, the process console. The same image, the
# same assertions as tests/kernel_qemu_cm4.sh where the architectures agree.
#   tests/kernel_qemu_rv32.sh [case...]      (cases: see the bottom of this file)
# With RUNNER=tocksim (tests/kernel_tocksim_rv32.sh) the same cases and assertions run on
# tocksim's rv32 board instead, except those that type on the console or hand-craft a flash
# image.
#
# RISC-V apps are linked for fixed addresses: the k-th app of a list is its slot-k build,
# build/apps/rv32/slot<k>/<name>.tbf (mk/apps-rv32.mk), which lands at 0x80100000 + k * 8 KiB.
set -u
B=${B:-build}
RUNNER=${RUNNER:-qemu}
KERNEL=$B/kernel/rv32/kernel.elf
KERNEL_FLASH="0x80000000-0x800[0-9a-f]{5}"   # the kernel's flash range, as the process console prints it
MKAPPFLASH=$B/tools/mkappflash
APPS_BASE=0x80100000
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
failures=0; cases=0

if [ "$RUNNER" = qemu ] && ! command -v qemu-system-riscv32 >/dev/null; then
  echo "SKIP: qemu-system-riscv32 not installed"; exit 0
fi
for f in "$KERNEL" "$MKAPPFLASH" $([ "$RUNNER" = tocksim ] && echo "$B/tocksim"); do
  [ -e "$f" ] || { echo "FAIL: $f missing (run make)"; exit 1; }
done

# blob FILE app... : lays the apps' TBFs out for the apps region, the k-th app from its slot-k
# build; also remembers them for tocksim, which places --app files by the same rule.
blob() {
  local out=$1; shift
  local tbfs=() a k=0
  for a in "$@"; do tbfs+=("$B/apps/rv32/slot$k/$a.tbf"); k=$((k + 1)); done
  "$MKAPPFLASH" --base $APPS_BASE --size 0x100000 -o "$out" "${tbfs[@]}"
  printf -- '--app\n%s\n' "${tbfs[@]}" >"$out.args"
}

# start BLOB SECONDS < input > log: the machine under test.
start() {
  if [ "$RUNNER" = tocksim ]; then
    local args; mapfile -t args <"$1.args"
    exec "$B/tocksim" --board rv32 --kernel "$KERNEL" "${args[@]}" --until "${2}s"
  fi
  exec qemu-system-riscv32 -M virt -bios none -nographic -monitor none -serial stdio \
      -global virtio-mmio.force-legacy=false \
      -kernel "$KERNEL" -device loader,file="$1",addr=$APPS_BASE,force-raw=on
}

# The harness: qemu_only, run, all_present, feed.
# shellcheck source=tests/kernel_lib.sh
. "$(dirname "$0")/kernel_lib.sh"

# ---- cases ------------------------------------------------------------------------------------

case_hello() {
  blob "$WORK/hello.bin" hello
  run hello 10 "$WORK/hello.bin" /dev/null \
    "tocksim kernel 2.2 on rv32" \
    "Loader: process hello: flash 0x80100000-0x80102000, RAM 0x80210000-0x80212000" \
    "Initialization complete. Entering main loop" \
    "Hello, World!" "hello: relocated data ok (42)" \
    "hello: flash 0x80100000-0x80102000 ram 0x80210000-0x80212000" "hello: done" "!faulted"
}

case_multi() {
  blob "$WORK/multi.bin" timers blink console-a console-b hello
  local leds="blink: 2 LEDs"
  [ "$RUNNER" = qemu ] && leds="blink: no LEDs (0)"     # QEMU virt has no LEDs
  run multi 15 "$WORK/multi.bin" /dev/null \
    "Loader: process timers: flash 0x80100000" "Loader: process console-b: flash 0x80106000" \
    "timers: alarm at 10000000 Hz" "timers: done at" "console-a: done" "console-b: done" \
    "hello: flash 0x80108000-0x8010a000 ram 0x80218000-0x8021a000" "hello: done" \
    "$leds" "!faulted" "!Kernel panic"
}

# fault_case APP KIND DETAIL ADDRESS-REGEX MCAUSE: the report names the app, kind and address
# and shows mcause/mtval, the policy restarts it 3 times with new pids and then stops it, and
# hello keeps running.
fault_case() {
  local app=$1 kind=$2 detail=$3 addr=$4 mcause=$5
  blob "$WORK/$app.bin" "$app" hello timers
  run "$app" 20 "$WORK/$app.bin" /dev/null \
    "~Process $app \(pid [0-9]+\) faulted: $kind fault \($detail\) at address $addr" \
    "---| RISC-V Machine State |---" \
    "~Last cause \(mcause\): +$mcause" "~Last value \(mtval\): +$addr" \
    "App: $app   -   [Faulted]" \
    "~Process $app: restarting \(restart 1 of 3\), pid ([0-9]+) -> ([0-9]+)" \
    "Process $app: faulted 4 times, restart limit reached: stopped" \
    "hello: done" "timers: done at" "!Kernel panic"
}

L="0x00000005 \(Load access fault, exception 5\)"
S="0x00000007 \(Store/AMO access fault, exception 7\)"
I="0x00000001 \(Instruction access fault, exception 1\)"
case_fault_null()      { fault_case fault-null mpu "load access" 0x00000000 "$L"; }
case_fault_kernel_ram() { fault_case fault-kernel-ram mpu "store access" 0x80200100 "$S"; }
case_fault_other()     { fault_case fault-other-proc mpu "load access" '0x8020[0-9a-f]{4}' "$L"; }
case_fault_stack()     { fault_case fault-stack mpu "store access" '0x8020[0-9a-f]{4}' "$S"; }
case_fault_jump()      { fault_case fault-jump mpu "instruction fetch" '0x8021[0-9a-f]{4}' "$I"; }
# unimp (c.unimp, all zero bits): mtval holds the instruction, 0, not the address; so the
# address check is on the report's first line and mepc.
case_fault_illegal() {
  blob "$WORK/illegal.bin" fault-illegal hello timers
  run fault-illegal 20 "$WORK/illegal.bin" /dev/null \
    "fault-illegal: executing an undefined instruction (unimp)" \
    "~Process fault-illegal \(pid [0-9]+\) faulted: usage fault \(illegal instruction\) at address 0x8010[0-9a-f]{4}" \
    "Last cause (mcause):                 0x00000002 (Illegal instruction, exception 2)" \
    "Last value (mtval):                  0x00000000 (the instruction)" \
    "~Faulting PC \(mepc\): +0x8010[0-9a-f]{4}" \
    "Process fault-illegal: faulted 4 times, restart limit reached: stopped" \
    "hello: done" "timers: done at" "!Kernel panic"
}


# The fault report places the address, shows the registers and the PMP entries.
case_fault_map() {
  blob "$WORK/map.bin" fault-null hello
  run fault-map 10 "$WORK/map.bin" /dev/null \
    ">>> fault address 0x00000000 is outside this process: unmapped <<<" \
    "Protected (TBF header)      128" "~ x2  sp  : 0x8021[0-9a-f]{4}" \
    " PC : 0x8010" "---| MPU |---" \
    " PMP 0-1: [0x80100000-0x80102000, 8192 bytes] TOR RX" \
    " PMP 2-3: [0x80210000-0x80211000, 4096 bytes] TOR RW"
}

# The neighbour below fault-other-proc's RAM is the process before it.
case_fault_neighbour() {
  blob "$WORK/nb.bin" hello fault-other-proc timers
  run fault-neighbour 10 "$WORK/nb.bin" /dev/null \
    "Process fault-other-proc (pid 1) faulted: mpu fault (load access) at address 0x80211f00" \
    ">>> fault address 0x80211f00 is outside this process: hello <<<"
}

# A TBF with a broken checksum is skipped with its reason; an app linked for another slot is
# skipped ("linked for another flash address"); a padding image (no Main/Program TLV) is
# skipped silently; the apps after them still load.
case_bad_tbf() {
  qemu_only bad-tbf && return
  blob "$WORK/bad.bin" hello blink console-a
  python3 - "$WORK/bad.bin" "$B/apps/rv32/slot2/timers.tbf" "$B/apps/rv32/slot4/hello.tbf" <<'PY'
import struct, sys
path, timers, hello4 = sys.argv[1:4]
data = bytearray(open(path, 'rb').read())
S = 0x2000
# blink at slot 1: flip a byte of its package name TLV area (inside the header) -> checksum.
hs = struct.unpack_from('<H', data, S + 2)[0]
data[S + hs - 1] ^= 0x55
# slot 2: timers built for slot 2 replaced by console-a... no: by timers for slot 2 moved to
# slot 3 behind a padding TBF, so it is "linked for another flash address"; then hello for
# slot 4 where it belongs.
pad = bytearray(struct.pack('<HHIII', 2, 16, S, 0, 0))
pad[12:16] = struct.pack('<I', 2 ^ (16 << 16) ^ S ^ 0)
data[2 * S:] = pad + bytes(S - 16) + open(timers, 'rb').read() + open(hello4, 'rb').read()
open(path, 'wb').write(data + bytes(4))
PY
  run bad-tbf 10 "$WORK/bad.bin" /dev/null \
    "Loader: image at 0x80102000 skipped: header checksum mismatch" \
    "Loader: image at 0x80106000 (timers) skipped: linked for another flash address" \
    "Loader: process hello: flash 0x80108000-0x8010a000, RAM 0x80218000-0x8021a000" \
    "hello: flash 0x80108000-0x8010a000 ram 0x80218000-0x8021a000" \
    "!Loader: image at 0x80104000"
}




ALL="hello multi cpu_hog fault_null fault_kernel_ram fault_other fault_stack fault_jump fault_illegal syscall_storm syscall_regs
     fault_map fault_neighbour bad_tbf process_console echo panic"
for c in ${@:-$ALL}; do
  for a in hello timers; do
    [ -e "$B/apps/rv32/slot0/$a.tbf" ] || { echo "FAIL: $B/apps/rv32/slot0/$a.tbf missing (run make)"; exit 1; }
  done
  "case_${c//-/_}"
done
echo "kernel_${RUNNER}_rv32: $((cases - failures))/$cases cases passed"
[ "$failures" -eq 0 ]

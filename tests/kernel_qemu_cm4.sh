#!/usr/bin/env bash
# Whole-system runs of the cm4 kernel on QEMU's mps2-an386 with the example apps: boots, prints,
# timers, several processes sharing the console, preemption of a CPU hog, every fault demo
# (report names process, kind and address; the others keep running; restart policy gives a
# new pid, then stops), invalid and padding TBF images, the process console, the syscall storm.
# Each case waits until all its expected lines are on the console (or its time is up).
#   tests/kernel_qemu_cm4.sh [case...]      (cases: see the bottom of this file)
# With RUNNER=tocksim (tests/kernel_tocksim_cm4.sh) the same cases and assertions run on
# tocksim instead, except those that type on the console or hand-craft a flash image.
set -u
B=${B:-build}
RUNNER=${RUNNER:-qemu}
KERNEL=$B/kernel/cm4/kernel.elf
KERNEL_FLASH="0x00000000-0x000[0-9a-f]{5}"   # the kernel's flash range, as the process console prints it
MKAPPFLASH=$B/tools/mkappflash
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
failures=0; cases=0

if [ "$RUNNER" = qemu ] && ! command -v qemu-system-arm >/dev/null; then
  echo "SKIP: qemu-system-arm not installed"; exit 0
fi
for f in "$KERNEL" "$MKAPPFLASH" $([ "$RUNNER" = tocksim ] && echo "$B/tocksim"); do
  [ -e "$f" ] || { echo "FAIL: $f missing (run make)"; exit 1; }
done

# blob FILE app... : lays the apps' TBFs out for the apps region (in the order given); also
# remembers them for tocksim, which places --app files by the same rule.
blob() {
  local out=$1; shift
  local tbfs=() a
  for a in "$@"; do tbfs+=("$B/apps/$a.tbf"); done
  "$MKAPPFLASH" -o "$out" "${tbfs[@]}"
  printf -- '--app\n%s\n' "${tbfs[@]}" >"$out.args"
}

# start BLOB SECONDS < input > log: the machine under test.
start() {
  if [ "$RUNNER" = tocksim ]; then
    local args; mapfile -t args <"$1.args"
    exec "$B/tocksim" --board cm4 --kernel "$KERNEL" "${args[@]}" --until "${2}s"
  fi
  exec qemu-system-arm -M mps2-an386 -nographic -monitor none -serial stdio \
      -kernel "$KERNEL" -device loader,file="$1",addr=0x40000,force-raw=on
}

# The harness: qemu_only, run, all_present, feed.
# shellcheck source=tests/kernel_lib.sh
. "$(dirname "$0")/kernel_lib.sh"

# ---- cases ------------------------------------------------------------------------------------

case_hello() {
  blob "$WORK/hello.bin" hello
  run hello 10 "$WORK/hello.bin" /dev/null \
    "Loader: process hello: flash 0x00040000-0x00041000" \
    "Initialization complete. Entering main loop" \
    "Hello, World!" "hello: relocated data ok (42)" "hello: done" "!faulted"
}

case_multi() {
  blob "$WORK/multi.bin" timers blink console-a console-b hello
  run multi 15 "$WORK/multi.bin" /dev/null \
    "Loader: process timers" "Loader: process console-b" \
    "timers: done at" "console-a: done" "console-b: done" "hello: done" \
    "blink: 2 LEDs" "!faulted" "!Kernel panic"
}

# fault_case APP KIND DETAIL ADDRESS-REGEX: the report names the app, kind and address, the
# policy restarts it 3 times with new pids and then stops it, and hello keeps running.
fault_case() {
  local app=$1 kind=$2 detail=$3 addr=$4
  blob "$WORK/$app.bin" "$app" hello timers
  run "$app" 20 "$WORK/$app.bin" /dev/null \
    "~Process $app \(pid [0-9]+\) faulted: $kind fault \($detail\) at address $addr" \
    "---| Cortex-M Fault Status |---" "App: $app   -   [Faulted]" \
    "~Process $app: restarting \(restart 1 of 3\), pid ([0-9]+) -> ([0-9]+)" \
    "Process $app: faulted 4 times, restart limit reached: stopped" \
    "hello: done" "timers: done at" "!Kernel panic"
}

case_fault_null()      { fault_case fault-null mpu "data access" 0x00000000; }
case_fault_kernel_ram() { fault_case fault-kernel-ram mpu "data access" 0x20000100; }
case_fault_other()     { fault_case fault-other-proc mpu "data access" '0x2000[0-9a-f]{4}'; }
case_fault_stack()     { fault_case fault-stack mpu stacking '0x2000[0-9a-f]{4}'; }
case_fault_jump()      { fault_case fault-jump mpu "instruction fetch" '0x2000[0-9a-f]{4}'; }
case_fault_illegal()   { fault_case fault-illegal usage "undefined instruction" '0x0004[0-9a-f]{4}'; }

# The fault report places the address: fault-null's is in kernel flash, outside the process.
case_fault_map() {
  blob "$WORK/map.bin" fault-null hello
  run fault-map 10 "$WORK/map.bin" /dev/null \
    ">>> fault address 0x00000000 is outside this process: kernel flash <<<" \
    "Protected (TBF header)" "---| MPU |---" " PC : 0x0004"
}


# A TBF with a broken checksum is skipped with its reason; a padding image (no Main/Program
# TLV) is skipped silently; the apps after both still load.
case_bad_tbf() {
  qemu_only bad-tbf && return
  blob "$WORK/bad.bin" hello blink timers
  python3 - "$WORK/bad.bin" <<'PY'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, 'rb').read())
# blink at 0x1000: flip a byte of its package name TLV area (inside the header) -> checksum.
hs = struct.unpack_from('<H', data, 0x1000 + 2)[0]
data[0x1000 + hs - 1] ^= 0x55
# timers at 0x2000 moves to 0x3000; a padding TBF (base header only) fills 0x2000..0x3000.
timers = data[0x2000:0x3000]
pad = bytearray(struct.pack('<HHIII', 2, 16, 0x1000, 0, 0))
pad[12:16] = struct.pack('<I', 2 ^ (16 << 16) ^ 0x1000 ^ 0)
data[0x2000:0x3000] = pad + bytes(0x1000 - 16)
data[0x3000:0x3000] = timers
open(path, 'wb').write(data)
PY
  run bad-tbf 10 "$WORK/bad.bin" /dev/null \
    "Loader: image at 0x00041000 skipped: header checksum mismatch" \
    "Loader: process timers: flash 0x00043000-0x00044000" \
    "hello: done" "timers: done at" "!Loader: image at 0x00042000"
}




ALL="hello multi cpu_hog fault_null fault_kernel_ram fault_other fault_stack fault_jump
     fault_illegal fault_map syscall_storm syscall_regs bad_tbf process_console echo panic"
for c in ${@:-$ALL}; do
  for a in hello timers; do
    [ -e "$B/apps/$a.tbf" ] || { echo "FAIL: $B/apps/$a.tbf missing (run make)"; exit 1; }
  done
  "case_${c//-/_}"
done
echo "kernel_${RUNNER}_cm4: $((cases - failures))/$cases cases passed"
[ "$failures" -eq 0 ]

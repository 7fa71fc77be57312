#!/usr/bin/env bash
# The example apps' acceptance test on QEMU's mps2-an386 with the cm4 kernel: runs a few app
# sets and checks each app's console transcript (doc/userland.md lists the expected lines).
# Exits non-zero on the first failed check. Skips (exit 0) if qemu-system-arm is missing.
set -u
B=${B:-build}
KERNEL=$B/kernel/cm4/kernel.elf
MKAPPFLASH=$B/tools/mkappflash
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0

command -v qemu-system-arm >/dev/null || { echo "test-qemu: SKIP (no qemu-system-arm)"; exit 0; }
[ -f "$KERNEL" ] || { echo "test-qemu: no kernel at $KERNEL (make first)" >&2; exit 1; }

# run NAME MAX_SECONDS UNTIL_REGEX APP...: boots the apps, stops at UNTIL_REGEX or timeout.
# UNTIL_REGEX is also an assertion: a run that times out without it fails.
run() {
  local name=$1 secs=$2 until=$3; shift 3
  local tbfs=() a
  for a in "$@"; do tbfs+=("$B/apps/$a.tbf"); done
  "$MKAPPFLASH" -o "$tmp/$name.bin" "${tbfs[@]}" || exit 1
  out=$tmp/$name.log; : >"$out"
  # -icount: QEMU's virtual time follows executed instructions, so timer-driven output does not
  # depend on how busy the host is (without it a loaded CI machine changed the timers' counts).
  qemu-system-arm -M mps2-an386 -nographic -monitor none -serial stdio -icount shift=0,sleep=off \
    -kernel "$KERNEL" \
    -device loader,file="$tmp/$name.bin",addr=0x40000,force-raw=on </dev/null >"$out" 2>&1 &
  local pid=$! t=0
  while [ $t -lt $((secs * 10)) ] && ! grep -Eq "$until" "$out"; do sleep 0.1; t=$((t + 1)); done
  sleep 0.3                       # let the last lines of the other apps come out
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  echo "-- $name: $* ($((t / 10)).$((t % 10)) s)"
  expect "$until"
}

# expect REGEX [COUNT]: the transcript has a line matching REGEX (exactly COUNT of them).
expect() {
  local n ok; n=$(grep -Ec -- "$1" "$out")
  if [ -n "${2:-}" ]; then ok=$([ "$n" -eq "$2" ] && echo 1); else ok=$([ "$n" -ge 1 ] && echo 1); fi
  if [ -z "$ok" ]; then
    echo "FAIL [$(basename "$out" .log)]: expected ${2:-some} line(s) matching '$1', got $n"
    failed=1
  fi
}
expect_none() { expect "$1" 0; }

run demo 10 'timers: done.*' hello blink buttons timers console-a console-b
expect '^Hello, World!$'
expect '^hello: relocated data ok \(42\)$'
expect '^hello: -42 42 beef str ! \[    7\] \[ab  \] \[002a\]$'
expect '^hello: done$'
expect '^blink: 2 LEDs, LED0 toggles every 250 ms$'
expect '^buttons ready: 2 buttons, 2 LEDs$'
expect '^timers: fast #[0-9]+ at [0-9]+ ms$' 10
expect '^timers: slow #[0-9]+ at [0-9]+ ms$' 3
expect '^timers: one-shot "650 ms" at [0-9]+ ms$' 1
expect '^timers: done at [0-9]+ ms: fast 10, slow 3$'
expect '^console-a: line +[0-9]+ a{40}$' 10
expect '^console-b: line +[0-9]+ b{40}$' 10
expect '^console-a: done$'
expect '^console-b: done$'

run faults1 10 'fault-other-proc.*faulted 4 times' hello fault-null fault-kernel-ram fault-other-proc
expect '^hello: done$'
expect 'fault-null.*faulted.*(mpu|memory).*0x00000000'
expect 'fault-kernel-ram.*faulted.*(mpu|memory).*0x20000100'
expect 'fault-other-proc: my RAM starts at'
expect 'fault-other-proc.*faulted.*(mpu|memory).*0x[0-9a-f]+'
for a in fault-null fault-kernel-ram fault-other-proc; do
  expect "^Process $a: faulted 4 times, restart limit reached: stopped" 1
  expect "^Process $a: restarting \\(restart [123] of 3\\)" 3
done
expect_none 'NOT ISOLATED|NOT REACHED'

run faults2 10 'fault-illegal.*faulted 4 times' hello fault-stack fault-jump fault-illegal
expect '^hello: done$'
expect 'fault-stack.*faulted.*(mpu|memory)'
expect 'fault-jump.*faulted.*instruction'
expect 'fault-illegal.*faulted.*undefined instruction'
for a in fault-stack fault-jump fault-illegal; do
  expect "^Process $a: faulted 4 times, restart limit reached: stopped" 1
  expect "^Process $a: restarting \\(restart [123] of 3\\)" 3
done
expect_none 'NOT ISOLATED|NOT REACHED'

run storm 10 'app survived' syscall-storm
expect '^syscall-storm: random round: 800/800 calls failed as they should$'
expect '^syscall-storm: ([0-9]+)/\1 calls returned an error \(all of them\); app survived$'
expect_none 'UNEXPECTED SUCCESS'

run hog 10 'timers: done.*' cpu-hog timers
expect '^cpu-hog: spinning forever, never yielding$'
expect '^timers: done at [0-9]+ ms: fast 10, slow 3$'

# QEMU has no radio: the kernel leaves the 802.15.4 driver out (NODEVICE) and the apps say so.
run radio 10 'flood: no radio' radio-tx radio-rx ping-pong flood
expect '^Devices: .*radio absent'
expect '^radio-tx: no radio \(NODEVICE\)$'
expect '^radio-rx: no radio \(NODEVICE\)$'
expect '^ping-pong: no radio \(NODEVICE\)$'

if [ $failed -ne 0 ]; then
  echo "test-qemu: FAILED (transcripts kept in $tmp)"; trap - EXIT; exit 1
fi
echo "test-qemu: all app transcripts as expected"

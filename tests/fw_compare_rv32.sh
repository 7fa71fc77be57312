#!/usr/bin/env bash
# Fidelity check: runs the rv32 test firmware on QEMU (virt, -bios none) and on tocksim and
# compares the two UART transcripts line by line. Lines starting with "QEMU-DIFF: " mark places
# where QEMU's virt machine departs from the specifications or from our board on purpose (our
# extra devices, Smepmp); they are left out (doc/cpu-rv32.md lists them).
# Fails on any difference, a non-zero exit status, or a missing "ALL TESTS DONE".
# Builds nothing: run `make all` first. Transcripts go to build/fw_compare_rv32/.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${B:-build}
elf=$top/$build/firmware/rv32/fwtest.elf
tocksim=$top/$build/tocksim
out=$top/$build/fw_compare_rv32
qemu_timeout=${QEMU_TIMEOUT:-60}      # wall seconds
tocksim_until=${TOCKSIM_UNTIL:-10s}   # virtual time
done_line="ALL TESTS DONE"

fail() { echo "fw_compare_rv32: FAIL: $*"; exit 1; }

[ -f "$elf" ] || fail "$elf missing: run 'make all' first"
[ -x "$tocksim" ] || fail "$tocksim does not exist yet: build the simulator ('make all')"
command -v qemu-system-riscv32 >/dev/null || fail "qemu-system-riscv32 not found: run 'make deps'"
mkdir -p "$out"

timeout "$qemu_timeout" qemu-system-riscv32 -M virt -bios none -nographic -kernel "$elf" \
    </dev/null >"$out/qemu.txt" 2>"$out/qemu.err"
qemu_rc=$?
timeout $((qemu_timeout * 2)) "$tocksim" --board rv32 --kernel "$elf" --until "$tocksim_until" \
    </dev/null >"$out/tocksim.txt" 2>"$out/tocksim.err"
tocksim_rc=$?

for side in qemu tocksim; do
  tr -d '\r' <"$out/$side.txt" | grep -v '^QEMU-DIFF: ' >"$out/$side.cmp"
done

status=0
problem() { echo "fw_compare_rv32: $*"; status=1; }
[ "$qemu_rc" -eq 0 ] || problem "QEMU exited with status $qemu_rc (124 = timeout; see $out/qemu.err)"
[ "$tocksim_rc" -eq 0 ] || problem "tocksim exited with status $tocksim_rc (124 = --until reached; see $out/tocksim.err)"
grep -qx "$done_line" "$out/qemu.cmp" || problem "QEMU transcript lacks '$done_line'"
grep -qx "$done_line" "$out/tocksim.cmp" || problem "tocksim transcript lacks '$done_line'"
if ! diff -u --label qemu --label tocksim "$out/qemu.cmp" "$out/tocksim.cmp" >"$out/diff.txt"; then
  problem "transcripts differ ($(grep -c '^[-+][^-+]' "$out/diff.txt") lines; full diff: $out/diff.txt):"
  head -n 60 "$out/diff.txt"
fi
grep -h 'FAIL' "$out/qemu.cmp" | sed 's/^/fw_compare_rv32: QEMU check failed:/' | head -n 20
# QEMU-DIFF lines are not compared, but tocksim must meet the specification on each of them
# and have every extra device.
if grep -E '^QEMU-DIFF: .*( differs |: absent|: WRONG)' "$out/tocksim.txt" >"$out/tocksim-diff.txt"; then
  problem "tocksim fails QEMU-DIFF lines:"
  sed 's/^/  /' "$out/tocksim-diff.txt"
fi

if [ "$status" -eq 0 ]; then
  echo "fw_compare_rv32: PASS ($(wc -l <"$out/qemu.cmp") lines identical," \
       "$(grep -c '^QEMU-DIFF: ' "$out/qemu.txt") QEMU-DIFF lines skipped)"
else
  echo "fw_compare_rv32: FAIL"
fi
exit "$status"

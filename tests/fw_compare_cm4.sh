#!/usr/bin/env bash
# Fidelity check: runs the cm4 test firmware on QEMU (mps2-an386) and on tocksim and compares
# the two UART transcripts line by line. Lines starting with "QEMU-DIFF: " mark places where
# QEMU departs from the ARMv7-M ARM (doc/firmware-crosscheck.md) and are left out.
# Fails on any difference, a non-zero exit status, or a missing "ALL TESTS DONE".
# Builds nothing: run `make all` first. Transcripts go to build/fw_compare_cm4/.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${B:-build}
elf=$top/$build/firmware/cm4/fwtest.elf
tocksim=$top/$build/tocksim
out=$top/$build/fw_compare_cm4
qemu_timeout=${QEMU_TIMEOUT:-60}      # wall seconds
tocksim_until=${TOCKSIM_UNTIL:-10s}   # virtual time
done_line="ALL TESTS DONE"

fail() { echo "fw_compare_cm4: FAIL: $*"; exit 1; }

[ -f "$elf" ] || fail "$elf missing: run 'make all' first"
[ -x "$tocksim" ] || fail "$tocksim does not exist yet: build the simulator ('make all')"
command -v qemu-system-arm >/dev/null || fail "qemu-system-arm not found: run 'make deps'"
mkdir -p "$out"

timeout "$qemu_timeout" qemu-system-arm -M mps2-an386 -nographic \
    -semihosting-config enable=on,target=native -kernel "$elf" \
    </dev/null >"$out/qemu.txt" 2>"$out/qemu.err"
qemu_rc=$?
timeout $((qemu_timeout * 2)) "$tocksim" --board cm4 --kernel "$elf" --until "$tocksim_until" \
    </dev/null >"$out/tocksim.txt" 2>"$out/tocksim.err"
tocksim_rc=$?

# Comparable form: no carriage returns, no QEMU-DIFF lines, no lines of tocksim's known gaps
# (tests/firmware/cm4/known-gaps.txt: fixed-string line prefixes, listed below when present).
gaps=$top/tests/firmware/cm4/known-gaps.txt
grep -v '^#' "$gaps" | sed 's/^/^/' >"$out/gaps.re"
for side in qemu tocksim; do
  tr -d '\r' <"$out/$side.txt" | grep -v '^QEMU-DIFF: ' >"$out/$side.all"
  grep -v -f "$out/gaps.re" "$out/$side.all" >"$out/$side.cmp"
done
if grep -f "$out/gaps.re" "$out/tocksim.all" >"$out/gaps.txt"; then
  echo "fw_compare_cm4: $(wc -l <"$out/gaps.txt") lines of known tocksim gaps not compared:"
  sed 's/^/  gap: /' "$out/gaps.txt"
fi

status=0
problem() { echo "fw_compare_cm4: $*"; status=1; }
[ "$qemu_rc" -eq 0 ] || problem "QEMU exited with status $qemu_rc (124 = timeout; see $out/qemu.err)"
# The firmware exits 1 when a check fails; that is expected when only known gaps failed.
if [ "$tocksim_rc" -eq 1 ] && ! grep -q 'FAIL' "$out/tocksim.cmp" && [ -s "$out/gaps.txt" ]; then
  tocksim_rc=0
fi
[ "$tocksim_rc" -eq 0 ] || problem "tocksim exited with status $tocksim_rc (124 = --until reached; see $out/tocksim.err)"
grep -qx "$done_line" "$out/qemu.cmp" || problem "QEMU transcript lacks '$done_line'"
grep -qx "$done_line" "$out/tocksim.cmp" || problem "tocksim transcript lacks '$done_line'"
if ! diff -u --label qemu --label tocksim "$out/qemu.cmp" "$out/tocksim.cmp" >"$out/diff.txt"; then
  problem "transcripts differ ($(grep -c '^[-+][^-+]' "$out/diff.txt") lines; full diff: $out/diff.txt):"
  head -n 60 "$out/diff.txt"
fi
grep -h 'FAIL' "$out/qemu.cmp" | sed 's/^/fw_compare_cm4: QEMU check failed:/' | head -n 20

if [ "$status" -eq 0 ]; then
  echo "fw_compare_cm4: PASS ($(wc -l <"$out/qemu.cmp") lines identical," \
       "$(grep -c '^QEMU-DIFF: ' "$out/qemu.txt") QEMU-DIFF lines skipped)"
else
  echo "fw_compare_cm4: FAIL"
fi
exit "$status"

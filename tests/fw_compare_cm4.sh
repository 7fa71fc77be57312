#!/usr/bin/env bash
# Fidelity check: runs the cm4 test firmware on QEMU (mps2-an386) and on tocksim and compares
# the two UART transcripts line by line. Lines starting with "QEMU-DIFF: " mark places where
# QEMU departs from the ARMv7-M ARM (doc/firmware-crosscheck.md) and are left out.
# Fails on any difference, a non-zero exit status, or a missing "ALL TESTS DONE".
# Builds nothing: run `make all` first. Transcripts go to build/fw_compare_cm4/.
board=cm4
# shellcheck source=tests/fw_compare_lib.sh
. "$(dirname "$0")/fw_compare_lib.sh"

fwc_run qemu-system-arm -M mps2-an386 -nographic -semihosting-config enable=on,target=native

# Comparable form: no carriage returns, no QEMU-DIFF lines, no lines of tocksim's known gaps
# (tests/firmware/cm4/known-gaps.txt: fixed-string line prefixes, listed below when present).
gaps=$top/tests/firmware/cm4/known-gaps.txt
grep -v '^#' "$gaps" | sed 's/^/^/' >"$out/gaps.re"
for side in qemu tocksim; do
  fwc_comparable "$side" >"$out/$side.all"
  grep -v -f "$out/gaps.re" "$out/$side.all" >"$out/$side.cmp"
done
if grep -f "$out/gaps.re" "$out/tocksim.all" >"$out/gaps.txt"; then
  echo "fw_compare_cm4: $(wc -l <"$out/gaps.txt") lines of known tocksim gaps not compared:"
  sed 's/^/  gap: /' "$out/gaps.txt"
fi

# The firmware exits 1 when a check fails; that is expected when only known gaps failed.
if [ "$tocksim_rc" -eq 1 ] && ! grep -q 'FAIL' "$out/tocksim.cmp" && [ -s "$out/gaps.txt" ]; then
  tocksim_rc=0
fi
fwc_check
fwc_finish

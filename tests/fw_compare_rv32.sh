#!/usr/bin/env bash
# Fidelity check: runs the rv32 test firmware on QEMU (virt, -bios none) and on tocksim and
# compares the two UART transcripts line by line. Lines starting with "QEMU-DIFF: " mark places
# where QEMU's virt machine departs from the specifications or from our board on purpose (our
# extra devices, Smepmp); they are left out (doc/cpu-rv32.md lists them).
# Fails on any difference, a non-zero exit status, or a missing "ALL TESTS DONE".
# Builds nothing: run `make all` first. Transcripts go to build/fw_compare_rv32/.
board=rv32
# shellcheck source=tests/fw_compare_lib.sh
. "$(dirname "$0")/fw_compare_lib.sh"

fwc_run qemu-system-riscv32 -M virt -bios none -nographic -global virtio-mmio.force-legacy=false

for side in qemu tocksim; do
  fwc_comparable "$side" >"$out/$side.cmp"
done

fwc_check
# QEMU-DIFF lines are not compared, but tocksim must meet the specification on each of them
# and have every extra device.
if grep -E '^QEMU-DIFF: .*( differs |: absent|: WRONG)' "$out/tocksim.txt" >"$out/tocksim-diff.txt"; then
  problem "tocksim fails QEMU-DIFF lines:"
  sed 's/^/  /' "$out/tocksim-diff.txt"
fi
fwc_finish

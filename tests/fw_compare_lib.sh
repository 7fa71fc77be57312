# shellcheck shell=bash
# Shared part of tests/fw_compare_<board>.sh, sourced after setting `board`: runs the board's
# test firmware (build/firmware/<board>/fwtest.elf) on QEMU and on tocksim and compares the two
# UART transcripts. Transcripts go to build/fw_compare_<board>/.
#   fwc_run QEMU-COMMAND...  checks the inputs, runs both engines (QEMU with -kernel ELF added);
#                            sets qemu_rc and tocksim_rc
#   fwc_comparable SIDE      $out/SIDE.txt without carriage returns and QEMU-DIFF lines
#   fwc_check                the checks of every board: exit statuses, the done line, the diff,
#                            checks that failed on QEMU
#   problem MESSAGE          one more failure
#   fwc_finish               the PASS/FAIL line; exits with the status
set -u
: "${board:?set board before sourcing fw_compare_lib.sh}"
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${B:-build}
me=fw_compare_$board
elf=$top/$build/firmware/$board/fwtest.elf
tocksim=$top/$build/tocksim
out=$top/$build/$me
qemu_timeout=${QEMU_TIMEOUT:-60}      # wall seconds
tocksim_until=${TOCKSIM_UNTIL:-10s}   # virtual time
done_line="ALL TESTS DONE"
status=0

fail() { echo "$me: FAIL: $*"; exit 1; }
problem() { echo "$me: $*"; status=1; }

fwc_run() {
  [ -f "$elf" ] || fail "$elf missing: run 'make all' first"
  [ -x "$tocksim" ] || fail "$tocksim does not exist yet: build the simulator ('make all')"
  command -v "$1" >/dev/null || fail "$1 not found: run 'make deps'"
  mkdir -p "$out"
  timeout "$qemu_timeout" "$@" -kernel "$elf" </dev/null >"$out/qemu.txt" 2>"$out/qemu.err"
  qemu_rc=$?
  timeout $((qemu_timeout * 2)) "$tocksim" --board "$board" --kernel "$elf" --until "$tocksim_until" \
      </dev/null >"$out/tocksim.txt" 2>"$out/tocksim.err"
  tocksim_rc=$?
}

fwc_comparable() {
  tr -d '\r' <"$out/$1.txt" | grep -v '^QEMU-DIFF: '
}

fwc_check() {
  [ "$qemu_rc" -eq 0 ] || problem "QEMU exited with status $qemu_rc (124 = timeout; see $out/qemu.err)"
  [ "$tocksim_rc" -eq 0 ] || problem "tocksim exited with status $tocksim_rc (124 = --until reached; see $out/tocksim.err)"
  grep -qx "$done_line" "$out/qemu.cmp" || problem "QEMU transcript lacks '$done_line'"
  grep -qx "$done_line" "$out/tocksim.cmp" || problem "tocksim transcript lacks '$done_line'"
  if ! diff -u --label qemu --label tocksim "$out/qemu.cmp" "$out/tocksim.cmp" >"$out/diff.txt"; then
    problem "transcripts differ ($(grep -c '^[-+][^-+]' "$out/diff.txt") lines; full diff: $out/diff.txt):"
    head -n 60 "$out/diff.txt"
  fi
  grep -h 'FAIL' "$out/qemu.cmp" | sed "s/^/$me: QEMU check failed:/" | head -n 20
}

fwc_finish() {
  if [ "$status" -eq 0 ]; then
    echo "$me: PASS ($(wc -l <"$out/qemu.cmp") lines identical," \
         "$(grep -c '^QEMU-DIFF: ' "$out/qemu.txt") QEMU-DIFF lines skipped)"
  else
    echo "$me: FAIL"
  fi
  exit "$status"
}

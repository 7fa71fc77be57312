#!/usr/bin/env bash
# The whole-system kernel runs of tests/kernel_qemu_cm4.sh, on tocksim instead of QEMU; then
# what the kernel reports through tocksim's kernel-debug device (kdbg), read from a trace:
# process ids at load and after each restart, the fault events, states.
set -u
B=${B:-build}
here=$(dirname "$0")
RUNNER=tocksim "$here/kernel_qemu_cm4.sh" "$@" || exit 1
[ $# -eq 0 ] || exit 0

# shellcheck source=tests/kernel_lib.sh
. "$here/kernel_lib.sh"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
"$B/tocksim" run --board cm4 --trace "$WORK/t.jsonl" "$here/../scenarios/kdbg-fault-null.json" >"$WORK/out" 2>&1 </dev/null
check_kdbg_trace "$WORK/t.jsonl" cm4

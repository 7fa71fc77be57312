#!/usr/bin/env bash
# The whole-system kernel runs of tests/kernel_qemu_cm4.sh, on tocksim instead of QEMU; then
# what the kernel reports through tocksim's kernel-debug device (kdbg), read from a trace:
# process ids at load and after each restart, the fault events, states.
set -u
B=${B:-build}
here=$(dirname "$0")
RUNNER=tocksim "$here/kernel_qemu_cm4.sh" "$@" || exit 1
[ $# -eq 0 ] || exit 0

WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
"$B/tocksim" run --trace "$WORK/t.jsonl" "$here/../scenarios/kdbg-fault-null.json" >"$WORK/out" 2>&1 </dev/null
proc() { grep '"kind":"proc"' "$WORK/t.jsonl" | grep -v '"event":"switch"' | sed 's/^{"t_ns":[0-9]*,"node":"cm4","kind":"proc",//; s/}$//'; }
want='"event":"created","pid":0,"slot":0,"name":"blink","state":"running","restarts":0
"event":"created","pid":1,"slot":1,"name":"fault-null","state":"running","restarts":0
"event":"fault","pid":1,"slot":1,"name":"fault-null","fault":"mpu","addr":0
"event":"created","pid":2,"slot":1,"name":"fault-null","state":"running","restarts":1
"event":"fault","pid":2,"slot":1,"name":"fault-null","fault":"mpu","addr":0
"event":"created","pid":3,"slot":1,"name":"fault-null","state":"running","restarts":2
"event":"fault","pid":3,"slot":1,"name":"fault-null","fault":"mpu","addr":0
"event":"created","pid":4,"slot":1,"name":"fault-null","state":"running","restarts":3
"event":"fault","pid":4,"slot":1,"name":"fault-null","fault":"mpu","addr":0'
got=$(proc | grep -E '"event":"(created|fault)"')
if [ "$got" = "$want" ]; then
  echo "ok   kdbg: created/fault events, a new pid per restart"
else
  echo "FAIL kdbg: created/fault events"; diff <(echo "$want") <(echo "$got") | sed 's/^/     /'; exit 1
fi
# Every state change is reported once: never the same state twice in a row for a pid.
dups=$(proc | grep '"event":"state"' | sed 's/,"restarts".*//' | uniq -d | head -3)
switches=$(grep -c '"event":"switch"' "$WORK/t.jsonl")
if [ -z "$dups" ] && [ "$switches" -gt 4 ] && proc | grep -q '"pid":0,"slot":0,"name":"blink","state":"yielded"'; then
  echo "ok   kdbg: state changes once each, $switches switches"
else
  echo "FAIL kdbg: repeated states or no switches ($switches)"; echo "$dups" | sed 's/^/     /'; exit 1
fi

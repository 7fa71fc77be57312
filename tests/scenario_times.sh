#!/usr/bin/env bash
# A step's printed time is the time of the event that decided it (doc/scenarios.md, "A step's
# time"): each scenario instance runs with --trace, and tests/step_times.py finds the deciding
# events in the trace on its own (console bytes, LED changes, kdbg process events and faults)
# and compares. Single-board scenarios of the suite, plus steps the suite does not have: an
# opening expect_blink (it runs until it has `over` of history: its time is its window's end),
# waits for output that arrived long before, among later output, and expect_process that waits.
# Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
sim=$top/build/tocksim
out=$top/build/scenario-times
rm -rf "$out" && mkdir -p "$out"
cd "$top" || exit 1
fails=0

# An opening expect_blink, then one that measures backward.
cat >"$out/blink-open.json" <<'EOF'
{ "board": ["cm4", "rv32"], "apps": ["blink"], "timeout": "5s",
  "steps": [ { "expect_blink": { "led": "LED0", "hz": 2, "tolerance": 0.05 }, "over": "1100ms" },
             { "expect_led": { "LED0": "on" }, "within": "600ms" },
             { "run_for": "1s" },
             { "expect_blink": { "led": "LED1", "hz": 1, "tolerance": 0.05 }, "over": "2s" } ] }
EOF
# Text printed long before the wait, with more output after it: the text's own last byte.
cat >"$out/late-wait.json" <<'EOF'
{ "board": ["cm4", "rv32"], "apps": ["hello"], "timeout": "2s",
  "steps": [ { "run_for": "100ms" },
             { "wait_console": "Hello, World!" },
             { "wait_console": "hello: relocated data ok" },
             { "wait_console": "hello: done" } ] }
EOF
# expect_process steps that wait: the kdbg event that made each hold.
cat >"$out/process-within.json" <<'EOF'
{ "board": ["cm4", "rv32"], "apps": ["fault-null", "blink"], "timeout": "2s",
  "steps": [ { "expect_process": { "app": "fault-null", "restarts": 1 }, "within": "500ms" },
             { "expect_process": { "app": "fault-null", "state": "faulted", "restarts": 2 }, "within": "500ms" },
             { "expect_fault": { "app": "fault-null", "kind": "mpu" } },
             { "expect_process": { "app": "fault-null", "state": "faulted", "restarts": 3 }, "within": "1s" },
             { "expect_led": { "LED0": "on", "LED1": "on" }, "within": "2s" } ] }
EOF

for f in "$out"/blink-open.json "$out"/late-wait.json "$out"/process-within.json \
         scenarios/{blink,buttons,hello,timers,echo,fault-null,kdbg-fault-null,kdbg-process-states,kdbg-device,faults-kdbg,cpu-hog,syscall-storm}.json; do
  for board in cm4 rv32; do
    name=$(basename "$f" .json).$board
    "$sim" run --board "$board" --trace "$out/$name.jsonl" "$f" >"$out/$name.out" 2>&1 </dev/null
    rc=$?
    if [ "$rc" -ne 0 ]; then
      echo "scenario_times: FAIL $name: exit $rc"; grep -E '^  FAIL|^(FAIL|ERROR)' "$out/$name.out"; fails=$((fails + 1))
    elif python3 tests/step_times.py "$f" "$board" "$out/$name.out" "$out/$name.jsonl" >"$out/$name.check"; then
      echo "scenario_times: ok   $name: $(sed -n 's/.*: \([0-9]* step times checked\).*/\1/p' "$out/$name.check")"
    else
      echo "scenario_times: FAIL $name"; sed 's/^/  | /' "$out/$name.check"; fails=$((fails + 1))
    fi
  done
done
[ "$fails" -eq 0 ]

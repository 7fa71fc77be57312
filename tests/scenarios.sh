#!/usr/bin/env bash
# The scenario regression suite (scenarios/*.json, headless, 2 jobs) and the scenario runner's
# own behaviour: JUnit report, byte-identical traces and VCDs run to run, error messages with
# file:line:column, exit statuses, shards, --strace, and tocksim boot. Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
sim=$top/build/tocksim
out=$top/build/scenarios-test
rm -rf "$out" && mkdir -p "$out"
cd "$top" || exit 1
fails=0
ok() { echo "scenarios: ok   $1"; }
bad() { echo "scenarios: FAIL $1"; fails=$((fails + 1)); }

# 1. The suite.
"$sim" run -j 2 --junit "$out/junit.xml" scenarios/*.json >"$out/suite.out" 2>&1 </dev/null
rc=$?
sed -n '/^[0-9]* scenarios*:/,$p' "$out/suite.out"
if [ "$rc" -eq 0 ]; then ok "suite (exit 0)"; else bad "suite: exit $rc"; grep -E '^(FAIL|ERROR)|^  FAIL' "$out/suite.out"; fi
# One testcase per file and board it names.
n=$(python3 -c 'import json, sys
b = [json.load(open(f)).get("board", "cm4") for f in sys.argv[1:]]
print(sum(len(x) if isinstance(x, list) else 1 for x in b))' scenarios/*.json)
cases=$(grep -c '<testcase ' "$out/junit.xml" 2>/dev/null)
if [ "$cases" = "$n" ] && grep -q "<testsuite name=\"tocksim scenarios\" tests=\"$n\" failures=\"0\" errors=\"0\"" "$out/junit.xml"; then
  ok "JUnit report: $cases testcases"
else
  bad "JUnit report: $cases testcases for $n scenarios"
fi
if command -v python3 >/dev/null; then
  python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$out/junit.xml" && ok "JUnit XML parses" || bad "JUnit XML does not parse"
fi

if python3 -c 'import jsonschema' 2>/dev/null; then
  python3 - doc/scenario.schema.json scenarios/*.json <<'PY' && ok "scenarios/*.json valid against doc/scenario.schema.json" || bad "schema"
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
bad = [(f, e.message) for f in sys.argv[2:] for e in v.iter_errors(json.load(open(f)))]
for f, m in bad: print(f, m[:200])
sys.exit(1 if bad else 0)
PY
fi

# 2. Determinism: the same scenarios twice (serial, then in parallel) give identical files.
for run in 1 2; do
  jobs=$([ "$run" = 1 ] && echo 1 || echo 2)
  "$sim" run -j "$jobs" --trace "$out/t$run.jsonl" --vcd "$out/v$run.vcd" scenarios/buttons.json \
      scenarios/process-console.json scenarios/two-boards.json >/dev/null 2>&1 </dev/null
done
same=1
for s in buttons.cm4 buttons.rv32 process-console.cm4 process-console.rv32 two-boards.cm4 two-boards.rv32; do
  for ext in jsonl vcd; do
    f1=$out/$([ $ext = jsonl ] && echo t1 || echo v1).$s.$ext f2=$out/$([ $ext = jsonl ] && echo t2 || echo v2).$s.$ext
    if [ ! -s "$f1" ] || ! cmp -s "$f1" "$f2"; then bad "deterministic $ext: $f1 and $f2 differ or are empty"; same=0; fi
  done
done
[ "$same" = 1 ] && ok "deterministic traces and VCDs (byte-identical, -j 1 vs -j 2)"
for kind in console syscall upcall switch led button pin step; do
  grep -q "\"kind\":\"$kind\"" "$out"/t1.*.jsonl || bad "trace has no \"$kind\" events"
done
grep -q '"node":"right"' "$out/t1.two-boards.rv32.jsonl" && grep -q '"node":"left"' "$out/t1.two-boards.rv32.jsonl" \
  && grep -q '"node":"right"' "$out/t1.two-boards.cm4.jsonl" && grep -q '"node":"left"' "$out/t1.two-boards.cm4.jsonl" \
  && ok "trace event kinds, nodes" || bad "two-boards trace lacks a node"
if grep -q '^\$enddefinitions \$end' "$out/v1.buttons.cm4.vcd" && grep -q '\$var wire 1 .* LED0 \$end' "$out/v1.buttons.cm4.vcd" \
   && [ "$(grep -c '^#' "$out/v1.buttons.cm4.vcd")" -gt 3 ]; then ok "VCD header and changes"; else bad "VCD file"; fi

# 3. Errors name the file, line and column or JSON path; exit 2 for malformed scenarios.
mkdir -p "$out/bad"
printf '{\n  "apps": ["hello"],\n  "steps": [ { "note": "x" } ]\n  "timeout": "1s"\n}\n' >"$out/bad/syntax.json"
printf '{\n  "apps": ["hello"],\n  "steps": [\n    { "note": "x" },\n    { "wait_consol": "x" }\n  ]\n}\n' >"$out/bad/verb.json"
printf '{\n  "apps": ["hello"],\n  "steps": [\n    { "wait_console": "x", "tmeout": "1s" }\n  ]\n}\n' >"$out/bad/field.json"
printf '{ "apps": ["hello"], "steps": [ { "run_for": 5 } ] }\n' >"$out/bad/time.json"
printf '{ "apps": ["nosuchapp"], "steps": [ { "note": "x" } ] }\n' >"$out/bad/app.json"
printf '{ "apps": ["buttons"], "steps": [ { "press": "BTN7" } ] }\n' >"$out/bad/button.json"
expect_error() {   # expect_error FILE PATTERN
  "$sim" run "$out/bad/$1" >"$out/bad/$1.out" 2>&1 </dev/null
  local rc=$?
  if [ "$rc" -eq 2 ] && grep -qF -- "$2" "$out/bad/$1.out"; then ok "error: $2"
  else bad "$1: exit $rc, want 2 and '$2'"; sed 's/^/  | /' "$out/bad/$1.out" | head -5; fi
}
expect_error syntax.json "syntax.json:4:3: JSON syntax error"
expect_error verb.json "verb.json:5:5: steps[1]: no verb in this step (first key is 'wait_consol')"
expect_error field.json "field.json:4:28: steps[0].tmeout: unknown field 'tmeout' (expected one of: wait_console, timeout, node, board, comment)"
expect_error time.json 'steps[0].run_for: expected a time with a unit'
expect_error app.json 'apps[0]: app '
expect_error button.json "steps[0].press: no button 7: the board has 2"
printf '{\n  "board": ["cm4", "rv64"],\n  "apps": ["hello"],\n  "steps": [ { "note": "x" } ]\n}\n' >"$out/bad/board.json"
printf '{\n  "board": ["cm4", "rv32"],\n  "vars": { "cm4": { "X": "a" } },\n  "steps": [\n    { "wait_console": "${X}" }\n  ]\n}\n' >"$out/bad/var.json"
printf '{\n  "board": ["cm4", "rv32"],\n  "steps": [ { "note": "x", "board": "cm4" } ]\n}\n' >"$out/bad/nostep.json"
printf '{\n  "board": "rv32",\n  "steps": [ { "note": "x", "board": "cm4" } ]\n}\n' >"$out/bad/stepboard.json"
expect_error board.json "board.json:2:20: board[1]: unknown board 'rv64' (known: cm4, rv32)"
expect_error var.json "var.json:5:23: steps[0].wait_console: \${X} is not defined for board rv32"
expect_error nostep.json "nostep.json:3:12: steps: no step runs on board rv32"
expect_error stepboard.json "stepboard.json:3:38: steps[0].board: 'cm4' is not one of the scenario's boards"

# 4. A failing scenario: exit 1, the step, the file and line, the console tail.
printf '{\n  "apps": ["hello"],\n  "steps": [\n    { "wait_console": "Hello, World!" },\n    { "wait_console": "never printed", "timeout": "20ms" }\n  ]\n}\n' >"$out/bad/fails.json"
"$sim" run "$out/bad/fails.json" >"$out/fails.out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 1 ] && grep -q 'FAIL #2 .*wait_console "never printed": text not seen within 20.000 ms (.*fails.json:5)' "$out/fails.out" \
   && grep -q '| hello: done' "$out/fails.out"; then ok "failing scenario: exit 1, step, place, console tail"
else bad "failing scenario: exit $rc"; sed 's/^/  | /' "$out/fails.out" | head -8; fi

# 5. Shards split the suite.
total=0
for k in 1 2 3; do
  c=$("$sim" run --shard $k/3 scenarios/hello.json scenarios/blink.json scenarios/echo.json scenarios/timers.json </dev/null 2>/dev/null | grep -c '^PASS')
  total=$((total + c))
done
[ "$total" -eq 8 ] && ok "--shard 1/3..3/3 ran each of 4 scenarios x 2 boards once" || bad "--shard: $total scenarios ran, want 8"

# 5b. The board matrix: --board picks one board's instances; board-only steps and ${VARS}.
"$sim" run --board rv32 scenarios/hello.json scenarios/kdbg-fault-null.json scenarios/kdbg-device.json \
    >"$out/board.out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 0 ] && [ "$(grep -c '^PASS' "$out/board.out")" -eq 3 ] && grep -q '^PASS hello \[rv32\]' "$out/board.out" \
   && grep -q '^PASS kdbg-fault-null \[rv32\]: 15/15 steps' "$out/board.out" && ! grep -q 'cm4\]' "$out/board.out"; then
  ok "--board rv32: only the rv32 instances"
else bad "--board rv32: exit $rc"; grep -E '^(PASS|FAIL|ERROR)' "$out/board.out"; fi
# A board-only step: left out on the other board, steps numbered without it.
printf '{ "board": ["cm4", "rv32"], "apps": ["hello"],\n  "steps": [ { "wait_console": "hello: done" },\n    { "wait_console": "never", "timeout": "1ms", "board": "cm4" } ] }\n' >"$out/only.json"
"$sim" run "$out/only.json" >"$out/only.out" 2>&1 </dev/null
if grep -q '^FAIL only \[cm4\]: 1/2 steps' "$out/only.out" && grep -q '^PASS only \[rv32\]: 1/1 steps' "$out/only.out"; then
  ok "board-only step: runs (and fails) on cm4, left out on rv32"
else bad "board-only step"; grep -E '^(PASS|FAIL|ERROR)' "$out/only.out"; fi

# A node that names its own board gets its own ${BOARD} in its kernel path, on every instance.
printf '{ "board": ["cm4", "rv32"],\n  "nodes": [ { "name": "a", "apps": ["hello"] },\n    { "name": "b", "board": "rv32", "kernel": "../scenarios/${BOARD}/kdbg-events.elf" } ],\n  "steps": [ { "wait_console": "hello: done", "node": "a" }, { "wait_console": "kdbg-events: done", "node": "b" } ] }\n' >"$out/own.json"
"$sim" run "$out/own.json" >"$out/own.out" 2>&1 </dev/null
if [ "$(grep -c '^PASS own' "$out/own.out")" -eq 2 ]; then ok "\${BOARD} in a node that names its own board"
else bad "own-board node"; grep -E '^(PASS|FAIL|ERROR)' "$out/own.out"; fi

# 6. --strace decodes system calls and upcalls.
"$sim" run --strace scenarios/buttons.json >"$out/strace.out" 2>&1 </dev/null
if grep -q '^\[[0-9.]* ms\] buttons.0 command(led=0x2, cmd=3 toggle, 0, 0) = Success$' "$out/strace.out" \
   && grep -q 'buttons.0 subscribe(button=0x3, 0, fn=0x[0-9a-f]*, ud=0x0) = Success(0, 0)' "$out/strace.out" \
   && grep -q 'yield(wait) = upcall button/0 fn=0x[0-9a-f]*(0, 1, 0, ud=0x0)' "$out/strace.out"; then
  ok "--strace: commands, subscribe, upcalls"
else bad "--strace output"; grep -m5 'buttons.0' "$out/strace.out"; fi

# 7. tocksim boot: terminal console (input typed after boot), default kernel from the build
#    tree, --realtime, --until.
(sleep 0.1; printf 'help\r') | "$sim" boot --no-window --realtime 4 --until 1s blink >"$out/boot.out" 2>&1
rc=$?
if [ "$rc" -eq 124 ] && grep -q 'blink: 2 LEDs' "$out/boot.out" && grep -q 'Valid commands are' "$out/boot.out"; then
  ok "boot: console in and out, exit 124 at --until"
else bad "boot: exit $rc"; sed 's/^/  | /' "$out/boot.out" | tail -5; fi

# tocksim boot on rv32: app names resolve to the slot-linked builds (blink in slot 0, hello in 1).
"$sim" boot --board rv32 --no-window --fast --until 1s blink hello >"$out/boot-rv32.out" 2>&1 </dev/null
rc=$?
if [ "$rc" -eq 124 ] && grep -q 'hello: flash 0x80102000-0x80104000' "$out/boot-rv32.out" \
   && grep -q 'blink: 2 LEDs' "$out/boot-rv32.out"; then
  ok "boot --board rv32: apps by name, each in its slot"
else bad "boot --board rv32: exit $rc"; sed 's/^/  | /' "$out/boot-rv32.out" | tail -5; fi

# 8. Boards in parallel: the same traces, VCD, strace and console output for any thread count.
for b in cm4 rv32; do
  for t in 1 3; do
    "$sim" run --board $b --threads $t -v --strace --trace "$out/threads$t.$b.jsonl" --vcd "$out/threads$t.$b.vcd" \
        scenarios/many-boards.json 2>&1 </dev/null | sed -E 's/[0-9.]+ s wall//' >"$out/threads$t.$b.out"
  done
  if grep -q "^PASS many-boards \\[$b\\]" "$out/threads1.$b.out" && [ "$(grep -c 'hello: done' "$out/threads1.$b.out")" -ge 12 ] &&
     cmp -s "$out/threads1.$b.out" "$out/threads3.$b.out" && cmp -s "$out/threads1.$b.jsonl" "$out/threads3.$b.jsonl" &&
     cmp -s "$out/threads1.$b.vcd" "$out/threads3.$b.vcd"; then
    ok "12 $b boards on 1 and 3 threads: identical output, trace and VCD"
  else bad "$b boards in parallel differ from one thread"; diff "$out/threads1.$b.out" "$out/threads3.$b.out" | head -5; fi
done

[ "$fails" -eq 0 ]

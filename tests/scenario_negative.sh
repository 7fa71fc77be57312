#!/usr/bin/env bash
# Scenarios that must fail, so that a runner that passes everything cannot pass this:
#  1. scenarios/negative/*.json (not in the suite: tests/scenarios.sh runs scenarios/*.json):
#     at least one for every verb of sim/scenario/verbs.c, each with its exit status (1: a step
#     failed, 2: malformed) and the exact line it prints. Most start with run_until so that the
#     failure's time is the scenario's own, not the guest's.
#  2. The deadline boundary (doc/scenarios.md, "Deadlines are inclusive"): an event exactly at a
#     step's deadline, or at the scenario's timeout, passes; one nanosecond later fails. The
#     events' times come from the --trace of a first run, so the guest's timing may change.
#  3. The JUnit report: a malformed scenario is an <error>, a failed step a <failure>, and the
#     counts say so.
# Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
sim=$top/build/tocksim
out=$top/build/scenario-negative
rm -rf "$out" && mkdir -p "$out"
cd "$top" || exit 1
fails=0
declare -A expected=() covered=()     # file -> its exit status; verbs with a failing file
ok() { echo "scenario_negative: ok   $1"; }
bad() { echo "scenario_negative: FAIL $1"; fails=$((fails + 1)); }

# run NAME STATUS LINE -- tocksim run arguments: the exit status is STATUS and LINE is a whole
# line of the output.
run() {
  local name=$1 want=$2 line=$3; shift 4
  "$sim" run "$@" >"$out/$name.out" 2>&1 </dev/null
  local rc=$?
  if [ "$rc" -ne "$want" ]; then bad "$name: exit $rc, want $want"; sed 's/^/  | /' "$out/$name.out" | head -6
  elif ! grep -qxF -- "$line" "$out/$name.out"; then
    bad "$name: no line '$line'"; grep -E '^  (FAIL|ok)|^ERROR' "$out/$name.out" | sed 's/^/  | /' | tail -3
  else ok "$name"; fi
}

# expect FILE VERB STATUS LINE: scenarios/negative/FILE.json fails a VERB step with STATUS, LINE.
expect() {
  local file=scenarios/negative/$1.json
  expected[$1]=$3
  grep -q "\"$2\":" "$file" && covered[$2]=1
  run "$1" "$3" "$4" -- "$file"
}

f=scenarios/negative
expect wait-console wait_console 1 "  FAIL #2  [    120.000 ms] wait_console \"never printed\": text not seen within 20.000 ms ($f/wait-console.json:8)"
expect wait-console-regex wait_console 1 "  FAIL #2  [    120.000 ms] wait_console /Hello, W[0-9]rld/: no match within 20.000 ms ($f/wait-console-regex.json:8)"
expect wait-console-scenario-timeout wait_console 1 "  FAIL #1  [    500.000 ms] wait_console \"never printed\": text not seen (scenario timeout 500.000 ms reached) ($f/wait-console-scenario-timeout.json:7)"
expect write-console write_console 2 "ERROR $f/write-console.json:6:23: steps[0].write_console: expected a string"
expect press press 1 "  FAIL #2  [   1000.000 ms] press BTN0 for 2000.000 ms: button released early (scenario timeout 1000.000 ms reached) ($f/press.json:8)"
expect release release 2 "ERROR $f/release.json:6:17: steps[0].release: expected a button: a number or \"BTN0\""
expect click click 1 "  FAIL #1  [    500.000 ms] click BTN1 for 1000.000 ms: button released early (scenario timeout 500.000 ms reached) ($f/click.json:7)"
expect toggle toggle 2 "ERROR $f/toggle.json:6:24: steps[0].for: unknown field 'for' (expected one of: toggle, node, board, comment)"
expect set-pin set_pin 2 "ERROR $f/set-pin.json:6:5: steps[0]: missing \"level\": \"high\" or \"low\""
expect expect-pin expect_pin 1 "  FAIL #2  [    110.000 ms] expect_pin GPIO5 high: GPIO5 is low after 10.000 ms ($f/expect-pin.json:8)"
expect wait-pin wait_pin 1 "  FAIL #2  [    110.000 ms] wait_pin GPIO5 high: GPIO5 is low after 10.000 ms ($f/wait-pin.json:8)"
# All listed LEDs must match: the first matches and the second does not, and the other way round.
expect expect-led-all expect_led 1 "  FAIL #2  [    300.000 ms] expect_led LED0=on LED1=on: LED0 is on, LED1 is off ($f/expect-led-all.json:8)"
expect expect-led-all-last expect_led 1 "  FAIL #2  [    300.000 ms] expect_led LED1=on LED0=on: LED1 is off, LED0 is on ($f/expect-led-all-last.json:8)"
expect expect-led-within expect_led 1 "  FAIL #2  [    400.000 ms] expect_led LED0=on LED1=on: LED0 is on, LED1 is off after 200.000 ms ($f/expect-led-within.json:8)"
expect expect-led-state expect_led 1 "  FAIL #2  [    300.000 ms] expect_led LED1=on: LED1 is off ($f/expect-led-state.json:8)"
expect expect-blink expect_blink 1 "  FAIL #2  [   3000.000 ms] expect_blink LED0 3 Hz +-10%: measured 2.000 Hz over 2000.000 ms (3 periods) ($f/expect-blink.json:8)"
expect expect-blink-still expect_blink 1 "  FAIL #1  [   1000.000 ms] expect_blink LED0 2 Hz +-10%: LED0 is not blinking: 0 change(s) in the last 1000.000 ms, now off ($f/expect-blink-still.json:7)"
expect expect-process expect_process 1 "  FAIL #2  [    100.000 ms] expect_process hello state=running: hello is yielded with 0 restart(s) ($f/expect-process.json:8)"
expect expect-process-none expect_process 1 "  FAIL #2  [    110.000 ms] expect_process nosuch: no process named 'nosuch' reported by the kernel ($f/expect-process-none.json:8)"
expect expect-fault expect_fault 1 "  FAIL #2  [    110.000 ms] expect_fault hello: hello did not fault ($f/expect-fault.json:8)"
expect expect-fault-consumed expect_fault 1 "  FAIL #3  [     10.000 ms] expect_fault fault-null: last fault of fault-null: mpu at 0x00000000 (already matched by an earlier step) ($f/expect-fault-consumed.json:9)"
expect run-for run_for 1 "  FAIL #1  [    500.000 ms] run_for 1000.000 ms: stopped early (scenario timeout 500.000 ms reached) ($f/run-for.json:7)"
expect run-for-too-long run_for 2 "ERROR $f/run-for-too-long.json:6:17: steps[0].run_for: time '100000000000s' is too long: the limit is 9223372036.854 s (2^63 ns)"
expect run-until run_until 1 "  FAIL #2  [    200.000 ms] run_until 100.000 ms: virtual time is already past that ($f/run-until.json:8)"
# The time of hello's first byte, from a trace of the same run (it moves with the kernel).
"$sim" run --trace "$out/first-byte.jsonl" "$f/expect-no-output.json" >/dev/null 2>&1 </dev/null
ns=$(grep -m1 '"kind":"console"' "$out/first-byte.jsonl" | sed -E 's/^\{"t_ns":([0-9]+),.*/\1/')
first=$(printf '%d.%03d ms' $((ns / 1000000)) $((ns / 1000 % 1000)))
expect expect-no-output expect_no_output 1 "  FAIL #1  [$(printf '%*s' 14 "$first")] expect_no_output 10.000 ms: console output at $first ($f/expect-no-output.json:7)"
expect screenshot screenshot 1 "  FAIL #2  [    100.000 ms] screenshot \"build/negative-screenshot.png\": $f/no-such-reference.png: cannot open: No such file or directory ($f/screenshot.json:9)"
expect screenshot-differs screenshot 1 "  FAIL #4  [    300.000 ms] screenshot \"build/negative-screenshot-on.png\": 0.266% of the pixels differ from $f/../../build/negative-screenshot-off.png (tolerance 0.000%) ($f/screenshot-differs.json:11)"
expect screenshot-hide screenshot 2 "ERROR $f/screenshot-hide.json:9:66: steps[1].hide: unknown panel 'registers' (expected board, processes, memory, timeline or console)"
expect note note 2 "ERROR $f/note.json:5:14: steps[0].note: expected a string"
# The radio (doc/radio.md): a listener never sends; a beacon is not a ping; lossy links; levers.
expect wait-packet wait_packet 1 "  FAIL #2  [    120.000 ms] rx: wait_packet from rx: no such packet within 20.000 ms ($f/wait-packet.json:11)"
expect expect-packet expect_packet 1 "  FAIL #2  [    100.000 ms] rx: expect_packet from tx to rx payload \"ping\": no such packet since the previous step began ($f/expect-packet.json:11)"
expect move move 2 "ERROR $f/move.json:7:15: steps[0].move: expected a position in metres: [x, y], [x, y, z] or {\"x\": 1, \"y\": 2}"
expect set-link set_link 2 "ERROR $f/set-link.json:7:19: steps[0].set_link: expected \"from\" and \"to\": board names"
expect radio-off radio_off 2 "ERROR $f/radio-off.json:7:20: steps[0].radio_off: expected a string"
expect radio-on radio_on 2 "ERROR $f/radio-on.json:7:19: steps[0].radio_on: expected a string"
expect reset reset 2 "ERROR $f/reset.json:6:5: steps[0]: the board is the value of \"reset\"; \"node\" is not needed"
expect jam jam 2 "ERROR $f/jam.json:7:27: steps[0].jam.channel: expected a channel from 11 to 26"
# expect_re FILE VERB STATUS REGEX: as expect, a line matching the extended REGEX (the guest's timing).
expect_re() {
  local file=scenarios/negative/$1.json
  expected[$1]=$3
  grep -q "\"$2\":" "$file" && covered[$2]=1
  "$sim" run "$file" >"$out/$1.out" 2>&1 </dev/null
  local rc=$?
  if [ "$rc" -eq "$3" ] && grep -qxE -- "$4" "$out/$1.out"; then ok "$1"
  else bad "$1: exit $rc (want $3) or no line matching '$4'"; grep -E '^  FAIL|^ERROR' "$out/$1.out" | sed 's/^/  | /'; fi
}
# The beacon's arrival at the listener, from a trace of the same run.
"$sim" run --trace "$out/beacon.jsonl" "$f/expect-no-packet.json" >/dev/null 2>&1 </dev/null
ns=$(grep '"node":"rx","kind":"radio_rx"' "$out/beacon.jsonl" | sed -E 's/^\{"t_ns":([0-9]+),.*/\1/' |
    awk '$1 > 100000000 { print; exit }')
beacon=$(printf '%d.%03d ms' $((ns / 1000000)) $((ns / 1000 % 1000)))
expect_re expect-no-packet expect_no_packet 1 "  FAIL #2  \[ *[0-9]+\.[0-9]{3} ms\] rx: expect_no_packet from tx to rx for 1000\.000 ms: a packet at $beacon \($f/expect-no-packet.json:11\)"
expect_re expect-delivery expect_delivery 1 "  FAIL #2  \[   5100\.000 ms\] rx: expect_delivery from tx to rx ratio 0\.9\.\.1 over 5000\.000 ms: [0-9] of 1[01] frames delivered \(0\.[0-8][0-9]{2}\) \($f/expect-delivery.json:12\)"
expect fuzz fuzz 1 "  FAIL #2  [      1.000 ms] fuzz \"$f/../../tests/fuzz/syscall/seed-memory.bin\": fuzz must be the first step of its board (it boots it) ($f/fuzz.json:7)"

# Every file is expected to fail in a given way, and every verb has a failing scenario.
for file in scenarios/negative/*.json; do
  n=$(basename "$file" .json)
  [ -n "${expected[$n]:-}" ] || bad "$file has no expected failure in $0"
done
verbs=$(sed -n 's/^ *\[STEP_[A-Z_]*\] = { "\([a-z_]*\)".*/\1/p' sim/scenario/verbs.c)
[ "$(echo "$verbs" | wc -l)" -ge 28 ] || bad "cannot read the verb table of sim/scenario/verbs.c"
missing=""
for v in $verbs; do [ -n "${covered[$v]:-}" ] || missing="$missing $v"; done
if [ -z "$missing" ]; then ok "every verb ($(echo $verbs | wc -w)) has a scenario that must fail"
else bad "verbs without a scenario that must fail:$missing"; fi
# The JSON Schema agrees: the malformed ones (exit 2) are invalid, the others valid; except a
# time too long for 2^63 ns, which a pattern cannot say.
if python3 -c 'import jsonschema' 2>/dev/null; then
  for n in "${!expected[@]}"; do echo "$n ${expected[$n]}"; done | python3 -c 'import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open("doc/scenario.schema.json")))
bad = 0
for line in sys.stdin:
    name, status = line.split()
    valid = not list(v.iter_errors(json.load(open("scenarios/negative/%s.json" % name))))
    if valid != (status == "1" or name == "run-for-too-long"):
        print("  | %s: exit %s but %s against the schema" % (name, status, "valid" if valid else "invalid"))
        bad += 1
sys.exit(1 if bad else 0)' && ok "doc/scenario.schema.json agrees: malformed ones invalid, the others valid" || bad "schema"
fi

# 2. The deadline boundary, on each board. first EXPR TRACE: the time of the first trace event
# for which the Python expression EXPR (over the event e) holds; last_byte TEXT TRACE: when the
# last byte of the first TEXT in the console output arrived.
first() {
  python3 -c 'import json, sys
for line in open(sys.argv[2]):
    e = json.loads(line)
    if eval(sys.argv[1]):
        print(e["t_ns"]); break' "$1" "$2"
}
last_byte() {
  python3 -c 'import json, sys
ev = [e for e in map(json.loads, open(sys.argv[2])) if e["kind"] == "console" and e["byte"] not in (0, 13)]
text = bytes(e["byte"] for e in ev)
print(ev[text.index(sys.argv[1].encode()) + len(sys.argv[1]) - 1]["t_ns"])' "$1" "$2"
}
ms() { printf '[%14s]' "$(($1 / 1000000)).$(printf '%03d' $(($1 / 1000 % 1000))) ms"; }
ms_ns() { printf '%d.%06d ms' $(($1 / 1000000)) $(($1 % 1000000)); }
# scenario NAME BOARD APP TIMEOUT STEP... : writes $out/NAME.json
scenario() {
  local name=$1 board=$2 app=$3 timeout=$4; shift 4
  local IFS=,
  printf '{ "board": "%s", "apps": ["%s"], "timeout": "%s",\n  "steps": [\n    %s\n  ] }\n' \
      "$board" "$app" "$timeout" "$*" >"$out/$name.json"
}

for b in cm4 rv32; do
  # LED0 comes on (blink, 250 ms after it starts): within exactly up to it passes, 1 ns less fails.
  scenario cal-led-$b $b blink 1s '{ "run_until": "100ms" }' '{ "expect_led": { "LED0": "on" }, "within": "300ms" }'
  "$sim" run --trace "$out/cal-led-$b.jsonl" "$out/cal-led-$b.json" >/dev/null 2>&1 </dev/null
  s=$(first 'e["kind"] == "step" and e["index"] == 1' "$out/cal-led-$b.jsonl")
  e=$(first 'e["kind"] == "led" and e["led"] == 0 and e["on"]' "$out/cal-led-$b.jsonl")
  if [ -z "$s" ] || [ -z "$e" ]; then bad "$b: calibration: no step or LED event in $out/cal-led-$b.jsonl"; continue; fi
  w=$((e - s))
  scenario led-at-$b $b blink 1s '{ "run_until": "100ms" }' "{ \"expect_led\": { \"LED0\": \"on\" }, \"within\": \"${w}ns\" }"
  run "led-at-deadline-$b" 0 "  ok   #2  $(ms "$e") expect_led LED0=on" -- "$out/led-at-$b.json"
  scenario led-late-$b $b blink 1s '{ "run_until": "100ms" }' "{ \"expect_led\": { \"LED0\": \"on\" }, \"within\": \"$((w - 1))ns\" }"
  run "led-1ns-late-$b" 1 "  FAIL #2  $(ms "$e") expect_led LED0=on: too late: it happened at $(ms_ns "$e"), 1 ns after the deadline ($out/led-late-$b.json:3)" -- "$out/led-late-$b.json"
  # The same against the scenario's timeout: a wait may use all of it, and not a nanosecond more.
  scenario timeout-at-$b $b blink "${e}ns" '{ "run_until": "100ms" }' '{ "expect_led": { "LED0": "on" }, "within": "1s" }'
  run "scenario-timeout-at-event-$b" 0 "  ok   #2  $(ms "$e") expect_led LED0=on" -- "$out/timeout-at-$b.json"
  scenario timeout-late-$b $b blink "$((e - 1))ns" '{ "run_until": "100ms" }' '{ "expect_led": { "LED0": "on" }, "within": "1s" }'
  run "scenario-timeout-1ns-before-event-$b" 1 "  FAIL #2  $(ms "$e") expect_led LED0=on: too late: it happened at $(ms_ns "$e"), 1 ns after the deadline (scenario timeout $(ms $((e - 1)) | tr -d '[]' | sed 's/^ *//') reached) ($out/timeout-late-$b.json:3)" -- "$out/timeout-late-$b.json"

  # A text's last byte exactly at wait_console's timeout passes, 1 ns after it fails.
  scenario cal-con-$b $b hello 1s '{ "run_until": "100us" }' '{ "wait_console": "Hello, World!", "timeout": "100ms" }'
  "$sim" run --trace "$out/cal-con-$b.jsonl" "$out/cal-con-$b.json" >/dev/null 2>&1 </dev/null
  s=$(first 'e["kind"] == "step" and e["index"] == 1' "$out/cal-con-$b.jsonl")
  e=$(last_byte "Hello, World!" "$out/cal-con-$b.jsonl")
  f=$(first "e['kind'] == 'console' and e['t_ns'] > $s" "$out/cal-con-$b.jsonl")
  scenario con-at-$b $b hello 1s '{ "run_until": "100us" }' "{ \"wait_console\": \"Hello, World!\", \"timeout\": \"$((e - s))ns\" }"
  run "wait-console-at-deadline-$b" 0 "  ok   #2  $(ms "$e") wait_console \"Hello, World!\"" -- "$out/con-at-$b.json"
  scenario con-late-$b $b hello 1s '{ "run_until": "100us" }' "{ \"wait_console\": \"Hello, World!\", \"timeout\": \"$((e - s - 1))ns\" }"
  run "wait-console-1ns-late-$b" 1 "  FAIL #2  $(ms "$e") wait_console \"Hello, World!\": too late: it happened at $(ms_ns "$e"), 1 ns after the deadline ($out/con-late-$b.json:3)" -- "$out/con-late-$b.json"
  # expect_no_output is the mirror image: output at the window's end fails, 1 ns after it passes.
  scenario quiet-end-$b $b hello 1s '{ "run_until": "100us" }' "{ \"expect_no_output\": \"$((f - s))ns\" }"
  run "no-output-until-output-$b" 1 "  FAIL #2  $(ms "$f") expect_no_output $(ms $((f - s)) | tr -d '[]' | sed 's/^ *//'): console output at $(ms "$f" | tr -d '[]' | sed 's/^ *//') ($out/quiet-end-$b.json:3)" -- "$out/quiet-end-$b.json"
  scenario quiet-before-$b $b hello 1s '{ "run_until": "100us" }' "{ \"expect_no_output\": \"$((f - s - 1))ns\" }"
  run "no-output-until-1ns-before-output-$b" 0 "  ok   #2  $(ms $((f - 1))) expect_no_output $(ms $((f - s - 1)) | tr -d '[]' | sed 's/^ *//')" -- "$out/quiet-before-$b.json"
done
# run_for may end exactly at the scenario's timeout, not a nanosecond later.
scenario run-to-timeout cm4 hello 300ms '{ "run_for": "300ms" }'
run run-for-to-scenario-timeout 0 "  ok   #1  $(ms 300000000) run_for 300.000 ms" -- "$out/run-to-timeout.json"
scenario run-past-timeout cm4 hello 300ms '{ "run_for": "300000001ns" }'
run run-for-1ns-past-scenario-timeout 1 "  FAIL #1  $(ms 300000000) run_for 300.000 ms: stopped early (scenario timeout 300.000 ms reached) ($out/run-past-timeout.json:3)" -- "$out/run-past-timeout.json"

# 3. JUnit: two passes (hello on both boards), a failure, an error (malformed): exit 2.
run junit 2 "ERROR scenarios/negative/note.json:5:14: steps[0].note: expected a string" -- --junit "$out/junit.xml" scenarios/hello.json \
    scenarios/negative/wait-console.json scenarios/negative/note.json
if python3 - "$out/junit.xml" <<'PY'; then ok "JUnit: errors and failures counted apart"; else bad "JUnit report $out/junit.xml"; fi
import sys, xml.etree.ElementTree as E
s = E.parse(sys.argv[1]).getroot().find('testsuite')
cases = {c.get('name'): c for c in s.findall('testcase')}
want = {'tests': '4', 'failures': '1', 'errors': '1', 'skipped': '0'}
got = {k: s.get(k) for k in want}
kinds = {n: [x.tag for x in c if x.tag != 'system-out'] for n, c in cases.items()}
ok = got == want and kinds.get('negative-wait-console') == ['failure'] and kinds.get('note') == ['error'] \
    and kinds.get('hello [cm4]') == [] and kinds.get('hello [rv32]') == []
if not ok:
    print('  |', got, kinds)
sys.exit(0 if ok else 1)
PY
[ "$fails" -eq 0 ]

#!/usr/bin/env bash
# A scenario's live window (tocksim run --window, doc/window.md "Watching a scenario live"),
# headless: SDL's offscreen video driver gives a real window without a display, driven by
# scripted input at virtual times (TOCKSIM_WINDOW_SCRIPT) through the window's own event handling.
# tests/window/radio-drag.json passes only if the script's drag moves the listener out of range:
# headless, without the window, the same scenario fails at that step. A click on a node shows its
# board (Esc and the Network button go back), the drag prints the move step, runs are repeatable,
# closing the window early fails the step that runs, and a script naming no node is an error.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
sim=$top/build/tocksim
out=$top/build/tests/ui-live
rm -rf "$out" && mkdir -p "$out"
cd "$top" || exit 1
fails=0
ok() { echo "ui_live: ok   $1"; }
bad() { echo "ui_live: FAIL $1"; fails=$((fails + 1)); }
sc=tests/window/radio-drag.json
live() {   # live SCRIPT OUT [FLAGS...]: a windowed run, stdout to OUT.out, stderr to OUT.err
  local script=$1 o=$2
  shift 2
  SDL_VIDEODRIVER=offscreen TOCKSIM_WINDOW_SCRIPT=$script "$sim" run --window "$@" "$sc" \
      >"$o.out" 2>"$o.err" </dev/null
}

# 1. The scripted session: clicks, keys, the drag; the scenario passes.
live tests/window/radio-drag.script "$out/run1" --realtime 1000
rc=$?
[ "$rc" = 0 ] && grep -q '^PASS window-radio-drag: 3/3 steps passed' "$out/run1.out" &&
  ok "the scenario passes with the drag (rc 0)" || bad "the windowed run: rc $rc, want PASS ($out/run1.out)"
want='showing the network
showing the board of rx
showing the network
showing the board of tx
showing the network
showing the network'
got=$(sed -n 's/^window [0-9.]* s: \(showing [^,]*\),.*/\1/p' "$out/run1.err")
[ "$got" = "$want" ] && ok "a click on rx/tx shows its board; Esc and the Network button go back" ||
  bad "the views the window showed: got [$got] want [$want] ($out/run1.err)"
grep -q '^  window \[ *1401.614 ms\] rx moved to \[300, 0\]: { "move": \[300, 0\], "node": "rx" }$' "$out/run1.out" &&
  ok "the drag printed rx's new place as a move step, at a sync point" || bad "no move line for the drag ($out/run1.out)"
grep -q 'the steps are done (PASS); the boards run on' "$out/run1.out" &&
  ok "after the steps the boards run on until the window is closed" || bad "no run-on line ($out/run1.out)"
if [ -s "$out/board-rx.png" ] && [ -s "$out/network-dragged.png" ] && ! cmp -s "$out/board-rx.png" "$out/network-dragged.png"; then
  ok "shots of the board view and the network view written, different"
else
  bad "the script's shots are missing or the same ($out/*.png)"
fi

# 2. Without the window (no drag) the listener keeps hearing: the drag is what changed the radio.
"$sim" run "$sc" >"$out/headless.out" 2>&1 </dev/null
grep -q '^  FAIL #3 .*expect_delivery from tx to rx.*: [1-9][0-9]* of [0-9]* frames delivered' "$out/headless.out" &&
  ok "headless, rx stays in range and the same step fails" || bad "the headless run should fail step 3 ($out/headless.out)"

# 3. The same script gives the same run (inputs land at virtual times), whatever the speed.
live tests/window/radio-drag.script "$out/run2" --realtime 300
strip() { sed 's/, [0-9.]* s wall.*//; s/suite time [0-9.]* s wall/suite time/' "$1"; }
[ "$(strip "$out/run1.out")" = "$(strip "$out/run2.out")" ] &&
  ok "repeatable: the same output at 1000x and 300x" || bad "runs at 1000x and 300x differ ($out/run1.out, run2.out)"

# 4. Paced: 4 s of virtual time at 20x take at least 0.2 s of wall time (a lower bound only).
printf '4s close\n' >"$out/close4.script"
start=$(date +%s.%N)
live "$out/close4.script" "$out/paced" --realtime 20
wall=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
awk -v w="$wall" 'BEGIN { exit !(w >= 0.2) }' && ok "paced to the wall clock (4 s at 20x: $wall s)" ||
  bad "4 s of virtual time at 20x took $wall s of wall time, want >= 0.2 s"

# 5. Closing the window before the steps are done fails the step running, with the reason.
printf '1s close\n' >"$out/close1.script"
live "$out/close1.script" "$out/early" --realtime 1000
rc=$?
[ "$rc" = 1 ] && grep -q 'FAIL #2 .*: the window was closed at 10[0-9][0-9]\.[0-9]* ms' "$out/early.out" &&
  ok "closed early: the step running fails (rc 1)" || bad "closing early: rc $rc ($out/early.out)"

# 6. A script that names no such node stops the run and says so.
printf '0.5s click nobody\n' >"$out/bad.script"
live "$out/bad.script" "$out/bad" --realtime 1000
grep -q "window script line 1: no node or key named 'nobody'" "$out/bad.err" &&
  ok "a script naming no node is reported with its line" || bad "bad script not reported ($out/bad.err)"
printf '0.5s hop rx\n' >"$out/bad2.script"
live "$out/bad2.script" "$out/bad2" --realtime 1000
rc=$?
[ "$rc" = 2 ] && grep -q "bad2.script:1: unknown action 'hop'" "$out/bad2.out" &&
  ok "a malformed script is an error naming the file and line (rc 2)" || bad "malformed script: rc $rc ($out/bad2.out)"

# 7. --window takes one scenario.
"$sim" run --window scenarios/radio-two-nodes.json scenarios/radio-links.json >"$out/two.out" 2>&1
[ $? = 2 ] && grep -q -- '--window: one scenario at a time' "$out/two.out" &&
  ok "--window with two scenarios is a usage error" || bad "--window with two scenarios ($out/two.out)"

[ "$fails" = 0 ] && echo "ui_live: all ok" || echo "ui_live: $fails failed"
[ "$fails" = 0 ]

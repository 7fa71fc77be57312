#!/usr/bin/env bash
# The board window. Headless: boots the kernel with the blink app, writes screenshots at two
# virtual times with no display (SDL's dummy video driver, DISPLAY unset), and checks that LED0
# is drawn lit exactly when the machine says it is on, and that the same virtual time gives the
# same PNG byte for byte; a scenario that holds BTN0 (`press` without `for`) must see it drawn
# held in its screenshot; "Step insn"'s CPU panel matches its reference picture. Under Xvfb: the real window with the buttons and hello apps, clicked and
# typed into through XTest, must toggle LED1, show hello's memory after a click on its row, zoom
# and scroll the timeline back with its buttons, answer 'help', and quit on Ctrl+Q with status 0.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
demo=$b/ui_demo
kernel=$b/kernel/cm4/kernel.elf
app=$b/apps/blink.tbf
out=$b/tests/ui
mkdir -p "$out"
fail=0

# The interactive window under Xvfb, driven with synthetic X input (XTest through python3's
# ctypes): a click on BTN1 must make the buttons app toggle LED1, and text typed into the
# console must reach the kernel's process console.
xinput() {
  python3 - "$@" <<'PY'
import ctypes, sys, time
x = ctypes.cdll.LoadLibrary("libX11.so.6"); t = ctypes.cdll.LoadLibrary("libXtst.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XStringToKeysym.restype = ctypes.c_ulong
d = ctypes.c_void_p(x.XOpenDisplay(None))
def flush(pause): x.XFlush(d); time.sleep(pause)
for a in sys.argv[1:]:
    kind, _, arg = a.partition(":")
    if kind == "click":
        px, py = map(int, arg.split(","))
        t.XTestFakeMotionEvent(d, -1, px, py, 0); flush(0.05)
        t.XTestFakeButtonEvent(d, 1, 1, 0); flush(0.15)
        t.XTestFakeButtonEvent(d, 1, 0, 0); flush(0.1)
    elif kind == "key":             # key:Return, key:Control_L+q
        codes = [x.XKeysymToKeycode(d, ctypes.c_ulong(x.XStringToKeysym(k.encode()))) for k in arg.split("+")]
        for kc in codes:
            t.XTestFakeKeyEvent(d, kc, 1, 0); flush(0.03)
        for kc in reversed(codes):
            t.XTestFakeKeyEvent(d, kc, 0, 0); flush(0.03)
    elif kind == "sleep":
        time.sleep(float(arg))
PY
}

# interactive LAYOUT: the window on $DISPLAY, clicked where LAYOUT (ui_demo's output) says: BTN1,
# the process table's row of hello (its memory view), the timeline's zoom-in and back buttons,
# then the console, typed into.
interactive() {
  local layout=$1 pos wx wy bx by bw bh cx cy cw ch rx ry rw rh zx zy zw zh kx ky kw kh i
  read -r _ _ bx by bw bh <<<"$(grep '^button 1 ' "$layout")"
  read -r _ cx cy cw ch <<<"$(grep '^console ' "$layout")"
  read -r _ _ _ _ rx ry rw rh <<<"$(grep '^row 1 1 hello ' "$layout")"
  read -r _ _ zx zy zw zh <<<"$(grep '^tlcontrol 1 ' "$layout")"
  read -r _ _ kx ky kw kh <<<"$(grep '^tlcontrol 2 ' "$layout")"
  "$demo" --kernel "$kernel" --app "$b/apps/buttons.tbf" --app "$b/apps/hello.tbf" --until 30s --echo \
      >>"$out/interactive.log" 2>&1 &
  local pid=$!
  for i in $(seq 100); do     # wait up to 10 s for the window to be mapped
    pos=$(xwininfo -name "tocksim — cm4" 2>/dev/null | awk '/Absolute upper-left X/ {x=$4} /Absolute upper-left Y/ {y=$4} END {if (x != "") print x, y}')
    [ -n "$pos" ] && break
    sleep 0.1
  done
  [ -n "$pos" ] || { echo "the window did not appear within 10 s" >>"$out/interactive.log"; kill $pid; return; }
  read -r wx wy <<<"$pos"
  sleep 0.5
  xinput "click:$((wx + bx + bw / 2)),$((wy + by + bh / 2))" "click:$((wx + rx + rw / 2)),$((wy + ry + rh / 2))" \
         "click:$((wx + zx + zw / 2)),$((wy + zy + zh / 2))" "click:$((wx + kx + kw / 2)),$((wy + ky + kh / 2))" \
         "click:$((wx + cx + cw / 2)),$((wy + cy + ch / 2))" key:h key:e key:l key:p key:Return sleep:1 key:Control_L+q
  wait $pid
  echo "rc $?" >>"$out/interactive.log"
}


for f in "$demo" "$kernel" "$app"; do
  [ -f "$f" ] || { echo "FAIL: $f is missing (run make)"; exit 1; }
done

# within R G B  WANT_R WANT_G WANT_B: each channel within 8.
within() {
  local d
  for i in 0 1 2; do
    d=$(( ${1} - ${4} )); d=${d#-}
    [ "$d" -le 8 ] || return 1
    shift
  done
}

# shot TIME: screenshot at TIME; prints LED0's state and its centre pixel.
shot() {
  local png=$out/blink-$1.png line state x y w h rgb
  line=$(env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=dummy "$demo" --kernel "$kernel" --app "$app" \
         --until "$1" --screenshot "$png" | grep '^led 0 ') || { echo "FAIL: screenshot at $1"; return 1; }
  read -r _ _ state x y w h <<<"$line"
  rgb=$("$demo" --pixel "$png" $((x + w / 2)) $((y + h / 2))) || { echo "FAIL: reading $png"; return 1; }
  echo "$state $rgb"
}

states=""
for t in 1.1s 1.3s; do
  r=$(shot $t) || { fail=1; continue; }
  read -r state red green blue <<<"$r"
  states="$states $state"
  if [ "$state" = on ]; then want="76 240 122"; else want="36 58 45"; fi
  if within $red $green $blue $want; then
    echo "ok: at $t LED0 is $state and drawn $red,$green,$blue"
  else
    echo "FAIL: at $t LED0 is $state but drawn $red,$green,$blue (want about $want)"; fail=1
  fi
done
case "$states" in
  *on*off*|*off*on*) echo "ok: LED0 seen both on and off" ;;
  *) echo "FAIL: LED0 was not seen both on and off ($states): the blink app's phase changed?"; fail=1 ;;
esac

env -u DISPLAY SDL_VIDEODRIVER=dummy "$demo" --kernel "$kernel" --app "$app" --until 1.1s \
    --screenshot "$out/again.png" >/dev/null
if cmp -s "$out/blink-1.1s.png" "$out/again.png"; then
  echo "ok: same virtual time, same picture"
else
  echo "FAIL: two screenshots at 1.1s differ"; fail=1
fi

# held: a scenario's `press` without `for` holds BTN0 through a screenshot; its pixel must differ
# from the released one (the window used to draw only the buttons it held itself).
held() {
  local bx by bw bh up down
  env -u DISPLAY SDL_VIDEODRIVER=dummy "$demo" --kernel "$kernel" --app "$b/apps/buttons.tbf" --until 10ms \
      --screenshot "$out/held-layout.png" >"$out/held-layout.txt"
  read -r _ _ bx by bw bh <<<"$(grep '^button 0 ' "$out/held-layout.txt")"
  cat >"$out/held.json" <<JSON
{ "name": "held", "board": "cm4", "requires": ["ui"], "apps": ["buttons"], "timeout": "1s",
  "steps": [ { "wait_console": "buttons ready", "timeout": "100ms" },
             { "press": "BTN0" }, { "run_for": "20ms" }, { "screenshot": "$out/held-down.png" },
             { "release": "BTN0" }, { "run_for": "20ms" }, { "screenshot": "$out/held-up.png" } ] }
JSON
  "$b/tocksim" run "$out/held.json" >"$out/held.log" 2>&1 || { echo "FAIL: the held-button scenario:"; cat "$out/held.log"; return 1; }
  down=$("$demo" --pixel "$out/held-down.png" $((bx + 6)) $((by + bh / 2)))
  up=$("$demo" --pixel "$out/held-up.png" $((bx + 6)) $((by + bh / 2)))
  if [ -n "$down" ] && [ "$down" != "$up" ]; then
    echo "ok: BTN0 held by a scenario is drawn held ($down; released $up)"
  else
    echo "FAIL: BTN0 held by a scenario is drawn as released ($down; released $up)"; return 1
  fi
}
held || fail=1

# network: the network view of six flooding boards matches doc/window-network.png (frames, ranges,
# LEDs at 2.013822 s), and after `move` the picture changes.
network() {
  (cd "$top" && "$b/tocksim" run scenarios/radio-network-view.json) >"$out/network.log" 2>&1 ||
    { echo "FAIL: scenarios/radio-network-view.json:"; cat "$out/network.log"; return 1; }
  if cmp -s "$top/build/network-view.png" "$top/build/network-view-moved.png"; then
    echo "FAIL: the network view is the same after n4 moved"; return 1
  fi
  echo "ok: the network view matches doc/window-network.png, and changes when a board moves"
}
network || fail=1

# cpu: "Step insn" while paused (ui_demo --step-insns does what the button does): the CPU panel
# after 7 instructions into the kernel's polled UART output matches doc/window-cpu.png, the line
# marked current is the PC, and the step changed r3 and pc (the status poll: ldr r3, [r2]
# reads the UART's status register) and nothing else.
cpu_panel() {
  env -u DISPLAY SDL_VIDEODRIVER=dummy "$demo" --kernel "$kernel" --app "$b/apps/hello.tbf" --until 400us \
      --step-insns 7 --screenshot "$out/cpu.png" >"$out/cpu.txt" || { echo "FAIL: ui_demo --step-insns"; return 1; }
  local pc cur changed at size
  # inside uart_putc_polled's status poll, named with its offset: where the function is and
  # how long comes from the ELF (the compiler decides the loop's offset)
  read -r at size < <(arm-none-eabi-nm -S "$kernel" | awk '$4 == "uart_putc_polled" { print $1, $2 }')
  pc=$(awk '$1 == "cpu" { print $2 }' "$out/cpu.txt")
  cur=$(awk '$1 == "insn" && $2 == ">" { print $3 }' "$out/cpu.txt")
  changed=$(awk '$1 == "reg" && $4 == "changed" { printf "%s ", $2 }' "$out/cpu.txt")
  local off=$((0x${pc:-0} - 0x${at:-0}))
  if [ -z "$pc" ] || [ "$pc" != "$cur" ] || [ "$changed" != "r3 pc " ] || [ -z "${size:-}" ] ||
     [ "$off" -lt 0 ] || [ "$off" -ge $((0x$size)) ] ||
     ! grep -q "^cpu $pc <uart_putc_polled+$(printf '0x%x' "$off")>\$" "$out/cpu.txt"; then
    echo "FAIL: the CPU panel: pc '$pc', current line '$cur', changed '$changed' (want r3 pc, inside uart_putc_polled)"
    return 1
  fi
  if ! "$demo" --compare "$out/cpu.png" "$top/doc/window-cpu.png" 0.002 24 >"$out/cpu-compare.txt"; then
    echo "FAIL: the CPU panel differs from doc/window-cpu.png: $(cat "$out/cpu-compare.txt")"; return 1
  fi
  echo "ok: Step insn: the CPU panel after 7 instructions in uart_putc_polled matches doc/window-cpu.png, r3 and pc changed"
}
cpu_panel || fail=1

if command -v Xvfb >/dev/null && command -v xwininfo >/dev/null && python3 -c 'import ctypes; ctypes.CDLL("libXtst.so.6")' 2>/dev/null; then
  env -u DISPLAY SDL_VIDEODRIVER=dummy "$demo" --kernel "$kernel" --app "$b/apps/buttons.tbf" \
      --app "$b/apps/hello.tbf" --until 10ms --screenshot "$out/layout.png" >"$out/layout.txt"
  # Our own Xvfb on a display it picks itself (-displayfd): no race with other tests' servers;
  # -noreset: else the server resets when the readiness probe disconnects, and the window's
  # connection can fall into that gap.
  rm -f "$out/display"
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset 3>"$out/display" 2>"$out/xvfb.log" &
  xvfb=$!
  for i in $(seq 50); do
    [ -s "$out/display" ] && DISPLAY=:$(cat "$out/display") xwininfo -root >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "Xvfb display :$(cat "$out/display"), pid $xvfb" >"$out/interactive.log"
  DISPLAY=:$(cat "$out/display") SDL_VIDEODRIVER=x11 interactive "$out/layout.txt"
  { echo "after: Xvfb $(kill -0 $xvfb 2>/dev/null && echo alive || echo gone)"; DISPLAY=:$(cat "$out/display") xwininfo -root 2>&1 | head -3; } >>"$out/interactive.log"
  kill $xvfb 2>/dev/null; wait $xvfb 2>/dev/null
  log=$out/interactive.log
  if grep -q '^rc 0$' "$log" && grep -q 'buttons: button 1 pressed, LED1 toggled' "$log" &&
     grep -q 'Welcome to the process console' "$log" && grep -q '^led 1 on ' "$log" &&
     grep -q '^selected 1 hello$' "$log" && grep -q '^tlstate scrolled 500000000$' "$log"; then
    echo "ok: in the window under Xvfb, a click on BTN1 toggled LED1, one on hello's row showed its memory, the"
    echo "    timeline zoomed in to 0.5 s and scrolled back, typed 'help' reached the process console, Ctrl+Q quit"
  else
    echo "FAIL: the interactive window under Xvfb (want a click on BTN1 to toggle LED1, hello selected, the timeline"
    echo "      at 0.5 s scrolled back, 'help' answered, Ctrl+Q status 0):"
    cat "$log"; fail=1
  fi
else
  echo "skip: the interactive window test needs Xvfb, xwininfo (x11-utils), python3 and libXtst"
fi
exit $fail

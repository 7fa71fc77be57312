#!/usr/bin/env bash
# The board window's picture, headless: boots the kernel with the blink app, writes screenshots
# at two virtual times with no display (SDL's dummy video driver, DISPLAY unset), and checks
# that LED0 is drawn lit exactly when the machine says it is on; that the same virtual time
# gives the same PNG byte for byte; and, under Xvfb, that the interactive window runs and
# closes at --until with status 124.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
demo=$b/ui_demo
kernel=$b/kernel/cm4/kernel.elf
app=$b/apps/blink.tbf
out=$b/tests/ui
mkdir -p "$out"
fail=0

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

if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1280x800x24" "$demo" --kernel "$kernel" --app "$app" --until 300ms --speed 10 \
      >"$out/window.log" 2>&1
  rc=$?
  if [ $rc -eq 124 ]; then
    echo "ok: the window ran under Xvfb to --until (status 124)"
  else
    echo "FAIL: the window under Xvfb exited with $rc, want 124:"; cat "$out/window.log"; fail=1
  fi
else
  echo "skip: xvfb-run not installed (tools/deps.sh installs xvfb)"
fi
exit $fail

#!/usr/bin/env bash
# The default demo of `make run`: the Tock-style kernel with example apps on the cm4 board, in
# the board window when a display exists (doc/window.md); else a few virtual seconds in this
# terminal, with a hint how to get the window. Until the kernel is built, falls back to the
# board's bare-metal self-test firmware.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
kernel=$b/kernel/cm4/kernel.elf
apps=()
for a in hello blink buttons fault-null; do
  [ -f "$b/apps/$a.tbf" ] && apps+=(--app "$b/apps/$a.tbf")
done
names=()
for a in hello blink buttons fault-null; do
  [ -f "$b/apps/$a.tbf" ] && names+=("$a")
done
if [ -f "$kernel" ] && [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${SDL_VIDEODRIVER:-}" != dummy ]; then
  echo "tocksim demo: kernel + ${names[*]} on the cm4 board, in the board window"
  echo "(click the buttons or hold keys 1-2; Tab types into the console; Ctrl+Q or closing the window quits)"
  "$b/tocksim" boot "${names[@]}"
elif [ -f "$kernel" ]; then
  echo "tocksim demo: kernel + ${names[*]} on the cm4 board, 5 s of virtual time (no display found)"
  echo "(for the board window run on a desktop, or with a DISPLAY: build/tocksim boot ${names[*]})"
  echo "(run it yourself: build/tocksim --board cm4 --kernel $kernel ${apps[*]})"
  "$b/tocksim" --board cm4 --kernel "$kernel" "${apps[@]}" --until 5s --stats
else
  echo "tocksim demo: the kernel is not built yet; running the cm4 self-test firmware instead"
  "$b/tocksim" --board cm4 --kernel "$b/firmware/cm4/fwtest.elf" --until 5s --stats
fi
rc=$?
# 124: the time limit ended the demo, which is how an OS demo ends.
[ $rc -eq 124 ] && exit 0
exit $rc

#!/usr/bin/env bash
# The default demo of `make run`: the Tock-style kernel with example apps on the cm4 board.
# Until the kernel is built, falls back to the board's bare-metal self-test firmware.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
kernel=$b/kernel/cm4/kernel.elf
apps=()
for a in hello blink buttons fault-null; do
  [ -f "$b/apps/$a.tbf" ] && apps+=(--app "$b/apps/$a.tbf")
done
if [ -f "$kernel" ]; then
  echo "tocksim demo: kernel + ${#apps[@]} apps on the cm4 board, 5 s of virtual time"
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

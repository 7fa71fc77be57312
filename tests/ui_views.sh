#!/usr/bin/env bash
# The window's kernel views, checked in their pixels (headless screenshots, tests/ui_pixels.py):
#  - memory view: a fault's marker lies in the region the fault fell in -- fault-jump's in its
#    Data (the magnified region, cm4 and rv32), fault-illegal's in its App flash, fault-null's
#    outside the process, on the kernel's code in the flash strip;
#  - timeline: one lane per process plus the kernel's, and in each lane as many context switches
#    drawn as the trace of the same run has in the strip's window (two zooms).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
demo=$b/ui_demo
out=$b/tests/ui-views
mkdir -p "$out"
fail=0
export SDL_VIDEODRIVER=dummy
unset DISPLAY WAYLAND_DISPLAY

ok() { echo "ui_views: ok   $*"; }
bad() { echo "ui_views: FAIL $*"; fail=1; }

# shot NAME BOARD UNTIL [ui_demo options...]: a 1400 x 900 screenshot, its layout in NAME.txt.
shot() {
  local name=$1 board=$2 until=$3
  shift 3
  "$demo" --board "$board" --kernel "$b/kernel/$board/kernel.elf" --until "$until" --size 1400x900 \
      --screenshot "$out/$name.png" "$@" >"$out/$name.txt" 2>"$out/$name.err" ||
    { bad "$name: ui_demo failed: $(cat "$out/$name.err")"; return 1; }
}

# marker NAME WANT UNWANTED...: some run of the fault marker has WANT just right of it (the
# marked byte's region) and none of UNWANTED (the neighbouring regions' colours).
marker() {
  local name=$1 want=$2 runs line
  shift 2
  runs=$(python3 "$top/tests/ui_pixels.py" marker "$out/$name.png" "$out/$name.txt" ff4d5e)
  while read -r line; do
    case "$line" in *"$want"*) ;; *) continue ;; esac
    local clean=1 u
    for u in "$@"; do case "$line" in *"$u"*) clean=0 ;; esac; done
    [ $clean = 1 ] && return 0
  done <<<"$runs"
  echo "$runs" | sed 's/^/  | /'
  return 1
}

data=2f8f83 stack=8e5ea2 heap=4f9a4a code=3b6ea5 header=5c6370 kcode=4a5566
for board in cm4 rv32; do
  apps=(--app "$b/apps/blink.tbf" --app "$b/apps/fault-jump.tbf")
  [ "$board" = rv32 ] && apps=(--app "$b/apps/rv32/slot0/blink.tbf" --app "$b/apps/rv32/slot1/fault-jump.tbf")
  shot jump-$board $board 300ms "${apps[@]}" --select fault-jump || continue
  if grep -q '^fault 1 mpu .* <code> Data (offset' "$out/jump-$board.txt" && marker jump-$board $data $stack $heap; then
    ok "$board: fault-jump's marker lies in its Data region (magnified), pc at <code>"
  else
    bad "$board: fault-jump's marker is not in its Data region: $(grep '^fault' "$out/jump-$board.txt")"
  fi
done
if shot illegal cm4 100ms --app "$b/apps/fault-illegal.tbf" && grep -q '^fault 0 usage .* <main' "$out/illegal.txt" &&
   marker illegal $code $header; then
  ok "cm4: fault-illegal's marker lies in its App flash, pc in main"
else
  bad "cm4: fault-illegal's marker is not in its App flash: $(grep '^fault' "$out/illegal.txt")"
fi
if shot null cm4 30ms --app "$b/apps/fault-null.tbf" && grep -q '^fault 0 mpu 0x00000000 .* outside: kernel flash' "$out/null.txt" &&
   marker null $kcode; then
  ok "cm4: fault-null's marker lies outside the process, on the kernel's code in the flash strip"
else
  bad "cm4: fault-null's marker is not on the kernel's code: $(grep '^fault' "$out/null.txt")"
fi

# The timeline against the trace of the same run: a lane per process and the kernel's; in each,
# the context switches of the strip's window (merged only where two share pixels).
apps=(--app "$b/apps/blink.tbf" --app "$b/apps/hello.tbf" --app "$b/apps/buttons.tbf")
for zoom in 2s 3ms@5ms; do
  name=timeline-${zoom/@/-at-}
  shot "$name" cm4 2s "${apps[@]}" --timeline "$zoom" --trace "$out/$name.jsonl" || continue
  res=$(python3 "$top/tests/ui_pixels.py" switches "$out/$name.png" "$out/$name.txt" "$out/$name.jsonl")
  lanes=$(grep -c '^lane ' <<<"$res")
  total=$(awk '{ s += $6 } END { print s + 0 }' <<<"$res")
  if [ "$lanes" = 4 ] && [ "$total" -ge 4 ] && awk '$6 != $8 { exit 1 }' <<<"$res"; then
    ok "timeline $zoom: 4 lanes (kernel, blink, hello, buttons), $total switches drawn as the trace has them"
  else
    bad "timeline $zoom: lanes or switches differ from the trace:"; sed 's/^/  | /' <<<"$res"
  fi
done
exit $fail

#!/usr/bin/env bash
# Snapshots on the command line (doc/snapshots.md), across processes: on both boards, a run
# saved at 300 ms (--save-snapshot) and continued by another process (--load-snapshot) prints
# the same console and the same machine events as one run from boot; the same through
# `tocksim boot` and a scenario's "snapshot"; a file for other images, another board or no
# snapshot at all is refused with a message that names it. Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
sim=$b/tocksim
out=$b/snapshot_cli
rm -rf "$out"
mkdir -p "$out"
fails=0
ok() { echo "snapshot_cli: ok   $1"; }
bad() { echo "snapshot_cli: FAIL $1"; fails=$((fails + 1)); }

# The trace's machine events from time $2 on (ns). The syscall/upcall/switch lines come from
# --strace's observer, which learns the kernel's state by watching and starts blank after a
# load: not part of a snapshot.
machine_events() {
  grep -v '"kind":"\(syscall\|upcall\|switch\)"' "$1" | awk -F'[:,]' -v t="$2" '$2 >= t'
}

# flags BOARD KERNEL APPS...: one run to 1 s, against 300 ms saved + loaded and run to 1 s.
flags() {
  local board=$1 kernel=$2; shift 2
  local apps=() a
  for a in "$@"; do apps+=(--app "$a"); done
  local run=("$sim" --board "$board" --kernel "$kernel" "${apps[@]}")
  "${run[@]}" --until 1s --trace "$out/$board-whole.jsonl" >"$out/$board-whole.out" 2>/dev/null </dev/null
  "${run[@]}" --until 300ms --save-snapshot "$out/$board.snap" >"$out/$board-first.out" 2>/dev/null </dev/null
  local rc_save=$?
  "${run[@]}" --until 1s --load-snapshot "$out/$board.snap" --trace "$out/$board-rest.jsonl" \
      >"$out/$board-rest.out" 2>"$out/$board-rest.err" </dev/null
  local rc_load=$?
  local t; t=$(head -c 200 "$out/$board-rest.jsonl" | sed -n 's/^{"t_ns":\([0-9]*\).*/\1/p' | head -1)
  if [ "$rc_save" -ne 124 ] || [ "$rc_load" -ne 124 ] || [ -z "$t" ]; then
    bad "$board flags: exit statuses $rc_save/$rc_load, want 124/124"; sed 's/^/  | /' "$out/$board-rest.err" | head -3
  elif ! cat "$out/$board-first.out" "$out/$board-rest.out" | cmp -s - "$out/$board-whole.out"; then
    bad "$board flags: console of save + load differs from one run"
  elif ! cmp -s <(machine_events "$out/$board-whole.jsonl" "$t") <(machine_events "$out/$board-rest.jsonl" 0); then
    bad "$board flags: machine events after the load differ from one run's"
    diff <(machine_events "$out/$board-whole.jsonl" "$t") <(machine_events "$out/$board-rest.jsonl" 0) | head -4 | sed 's/^/  | /'
  else
    ok "$board: --save-snapshot at 300 ms + --load-snapshot = one run ($(machine_events "$out/$board-rest.jsonl" 0 | wc -l) events)"
  fi
}

flags cm4 "$b/kernel/cm4/kernel.elf" "$b/apps/blink.tbf" "$b/apps/buttons.tbf" "$b/apps/timers.tbf"
flags rv32 "$b/kernel/rv32/kernel.elf" "$b/apps/rv32/slot0/blink.tbf" "$b/apps/rv32/slot1/buttons.tbf" \
    "$b/apps/rv32/slot2/timers.tbf"

# tocksim boot, on the terminal: the same split, with app names.
boot=("$sim" boot --no-window --fast)
"${boot[@]}" --until 1s hello blink >"$out/boot-whole.out" 2>/dev/null </dev/null
"${boot[@]}" --until 300ms --save-snapshot "$out/boot.snap" hello blink >"$out/boot-first.out" 2>/dev/null </dev/null
"${boot[@]}" --until 1s --load-snapshot "$out/boot.snap" hello blink >"$out/boot-rest.out" 2>"$out/boot-rest.err" </dev/null
if [ "$(cat "$out/boot-whole.out" | wc -c)" -gt 0 ] &&
   cat "$out/boot-first.out" "$out/boot-rest.out" | cmp -s - "$out/boot-whole.out"; then
  ok "boot: --save-snapshot + --load-snapshot = one run"
else
  bad "boot: console of save + load differs from one run"; sed 's/^/  | /' "$out/boot-rest.err" | head -3
fi

# A scenario whose board starts from the boot snapshot: time goes on from 300 ms.
cat >"$out/from-snapshot.json" <<'EOF'
{ "name": "from-snapshot", "apps": ["hello", "blink"], "snapshot": "boot.snap", "timeout": "2s",
  "steps": [ { "expect_no_output": "1ms" },
             { "expect_led": { "LED0": "on" }, "within": "300ms" },
             { "run_until": "900ms" } ] }
EOF
if "$sim" run "$out/from-snapshot.json" >"$out/scenario.out" 2>&1 && grep -q 'passed' "$out/scenario.out" &&
   grep -q '#1  \[ *301\.[0-9]* ms\] expect_no_output' "$out/scenario.out"; then
  ok "scenario: \"snapshot\" starts the board at the snapshot's time"
else
  bad "scenario: \"snapshot\""; sed 's/^/  | /' "$out/scenario.out" | head -8
fi

# check NAME PATTERN -- command: refused (exit 2) with PATTERN on stderr.
check() {
  local name=$1 pattern=$2; shift 3
  "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
  local rc=$?
  if [ "$rc" -ne 2 ] || ! grep -q -- "$pattern" "$out/$name.err"; then
    bad "$name: exit $rc, want 2 with '$pattern'"; sed 's/^/  | /' "$out/$name.err" | head -3
  else
    ok "$name: $(head -1 "$out/$name.err")"
  fi
}
k=$b/kernel/cm4/kernel.elf
check other-apps "tocksim: --load-snapshot: $out/cm4.snap: the flash differs from the snapshot's" -- \
    "$sim" --board cm4 --kernel "$k" --app "$b/apps/blink.tbf" --load-snapshot "$out/cm4.snap"
check other-board "tocksim: --load-snapshot: $out/cm4.snap: a snapshot of board cm4, not rv32" -- \
    "$sim" --board rv32 --kernel "$b/kernel/rv32/kernel.elf" --load-snapshot "$out/cm4.snap"
check other-ram "a snapshot of 65536 bytes of RAM at 0x20000000; this machine has 131072" -- \
    "$sim" --board cm4 --kernel "$k" --ram 128K --load-snapshot "$out/cm4.snap"
check not-a-snapshot "tocksim: --load-snapshot: $top/README.md: not a tocksim snapshot (no TOCKSNAP magic)" -- \
    "$sim" --board cm4 --kernel "$k" --load-snapshot "$top/README.md"
check missing "tocksim: --load-snapshot: $out/none.snap: cannot read the snapshot: No such file" -- \
    "$sim" --board cm4 --kernel "$k" --load-snapshot "$out/none.snap"
head -c 3000 "$out/cm4.snap" >"$out/short.snap"
check truncated "short.snap: truncated: the header announces" -- \
    "$sim" --board cm4 --kernel "$k" --load-snapshot "$out/short.snap"
check boot-other-apps "tocksim boot: $out/boot.snap: the flash differs from the snapshot's" -- \
    "${boot[@]}" --until 1s --load-snapshot "$out/boot.snap" hello

[ "$fails" -eq 0 ]

#!/usr/bin/env bash
# The GDB stub (doc/debugging.md) driven by gdb-multiarch on both boards: tocksim --gdb=0 with
# the hello app, then GDB scripts in batch mode whose output is checked line by line: a
# breakpoint in the kernel, registers, a single step, memory, a watchpoint on a kernel
# variable, a kernel function's arguments and its return (finish), monitor commands, the app's
# symbols placed by `monitor apps`, a breakpoint in the app's main and its data, a watchpoint on
# the app's variable, a single step into the system call's trap handler, detach (the run
# goes on to --until); and Ctrl-C while running, then kill. Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
out=$b/gdb-test
mkdir -p "$out"
fails=0
GDB=${GDB:-gdb-multiarch}
if ! command -v "$GDB" >/dev/null; then
  echo "gdb: FAIL $GDB not found (make deps installs gdb-multiarch)"; exit 1
fi

# start NAME BOARD APP UNTIL: tocksim waiting for GDB on a free port; sets $pid and $port.
start() {
  local name=$1 board=$2 app=$3 until=$4
  rm -f "$out/$name.sim.err"
  timeout 120 "$b/tocksim" --board "$board" --kernel "$b/kernel/$board/kernel.elf" --app "$app" \
    --gdb=0 --until "$until" --gdb-apps "$out/$name.apps.gdb" >"$out/$name.sim.out" 2>"$out/$name.sim.err" </dev/null &
  pid=$!
  port=$(port_named "$out/$name.sim.err" "tocksim: waiting") && return 0
  echo "gdb: FAIL $name: tocksim did not say it waits for GDB"; sed 's/^/  | /' "$out/$name.sim.err" | head -5
  fails=$((fails + 1))
  return 1
}

# port_named FILE PREFIX: the port of the line "PREFIX for GDB on 127.0.0.1:PORT" tocksim writes
# to FILE, waited for up to 5 s; fails if none came.
port_named() {
  local p
  for _ in $(seq 100); do
    p=$(sed -n "s/^$2 for GDB on 127\.0\.0\.1:\([0-9]*\)\$/\1/p" "$1" 2>/dev/null)
    [ -n "$p" ] && { echo "$p"; return 0; }
    sleep 0.05
  done
  return 1
}

# gdb_run NAME BOARD SCRIPT: GDB in batch mode on the kernel's symbols, output in NAME.gdb.out.
gdb_run() {
  timeout 90 "$GDB" -batch -nx "$b/kernel/$2/kernel.elf" -ex "target remote 127.0.0.1:$port" \
    -x "$3" >"$out/$1.gdb.out" 2>&1 </dev/null
}

# expect NAME FILE PATTERN...: each (extended) regex matches a line of FILE, in this order.
expect() {
  local name=$1 file=$2 i=3 line
  local -a pats=("$@")
  while IFS= read -r line && [ $i -le $# ]; do
    [[ $line =~ ${pats[$((i - 1))]} ]] && i=$((i + 1))
  done <"$file"
  if [ $i -le $# ]; then
    echo "gdb: FAIL $name: '${pats[$((i - 1))]}' not in $(basename "$file") (after the ones before it)"
    sed 's/^/  | /' "$file" | tail -25
    fails=$((fails + 1))
    return 1
  fi
  return 0
}

# finish NAME WANT: tocksim's exit status.
finish() {
  wait "$pid"
  local rc=$?
  if [ "$rc" -ne "$2" ]; then
    echo "gdb: FAIL $1: tocksim exit status $rc, want $2"; sed 's/^/  | /' "$out/$1.sim.err" | tail -5
    fails=$((fails + 1)); return 1
  fi
  return 0
}

# session BOARD APP SYSTEM_REGISTER STEP: the whole walk on one board. STEP single-steps the
# system call's trap instruction: GDB's RISC-V port always steps in software (a breakpoint on
# the next instruction, so stepi runs the whole call), so there the stub's own step is sent as
# a raw packet.
session() {
  local board=$1 app=$2 sysreg=$3 step=$4 name=session-$1
  cat >"$out/$name.gdb" <<EOF
break main
continue
info registers
set \$p0 = \$pc
stepi
printf "pc advanced: %d\n", \$pc != \$p0
x/4x \$sp
watch next_id
continue
delete
monitor time
break syscall_handle
continue
info args
finish
delete
monitor apps $out/$name.apps-now.gdb
source $out/$name.apps-now.gdb
break hello/main.c:main
continue
print hello_counter
info registers $sysreg
delete
watch hello_counter
continue
delete
break *command+12
continue
x/i \$pc
$step
maint flush register-cache
bt 1
monitor processes
detach
EOF
  start "$name" "$board" "$app" 5s || return
  gdb_run "$name" "$board" "$out/$name.gdb"
  local ok=1 trap_fn=cortexm_leave_process
  [ "$board" = rv32 ] && trap_fn=rv32_trap_entry
  expect "$name" "$out/$name.gdb.out" \
    '^Breakpoint 1, main \(\) at kernel/core/main.c' \
    '^sp +0x' '^pc +0x' \
    '^pc advanced: 1$' \
    '^0x[0-9a-f]+:\s+0x[0-9a-f]{8}\s+0x' \
    '^Hardware watchpoint 2: next_id$' 'Old value = 0$' 'New value = 1$' \
    '^virtual time [0-9]+\.[0-9]{6} ms \([0-9]+ cycles at 64000000 Hz\)' \
    '^Breakpoint 3, syscall_handle' '^p = 0x[0-9a-f]+ <processes>$' '^Value returned is \$1 = 1$' \
    "^add-symbol-file $b/apps/.*hello\.elf" \
    '^Breakpoint 4, main \(\) at apps/hello/main.c:15$' '^\$2 = 41$' "^$sysreg +0x[1-9a-f]" \
    '^Hardware watchpoint 5: hello_counter$' '^Old value = 41$' '^New value = 42$' \
    '^Breakpoint 6, .*command \(' '(svc|ecall)' "$trap_fn \(\) at kernel/arch" \
    '^0 +0 +hello +running' '^app hello ' \
    '^\[Inferior 1 \(Remote target\) detached\]' || ok=0
  # the apps file --gdb-apps keeps: written again when the process started (its RAM known)
  expect "$name" "$out/$name.apps.gdb" "^add-symbol-file $b/apps/.*hello\.elf" || ok=0
  finish "$name" 124 || ok=0               # detached: the run went on to --until
  expect "$name" "$out/$name.sim.out" '^hello: done$' || ok=0
  [ $ok = 1 ] && echo "gdb: ok   $name"
}

# GDB's Ctrl-C while the guest runs (a busy loop), then kill: tocksim ends with status 0. The
# SIGINT goes to GDB itself (not through timeout(1), which would take it), as a terminal's
# Ctrl-C does; a GDB that hangs is ended after 30 s.
interrupt() {
  local board=$1 app=$2 name=interrupt-$1 gpid
  printf 'continue\nprintf "after interrupt\\n"\nmonitor time\nkill\n' >"$out/$name.gdb"
  start "$name" "$board" "$app" 1000000s || return
  "$GDB" -batch -nx "$b/kernel/$board/kernel.elf" -ex "target remote 127.0.0.1:$port" \
    -x "$out/$name.gdb" >"$out/$name.gdb.out" 2>&1 </dev/null &
  gpid=$!
  sleep 1.5
  kill -INT "$gpid" 2>/dev/null
  for _ in $(seq 300); do kill -0 "$gpid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$gpid" 2>/dev/null                 # still there after 30 s: it hangs
  wait "$gpid"
  local ok=1
  expect "$name" "$out/$name.gdb.out" '^Program received signal SIGINT, Interrupt\.$' '^after interrupt$' \
    '^virtual time ' '^\[Inferior 1 \(Remote target\) killed\]$' || ok=0
  finish "$name" 0 || ok=0
  [ $ok = 1 ] && echo "gdb: ok   $name"
}

# Reverse execution (checkpoints and replay): reverse-continue lands on the previous hit at the
# same virtual time, and continuing forward again reaches the next hit at the same time; on cm4
# also 1800 reverse-stepi retrace 1800 stepi exactly (pc, sp, lr, r0, xpsr), across the return to the process (an
# exception return, ~450 steps in) and its next system call (an exception entry, ~1770).
reverse() {
  local board=$1 app=$2 name=reverse-$1 ok=1
  printf '%s\n' 'break syscall_handle' continue continue 'monitor time' continue 'monitor time' \
    reverse-continue 'monitor time' continue 'monitor time' "monitor snapshot save $out/$name.snap" \
    continue "monitor snapshot load $out/$name.snap" 'monitor history' >"$out/$name.gdb"
  [ "$board" = cm4 ] && printf '%s\n' delete 'set $i = 0' 'while $i < 1800' '  stepi' \
    '  printf "F %d %x %x %x %x %x\n", $i, $pc, $sp, $lr, $r0, $xpsr' '  set $i = $i + 1' end 'set $i = 1799' 'while $i >= 0' \
    '  printf "R %d %x %x %x %x %x\n", $i, $pc, $sp, $lr, $r0, $xpsr' '  reverse-stepi' '  set $i = $i - 1' end >>"$out/$name.gdb"
  echo kill >>"$out/$name.gdb"
  start "$name" "$board" "$app" 5s || return
  gdb_run "$name" "$board" "$out/$name.gdb"
  local -a t
  mapfile -t t < <(sed -n 's/^virtual time \([0-9.]*\) ms.*/\1/p' "$out/$name.gdb.out")
  if [ "${#t[@]}" -ne 4 ] || [ "${t[2]}" != "${t[0]}" ] || [ "${t[3]}" != "${t[1]}" ]; then
    echo "gdb: FAIL $name: times ${t[*]}: want hit2 hit3 hit2 hit3"; ok=0; fails=$((fails + 1))
  fi
  expect "$name" "$out/$name.gdb.out" "^snapshot save $out/$name.snap: done" \
    "^snapshot load $out/$name.snap: done" '^0 checkpoints' || ok=0
  if [ "$board" = cm4 ]; then
    local fw rv
    fw=$(sed -n 's/^F \([0-9]*\) \(.*\)/\1 \2/p' "$out/$name.gdb.out" | sort -n | tr '\n' ' ')
    rv=$(sed -n 's/^R \([0-9]*\) \(.*\)/\1 \2/p' "$out/$name.gdb.out" | sort -n | tr '\n' ' ')
    if [ -z "$fw" ] || [ "$fw" != "$rv" ] || ! grep -q '^F 1799 ' "$out/$name.gdb.out" ||
       ! grep -q '^F [0-9]* 4[0-9a-f]\{4\} ' "$out/$name.gdb.out" ||     # app code (0x40000-)
       [ "$(grep -c '^F [0-9]* [0-9a-f]\{1,4\} ' "$out/$name.gdb.out")" -lt 500 ]; then   # and the kernel's
      echo "gdb: FAIL $name: 1800 reverse steps do not retrace the forward ones (pc, sp, lr, r0, xpsr)"; ok=0; fails=$((fails + 1))
    fi
  fi
  finish "$name" 0 || ok=0
  [ $ok = 1 ] && echo "gdb: ok   $name: reverse-continue and forward again at the same times${3:-}"
}

# One GDB per board of a scenario (tocksim run --gdb=0, tests/gdb/two-boards.json: a cm4 and an
# rv32 board pinging each other over the radio): each GDB stops its board at a kernel function
# and steps; cm4's then continues to the end of the scenario (GDB hears the run is over), rv32's
# detaches. Halting a board holds the whole scenario, so its step lines and times are exactly
# those of the run without GDB. Then a GDB that kills its board fails the scenario.
scenario_boards() {
  local name=scenario-boards sc=$top/tests/gdb/two-boards.json ok=1 pids p0 p1
  timeout 60 "$b/tocksim" run "$sc" >"$out/$name.plain.out" 2>&1
  printf '%s\n' 'break syscall_handle' continue 'monitor time' stepi 'info registers pc' delete continue \
    >"$out/$name.arm.gdb"
  printf '%s\n' 'break ieee802154_command' continue 'bt 1' 'monitor time' stepi delete detach >"$out/$name.riscv.gdb"
  boards_start "$name" "$sc" || return
  gdb_at arm cm4 "$p0" "$out/$name.arm.gdb" & pids=$!
  gdb_at riscv rv32 "$p1" "$out/$name.riscv.gdb"
  wait $pids
  expect "$name" "$out/$name.arm.gdb.out" '^Breakpoint 1, syscall_handle' '^virtual time ' '^pc +0x' \
    'tocksim: the scenario passed' '^\[Inferior 1 \(Remote target\) exited normally\]' || ok=0
  expect "$name" "$out/$name.riscv.gdb.out" '^Breakpoint 1, ieee802154_command' '^#0 +ieee802154_command' \
    '^virtual time ' '^\[Inferior 1 \(Remote target\) detached\]' || ok=0
  finish "$name" 0 || ok=0
  if ! diff <(grep -E '^  (ok|FAIL)' "$out/$name.plain.out") <(grep -E '^  (ok|FAIL)' "$out/$name.sim.out") >/dev/null; then
    echo "gdb: FAIL $name: the steps' results and times differ from the run without GDB"
    diff <(grep -E '^  (ok|FAIL)' "$out/$name.plain.out") <(grep -E '^  (ok|FAIL)' "$out/$name.sim.out") | head
    ok=0; fails=$((fails + 1))
  fi
  printf '%s\n' 'break syscall_handle' continue kill >"$out/$name.kill.gdb"
  printf '%s\n' continue >"$out/$name.go.gdb"       # every board waits for its GDB
  boards_start "$name-kill" "$sc" || return
  gdb_at riscv rv32 "$p1" "$out/$name.go.gdb" & pids=$!
  gdb_at arm cm4 "$p0" "$out/$name.kill.gdb"
  wait $pids
  finish "$name-kill" 1 || ok=0
  expect "$name-kill" "$out/$name-kill.sim.out" '^FAIL gdb-two-boards: .*board arm: simulator error at .*: GDB killed the run' || ok=0
  [ $ok = 1 ] && echo "gdb: ok   $name: one GDB per board, times as without GDB; kill fails the scenario"
}

# boards_start NAME SCENARIO: tocksim run --gdb=0; sets $pid, $p0 and $p1 (the boards' ports).
boards_start() {
  local name=$1
  timeout 120 "$b/tocksim" run --gdb=0 "$2" >"$out/$name.sim.out" 2>"$out/$name.sim.err" </dev/null &
  pid=$!
  p0=$(port_named "$out/$name.sim.err" "tocksim: board arm: waiting") &&
    p1=$(port_named "$out/$name.sim.err" "tocksim: board riscv: waiting") && return 0
  echo "gdb: FAIL $name: tocksim run did not say where its boards wait for GDB"; sed 's/^/  | /' "$out/$name.sim.err" | head -5
  fails=$((fails + 1))
  return 1
}

# gdb_at NODE BOARD PORT SCRIPT: GDB in batch mode on one board of the scenario.
gdb_at() {
  timeout 90 "$GDB" -batch -nx "$b/kernel/$2/kernel.elf" -ex "target remote 127.0.0.1:$3" \
    -x "$4" >"${4%.gdb}.gdb.out" 2>&1 </dev/null
}

session cm4 "$b/apps/hello.tbf" xpsr stepi
session rv32 "$b/apps/rv32/slot0/hello.tbf" mscratch "maint packet s"
reverse cm4 "$b/apps/hello.tbf" "; 1800 reverse-stepi retrace stepi through an exception return and entry"
reverse rv32 "$b/apps/rv32/slot0/hello.tbf"
interrupt cm4 "$b/apps/cpu-hog.tbf"
interrupt rv32 "$b/apps/rv32/slot0/cpu-hog.tbf"
scenario_boards

if [ "$fails" -ne 0 ]; then echo "gdb: $fails failure(s)"; exit 1; fi
echo "gdb: all ok"

# Shared harness of the kernel whole-system tests (tests/kernel_qemu_{cm4,rv32}.sh, also run on
# tocksim through tests/kernel_tocksim_*.sh), and the cases both boards share. Sourced; the
# sourcing script defines RUNNER, WORK, cases, failures, KERNEL_FLASH, start() (how to boot a
# BLOB for SECONDS on its board and runner) and blob() (how to lay apps out for its board).

# qemu_only CASE: says the case is skipped on tocksim; true there.
qemu_only() {
  [ "$RUNNER" = qemu ] && return 1
  echo "skip $1 (needs console input or a hand-made flash image: QEMU only)"
}

# run NAME SECONDS BLOB INPUT expected... : boots BLOB (start()), types INPUT (a file of "delay
# text" lines, may be /dev/null) and passes if every expected string appears. Expected strings
# starting with '!' must NOT appear; '~' introduces an extended regex.
run() {
  local name=$1 secs=$2 blob=$3 input=$4; shift 4
  local log=$WORK/$name.log
  cases=$((cases + 1))
  mkfifo "$WORK/$name.fifo"
  : >"$log"
  feed "$input" >"$WORK/$name.fifo" &
  local fpid=$!
  (start "$blob" "$secs") <"$WORK/$name.fifo" >"$log" 2>&1 &
  # Wall-clock limit: generous (QEMU's guest time is real time, and the host may be busy). The
  # case ends as soon as its outcome is known: every expected line is there, a forbidden one
  # appeared, or the runner ended (tocksim stops at its virtual time limit).
  local qpid=$! deadline=$((SECONDS + 3 * secs))
  while [ $SECONDS -lt $deadline ] && kill -0 "$qpid" 2>/dev/null && ! decided "$log" "$@"; do sleep 0.2; done
  sleep 0.3
  kill "$qpid" "$fpid" 2>/dev/null; wait "$qpid" "$fpid" 2>/dev/null
  local missing=() e
  for e in "$@"; do
    case $e in
      '!'*) grep -qF -- "${e#!}" "$log" && missing+=("unexpected: ${e#!}") ;;
      '~'*) grep -qE -- "${e#\~}" "$log" || missing+=("missing /${e#\~}/") ;;
      *) grep -qF -- "$e" "$log" || missing+=("missing: $e") ;;
    esac
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "ok   $name"
  else
    failures=$((failures + 1))
    echo "FAIL $name"; printf '     %s\n' "${missing[@]}"
    echo "     --- console ($log) ---"; sed 's/^/     | /' "$log" | head -150
  fi
}

# decided LOG expected...: every expected line is present, or a forbidden one ('!') appeared.
decided() {
  local log=$1 e; shift
  for e in "$@"; do
    case $e in '!'*) grep -qF -- "${e#!}" "$log" && return 0 ;; esac
  done
  all_present "$log" "$@"
}

all_present() {
  local log=$1 e; shift
  for e in "$@"; do
    case $e in
      '!'*) ;;
      '~'*) grep -qE -- "${e#\~}" "$log" || return 1 ;;
      *) grep -qF -- "$e" "$log" || return 1 ;;
    esac
  done
}

# feed FILE: each line "SECONDS TEXT" sleeps, then types TEXT and a carriage return; then
# keeps the input open so QEMU is not cut off.
feed() {
  if [ "$1" != /dev/null ]; then
    while read -r delay text; do sleep "$delay"; printf '%s\r' "$text"; done <"$1"
  fi
  exec sleep 120
}

# check_kdbg_trace TRACE NODE: the process events the kernel reported (kdbg) in a JSON-lines trace
# of blink (slot 0) and fault-null (slot 1): a new pid per restart, every fault, and each state
# change reported once. Exits 1 on a mismatch. The same on every board.
check_kdbg_trace() {
  local trace=$1 node=$2 got dups switches
  kdbg_proc() { grep '"kind":"proc"' "$trace" | grep -v '"event":"switch"' |
                sed "s/^{\"t_ns\":[0-9]*,\"node\":\"$node\",\"kind\":\"proc\",//; s/}\$//"; }
  local want='"event":"created","pid":0,"slot":0,"name":"blink","state":"running","restarts":0
"event":"created","pid":1,"slot":1,"name":"fault-null","state":"running","restarts":0
"event":"fault","pid":1,"slot":1,"name":"fault-null","fault":"mpu","addr":0
"event":"created","pid":2,"slot":1,"name":"fault-null","state":"running","restarts":1
"event":"fault","pid":2,"slot":1,"name":"fault-null","fault":"mpu","addr":0
"event":"created","pid":3,"slot":1,"name":"fault-null","state":"running","restarts":2
"event":"fault","pid":3,"slot":1,"name":"fault-null","fault":"mpu","addr":0
"event":"created","pid":4,"slot":1,"name":"fault-null","state":"running","restarts":3
"event":"fault","pid":4,"slot":1,"name":"fault-null","fault":"mpu","addr":0'
  got=$(kdbg_proc | grep -E '"event":"(created|fault)"')
  if [ "$got" = "$want" ]; then
    echo "ok   kdbg: created/fault events, a new pid per restart"
  else
    echo "FAIL kdbg: created/fault events"; diff <(echo "$want") <(echo "$got") | sed 's/^/     /'; exit 1
  fi
  # Every state change is reported once: never the same state twice in a row for a pid.
  dups=$(kdbg_proc | grep '"event":"state"' | sed 's/,"restarts".*//' | uniq -d | head -3)
  switches=$(grep -c '"event":"switch"' "$trace")
  if [ -z "$dups" ] && [ "$switches" -gt 4 ] &&
     kdbg_proc | grep -q '"pid":0,"slot":0,"name":"blink","state":"yielded"'; then
    echo "ok   kdbg: state changes once each, $switches switches"
  else
    echo "FAIL kdbg: repeated states or no switches ($switches)"; echo "$dups" | sed 's/^/     /'; exit 1
  fi
}

# ---- cases both boards share (the sourcing script defines blob(); KERNEL_FLASH is the regex of
# its kernel's flash range as the process console's "kernel" command prints it) --------------

# A process that never yields: the timeslice preempts it and the others finish; on QEMU the
# process console lists it as running.
case_cpu_hog() {
  blob "$WORK/hog.bin" cpu-hog timers hello
  printf '4 list\n' >"$WORK/hog.in"
  local listed="~ [0-9]+ +cpu-hog +[1-9][0-9]* +[0-9]+ +0 +[0-9/]+ +Running"
  [ "$RUNNER" = qemu ] || listed="cpu-hog: spinning forever"     # no console input
  run cpu-hog 15 "$WORK/hog.bin" "$WORK/hog.in" \
    "cpu-hog: spinning forever" "timers: done at" "hello: done" "$listed"
}

# TRD104 as Tock implements it: only the registers of the return variant are written.
case_syscall_regs() {
  blob "$WORK/regs.bin" syscall-regs hello
  run syscall-regs 10 "$WORK/regs.bin" /dev/null \
    "~syscall-regs: ([0-9]+)/\\1 register checks passed: only the variant's registers were written" \
    "hello: done" "!want 0x" "!Kernel panic"
}

case_syscall_storm() {
  blob "$WORK/storm.bin" syscall-storm hello
  run syscall-storm 20 "$WORK/storm.bin" /dev/null \
    "calls returned an error (all of them); app survived" "hello: done" \
    "!UNEXPECTED SUCCESS" "!faulted" "!Kernel panic"
}

case_process_console() {
  qemu_only process-console && return
  blob "$WORK/pc.bin" timers hello
  cat >"$WORK/pc.in" <<'IN'
3 help
0.3 list
0.3 status
0.3 stop timers
0.3 list
0.3 start timers
0.3 kernel
0.3 terminate hello
0.3 process hello
0.3 boot hello
0.3 fault timers
0.3 nosuch
0.3 stop nobody
IN
  run process-console 15 "$WORK/pc.bin" "$WORK/pc.in" \
    "Valid commands are: help status list stop start fault boot terminate process kernel panic" \
    "~ PID +Name +Quanta +Syscalls +Restarts +Grants +State" \
    "~[0-9]+ +timers .*StoppedYielded" \
    "Total processes: 2" "App: hello   -   [Terminated]" \
    "Kernel version: 2.2" "~ Kernel flash: +$KERNEL_FLASH" \
    " Drivers: alarm(0x0) console(0x1) led(0x2) button(0x3)" \
    "~Process booted as pid [0-9]+" \
    "Process timers (pid 0) faulted: forced from the process console" \
    "Unknown command 'nosuch'" "No process named 'nobody'"
}

case_echo() {
  qemu_only echo && return
  blob "$WORK/echo.bin" echo
  printf '3 hello world, this is a longer line\n0.2 second\n' >"$WORK/echo.in"
  run echo 10 "$WORK/echo.bin" "$WORK/echo.in" \
    'echo: "hello world, this is a longer line"' 'echo: "second"' "!tock$"
}

case_panic() {
  qemu_only panic && return
  blob "$WORK/panic.bin" hello
  printf '2 panic\n' >"$WORK/panic.in"
  run panic 8 "$WORK/panic.bin" "$WORK/panic.in" \
    "Kernel panic: process console: panic requested" "~process 0: hello pid 0"
}

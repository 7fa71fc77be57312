#!/usr/bin/env bash
# Command-line behaviour of tocksim on cm4: exit statuses, error messages, time limit,
# lockup reporting and bit-identical traces across runs. Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
sim=$b/tocksim
out=$b/cli_cm4
mkdir -p "$out"
fails=0
check() {   # check NAME EXPECTED_STATUS GREP_PATTERN FILE -- command...
  local name=$1 want=$2 pattern=$3 file=$4; shift 5
  "$@" >"$out/$name.out" 2>"$out/$name.err" </dev/null
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    echo "cli_cm4: FAIL $name: exit status $rc, want $want"; sed 's/^/  | /' "$out/$name.err" | head -5; fails=$((fails + 1))
  elif ! grep -q -- "$pattern" "$out/$name.$file"; then
    echo "cli_cm4: FAIL $name: '$pattern' not in std$file"; sed 's/^/  | /' "$out/$name.$file" | head -5; fails=$((fails + 1))
  else
    echo "cli_cm4: ok   $name"
  fi
}

check hello 0 'hello from cm4' out -- "$sim" --board cm4 --kernel "$b/firmware/cm4/hello.elf"
check help-boards 0 '^  rv32   RV32IMAC' out -- "$sim" --help
check flags-help-boards 0 '^  rv32   RV32IMAC' out -- "$sim" --board cm4 --help
check usage 2 'kernel FILE is required' err -- "$sim" --board cm4
check bad-board 2 "unknown board 'pdp11'" err -- "$sim" --board pdp11 --kernel "$b/firmware/cm4/hello.elf"
check not-elf 2 'not an ELF file' err -- "$sim" --kernel "$top/README.md"
check wrong-arch 2 'ELF is for x86-64' err -- "$sim" --kernel /bin/true
check bad-time 2 "tocksim: --until: time '5 parsecs' has an unknown unit ' parsecs' (expected s, ms, us or ns)" err -- \
    "$sim" --kernel "$b/firmware/cm4/hello.elf" --until '5 parsecs'
# Times and sizes that do not fit are usage errors naming the limit (they used to wrap to 0:
# "time limit reached (0.000 s)", and --ram 17592186044417M to 1 MiB).
too_long="is too long: the limit is 9223372036.854 s (2^63 ns)"
check until-too-long 2 "tocksim: --until: time '100000000000s' $too_long" err -- \
    "$sim" --kernel "$b/firmware/cm4/hello.elf" --until 100000000000s
check until-2^64ns 2 "tocksim: --until: time '18446744073709551616ns' $too_long" err -- \
    "$sim" --kernel "$b/firmware/cm4/hello.elf" --until 18446744073709551616ns
check until-inf 2 "tocksim: --until: time 'infs' is not a number with a unit, such as 250ms" err -- \
    "$sim" --kernel "$b/firmware/cm4/hello.elf" --until infs
check until-negative 2 "tocksim: --until: time '-5s' is negative" err -- \
    "$sim" --kernel "$b/firmware/cm4/hello.elf" --until -5s
check ram-too-large 2 "tocksim: --ram: size '17592186044417M' is too large: the limit is 256M (268435456 bytes)" err -- \
    "$sim" --kernel "$b/firmware/cm4/hello.elf" --ram 17592186044417M
check ram-suffix 2 "tocksim: --ram: size '64KB' has an unknown unit 'B' (expected K or M)" err -- \
    "$sim" --kernel "$b/firmware/cm4/hello.elf" --ram 64KB
# (timeout: accepted by mistake, it would run in real time until killed)
check boot-until-too-long 2 "tocksim boot: --until: time '100000000000s' $too_long" err -- \
    timeout 20 "$sim" boot --no-window --until 100000000000s hello
# 100,000 identical guest errors while a console line is half written: the line stays whole
# and the errors are summarised.
"$sim" --kernel "$b/tests/guest/cm4_runaway.elf" >"$out/runaway.all" 2>&1
if ! grep -qx 'blink: 2 LEDs' "$out/runaway.all"; then
  echo "cli_cm4: FAIL runaway: the console line 'blink: 2 LEDs' was split"; sed 's/^/  | /' "$out/runaway.all" | head -8; fails=$((fails + 1))
elif [ "$(grep -c 'bad offset 0x40$' "$out/runaway.all")" -ne 3 ] ||
     ! grep -q 'bad offset 0x40 (repeated 99997 more times, not shown)$' "$out/runaway.all"; then
  echo "cli_cm4: FAIL runaway: repeated guest errors not summarised as 3 lines + a count"; head -8 "$out/runaway.all" | sed 's/^/  | /'; fails=$((fails + 1))
else
  echo "cli_cm4: ok   runaway guest errors summarised, console line whole"
fi
check lockup 125 'lockup: fault' err -- "$sim" --kernel "$b/tests/guest/cm4_lockup.elf"
if [ -f "$b/kernel/cm4/kernel.elf" ] && [ -f "$b/apps/blink.tbf" ]; then
  check until 124 'time limit reached' err -- "$sim" --kernel "$b/kernel/cm4/kernel.elf" \
      --app "$b/apps/blink.tbf" --until 300ms
  # --strace beside the console: every line is one or the other, never both.
  "$sim" boot --no-window --fast --strace --until 2s blink buttons >"$out/strace.all" 2>&1 </dev/null
  if [ "$(grep -c '^\[[0-9.]* ms\] blink' "$out/strace.all")" -lt 10 ] || grep -q '.\[[0-9.]* ms\] ' "$out/strace.all"; then
    echo "cli_cm4: FAIL strace: a system call line is missing or starts inside a console line"
    grep -n '.\[[0-9.]* ms\] ' "$out/strace.all" | head -3 | sed 's/^/  | /'; fails=$((fails + 1))
  else
    echo "cli_cm4: ok   strace and console lines stay whole"
  fi
  # libtock's alarm repeats no call the kernel already has: a blink step between two upcalls is
  # the LEDs, one "now" and one set_absolute (it was 7 calls: a now for the upcall, a stop
  # answered ALREADY, a second now).
  step=$(awk '/blink.0 yield\(wait\) = upcall alarm/ { n++; next }
              n == 3 && /blink.0/ { match($0, /\((alarm|led)=0x[0-9a-f]+, cmd=[0-9]+ [a-z_]+/);
                                    printf "%s ", substr($0, RSTART + 1, RLENGTH - 1) }' "$out/strace.all")
  if [[ "$step" =~ ^(led=0x2,\ cmd=[12]\ (on|off)\ ){2}alarm=0x0,\ cmd=2\ now\ alarm=0x0,\ cmd=6\ set_absolute\ $ ]] &&
     [ "$(awk '/blink.0 yield\(wait\) = upcall alarm/ { n++; next } n == 3 && /blink.0/' "$out/strace.all" | wc -l)" -eq 4 ]; then
    echo "cli_cm4: ok   a blink step: two LED calls, one alarm now, one set_absolute"
  else
    echo "cli_cm4: FAIL a blink step made: $step"; fails=$((fails + 1))
  fi
  # Eight apps need more than the 64 KiB the kernel is linked for: with --ram 1M the kernel
  # learns the board's RAM (kdbg RAM_SIZE) and loads all eight.
  # (gpio is 8 KiB, so the image is aligned to 0x48000.)
  eight="hello blink buttons timers console-a console-b cpu-hog gpio"
  # shellcheck disable=SC2086
  check eight-apps-1M 124 'Loader: process gpio: flash 0x00048000-0x0004a000, RAM 0x20010000-0x20012000' out -- \
      "$sim" boot --no-window --fast --until 200ms --ram 1M $eight
  # shellcheck disable=SC2086
  check eight-apps-64K 124 'Loader: image at 0x00048000 (gpio) skipped: not enough RAM' out -- \
      "$sim" boot --no-window --fast --until 200ms $eight
  rm -f "$out/shot.png"
  check screenshot 124 'time limit reached' err -- "$sim" --kernel "$b/kernel/cm4/kernel.elf" \
      --app "$b/apps/blink.tbf" --until 300ms --screenshot "$out/shot.png"
  if [ "$(head -c 8 "$out/shot.png" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ]; then
    echo "cli_cm4: ok   screenshot is a PNG"
  else
    echo "cli_cm4: FAIL screenshot: $out/shot.png is missing or not a PNG"; fails=$((fails + 1))
  fi
  # tocksim boot --screenshot: headless (no display needed), the picture at --until: a PNG with
  # the window's fixed size, 1100 x 720 (IHDR's width and height follow the 8-byte signature).
  rm -f "$out/boot-shot.png"
  check boot-screenshot 124 'time limit reached' err -- env -u DISPLAY -u WAYLAND_DISPLAY \
      "$sim" boot --fast --until 300ms --screenshot "$out/boot-shot.png" blink
  head=$(head -c 24 "$out/boot-shot.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')
  if [ "$head" = 89504e470d0a1a0a0000000d494844520000044c000002d0 ]; then
    echo "cli_cm4: ok   boot --screenshot is a 1100 x 720 PNG"
  else
    echo "cli_cm4: FAIL boot --screenshot: $out/boot-shot.png is missing or not a 1100 x 720 PNG ($head)"
    fails=$((fails + 1))
  fi
  check boot-screenshot-unwritable 125 'no/such/dir.png: cannot write: No such file' err -- \
      "$sim" boot --fast --until 10ms --screenshot "$out/no/such/dir.png" blink
  # boot's terminal: into a file the output is the console alone (no status line, no escape
  # sequences); on a terminal (a pty from python3) the last row shows the LEDs and buttons,
  # Ctrl-A 2 presses BTN1, typed text still reaches the kernel's process console, Ctrl-A x quits.
  "$sim" boot --no-window --fast --until 600ms blink >"$out/boot-term.out" 2>&1 </dev/null
  if grep -q 'blink: 2 LEDs' "$out/boot-term.out" && ! grep -q $'\033' "$out/boot-term.out"; then
    echo "cli_cm4: ok   boot into a file: the console alone, no status line"
  else
    echo "cli_cm4: FAIL boot into a file: console missing or escape sequences in $out/boot-term.out"
    fails=$((fails + 1))
  fi
  if command -v python3 >/dev/null; then
    python3 - "$sim" boot --no-window --until 20s buttons >"$out/boot-pty.out" 2>&1 <<'PY'
import fcntl, os, pty, select, struct, sys, termios, time
pid, fd = pty.fork()
if pid == 0:                        # the size before tocksim asks for it
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    os.environ["TERM"] = "xterm"
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
def wait_for(text, secs=10):
    global out
    end = time.time() + secs
    while text not in out and time.time() < end:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                out += os.read(fd, 65536)
            except OSError:
                return
wait_for(b"buttons ready")
os.write(fd, b"\x012")
wait_for(b"button 1 pressed")
os.write(fd, b"help\r")
wait_for(b"Welcome to the process console")
os.write(fd, b"\x01x")
wait_for(b"never printed", 5)
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
print("\nexit %d" % os.waitstatus_to_exitcode(status))
PY
    log=$out/boot-pty.out
    if grep -q 'button 1 pressed, LED1 toggled' "$log" && grep -q 'Welcome to the process console' "$log" &&
       grep -q $'\033\\[1;23r' "$log" && grep -q $'\033\\[24;1H\033\\[2K\\[LED0 \xe2\x97\x8b LED1 \xe2\x97\x8f | BTN0 \xe2\x97\x8b BTN1 \xe2\x97\x8f\\]' "$log" &&
       grep -q '^exit 0$' "$log"; then
      echo "cli_cm4: ok   boot on a terminal: status line, Ctrl-A 2 pressed BTN1, typing reached the console, Ctrl-A x quit"
    else
      echo "cli_cm4: FAIL boot on a terminal (want the status line, BTN1 pressed by Ctrl-A 2, 'help' answered, exit 0): $log"
      fails=$((fails + 1))
    fi
  else
    echo "cli_cm4: skip boot on a terminal (needs python3)"
  fi
  # The console reaches a pipe line by line while the guest runs, not at exit: cpu-hog computes
  # for an hour of virtual time (minutes of wall time), its greeting must arrive within seconds.
  # `timeout` bounds the simulator even if this script is interrupted before the kill.
  if [ -f "$b/apps/cpu-hog.tbf" ]; then
    exec 3< <(exec timeout 60 "$sim" --kernel "$b/kernel/cm4/kernel.elf" \
                --app "$b/apps/cpu-hog.tbf" --until 3600s 2>/dev/null </dev/null)
    hog=${!:-}
    line=""
    deadline=$((SECONDS + 20))
    while [ "$SECONDS" -lt "$deadline" ] && IFS= read -r -t $((deadline - SECONDS)) l <&3; do
      case $l in "cpu-hog: spinning"*) line=$l; break ;; esac
    done
    [ -n "$hog" ] && kill "$hog" 2>/dev/null
    exec 3<&-
    if [ -n "$line" ]; then
      echo "cli_cm4: ok   console streams through a pipe while the guest runs"
    else
      echo "cli_cm4: FAIL console through a pipe: no 'cpu-hog: spinning' line within 20 s (buffered until exit?)"
      fails=$((fails + 1))
    fi
  fi
  for run in 1 2; do
    "$sim" --kernel "$b/kernel/cm4/kernel.elf" --app "$b/apps/blink.tbf" --app "$b/apps/hello.tbf" \
        --until 1s --trace "$out/trace$run.jsonl" >/dev/null 2>&1 </dev/null
  done
  if [ -s "$out/trace1.jsonl" ] && cmp -s "$out/trace1.jsonl" "$out/trace2.jsonl"; then
    echo "cli_cm4: ok   deterministic trace ($(wc -l <"$out/trace1.jsonl") events, byte-identical)"
  else
    echo "cli_cm4: FAIL deterministic trace: $out/trace1.jsonl and trace2.jsonl differ or are empty"
    fails=$((fails + 1))
  fi
fi
[ "$fails" -eq 0 ]

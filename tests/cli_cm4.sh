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
check lockup 125 'lockup: fault' err -- "$sim" --kernel "$b/tests/guest/cm4_lockup.elf"
if [ -f "$b/kernel/cm4/kernel.elf" ] && [ -f "$b/apps/blink.tbf" ]; then
  check until 124 'time limit reached' err -- "$sim" --kernel "$b/kernel/cm4/kernel.elf" \
      --app "$b/apps/blink.tbf" --until 300ms
  rm -f "$out/shot.png"
  check screenshot 124 'time limit reached' err -- "$sim" --kernel "$b/kernel/cm4/kernel.elf" \
      --app "$b/apps/blink.tbf" --until 300ms --screenshot "$out/shot.png"
  if [ "$(head -c 8 "$out/shot.png" 2>/dev/null | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ]; then
    echo "cli_cm4: ok   screenshot is a PNG"
  else
    echo "cli_cm4: FAIL screenshot: $out/shot.png is missing or not a PNG"; fails=$((fails + 1))
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

#!/usr/bin/env bash
# CPU benchmark of a board (cm4, the default, or rv32): guest MIPS of tocksim against QEMU (TCG,
# and TCG with -icount shift=0,sleep=off) and against Unicorn alone (sim/bench/uc-floor.c: the engine
# without tocksim's machine, and with an empty block hook, the floor of instruction counting)
# on the same bare-metal workload, unprotected and
# under the memory protection unit (cm4: MPU; rv32: user mode under the PMP), and start-up time.
# Prints BENCH lines (doc/firmware-crosscheck.md and doc/cpu-rv32.md, "Benchmark"). The rv32
# workload is tests/firmware/cm4/bench/workload.c built for RV32IMAC; tools/bench-cpu-rv32.sh
# runs this script for rv32.
#
# Usage: tools/bench-cpu.sh [cm4|rv32]
#
# Method: wall time on a monotonic clock, best of $BENCH_RUNS runs (start-up: best of
# $BENCH_STARTUP_RUNS), of the whole process, the engines taking turns run by run. A
# one-line firmware (hello.elf) measures each engine's start-up; it is subtracted from the
# workload's time before dividing the guest instruction count (from tocksim --stats; the
# workload is deterministic, so QEMU executes the same instructions) by it.
# Builds nothing: run `make all` first.
set -u
board=${1:-cm4}
top=$(cd "$(dirname "$0")/.." && pwd)
build=${B:-build}
fw=$top/$build/firmware/$board
tocksim=$top/$build/tocksim
runs=${BENCH_RUNS:-5}
startup_runs=${BENCH_STARTUP_RUNS:-20}   # start-up runs are short and noisier: more of them

# Per board: the name in messages and of the output folder, the protected variant's ELF, QEMU.
case $board in
  cm4)
    me=bench-cpu
    protected=bench-mpu
    # shellcheck disable=SC2054  # the commas belong to one QEMU option
    QEMU=(qemu-system-arm -M mps2-an386 -nographic -semihosting-config enable=on,target=native) ;;
  rv32)
    me=bench-cpu-rv32
    protected=bench-pmp
    QEMU=(qemu-system-riscv32 -M virt -bios none -global virtio-mmio.force-legacy=false -nographic) ;;
  *)
    echo "bench-cpu: unknown board '$board' (known: cm4, rv32)" >&2; exit 1 ;;
esac
out=$top/$build/$me

die() { echo "$me: $*" >&2; exit 1; }
for f in "$fw/bench.elf" "$fw/$protected.elf" "$fw/hello.elf"; do
  [ -f "$f" ] || die "$f missing: run 'make all' first"
done
[ -x "$tocksim" ] || die "$tocksim does not exist yet: no figures without the simulator"
floor=$top/$build/tools/uc-floor
[ -x "$floor" ] || die "$floor missing: run 'make all' first"
command -v "${QEMU[0]}" >/dev/null || die "${QEMU[0]} not found: run 'make deps'"
command -v perl >/dev/null || die "perl not found (used for the monotonic clock)"
mkdir -p "$out"

# engine_cmd ENGINE ELF: the command line that runs ELF on ENGINE (ours, qemu-tcg, qemu-icount).
engine_cmd() {
  case $1 in
    ours)        echo "$tocksim --board $board --kernel $2 --until 600s" ;;
    qemu-tcg)    echo "${QEMU[*]} -kernel $2" ;;
    qemu-icount) echo "${QEMU[*]} -icount shift=0,sleep=off -kernel $2" ;;
    unicorn)     echo "$floor $board $2" ;;
    unicorn-hook) echo "$floor --hook $board $2" ;;
  esac
}

# time_best N OUT ERR REF CMD...: runs CMD N times from one perl process (stdin /dev/null,
# stdout OUT, stderr ERR) and prints the best wall time in ms, measured with CLOCK_MONOTONIC
# around perl's system() (fork, exec, wait; the redirections are made before, in the parent, so
# the child does nothing but exec: on a VM each page a forked perl touches costs ~15 us). Fails
# (status 1, reason on stderr) if a run exits non-zero or prints something else than REF.
time_best() {
  perl -MTime::HiRes=clock_gettime,CLOCK_MONOTONIC -e '
    my ($n, $out, $err, $ref, @cmd) = @ARGV;
    my $want = do { local $/; open(my $f, "<", $ref) or die "$ref: $!\n"; <$f> };
    open(my $report, ">&", \*STDOUT) or die; open(my $why, ">&", \*STDERR) or die;
    open(STDIN, "<", "/dev/null");
    my $best;
    for (1 .. $n) {
      open(STDOUT, ">", $out) or die "$out: $!\n"; open(STDERR, ">", $err) or die "$err: $!\n";
      my $t0 = clock_gettime(CLOCK_MONOTONIC);
      my $rc = system { $cmd[0] } @cmd;
      my $ms = (clock_gettime(CLOCK_MONOTONIC) - $t0) * 1000;
      if ($rc) { printf $why "exit status %d, signal %d\n", $rc >> 8, $rc & 127; exit 1 }
      my $got = do { local $/; open(my $f, "<", $out) or die "$out: $!\n"; <$f> };
      if ($got ne $want) { print $why "printed something else than the reference ($out)\n"; exit 1 }
      $best = $ms if !defined $best || $ms < $best;
    }
    printf $report "%.3f\n", $best;' "$@"
}

# best_ms ENGINE ELF [N]: best wall time in ms over N (default $runs) runs; checks exit status
# and transcript (against tocksim --stats's, from reference).
best_ms() {
  local engine=$1 elf=$2 n=${3:-$runs} name
  name=$(basename "$elf" .elf)
  # shellcheck disable=SC2046
  time_best "$n" "$out/$name.$engine.txt" "$out/$name.$engine.err" "$out/$name.ref.txt" \
    $(engine_cmd "$engine" "$elf") 2>"$out/$name.$engine.why" ||
    die "$engine on $name.elf: $(cat "$out/$name.$engine.why") (see $out/$name.$engine.err)"
}

# reference ELF: one untimed tocksim --stats run; keeps the transcript, prints the instruction count.
reference() {
  local name n
  name=$(basename "$1" .elf)
  "$tocksim" --board "$board" --kernel "$1" --until 600s --stats \
    </dev/null >"$out/$name.ref.txt" 2>"$out/$name.ref.err" \
    || die "tocksim failed on $name.elf (see $out/$name.ref.err)"
  n=$(sed -n 's/.*instructions=\([0-9]*\).*/\1/p' "$out/$name.ref.err" | tail -n 1)
  [ -n "$n" ] || die "tocksim --stats printed no 'instructions=N' line ($out/$name.ref.err)"
  echo "$n"
}

mips() { awk -v n="$1" -v t="$2" -v s="$3" 'BEGIN { printf "%.1f", n / ((t - s) * 1000) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# best_interleaved ARRAY ELF N ENGINE...: the best of N runs of ELF on each engine into
# ARRAY[engine], the engines taking turns run by run: this machine's slow spells (its neighbours'
# load, seconds long) then fall on every engine alike instead of on one engine's runs.
best_interleaved() {
  local -n best=$1
  local elf=$2 n=$3 engine ms
  shift 3
  for _ in $(seq "$n"); do
    for engine in "$@"; do
      ms=$(best_ms "$engine" "$elf" 1) || exit 1
      if [ -z "${best[$engine]:-}" ] || awk -v a="$ms" -v b="${best[$engine]}" 'BEGIN { exit !(a < b) }'; then
        best[$engine]=$ms
      fi
    done
  done
}

reference "$fw/hello.elf" >/dev/null
declare -A start
best_interleaved start "$fw/hello.elf" "$startup_runs" ours qemu-tcg qemu-icount unicorn unicorn-hook

for variant in bench "$protected"; do
  elf=$fw/$variant.elf
  insns=$(reference "$elf")
  name=cpu-mips-$board
  [ "$variant" = "$protected" ] && name=$name-${protected#bench-}    # cpu-mips-cm4-mpu, -rv32-pmp
  declare -A rate=() e2e=() best=()
  # The bare engine (uc-floor) runs only the plain variant: the protected one needs the
  # exception model and MPU/PMP that tocksim adds.
  engines="ours qemu-tcg qemu-icount"
  [ "$variant" = bench ] && engines="$engines unicorn unicorn-hook"
  # shellcheck disable=SC2086  # one word per engine
  best_interleaved best "$elf" "$runs" $engines
  for engine in $engines; do
    ms=${best[$engine]}
    rate[$engine]=$(mips "$insns" "$ms" "${start[$engine]}")
    e2e[$engine]=$(mips "$insns" "$ms" 0)
    echo "$me: $variant.elf on $engine: $insns instructions, best ${ms} ms," \
         "start-up ${start[$engine]} ms, ${rate[$engine]} MIPS"
  done
  for peer in qemu-tcg qemu-icount $([ "$variant" = bench ] && echo unicorn unicorn-hook); do
    echo "BENCH name=$name value=${rate[ours]} unit=MIPS peer=$peer peer_value=${rate[$peer]}" \
         "ratio=$(ratio "${rate[ours]}" "${rate[$peer]}")"
  done
  # The same run seen by a user: instructions over the whole process's wall time (start-up
  # included). Reported beside, never instead of, the steady-state figure above.
  echo "BENCH name=$name-e2e value=${e2e[ours]} unit=MIPS peer=qemu-tcg peer_value=${e2e[qemu-tcg]}" \
       "ratio=$(ratio "${e2e[ours]}" "${e2e[qemu-tcg]}")"
done

echo "BENCH name=startup-ms-$board value=${start[ours]} unit=ms peer=qemu-tcg" \
     "peer_value=${start[qemu-tcg]} ratio=$(ratio "${start[qemu-tcg]}" "${start[ours]}")"
# The engine's own start-up (open, map, run the same firmware): the floor under ours.
echo "BENCH name=startup-ms-$board value=${start[ours]} unit=ms peer=unicorn" \
     "peer_value=${start[unicorn]} ratio=$(ratio "${start[unicorn]}" "${start[ours]}")"
# Starting any process at all, in the same harness: this machine's share of every figure above.
: >"$out/true.ref.txt"
spawn=$(time_best "$startup_runs" "$out/true.txt" "$out/true.err" "$out/true.ref.txt" /bin/true) ||
  die "/bin/true could not be timed"
echo "BENCH name=startup-ms-$board value=${start[ours]} unit=ms peer=bin-true" \
     "peer_value=$spawn ratio=$(ratio "$spawn" "${start[ours]}")"

#!/usr/bin/env bash
# CPU benchmark of a board (cm4, the default, or rv32): guest MIPS of tocksim against QEMU (TCG,
# and TCG with -icount shift=0,sleep=off) and against Unicorn alone (tools/uc-floor: the engine
# without tocksim's machine, and with an empty block hook, the floor of instruction counting)
# on the same bare-metal workload, unprotected and
# under the memory protection unit (cm4: MPU; rv32: user mode under the PMP), and start-up time.
# Prints BENCH lines (doc/firmware-crosscheck.md and doc/cpu-rv32.md, "Benchmark"). The rv32
# workload is tests/firmware/cm4/bench/workload.c built for RV32IMAC; tools/bench-cpu-rv32.sh
# runs this script for rv32.
#
# Usage: tools/bench-cpu.sh [cm4|rv32]
#
# Method: wall time on a monotonic clock, best of $BENCH_RUNS runs, of the whole process. A
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
    QEMU=(qemu-system-riscv32 -M virt -bios none -nographic) ;;
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

# time_run OUT ERR CMD...: runs CMD (stdin /dev/null, stdout OUT, stderr ERR), prints its wall
# time in ms measured with CLOCK_MONOTONIC, and returns its exit status.
time_run() {
  perl -MTime::HiRes=clock_gettime,CLOCK_MONOTONIC -e '
    my ($out, $err, @cmd) = @ARGV;
    open(my $report, ">&", \*STDOUT) or die;
    open(STDIN, "<", "/dev/null"); open(STDOUT, ">", $out) or die; open(STDERR, ">", $err) or die;
    my $t0 = clock_gettime(CLOCK_MONOTONIC);
    my $rc = system { $cmd[0] } @cmd;
    my $t1 = clock_gettime(CLOCK_MONOTONIC);
    printf $report "%.3f\n", ($t1 - $t0) * 1000;
    exit($rc == -1 ? 127 : ($rc & 127) ? 128 + ($rc & 127) : $rc >> 8);' "$@"
}

# best_ms ENGINE ELF: best wall time in ms over $runs runs; checks exit status and transcript.
best_ms() {
  local engine=$1 elf=$2 name best="" ms i
  name=$(basename "$elf" .elf)
  for ((i = 0; i < runs; i++)); do
    # shellcheck disable=SC2046
    ms=$(time_run "$out/$name.$engine.txt" "$out/$name.$engine.err" $(engine_cmd "$engine" "$elf")) \
      || die "$engine failed on $name.elf (see $out/$name.$engine.err)"
    cmp -s "$out/$name.$engine.txt" "$out/$name.ref.txt" \
      || die "$engine printed something else than tocksim --stats on $name.elf ($out/$name.$engine.txt)"
    best=$(awk -v a="$ms" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
  done
  echo "$best"
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

reference "$fw/hello.elf" >/dev/null
declare -A start
for engine in ours qemu-tcg qemu-icount unicorn unicorn-hook; do
  start[$engine]=$(best_ms "$engine" "$fw/hello.elf")
done

for variant in bench "$protected"; do
  elf=$fw/$variant.elf
  insns=$(reference "$elf")
  name=cpu-mips-$board
  [ "$variant" = "$protected" ] && name=$name-${protected#bench-}    # cpu-mips-cm4-mpu, -rv32-pmp
  declare -A rate=() e2e=()
  # The bare engine (tools/uc-floor) runs only the plain variant: the protected one needs the
  # exception model and MPU/PMP that tocksim adds.
  engines="ours qemu-tcg qemu-icount"
  [ "$variant" = bench ] && engines="$engines unicorn unicorn-hook"
  for engine in $engines; do
    ms=$(best_ms "$engine" "$elf")
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

#!/usr/bin/env bash
# Syscall fuzzer benchmark (doc/fuzzing.md, doc/benchmarks.md): executions per second of the
# harness as libFuzzer drives it, on one core, kernel edge coverage on: each execution is a
# snapshot restore, one seed program (tests/fuzz/syscall/*.bin: 16-22 system calls each, with
# alarms, console, LEDs, GPIO, RNG, memops, yields, an exit and restart), the oracles.
#   BENCH name=fuzz-execs-per-s        (cm4)
#   BENCH name=fuzz-execs-per-s-rv32
# each with coverage-off= (the same on a machine without edge coverage) and coverage-cost=.
# Builds nothing: run `make all` first. FUZZ_BENCH_ROUNDS (default 300) rounds over the seeds.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
rounds=${FUZZ_BENCH_ROUNDS:-300}
for board in cm4 rv32; do
  "${B:-build}/tocksim" fuzz --bench "$rounds" --board "$board" tests/fuzz/syscall/*.bin
done

# The same harness under AFL++ (build/tocksim-afl: fork server after the boot, persistent mode,
# input in shared memory), from the seeds for a fixed number of executions; AFL++'s own
# count (its fuzzer_stats), which includes calibration and its mutations' inputs.
#   BENCH name=fuzz-execs-per-s-afl (cm4)
afl_runs=${FUZZ_BENCH_AFL_RUNS:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if command -v afl-fuzz >/dev/null && [ -x "${B:-build}/tocksim-afl" ]; then
  AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    afl-fuzz -s 1 -E "$afl_runs" -i tests/fuzz/syscall -o "$tmp/out" -- "${B:-build}/tocksim-afl" \
    --board=cm4 >"$tmp/log" 2>&1 </dev/null || true
  rate=$(sed -n 's/^execs_per_sec *: //p' "$tmp/out/default/fuzzer_stats" 2>/dev/null)
  echo "BENCH name=fuzz-execs-per-s-afl value=${rate:-0} unit=execs/s runs=$afl_runs"
else
  echo "bench-fuzz: afl-fuzz or build/tocksim-afl missing (make deps, make all): no AFL++ figure" >&2
fi

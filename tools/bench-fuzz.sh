#!/usr/bin/env bash
# Syscall fuzzer benchmark (doc/fuzzing.md, doc/benchmarks.md): executions per second of the
# harness as libFuzzer drives it, on one core, kernel edge coverage on: each execution is a
# snapshot restore, one seed program (tests/fuzz/syscall/*.bin: 16-22 system calls each, with
# alarms, console, LEDs, GPIO, RNG, memops, yields, an exit and restart), the oracles.
#   BENCH name=fuzz-execs-per-s        (cm4)
#   BENCH name=fuzz-execs-per-s-rv32
# Builds nothing: run `make all` first. FUZZ_BENCH_ROUNDS (default 300) rounds over the seeds.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
rounds=${FUZZ_BENCH_ROUNDS:-300}
for board in cm4 rv32; do
  "${B:-build}/tocksim" fuzz --bench "$rounds" --board "$board" tests/fuzz/syscall/*.bin
done

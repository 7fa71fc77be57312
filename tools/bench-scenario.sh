#!/usr/bin/env bash
# Scenario engine benchmark: loading a scenario of 40,000 steps (doc/benchmarks.md). Parsing
# once was quadratic in the number of steps (every step's line was found by rescanning the
# text); this keeps it in view.
#
# Method: `tocksim run` of a file of N `note` steps (they do nothing when run, so the time is
# reading, parsing and checking the file, plus printing N result lines), minus the same run
# with one step (start-up, boot), best of $BENCH_RUNS runs each, wall time on a monotonic
# clock. Also prints how the time grows from 10,000 to 40,000 steps: 4 is linear, 16 quadratic.
# Builds nothing: run `make all` first.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tocksim=$top/${B:-build}/tocksim
runs=${BENCH_RUNS:-5}
out=$top/${B:-build}/bench-scenario
mkdir -p "$out"

# A scenario of $1 note steps, one per line, in $out/notes$1.json.
make_scenario() {
  { echo '{ "apps": ["hello"], "steps": ['
    awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "  { \"note\": \"step %d\" }%s\n", i, i < n - 1 ? "," : "" }'
    echo '] }'; } >"$out/notes$1.json"
}

# Best wall time, in microseconds, of `tocksim run` on $out/notes$1.json.
best_us() {
  local best=""
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N)
    "$tocksim" run "$out/notes$1.json" >/dev/null 2>&1 </dev/null || { echo "bench-scenario: notes$1.json failed" >&2; exit 1; }
    t1=$(date +%s%N)
    local us=$(((t1 - t0) / 1000))
    if [ -z "$best" ] || [ "$us" -lt "$best" ]; then best=$us; fi
  done
  echo "$best"
}

for n in 1 10000 40000; do make_scenario "$n"; done
base=$(best_us 1)
t10=$(( $(best_us 10000) - base ))
t40=$(( $(best_us 40000) - base ))
[ "$t10" -gt 0 ] || t10=1
awk -v t="$t40" 'BEGIN { printf "BENCH name=scenario-parse-40k-steps-ms value=%.1f unit=ms\n", t / 1000 }'
awk -v a="$t10" -v b="$t40" 'BEGIN { printf "BENCH name=scenario-parse-growth-10k-to-40k value=%.2f unit=x\n", b / a }'

#!/usr/bin/env bash
# make fuzz-eval: how long the syscall fuzzer takes to find each planted bug
# (tests/fuzz/plants/*.patch, built by tools/fuzz-plant.sh into build/plant/; never in the
# normal kernel). Each campaign starts from an empty corpus (the seeds would give some bugs
# away), with a fixed libFuzzer seed, on one core, and stops at its first finding:
#   BENCH name=fuzz-time-to-find-<bug> value=<wall seconds> unit=s
# A bug not found within FUZZ_EVAL_LIMIT seconds (default 600) reports the limit and says so.
# FUZZ_EVAL_BOARDS (default cm4) and FUZZ_EVAL_BUGS (default all) narrow it down.
set -uo pipefail
cd "$(dirname "$0")/.."
limit=${FUZZ_EVAL_LIMIT:-600}
boards=${FUZZ_EVAL_BOARDS:-cm4}
bugs=${FUZZ_EVAL_BUGS:-$(ls tests/fuzz/plants/*.patch | xargs -n1 basename | sed 's/\.patch$//')}
out=build/fuzz-eval
rm -rf "$out" && mkdir -p "$out"
status=0
for bug in $bugs; do
  tools/fuzz-plant.sh "$bug" || { echo "fuzz-eval: $bug: the planted kernel did not build" >&2; exit 2; }
  for board in $boards; do
    run=$out/$bug-$board
    mkdir -p "$run/corpus" "$run/findings"
    t0=$(date +%s.%N)
    build/tocksim-fuzz --target=syscall --board="$board" \
        --kernel="build/plant/$bug/build/kernel/$board/kernel.elf" -seed=1 -max_len=512 \
        -max_total_time="$limit" -artifact_prefix="$run/findings/" "$run/corpus" \
        >"$run/log" 2>&1
    t1=$(date +%s.%N)
    suffix=$([ "$board" = cm4 ] && echo "" || echo "-$board")
    finding=$(sed -n 's/^tocksim-fuzz: FINDING //p' "$run/log" | head -1)
    if [ -n "$finding" ]; then
      secs=$(echo "$t1 - $t0" | bc -l)
      printf 'BENCH name=fuzz-time-to-find-%s%s value=%.1f unit=s\n' "$bug" "$suffix" "$secs"
      echo "fuzz-eval: $bug on $board: ${finding:0:200}"
    else
      printf 'BENCH name=fuzz-time-to-find-%s%s value=%d unit=s\n' "$bug" "$suffix" "$limit"
      echo "fuzz-eval: $bug on $board: NOT FOUND within $limit s (log: $run/log)"
      status=1
    fi
  done
done
exit $status

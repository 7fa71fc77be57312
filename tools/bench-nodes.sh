#!/usr/bin/env bash
# Many boards in one process against separate processes (doc/benchmarks.md): 50 idle `blink`
# boards (cm4) for 20 s of virtual time each, as one scenario (boards on both CPUs through
# --threads) and as 50 one-board scenarios run two at a time (xargs -P 2), measured in the
# same run (best of 3 interleaved rounds). Prints board-seconds of virtual time per wall second;
# ratio > 1: one process wins.
# Builds nothing: run `make all` first.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tocksim=$top/${B:-build}/tocksim
out=$top/${B:-build}/bench-nodes
n=${BENCH_NODES:-50}
secs=20
cpus=$(nproc)
mkdir -p "$out"

# A scenario of $1 blink boards running $secs s, in $2.
make_scenario() {
  { printf '{ "name": "blink-%s", "board": "cm4", "timeout": "%ds", "nodes": [' "$1" $((secs + 1))
    for i in $(seq 0 $(($1 - 1))); do printf '%s{ "name": "n%d", "apps": ["blink"] }' "$([ "$i" -gt 0 ] && echo ,)" "$i"; done
    printf '], "steps": [ { "run_for": "%ds" } ] }\n' "$secs"; } >"$2"
}

now_us() { echo $(($(date +%s%N) / 1000)); }

make_scenario "$n" "$out/many.json"
make_scenario 1 "$out/one.json"
# Best of $rounds rounds, the two ways interleaved (a run is half a second: the machine's other
# work shows).
rounds=${BENCH_NODES_ROUNDS:-3}
one=0 sep=0
for _ in $(seq "$rounds"); do
  t0=$(now_us)
  "$tocksim" run --threads "$cpus" "$out/many.json" >/dev/null 2>&1 </dev/null || { echo "bench-nodes: $n boards failed" >&2; exit 1; }
  t1=$(now_us)
  seq "$n" | xargs -P "$cpus" -I{} "$tocksim" run --threads 1 "$out/one.json" >/dev/null 2>&1 ||
    { echo "bench-nodes: one-board runs failed" >&2; exit 1; }
  t2=$(now_us)
  [ "$one" -eq 0 ] || [ $((t1 - t0)) -lt "$one" ] && one=$((t1 - t0))
  [ "$sep" -eq 0 ] || [ $((t2 - t1)) -lt "$sep" ] && sep=$((t2 - t1))
done
awk -v n="$n" -v s="$secs" -v one="$one" -v sep="$sep" 'BEGIN {
  ours = n * s / (one / 1e6); peer = n * s / (sep / 1e6)
  printf "BENCH name=nodes-board-seconds-per-s-%d value=%.0f unit=board-s/s peer=separate-processes peer_value=%.0f ratio=%.2f\n", n, ours, peer, ours / peer }'

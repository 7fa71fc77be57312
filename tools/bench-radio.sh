#!/usr/bin/env bash
# Radio networks in one process (doc/radio.md, "One machine's limit"): grids of boards running
# the flood app (a beacon per board per second, a network-wide flood every 2 s from the board
# 0x0001), 40 m apart on a 50 m unit disk, cm4. For N = 100 and 1000 boards:
#   radio-realtime-N: virtual seconds per wall second once the boards have booted, the
#     difference of a short and a long run of the same grid (goals: >= 10 for 100, >= 1 for 1000);
#   radio-realtime-N-with-boot: the long run as a whole, boot included;
#   radio-rss-per-board-N: the long run's peak resident memory divided by N.
# Boards run on every CPU (--threads). Builds nothing: run `make all` first.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tocksim=$top/${B:-build}/tocksim
out=$top/${B:-build}/bench-radio
cpus=$(nproc)
mkdir -p "$out"

# grid N COLS SECONDS FILE: a scenario of N flood boards running SECONDS.
grid() {
  { printf '{ "name": "radio-grid-%s", "board": "cm4", "timeout": "%ds",\n' "$1" $(($3 + 1))
    printf '  "radio": { "model": "unit-disk", "tx_range": 50, "interference_range": 100 },\n  "nodes": ['
    for i in $(seq 0 $(($1 - 1))); do
      printf '%s\n    { "name": "n%d", "apps": ["flood"], "position": [%d, %d] }' "$([ "$i" -gt 0 ] && echo ,)" \
          "$i" $((i % $2 * 40)) $((i / $2 * 40))
    done
    printf '\n  ],\n  "steps": [ { "run_for": "%ds" } ]\n}\n' "$3"; } >"$4"
}

# run FILE: prints "<wall seconds> <peak RSS in KiB>".
run() {
  /usr/bin/time -f '%e %M' -o "$out/time" "$tocksim" run --threads "$cpus" "$1" >"$out/run.out" 2>&1 </dev/null ||
    { echo "bench-radio: $1 failed" >&2; tail -3 "$out/run.out" >&2; exit 1; }
  cat "$out/time"
}

# bench N COLS SHORT LONG
bench() {
  grid "$1" "$2" "$3" "$out/short-$1.json"
  grid "$1" "$2" "$4" "$out/long-$1.json"
  read -r ws _ < <(run "$out/short-$1.json")
  read -r wl rss < <(run "$out/long-$1.json")
  awk -v n="$1" -v s="$3" -v l="$4" -v ws="$ws" -v wl="$wl" -v rss="$rss" 'BEGIN {
    d = wl - ws; if (d <= 0) d = 0.001
    printf "BENCH name=radio-realtime-%d value=%.2f unit=virtual-s/s\n", n, (l - s) / d
    printf "BENCH name=radio-realtime-%d-with-boot value=%.2f unit=virtual-s/s\n", n, l / wl
    printf "BENCH name=radio-rss-per-board-%d value=%.2f unit=MiB\n", n, rss / 1024 / n }'
}

bench 100 10 2 22
bench 1000 40 2 8

#!/usr/bin/env bash
# Runs the unit-test runner and then each test script; prints one line per script and a summary
# ("N passed, N failed"). Exits non-zero if anything failed.
set -u
runner=$1; shift
passed=0; failed=0; failures=()
start=$(date +%s%N)

echo "== unit tests ($runner)"
if CK_FORK=yes "$runner"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("unit tests"); fi

for script in "$@"; do
  echo "== $script"
  if "$script"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$script"); fi
done

ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo
printf 'test groups: %s (suite time %d.%03d s)\n' "$((passed + failed))" "$((ms / 1000))" "$((ms % 1000))"
for f in "${failures[@]+"${failures[@]}"}"; do echo "FAILED: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

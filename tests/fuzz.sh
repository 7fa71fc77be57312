#!/usr/bin/env bash
# The fuzzers in make test (doc/fuzzing.md): every target for a fixed number of executions
# (not a time: the same work on any machine, libFuzzer seeded), starting from its seed corpus
# in tests/fuzz/TARGET/ (the parsers' seeds include the regression input of each defect they
# found); the defects' syscall and boot inputs replayed through tocksim fuzz --replay (their
# scenarios, scenarios/fuzz-*.json, run in the scenario suite); and the CLI's refusals. Any
# finding fails the test, with the fuzzer's report. Builds nothing (make has). Exits non-zero
# on any failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
b=$top/build
out=$b/fuzz_test
rm -rf "$out"
mkdir -p "$out"
runs_syscall=${FUZZ_TEST_RUNS_SYSCALL:-2000}
runs_boot=${FUZZ_TEST_RUNS_BOOT:-1000}
runs_parser=${FUZZ_TEST_RUNS_PARSER:-20000}
fails=0
ok() { echo "fuzz: ok   $*"; }
bad() { echo "fuzz: FAIL $*"; fails=$((fails + 1)); }

# libfuzzer NAME RUNS MAX_LEN BINARY ARGS... SEEDS: a fresh corpus (the seeds directory is
# only read); max_len as tocksim fuzz's campaigns set it.
libfuzzer() {
  local name=$1 runs=$2 max_len=$3; shift 3
  mkdir -p "$out/$name/corpus" "$out/$name/findings"
  local seeds=${*: -1}
  local args=("${@:1:$#-1}")
  if "${args[@]}" -runs="$runs" -seed=1 -max_len="$max_len" -artifact_prefix="$out/$name/findings/" \
      "$out/$name/corpus" "$seeds" >"$out/$name.log" 2>&1; then
    ok "$name: $runs executions, $(grep -ho 'ft: [0-9]*' "$out/$name.log" | tail -1) features"
  else
    bad "$name: a finding (log $out/$name.log)"; grep -m8 -E 'ERROR|runtime error|finding|Kernel' \
      "$out/$name.log" | sed 's/^/  | /'
  fi
}

for board in cm4 rv32; do
  libfuzzer "syscall-$board" "$runs_syscall" 512 "$b/tocksim-fuzz" --target=syscall \
      --board=$board tests/fuzz/syscall
  libfuzzer "boot-$board" "$runs_boot" 256 "$b/tocksim-fuzz" --target=boot --board=$board \
      tests/fuzz/boot
done
for t in tbf tab elf scenario kernel; do
  libfuzzer "parser-$t" "$runs_parser" 8192 "$b/tocksim-fuzz-parsers" --target=$t "tests/fuzz/$t"
done

# afl BOARD: build/tocksim-afl under afl-fuzz (AFL++, persistent mode) for a fixed number of
# executions from the seeds: AFL++ must see the kernel's edges (hundreds, through the shared
# map), grow the corpus from them, and find nothing.
runs_afl=${FUZZ_TEST_RUNS_AFL:-3000}
afl() {
  local board=$1 name=afl-$1 stats
  AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
    timeout 300 afl-fuzz -s 1 -E "$runs_afl" -i tests/fuzz/syscall -o "$out/$name" \
    -- "$b/tocksim-afl" --board="$board" >"$out/$name.log" 2>&1 </dev/null
  stats=$out/$name/default/fuzzer_stats
  local execs edges corpus crashes
  execs=$(sed -n 's/^execs_done *: //p' "$stats" 2>/dev/null)
  edges=$(sed -n 's/^edges_found *: //p' "$stats" 2>/dev/null)
  corpus=$(sed -n 's/^corpus_count *: //p' "$stats" 2>/dev/null)
  crashes=$(sed -n 's/^saved_crashes *: //p' "$stats" 2>/dev/null)
  if [ "${execs:-0}" -ge "$runs_afl" ] && [ "${edges:-0}" -ge 200 ] && [ "${corpus:-0}" -gt 3 ] &&
     [ "${crashes:-1}" -eq 0 ]; then
    ok "$name: $execs executions, $edges edges, corpus $corpus"
  else
    bad "$name: executions ${execs:-?}, edges ${edges:-?}, corpus ${corpus:-?}, crashes ${crashes:-?} (log $out/$name.log)"
    tail -5 "$out/$name.log" | sed 's/^/  | /'
  fi
}
afl cm4
afl rv32

# replay NAME ARGS...: tocksim fuzz --replay --quiet must say ok (exit 0).
replay() {
  local name=$1; shift
  if "$b/tocksim" fuzz --replay --quiet "$@" >"$out/$name.replay" 2>&1; then
    ok "replay $name"
  else
    bad "replay $name"; sed 's/^/  | /' "$out/$name.replay" | head -5
  fi
}
replay cm4-unstacking --board cm4 scenarios/fuzz/fuzz-cm4-unstacking.bin
replay rv32-kernel-fault --board rv32 scenarios/fuzz/fuzz-rv32-kernel-fault.bin
replay rv32-victim-stuck --board rv32 scenarios/fuzz/fuzz-rv32-victim-stuck.bin
# A program whose yield-no-wait flag points into the driver's own stack: the driver then runs
# other records than the host wrote, and a touch oracle that trusted the host's copy reported a
# store to 0x00000000 that never ran (the driver now witnesses each touch: fuzz-driver/abi.h).
replay driver-stack-written --board cm4 tests/fuzz/harness/driver-stack-written-cm4.bin
# Stores and loads into the victim, the kernel's RAM and flash, between the seeds, each from the
# snapshot: every one must fault however the run before left the CPU (privileged or not) and
# the MPU/PMP (the restore keeps the TLB's entries of unchanged regions). Without the flush of
# changed regions, 20 of 80 executions reported a protection finding.
for board in cm4 rv32; do
  "$b/tocksim" fuzz --bench 20 --board $board tests/fuzz/syscall/*.bin tests/fuzz/harness/touch-foreign.bin \
      >"$out/touch-$board.txt" 2>&1
  if grep -q '^fuzz bench: 80 executions .* 0 findings$' "$out/touch-$board.txt"; then
    ok "foreign touches fault after every restore ($board)"
  else
    bad "foreign touches after restores ($board)"; sed 's/^/  | /' "$out/touch-$board.txt" | head -5
  fi
done
replay seeds-cm4 --board cm4 tests/fuzz/syscall/*.bin
replay seeds-rv32 --board rv32 tests/fuzz/syscall/*.bin
for board in cm4 rv32; do
  replay "huge-min-ram-$board" --target boot --board $board scenarios/fuzz/fuzz-tbf-huge-min-ram.bin
done
replay elf-seeds --target elf tests/fuzz/elf/*

# --profile with --replay: the inputs' instructions by kernel function, the same on a second
# run; the console seed restarts the driver, whose RAM the kernel clears with memset.
for i in 1 2; do
  "$b/tocksim" fuzz --replay --quiet --profile "$out/profile$i.folded" tests/fuzz/syscall/seed-console.bin \
      >/dev/null 2>&1
done
sum=$(awk '{ s += $NF } END { print s + 0 }' "$out/profile1.folded" 2>/dev/null)
if cmp -s "$out/profile1.folded" "$out/profile2.folded" && [ "${sum:-0}" -gt 10000 ] &&
   grep -q '^kernel;syscall_handle [0-9]' "$out/profile1.folded" && grep -q '^kernel;memset [0-9]' "$out/profile1.folded"; then
  ok "replay --profile: $sum instructions by kernel function, repeatable"
else
  bad "replay --profile: $out/profile1.folded (sum ${sum:-?}, or differs from the second run)"
fi

# coverage BOARD: the coverage report over the syscall seeds (doc/fuzzing.md, "Coverage
# report"): the system call path and the console capsule reached, the panic path not; the
# totals of coverage.txt, of coverage.info's records (LH/LF, DA lines) and of lcov --summary
# agree; a second report is byte for byte the same.
coverage() {
  local board=$1 dir=$out/coverage-$1 why=""
  if ! "$b/tocksim" fuzz --coverage-report "$dir" --board "$board" tests/fuzz/syscall/*.bin \
      >"$dir.log" 2>&1 ||
     ! "$b/tocksim" fuzz --coverage-report "$dir-again" --board "$board" tests/fuzz/syscall/*.bin \
      >>"$dir.log" 2>&1; then
    bad "coverage $board: tocksim fuzz --coverage-report failed (log $dir.log)"; return
  fi
  local txt=$dir/coverage.txt info=$dir/coverage.info
  # fn NAME: "reached/lines" of the function NAME in coverage.txt
  fn() { awk -v n="$1" '$1 == n && NF == 2 { print $2; exit }' "$txt"; }
  for f in syscall_handle console_command; do
    case $(fn $f) in 0/*|"") why+=" $f=$(fn $f)" ;; esac
  done
  # the seeds run every console command: each line of it (a block's code counts whole)
  awk -v v="$(fn console_command)" 'BEGIN { split(v, a, "/"); exit !(a[1] == a[2]) }' ||
    why+=" console_command=$(fn console_command), not every line"
  case $(fn panic) in 0/0|"") why+=" panic=$(fn panic)" ;; 0/*) ;; *) why+=" panic=$(fn panic)" ;; esac
  local total lh lf da_hit da reached summary
  total=$(sed -n 's/^total: \([0-9]*\/[0-9]*\) lines.*/\1/p' "$txt")
  lh=$(awk -F: '/^LH:/ { s += $2 } END { print s + 0 }' "$info")
  lf=$(awk -F: '/^LF:/ { s += $2 } END { print s + 0 }' "$info")
  da_hit=$(awk -F'[:,]' '/^DA:/ && $3 > 0 { n++ } END { print n + 0 }' "$info")
  da=$(grep -c '^DA:' "$info")
  reached=$(sed '1,/^reached lines/d' "$txt" | grep -c .)
  summary=$(lcov --summary "$info" 2>&1 | sed -n 's/.*lines\.*: .*(\([0-9]*\) of \([0-9]*\) lines).*/\1\/\2/p')
  [ "$total" = "$lh/$lf" ] && [ "$da_hit/$da" = "$total" ] && [ "$reached" = "$lh" ] &&
    [ "$summary" = "$total" ] && [ "$lh" -gt 0 ] || why+=" totals: txt $total, LH/LF $lh/$lf, DA $da_hit/$da, reached $reached, lcov ${summary:-?}"
  [ "$(grep -c '^SF:' "$info")" = "$(grep -c '^end_of_record$' "$info")" ] || why+=" records unbalanced"
  cmp -s "$txt" "$dir-again/coverage.txt" && cmp -s "$info" "$dir-again/coverage.info" ||
    why+=" not deterministic"
  if [ -z "$why" ]; then
    ok "coverage $board: $total lines, syscall_handle $(fn syscall_handle), panic $(fn panic)"
  else
    bad "coverage $board:$why"
  fi
}
coverage cm4
coverage rv32

# refused NAME PATTERN ARGS...: tocksim fuzz exits 2 with PATTERN on stderr.
refused() {
  local name=$1 pattern=$2; shift 2
  "$b/tocksim" fuzz "$@" >"$out/$name.out" 2>"$out/$name.err"
  local rc=$?
  if [ "$rc" -eq 2 ] && grep -qF -- "$pattern" "$out/$name.err"; then
    ok "refused $name"
  else
    bad "refused $name: status $rc"; sed 's/^/  | /' "$out/$name.err" | head -3
  fi
}
refused target "--target: expected syscall, boot" --target nope
refused no-inputs "--replay needs input files" --replay
refused time "unknown unit 'x'" --time 2x
refused parser-scenario "--scenario and --bench are for the syscall" --target tbf \
    --scenario "$out/x.json" tests/fuzz/tbf/blink-cm4.tbf
refused coverage-inputs "--coverage-report needs input files" --coverage-report "$out/c"
refused coverage-parser "--coverage-report is for the syscall and boot" --target elf \
    --coverage-report "$out/c" tests/fuzz/elf
refused coverage-missing "tests/fuzz/nope: No such file" --coverage-report "$out/c" tests/fuzz/nope
refused board "unknown board" --board nope --replay tests/fuzz/syscall/seed-drivers.bin

# make fuzz-eval builds a kernel per planted bug (tests/fuzz/plants/, tests/plants/) from a
# patch of the kernel's sources: each must still apply, or the evaluation loses that bug (a
# moved function once left dead-upcall unbuildable unnoticed).
for patch in tests/fuzz/plants/*.patch tests/plants/*.patch; do
  if patch --dry-run -s -p1 -d "$top" <"$patch" >"$out/plant.log" 2>&1; then
    ok "planted bug $(basename "$patch" .patch): the patch applies"
  else
    bad "planted bug $patch no longer applies to the kernel's sources: $(head -3 "$out/plant.log")"
  fi
done

[ "$fails" -eq 0 ] && echo "fuzz: all ok"
[ "$fails" -eq 0 ]

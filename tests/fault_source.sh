#!/usr/bin/env bash
# Source-level fault reports (doc/debugging.md, "Source-level reports"): fault-null on both
# boards, with the exact text of the simulator's annotation after the kernel's report. The
# lines expected come from the app's source (its marker comments), so moving them keeps the
# test right. Also: an app whose ELF is not next to its TBF (a note, then --app-elf), and a
# scenario whose failure names the fault's source (message and JUnit).
# Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
sim=$top/build/tocksim
out=$top/build/fault-source
rm -rf "$out" && mkdir -p "$out"
cd "$top" || exit 1
fails=0
ok() { echo "fault_source: ok   $1"; }
bad() { echo "fault_source: FAIL $1"; fails=$((fails + 1)); }

src=apps/fault-null/main.c
fault_line=$(grep -n 'faults here (tests/fault_source.sh)' $src | cut -d: -f1)
call_line=$(grep -n 'the call before: LR/ra' $src | cut -d: -f1)
[ -n "$fault_line" ] && [ -n "$call_line" ] || { echo "fault_source: FAIL no markers in $src"; exit 1; }

# has NAME FILE REGEX: FILE has a whole line matching REGEX.
has() {
  if grep -qxE -- "$3" "$2"; then ok "$1"; else bad "$1: no line /$3/"; grep '^tocksim' "$2" | head -4 | sed 's/^/  | /'; fi
}

# board, kernel, app TBF, the return register's name
for spec in "cm4 build/apps/fault-null.tbf LR" "rv32 build/apps/rv32/fault-null.tbf RA"; do
  read -r board tbf ret <<<"$spec"
  log=$out/$board.out
  "$sim" --board "$board" --kernel "build/kernel/$board/kernel.elf" --app "$tbf" --until 30ms >"$log" 2>&1
  has "$board: PC names main and the faulting line" "$log" \
      "tocksim: PC 0x[0-9a-f]{8} = main at $src:$fault_line \(fault-null.elf\)"
  has "$board: $ret names the call before it" "$log" \
      "tocksim: $ret 0x[0-9a-f]{8} = main at $src:$call_line \(fault-null.elf\)"
  # after the kernel's report: the annotation follows the report's last (MPU) lines
  first_mpu=$(grep -n -- '---| MPU |---' "$log" | head -1 | cut -d: -f1)
  first_pc=$(grep -n '^tocksim: PC ' "$log" | head -1 | cut -d: -f1)
  if [ -n "$first_mpu" ] && [ -n "$first_pc" ] && [ "$first_pc" -gt "$((first_mpu + 1))" ]; then
    ok "$board: after the guest's report"
  else bad "$board: annotation at line ${first_pc:-none}, the report's MPU section at ${first_mpu:-none}"; fi
done

# An app loaded from elsewhere: no ELF beside it, a one-line note; --app-elf names it.
cp build/apps/fault-null.tbf "$out/"
"$sim" --board cm4 --kernel build/kernel/cm4/kernel.elf --app "$out/fault-null.tbf" --until 10ms >"$out/noelf.out" 2>&1
has "no ELF: one note" "$out/noelf.out" \
    "tocksim: no source locations from cannot open $out/fault-null.elf: No such file or directory"
has "no ELF: the place in the app" "$out/noelf.out" "tocksim: PC 0x[0-9a-f]{8} = \+0x[0-9a-f]+ in app fault-null \(no symbols\)"
"$sim" --board cm4 --kernel build/kernel/cm4/kernel.elf --app "$out/fault-null.tbf" \
    --app-elf build/apps/fault-null.elf --until 10ms >"$out/appelf.out" 2>&1
has "--app-elf" "$out/appelf.out" "tocksim: PC 0x[0-9a-f]{8} = main at $src:$fault_line \(fault-null.elf\)"

# The same in a scenario: the node's "app_elfs" (relative to the scenario file) names the ELF.
mkdir -p "$out/elsewhere"
cp build/apps/fault-null.elf "$out/elsewhere/"
cat >"$out/app-elfs.json" <<'JSON'
{
  "name": "fault-source-app-elfs",
  "nodes": [ { "name": "a", "board": "cm4", "apps": ["fault-null.tbf"], "app_elfs": ["elsewhere/fault-null.elf"] } ],
  "timeout": "1s",
  "steps": [ { "wait_console": "fault-null: never printed\n", "timeout": "10ms" } ]
}
JSON
"$sim" run "$out/app-elfs.json" >"$out/app-elfs.out" 2>&1
if grep -E -- "FAIL.*\[fault-null faulted: PC 0x[0-9a-f]{8} = main at $src:$fault_line \(fault-null.elf\)\]" \
    "$out/app-elfs.out" >/dev/null; then ok "scenario app_elfs"
else bad "scenario app_elfs"; grep -E 'FAIL|ERROR' "$out/app-elfs.out" | head -3 | sed 's/^/  | /'; fi

# A scenario that fails while fault-null faults: the failure names where.
cat >"$out/expects-output.json" <<'JSON'
{
  "name": "fault-source-failure",
  "board": "cm4",
  "apps": ["fault-null"],
  "timeout": "1s",
  "steps": [ { "wait_console": "fault-null: never printed\n", "timeout": "30ms" } ]
}
JSON
"$sim" run --junit "$out/junit.xml" "$out/expects-output.json" >"$out/scenario.out" 2>&1
want="\[fault-null faulted: PC 0x[0-9a-f]{8} = main at $src:$fault_line \(fault-null.elf\)\]"
if grep -E -- "FAIL.*$want" "$out/scenario.out" >/dev/null; then ok "scenario failure message"
else bad "scenario failure message"; grep FAIL "$out/scenario.out" | head -3 | sed 's/^/  | /'; fi
if grep -E -- "$want" "$out/junit.xml" >/dev/null; then ok "JUnit failure"; else bad "JUnit failure"; fi

[ "$fails" -eq 0 ] || { echo "fault_source: $fails failure(s)"; exit 1; }
echo "fault_source: all ok"

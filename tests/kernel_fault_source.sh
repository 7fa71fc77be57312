#!/usr/bin/env bash
# Source-level fault reports for a kernel fault (doc/debugging.md, "Source-level reports"): a
# kernel with a planted undefined instruction (tests/plants/kernel-fault.patch, built apart by
# tools/fuzz-plant.sh into build/plant/; the normal kernel never has it) panics on both boards,
# and the simulator's lines name the exact kernel function and file:line of the fault (PC) and
# of the call before it (LR/RA). The lines expected come from the patched source's markers.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
fails=0
ok() { echo "kernel_fault_source: ok   $1"; }
bad() { echo "kernel_fault_source: FAIL $1"; fails=$((fails + 1)); }

PLANT_DIR=tests/plants tools/fuzz-plant.sh kernel-fault ||
  { echo "kernel_fault_source: FAIL the planted kernel did not build"; exit 1; }
plant=build/plant/kernel-fault
src=$plant/kernel/core/main.c
out=build/kernel-fault-source
mkdir -p "$out"
call_line=$(grep -n '^    planted_kernel_fault();' "$src" | cut -d: -f1)

# board, app, the faulting instruction's text in the source, the return register's name
for spec in "cm4 build/apps/hello.tbf udf LR" "rv32 build/apps/rv32/hello.tbf unimp RA"; do
  read -r board app insn ret <<<"$spec"
  line=$(grep -n "__asm__ volatile(\"$insn" "$src" | cut -d: -f1)
  [ -n "$line" ] && [ -n "$call_line" ] || { bad "$board: no markers in $src"; continue; }
  log=$out/$board.out
  build/tocksim --board "$board" --kernel "$plant/build/kernel/$board/kernel.elf" --app "$app" --until 20ms >"$log" 2>&1
  grep -q '^Kernel panic: kernel: fault in the kernel' "$log" || bad "$board: the planted kernel did not panic"
  want="tocksim: PC 0x[0-9a-f]{8} = planted_kernel_fault at kernel/core/main.c:$line \(kernel.elf\)"
  if grep -qxE -- "$want" "$log"; then ok "$board: PC names planted_kernel_fault at main.c:$line"
  else bad "$board: no line /$want/"; grep '^tocksim' "$log" | head -3 | sed 's/^/  | /'; fi
  want="tocksim: $ret 0x[0-9a-f]{8} = main at kernel/core/main.c:$call_line \(kernel.elf\)"
  if grep -qxE -- "$want" "$log"; then ok "$board: $ret names the call in main at main.c:$call_line"
  else bad "$board: no line /$want/"; fi
done

[ "$fails" -eq 0 ] || { echo "kernel_fault_source: $fails failure(s)"; exit 1; }
echo "kernel_fault_source: all ok"

#!/usr/bin/env bash
# --itrace and --profile (doc/debugging.md) on both boards with the hello app: the trace's
# disassembly against objdump's for the same addresses (every instruction of the kernel's
# syscall_handle that ran, mnemonic by mnemonic, and the reset vector's first line exactly),
# each filter, the same trace twice, and a profile whose counts sum to the run's instructions
# and name known functions; the same in a two-board scenario (tocksim run). Builds nothing
# (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
out=$b/itrace-test
mkdir -p "$out"
fails=0
fail() { echo "itrace: FAIL $*"; fails=$((fails + 1)); }

# The board's objdump; sym NAME: "START END" of the kernel's function NAME (hex, END excluded).
objdump_of() { [ "$1" = cm4 ] && echo arm-none-eabi-objdump || echo riscv64-unknown-elf-objdump; }
sym() {
  local a z
  read -r a z < <(${1/objdump/nm} -S "$2" | awk -v n="$3" '$4 == n { print $1, $2; exit }')
  [ -n "${a:-}" ] && echo $((16#$a)) $((16#$a + 16#$z))
}

# Mnemonics compared without Thumb's width suffixes (.n/.w), and RISC-V's compressed forms
# (Capstone names them, objdump the instruction each expands to) and aliases spelt as the
# base instruction; Thumb's too: bhs/blo are bcs/bcc, and a shift by an immediate is a MOV
# with a shifted register (objdump spells "mov.w lr, r1, lsl #2" what Capstone calls lsl.w).
normalise() {
  sed -E 's/\.(n|w)$//; s/^bhs$/bcs/; s/^blo$/bcc/; s/^(lsl|lsr|asr|ror)(s?)$/mov\2/; s/^c\.(lw|sw)sp$/\1/; s/^c\.addi(16sp|4spn)$/addi/; s/^c\.//;
          s/^(li|mv|add)$/addi/; s/^(jr|ret)$/jalr/; s/^j$/jal/; s/^(beqz|bnez)$/b/; s/^(beq|bne)$/b/;
          s/^(ble|bgt)$/bge/; s/^(bleu|bgtu)$/bgeu/; s/^(snez|seqz)$/sltu/; s/^not$/xori/; s/^neg$/sub/; s/^negs$/rsbs/'
}

# The mnemonic of a trace line: after cycle, mode, process, pc and the bytes (Thumb's 32-bit
# instructions show two halfwords).
mnemonics() {
  awk '{ i = 6; if (length($6) == 4 && $6 ~ /^[0-9a-f]+$/ && length($5) == 4) i = 7; sub(/^0+/, "", $4); print $4, $i }' "$1"
}

check_board() {
  local board=$1 app=$2 k=$b/kernel/$1/kernel.elf od; od=$(objdump_of "$1")
  local run=("$b/tocksim" --board "$board" --kernel "$k" --app "$app" --until 30ms)
  read -r lo hi < <(sym "$od" "$k" syscall_handle)
  [ -n "${lo:-}" ] || { fail "$board: no syscall_handle in $k"; return; }
  local range; range=$(printf '0x%x-0x%x' "$lo" $((hi - 1)))

  # 1. the range filter, against objdump's disassembly of the same addresses
  "${run[@]}" --itrace="$out/$board.range.txt" --itrace-range "$range" >/dev/null 2>&1
  [ -s "$out/$board.range.txt" ] || { fail "$board: no instruction of syscall_handle traced"; return; }
  local p outside=0
  for p in $(awk '{ print $4 }' "$out/$board.range.txt" | sort -u); do
    [ $((16#$p)) -ge "$lo" ] && [ $((16#$p)) -lt "$hi" ] || outside=$((outside + 1))
  done
  [ "$outside" -eq 0 ] || fail "$board: --itrace-range let $outside address(es) outside $range through"
  "$od" -d --start-address="$lo" --stop-address="$hi" "$k" |
    awk -F'\t' '/^ *[0-9a-f]+:\t/ { sub(/^ */, "", $1); sub(/:$/, "", $1); split($3, m, " ");
      # binutils 2.40 prints c.slli & co. as "sll a5,a5,0x2": an immediate shift is slli
      if (m[1] ~ /^(sll|srl|sra)$/ && $4 ~ /,(0x)?[0-9a-f]+ *$/) m[1] = m[1] "i"; print $1, m[1] }' |
    sort -u >"$out/$board.objdump"
  local compared=0 bad=0 pc want got
  while read -r pc got; do
    want=$(awk -v a="$pc" '$1 == a { print $2 }' "$out/$board.objdump" | normalise)
    got=$(echo "$got" | normalise)
    compared=$((compared + 1))
    if [ "$want" != "$got" ]; then
      bad=$((bad + 1)); [ $bad -le 5 ] && echo "  $board 0x$pc: tocksim '$got', objdump '$want'"
    fi
  done < <(mnemonics "$out/$board.range.txt" | sort -u)
  [ "$bad" -eq 0 ] || fail "$board: $bad of $compared mnemonics of syscall_handle differ from objdump's"
  [ "$compared" -ge 10 ] || fail "$board: only $compared distinct instructions of syscall_handle compared"

  # 2. the first line: cycle 0 at the reset entry, exactly as objdump gives the instruction
  "${run[@]}" --itrace="$out/$board.all.txt" >/dev/null 2>&1
  "${run[@]}" --itrace="$out/$board.again.txt" >/dev/null 2>&1
  cmp -s "$out/$board.all.txt" "$out/$board.again.txt" || fail "$board: two runs gave different traces"
  local first entry; first=$(head -1 "$out/$board.all.txt")
  entry=$(awk '{ print $4 }' <<<"$first")
  local expect
  expect=$("$od" -d --start-address=0x"$entry" --stop-address=$((0x$entry + 4)) "$k" |
    awk -F'\t' '/^ *[0-9a-f]+:\t/ { gsub(/ +$/, "", $2); print $2 "|" $3 "|" $4; exit }')
  local bytes="${expect%%|*}" rest="${expect#*|}"
  local mn="${rest%%|*}" ops="${rest#*|}"; ops=${ops%%[[:space:]]*@*}
  [ "$board" = rv32 ] && ops=${ops//,/, }
  local line; line=$(printf '%12d %s %-10s %s  %-10s %s %s' 0 "$([ "$board" = cm4 ] && echo P || echo M)" kernel "$entry" "$bytes" "$mn" "$ops")
  [ "$first" = "$line" ] || fail "$board: first line '$first', expected '$line' (from objdump)"

  # 3. the process filter: only the app's own, unprivileged instructions
  "${run[@]}" --itrace="$out/$board.proc.txt" --itrace-proc hello >/dev/null 2>&1
  [ -s "$out/$board.proc.txt" ] || fail "$board: --itrace-proc hello traced nothing"
  awk '$2 != "U" || $3 != "hello" { print; exit 1 }' "$out/$board.proc.txt" >/dev/null ||
    fail "$board: --itrace-proc hello let another mode or process through"
  local nproc nall; nproc=$(wc -l <"$out/$board.proc.txt")
  nall=$(awk '$2 == "U" && $3 == "hello"' "$out/$board.all.txt" | wc -l)
  [ "$nproc" -eq "$nall" ] || fail "$board: --itrace-proc hello gave $nproc lines, the full trace has $nall of hello's"

  # 4. the window: cycles of half a millisecond only (64 MHz on both boards), and all of them;
  # it starts at the 100 us step before the full trace's 2000th instruction (the boot is busy
  # there however fast the kernel gets)
  local w0; w0=$(awk 'NR == 2000 { print int($1 / 6400) * 100; exit }' "$out/$board.all.txt")
  w0=${w0:-0}
  "${run[@]}" --itrace="$out/$board.win.txt" --itrace-window "${w0}us..$((w0 + 500))us" >/dev/null 2>&1
  local from to n want_n
  from=$(head -1 "$out/$board.win.txt" | awk '{print $1}'); to=$(tail -1 "$out/$board.win.txt" | awk '{print $1}')
  n=$(wc -l <"$out/$board.win.txt")
  want_n=$(awk -v f="$from" -v t="$to" '$1 >= f && $1 <= t' "$out/$board.all.txt" | wc -l)
  [ "$n" -gt 0 ] && [ "$n" -eq "$want_n" ] || fail "$board: --itrace-window gave $n lines, the full trace has $want_n there"
  local c0=$((w0 * 64)) c1=$(((w0 + 500) * 64))
  want_n=$(awk -v a=$c0 -v z=$c1 '$1 >= a && $1 < z' "$out/$board.all.txt" | wc -l)
  [ "${from:-0}" -ge $c0 ] && [ "${to:-0}" -lt $c1 ] && [ "$n" -eq "$want_n" ] ||
    fail "$board: window ${w0}us..$((w0 + 500))us traced cycles $from..$to, $n lines (64 MHz: $c0..$((c1 - 1)), $want_n lines)"

  # 5. the profile: sums to --stats' instructions, names known functions
  "${run[@]}" --profile "$out/$board.folded" --stats >/dev/null 2>"$out/$board.stats"
  local insns sum; insns=$(sed -n 's/^instructions=\([0-9]*\).*/\1/p' "$out/$board.stats")
  sum=$(awk '{ s += $NF } END { print s }' "$out/$board.folded")
  [ -n "$insns" ] && [ "$sum" = "$insns" ] || fail "$board: profile sums to $sum, the run counted $insns instructions"
  grep -q '^kernel;syscall_handle [0-9]*$' "$out/$board.folded" || fail "$board: profile has no kernel;syscall_handle"
  grep -q '^hello;main [0-9]*$' "$out/$board.folded" || fail "$board: profile has no hello;main"
  grep -qv '^[^ ;]*;[^ ;]* [0-9]*$' "$out/$board.folded" && fail "$board: a profile line is not 'process;function count'"
  echo "itrace: $board: $compared instructions compared with objdump, filters, profile of $sum instructions"
}

check_board cm4 "$b/apps/hello.tbf"
check_board rv32 "$b/apps/rv32/hello.tbf"

# A scenario of two boards (tocksim run): one trace with each line prefixed by its board, each
# board's part the same as its own run's trace (a prefix of it: the scenario stops earlier),
# the same file twice, and a profile per board summing to that board's instruction count.
check_scenario() {
  local sc=$top/tests/itrace/two-boards.json run=("$b/tocksim" run)
  "${run[@]}" --itrace="$out/sc.txt" --profile "$out/sc.folded" "$sc" >"$out/sc.out" 2>&1 ||
    { fail "scenario: tocksim run failed"; sed 's/^/  | /' "$out/sc.out" | tail -5; return; }
  "${run[@]}" --itrace="$out/sc.again.txt" --profile "$out/sc.again.folded" "$sc" >/dev/null 2>&1
  cmp -s "$out/sc.txt" "$out/sc.again.txt" || fail "scenario: two runs gave different traces"
  grep -qv '^\(arm\|riscv\): ' "$out/sc.txt" && fail "scenario: a trace line without its board's prefix"
  local node board n sum ran
  for spec in "arm cm4" "riscv rv32"; do
    read -r node board <<<"$spec"
    sed -n "s/^$node: //p" "$out/sc.txt" >"$out/sc.$node.txt"
    n=$(wc -l <"$out/sc.$node.txt")
    [ "$n" -gt 1000 ] || fail "scenario: only $n lines of $node"
    head -n "$n" "$out/$board.all.txt" | cmp -s - "$out/sc.$node.txt" ||
      fail "scenario: $node's lines differ from the $board run's trace"
    sum=$(awk '{ s += $NF } END { print s }' "$out/sc.folded.$node")
    ran=$(sed -n "s|^profile $out/sc.folded.$node: [0-9]* instructions (the board ran \([0-9]*\))\$|\1|p" "$out/sc.out")
    [ -n "$ran" ] && [ "$sum" = "$ran" ] || fail "scenario: $node's profile sums to $sum, the board ran ${ran:-?} instructions"
    grep -q '^hello;main [0-9]*$' "$out/sc.folded.$node" || fail "scenario: $node's profile has no hello;main"
    cmp -s "$out/sc.folded.$node" "$out/sc.again.folded.$node" || fail "scenario: $node's profile differs between two runs"
  done
  echo "itrace: scenario: both boards' lines prefixed and as their own runs', profiles per board"
}
check_scenario

# Usage errors name the option.
"$b/tocksim" --kernel "$b/kernel/cm4/kernel.elf" --itrace --itrace-window 2ms 2>"$out/usage.err" >/dev/null
grep -q -- "--itrace-window '2ms': expected FROM..TO" "$out/usage.err" || fail "a bad window is not reported"
"$b/tocksim" --kernel "$b/kernel/cm4/kernel.elf" --itrace-proc hello 2>"$out/usage.err" >/dev/null
grep -q -- "need --itrace" "$out/usage.err" || fail "a filter without --itrace is not reported"

if [ "$fails" -ne 0 ]; then echo "itrace: $fails failure(s)"; exit 1; fi
echo "itrace: ok"

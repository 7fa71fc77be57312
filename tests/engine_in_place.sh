#!/usr/bin/env bash
# The Cortex-M backend on QEMU's CPU state in place (sim/cpu/cortexm/direct.c) against the same
# runs through Unicorn's API only (TOCKSIM_UC_API_ONLY=1): every event of the trace and every
# system call of --strace must be the same, bit for bit, across system calls, upcalls,
# interrupts, timeslice preemption, process faults of every kind and restarts.
# Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
b=$top/build
sim=$b/tocksim
out=$b/engine_in_place
mkdir -p "$out"
fails=0

# run NAME MODE APPS...: a 3 s run with trace and strace into $out/NAME.MODE.*
run() {
  local name=$1 mode=$2; shift 2
  local apps=()
  for a in "$@"; do apps+=(--app "$b/apps/$a.tbf"); done
  env ${mode:+TOCKSIM_UC_API_ONLY=1} "$sim" --board cm4 --kernel "$b/kernel/cm4/kernel.elf" "${apps[@]}" \
      --until 3s --trace "$out/$name.${mode:-direct}.trace" --strace >"$out/$name.${mode:-direct}.out" 2>&1
}

compare() {   # compare NAME MIN_EXCEPTIONS APPS...
  local name=$1 min=$2; shift 2
  run "$name" "" "$@"
  run "$name" api "$@"
  local n
  n=$(grep -c '"exception"' "$out/$name.direct.trace")
  if [ "$n" -lt "$min" ]; then
    echo "engine_in_place: FAIL $name: $n exceptions traced, want at least $min"; fails=$((fails + 1))
  elif ! cmp -s "$out/$name.direct.trace" "$out/$name.api.trace" ||
       ! cmp -s "$out/$name.direct.out" "$out/$name.api.out"; then
    echo "engine_in_place: FAIL $name: in place and through the API differ ($out/$name.*)"; fails=$((fails + 1))
  else
    echo "engine_in_place: ok   $name: $n exceptions, identical trace and strace"
  fi
}

compare syscalls 1000 hello blink timers console-a console-b syscall-regs
compare faults 50 fault-illegal fault-jump fault-null fault-stack fault-other-proc fault-kernel-ram cpu-hog
compare storm 1000 syscall-storm rng gpio cpu-hog

# guest_digits ELF N WANT WHAT: a test guest that prints N digits, run in place and through the
# API (TOCKSIM_UC_API_ONLY); both must print WANT.
guest_digits() {
  local run=("$sim" --board cm4 --kernel "$b/tests/guest/$1" --until 10ms) got
  got="$("${run[@]}" 2>/dev/null | head -c "$2") $(TOCKSIM_UC_API_ONLY=1 "${run[@]}" 2>/dev/null | head -c "$2")"
  if [ "$got" = "$3 $3" ]; then
    echo "engine_in_place: ok   $4, both ways"
  else
    echo "engine_in_place: FAIL $4: in place / API printed '$got', want '$3 $3'"; fails=$((fails + 1))
  fi
}
# CONTROL.FPCA across an exception (tests/guest/cm4_fpca.S): the architecture's digits, active
# after an FP instruction, clear in the handler and after it.
guest_digits cm4_fpca.elf 3 400 "CONTROL.FPCA: 4 after an FP instruction, 0 in the handler and after"
# APSR.NZCVQ across an exception (tests/guest/cm4_flags.S): seven flag values, each must come
# back from the svc as stacked.
guest_digits cm4_flags.elf 7 1111111 "APSR.NZCVQ: 7 flag values restored by exception return"

# Both paths must really be the ones compared: in place with the pinned Unicorn (2.1.1), the
# API with the knob.
state() { env ${1:+TOCKSIM_UC_API_ONLY=1} "$sim" --board cm4 --kernel "$b/kernel/cm4/kernel.elf" \
            --app "$b/apps/hello.tbf" --until 10ms --stats 2>&1 >/dev/null | sed -n 's/.*cpu_state=\([a-z-]*\).*/\1/p'; }
got="$(state) $(state api)"
if [ "$got" = "in-place api" ]; then
  echo "engine_in_place: ok   --stats says cpu_state=in-place, and api with TOCKSIM_UC_API_ONLY"
else
  echo "engine_in_place: FAIL cpu_state: got '$got', want 'in-place api'"; fails=$((fails + 1))
fi
# QEMU's TLB count set right instead of flushed (sim/cpu/*/tlb_count.c, sim/cpu/uc/tlb.c): an idle
# cm4 board keeps its TLB across sleeps, about one fill per exception (three when every sleep
# flushed), and stays deterministic.
fills() { "$sim" --board cm4 --kernel "$b/kernel/cm4/kernel.elf" --app "$b/apps/blink.tbf" --until 100s --stats \
            2>&1 >/dev/null | sed -n 's/.*exceptions=\([0-9]*\) tlb_fills=\([0-9]*\).*/\1 \2/p'; }
read -r exc tlb < <(fills)
if [ "${exc:-0}" -gt 1000 ] && [ "$tlb" -lt $((2 * exc)) ]; then
  echo "engine_in_place: ok   idle blink, 100 s: $tlb TLB fills for $exc exceptions"
else
  echo "engine_in_place: FAIL idle blink, 100 s: ${tlb:-?} TLB fills for ${exc:-?} exceptions (want < 2 per exception)"
  fails=$((fails + 1))
fi
[ "$fails" = 0 ] || exit 1

#!/usr/bin/env bash
# Smepmp cross-checked with QEMU (-cpu rv32,x-epmp=true, as Tock's qemu_rv32_virt needs) and
# tocksim, on guests that check themselves and exit 0 (1 at the first difference):
# - tests/guest/rv32_tock_epmp.S: Tock's kernel protection with machine-mode lockdown, its
#   sequences step by step (probe, locked kernel rules, mseccfg, user TOR regions, user rules off
#   at each trap and on again);
# - tests/guest/rv32_pmp_hookdel.S: the reproducer of issue 10's spurious machine-mode fault
#   (machine code in a locked M-only rule under MML, a U-only 2 KiB rule splitting a page, an
#   ecall from there, a PMP CSR write in the handler).
# Both must exit 0 on QEMU with Smepmp and on tocksim, and fail on QEMU without it (so they
# really exercise the extension). Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
fails=0
check() {   # check NAME WANT COMMAND...
  local name=$1 want=$2; shift 2
  timeout 30 "$@" >/dev/null 2>&1 </dev/null
  local rc=$?
  if [ "$rc" -eq "$want" ]; then echo "fw_epmp_rv32: ok   $name (exit $rc)"
  else echo "fw_epmp_rv32: FAIL $name: exit $rc, want $want"; fails=$((fails + 1)); fi
}
for g in rv32_tock_epmp rv32_pmp_hookdel; do
  elf=$top/build/tests/guest/$g.elf
  [ -f "$elf" ] || { echo "fw_epmp_rv32: FAIL $elf missing (make)"; fails=$((fails + 1)); continue; }
  check "$g qemu-epmp" 0 qemu-system-riscv32 -M virt -cpu rv32,x-epmp=true -bios none -nographic \
    -global virtio-mmio.force-legacy=false -kernel "$elf"
  check "$g qemu-without-epmp" 1 qemu-system-riscv32 -M virt -bios none -nographic -kernel "$elf"
  check "$g tocksim" 0 "$top/build/tocksim" --board rv32 --kernel "$elf" --until 1s
done
[ "$fails" -eq 0 ]

#!/usr/bin/env bash
# The Smepmp reproducer of issue 10 (tests/guest/rv32_pmp_hookdel.S: machine code in a locked
# M-only rule under mseccfg.MML, a U-only 2 KiB rule splitting a page, an ecall from there, a
# PMP CSR write in the handler) on QEMU with Smepmp (-cpu rv32,x-epmp=true, as Tock's
# qemu_rv32_virt needs) and on tocksim: the guest itself checks that the ecall is the only trap
# and exits 0 (1 otherwise), so both must exit 0. Also QEMU without Smepmp must fail it (the
# guest really depends on the extension). Builds nothing (make has).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
elf=$top/build/tests/guest/rv32_pmp_hookdel.elf
fails=0
check() {   # check NAME WANT COMMAND...
  local name=$1 want=$2; shift 2
  timeout 30 "$@" >/dev/null 2>&1 </dev/null
  local rc=$?
  if [ "$rc" -eq "$want" ]; then echo "fw_epmp_rv32: ok   $name (exit $rc)"
  else echo "fw_epmp_rv32: FAIL $name: exit $rc, want $want"; fails=$((fails + 1)); fi
}
[ -f "$elf" ] || { echo "fw_epmp_rv32: FAIL $elf missing (make)"; exit 1; }
check qemu-epmp 0 qemu-system-riscv32 -M virt -cpu rv32,x-epmp=true -bios none -nographic \
  -global virtio-mmio.force-legacy=false -kernel "$elf"
check qemu-without-epmp 1 qemu-system-riscv32 -M virt -bios none -nographic -kernel "$elf"
check tocksim 0 "$top/build/tocksim" --board rv32 --kernel "$elf" --until 1s
[ "$fails" -eq 0 ]

#!/usr/bin/env bash
# qemu-tock.sh BOARD APP.tbf FLASH [QEMU-ARGS...]: runs QEMU's model of BOARD (cm4: mps2-an386,
# rv32: virt) with the build tree's kernel and APP.tbf in its apps flash (written to FLASH),
# console on stdout, until killed. The benchmarks' QEMU peers (tools/bench-exceptions.sh,
# tools/bench-idle.sh); the flash layouts are tests/kernel_qemu_{cm4,rv32}.sh's.
set -eu
B=${B:-build}
board=$1 app=$2 flash=$3
shift 3
case $board in
  cm4)
    "$B/tools/mkappflash" -o "$flash" "$app"
    exec qemu-system-arm -M mps2-an386 -nographic -monitor none -serial stdio "$@" \
        -kernel "$B/kernel/cm4/kernel.elf" -device "loader,file=$flash,addr=0x40000,force-raw=on" ;;
  rv32)
    "$B/tools/mkappflash" --base 0x80100000 --size 0x100000 -o "$flash" "$app"
    exec qemu-system-riscv32 -M virt -bios none -nographic -monitor none -serial stdio "$@" \
        -global virtio-mmio.force-legacy=false -kernel "$B/kernel/rv32/kernel.elf" \
        -device "loader,file=$flash,addr=0x80100000,force-raw=on" ;;
  *) echo "qemu-tock.sh: unknown board '$board'" >&2; exit 2 ;;
esac

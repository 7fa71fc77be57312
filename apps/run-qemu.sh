#!/usr/bin/env bash
# Runs the cm4 kernel with the given apps on QEMU's mps2-an386 for a few seconds and prints
# the console. Apps are names (build/apps/<name>.tbf) or paths to .tbf files.
#   apps/run-qemu.sh [-t SECONDS] [-k KERNEL.elf] hello fault-null ...
set -eu
B=${B:-build}
secs=3
kernel=$B/kernel/cm4/kernel.elf
while getopts "t:k:" o; do
  case $o in
    t) secs=$OPTARG ;;
    k) kernel=$OPTARG ;;
    *) echo "usage: $0 [-t SECONDS] [-k KERNEL.elf] app..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: $0 [-t SECONDS] [-k KERNEL.elf] app..." >&2; exit 2; }
[ -f "$kernel" ] || { echo "$0: no kernel at $kernel (make first)" >&2; exit 1; }
tbfs=()
for a in "$@"; do
  case $a in *.tbf) tbfs+=("$a") ;; *) tbfs+=("$B/apps/$a.tbf") ;; esac
done
blob=$(mktemp); trap 'rm -f "$blob"' EXIT
"$B/tools/mkappflash" -o "$blob" "${tbfs[@]}"
timeout --foreground "$secs" qemu-system-arm -M mps2-an386 -nographic -monitor none \
  -serial stdio -kernel "$kernel" \
  -device loader,file="$blob",addr=0x40000,force-raw=on </dev/null || true

#!/usr/bin/env bash
# The whole-system kernel runs of tests/kernel_qemu_cm4.sh, on tocksim instead of QEMU.
RUNNER=tocksim exec "$(dirname "$0")/kernel_qemu_cm4.sh" "$@"

/* The rv32 board, simulator side: devices and memory of QEMU's RISC-V virt plus our extras. */
#ifndef RV32_SIM_BOARD_H
#define RV32_SIM_BOARD_H

#include "peripherals/clint.h"
#include "peripherals/finisher.h"
#include "peripherals/fpgaio.h"
#include "peripherals/gpio.h"
#include "peripherals/kdbg.h"
#include "peripherals/ns16550a.h"
#include "peripherals/plic.h"
#include "peripherals/rng.h"
#include "peripherals/sifive_test.h"
#include "peripherals/virtio_mmio.h"
#include "sim/boards.h"

struct rv32_board {
    struct ns16550a uart0;
    struct clint clint;
    struct plic plic;
    struct sifive_test test;
    struct virtio_mmio virtio;
    struct fpgaio fpgaio;
    struct gpio gpio;
    struct rng rng;
    struct finisher finisher;
    struct kdbg kdbg;
};

extern const struct board_desc rv32_board;

#endif

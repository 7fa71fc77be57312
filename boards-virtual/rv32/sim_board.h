/* The rv32 board, simulator side: devices and memory of QEMU's RISC-V virt plus our extras. */
#ifndef RV32_SIM_BOARD_H
#define RV32_SIM_BOARD_H

#include "boards-virtual/common/sim_extras.h"
#include "peripherals/virt/clint.h"
#include "peripherals/virt/ns16550a.h"
#include "peripherals/virt/plic.h"
#include "peripherals/virt/sifive_test.h"
#include "peripherals/virt/virtio_mmio.h"
#include "boards-virtual/sim_boards.h"

struct rv32_board {
    struct sim_extras extras;       /* first: sim_extras.c finds it at machine.board */
    struct ns16550a uart0;
    struct clint clint;
    struct plic plic;
    struct sifive_test test;
    struct virtio_mmio virtio;
};

extern const struct board_desc rv32_board;

#endif

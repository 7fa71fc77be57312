/* RISC-V CLINT (SiFive core-local interruptor) for one hart: msip, mtimecmp, mtime. */
#ifndef PERIPHERALS_CLINT_H
#define PERIPHERALS_CLINT_H

/*
 * Interface
 *   Memory: a 64 KiB window (rv32: RV32_CLINT_BASE = 0x2000000), 32-bit accesses.
 *           0x0000 MSIP          [0] machine software interrupt pending of hart 0 (reset 0)
 *           0x4000 MTIMECMP      low word of hart 0's 64-bit timer compare (reset 0)
 *           0x4004 MTIMECMPH     high word (reset 0)
 *           0xbff8 MTIME         low word of the 64-bit time counter (writable)
 *           0xbffc MTIMEH        high word (writable)
 *   IRQs:   irq_msi (MSIP[0]), irq_mti (MTIME >= MTIMECMP), levels; rv32: to the hart's mip
 *           bits 3 and 7. Connect them with irq_connect() after clint_init().
 *   Clock:  MTIME counts at mtime_hz (QEMU virt: 10 MHz) from CPU cycle 0, computed when read;
 *           one clock event at the cycle MTIME reaches MTIMECMP.
 * Register map: doc/devices/clint.md.
 */

#include <stdint.h>

#include "sim/core/device.h"

struct clint {
    struct device_env env;
    uint64_t mtime_hz;
    struct irq_line irq_msi, irq_mti;

    /* State (snapshots copy it as one span, from msip up to the event). */
    uint32_t msip;
    uint64_t mtimecmp;
    uint64_t mtime_offset;          /* MTIME = ticks since cycle 0 + offset (MTIME writes) */
    struct clock_event timer;       /* MTIME reaches MTIMECMP */
};

extern const struct device_ops clint_ops;

/* Sets up c (all state, then reset). */
void clint_init(struct clint *c, const struct device_env *env, uint64_t mtime_hz);
void clint_reset(void *dev);
/* The current value of MTIME. */
uint64_t clint_mtime(const struct clint *c);

#endif

/* cm4 chip: the tocksim kernel-debug device, which hears about process events (absent on
 * QEMU: detected by its ID register). */
#ifndef KERNEL_CHIPS_CM4_KDBG_H
#define KERNEL_CHIPS_CM4_KDBG_H

#include <stdint.h>

#include "kernel/hil/process_events.h"

struct cm4_kdbg {
    uintptr_t base;
    int present;
    uint32_t version;           /* VERSION: 3 adds the layout and allow events, 4 EVENT_AT */
    struct hil_process_events hil;
};

/* Probes the device at base; returns whether it is present. Absent, every call is a no-op. */
int cm4_kdbg_init(struct cm4_kdbg *k, uintptr_t base, uint32_t id);
/* The board's RAM size as the simulator reports it (it can differ from the size the kernel was
 * linked for: --ram), or linked_size where the device or its RAM_SIZE register is absent. */
uint32_t cm4_kdbg_ram_size(const struct cm4_kdbg *k, uint32_t linked_size);

#endif

/* Device model interface: a table of reset/read/write over a state struct. */
#ifndef SIM_DEVICE_H
#define SIM_DEVICE_H

#include <stdint.h>

#include "sim/core/clock.h"
#include "sim/core/irq.h"
#include "sim/core/trace.h"

/* Services a device may use. Devices never see the CPU, Unicorn or SDL. */
struct device_env {
    struct vclock *clock;
    struct trace *trace;
    const char *name;           /* instance name, e.g. "uart0" */
};

/* Register access. `offset` is from the device's base; `size` is 1, 2 or 4 bytes.
 * A bad offset is a guest error (traced), never fatal; reads of it return 0. */
struct device_ops {
    const char *kind;           /* model name, e.g. "cmsdk-apb-uart" */
    void (*reset)(void *dev);
    uint32_t (*read)(void *dev, uint32_t offset, unsigned size);
    void (*write)(void *dev, uint32_t offset, uint32_t value, unsigned size);
    /* Optional, for debuggers: the value a word read of `offset` would return now, without
     * its side effects (popping a FIFO, clearing a flag, a guest error); false where there is
     * no register. NULL: the device cannot be read by a debugger. */
    bool (*peek)(void *dev, uint32_t offset, uint32_t *value);
};

#endif

/* Device model interface: a table of reset/read/write over a state struct. */
#ifndef SIM_DEVICE_H
#define SIM_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/clock.h"
#include "sim/core/irq.h"
#include "sim/core/trace.h"

/* Direct memory access, for a device that moves data to and from guest memory itself (the
 * radio's frame buffers). Each copies len bytes and returns false, copying nothing, unless
 * [addr, addr + len) lies wholly in one memory region: RAM or flash for read, RAM for write
 * (the device reports the failure to the guest as a bus error would). The machine provides
 * one over its bus (machine.dma); device unit tests provide their own. */
struct device_dma {
    bool (*read)(void *ctx, uint32_t addr, void *buf, size_t len);
    bool (*write)(void *ctx, uint32_t addr, const void *buf, size_t len);
    void *ctx;
};

/* Services a device may use. Devices never see the CPU, Unicorn or SDL. */
struct device_env {
    struct vclock *clock;
    struct trace *trace;
    const char *name;           /* instance name, e.g. "uart0" */
    const struct device_dma *dma;   /* NULL for devices without DMA */
};

/* Register access. `offset` is from the device's base; `size` is 1, 2 or 4 bytes.
 * A bad offset is a guest error (traced), never fatal; reads of it return 0. */
struct device_ops {
    const char *kind;           /* model name, e.g. "cmsdk-apb-uart" */
    void (*reset)(void *dev);
    uint32_t (*read)(void *dev, uint32_t offset, unsigned size);
    void (*write)(void *dev, uint32_t offset, uint32_t value, unsigned size);
};

#endif

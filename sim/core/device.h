/* Device model interface: a table of reset/read/write/snapshot/restore over a state struct. */
#ifndef SIM_DEVICE_H
#define SIM_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/clock.h"
#include "sim/core/irq.h"
#include "sim/core/snapshot/snapbuf.h"
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
 * A bad offset is a guest error (traced), never fatal; reads of it return 0.
 * Snapshots (sim/core/snapshot/snapshot.h): `snapshot` writes the device's state — registers, timing,
 * host input not yet delivered, its IRQ lines' levels (irq_snapshot) and its clock events
 * (clock_event_snapshot) — and never its wiring (env, callbacks, line sinks); `restore` reads
 * the same bytes back in the same order, leaves the wiring as it is, re-queues the events
 * (clock_event_restore) and tells nobody (no callbacks, no IRQ sinks: every other part of the
 * machine is restored from the same moment). A stateless device writes nothing. */
struct device_ops {
    const char *kind;           /* model name, e.g. "cmsdk-apb-uart" */
    void (*reset)(void *dev);
    uint32_t (*read)(void *dev, uint32_t offset, unsigned size);
    void (*write)(void *dev, uint32_t offset, uint32_t value, unsigned size);
    void (*snapshot)(const void *dev, struct snap_writer *w);
    void (*restore)(void *dev, struct snap_reader *r);
    /* Optional, for debuggers: the value a word read of `offset` would return now, without
     * its side effects (popping a FIFO, clearing a flag, a guest error); false where there is
     * no register. NULL: the device cannot be read by a debugger. */
    bool (*peek)(void *dev, uint32_t offset, uint32_t *value);
};

/* The snapshot functions of a device without state (an ID window, a finisher): nothing. */
static inline void device_snapshot_none(const void *dev, struct snap_writer *w)
{
    (void)dev, (void)w;
}

static inline void device_restore_none(void *dev, struct snap_reader *r)
{
    (void)dev, (void)r;
}

#endif

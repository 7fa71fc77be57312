/*
 * tocksim test finisher.
 *
 * Our own device, in the spirit of QEMU's RISC-V "sifive_test" finisher on the virt machine
 * (one register write ends the run), but with a plain exit-code register. Absent on QEMU's
 * mps2-an386 (reads 0), so firmware checks the ID before relying on it. Register map in
 * finisher.h and doc/devices/finisher.md.
 *
 * The device does not stop anything itself: it reports the code to the host (and the trace),
 * which ends the run at the next opportunity. Not modelled: reset or power-off requests.
 */
#include "finisher.h"

#include <string.h>

enum { A_ID = 0x000, A_VERSION = 0x004, A_EXIT = 0x008 };

static uint32_t finisher_read(void *dev, uint32_t offset, unsigned size)
{
    struct finisher *f = dev;
    (void)size;
    switch (offset) {
    case A_ID:
        return FINISHER_ID;
    case A_VERSION:
        return FINISHER_VERSION;
    case A_EXIT:
        return 0;
    default:
        break;
    }
    trace_guest_error(f->env.trace, f->env.name, "finisher read: bad offset 0x%x", offset);
    return 0;
}

static void finisher_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct finisher *f = dev;
    (void)size;
    switch (offset) {
    case A_EXIT: {
        int code = (int)(value & 0xff);
        trace_event(f->env.trace, "exit", "\"dev\":\"%s\",\"code\":%d", f->env.name, code);
        if (f->exit)
            f->exit(f->exit_ctx, code);
        return;
    }
    case A_ID:
    case A_VERSION:
        trace_guest_error(f->env.trace, f->env.name, "finisher write: read-only offset 0x%x", offset);
        return;
    default:
        break;
    }
    trace_guest_error(f->env.trace, f->env.name, "finisher write: bad offset 0x%x", offset);
}

void finisher_reset(void *dev)
{
    (void)dev;                          /* no registers hold state */
}

void finisher_init(struct finisher *f, const struct device_env *env,
                   void (*exit_cb)(void *ctx, int code), void *exit_ctx)
{
    memset(f, 0, sizeof(*f));
    f->env = *env;
    f->exit = exit_cb;
    f->exit_ctx = exit_ctx;
}

const struct device_ops finisher_ops = {
    .kind = "tocksim-finisher",
    .reset = finisher_reset,
    .read = finisher_read,
    .write = finisher_write,
    .snapshot = device_snapshot_none,     /* no state */
    .restore = device_restore_none,
};

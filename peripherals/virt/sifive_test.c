/*
 * SiFive test finisher ("sifive,test0").
 *
 * Follows QEMU's model (hw/misc/sifive_test.c, QEMU 7.2), our fidelity reference: only the
 * register at offset 0 does anything; PASS exits with status 0, FAIL with the code in bits
 * 31:16. Register map in sifive_test.h and doc/devices/sifive_test.md.
 *
 * Not modelled: RESET (QEMU resets the machine; the simulator has no guest-requested reset, so
 * it is a traced guest error and the run goes on). Other commands are guest errors, as on QEMU.
 */
#include "peripherals/virt/sifive_test.h"

#include <string.h>

static uint32_t sifive_test_read(void *dev, uint32_t offset, unsigned size)
{
    (void)dev;
    (void)offset;
    (void)size;
    return 0;
}

static void sifive_test_exit(struct sifive_test *t, int code)
{
    trace_event(t->env.trace, "exit", "\"dev\":\"%s\",\"code\":%d", t->env.name, code);
    if (t->exit)
        t->exit(t->exit_ctx, code);
}

static void sifive_test_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct sifive_test *t = dev;
    (void)size;
    if (offset != 0) {
        trace_guest_error(t->env.trace, t->env.name, "sifive_test write: bad offset 0x%x", offset);
        return;
    }
    switch (value & 0xffffu) {
    case SIFIVE_TEST_FAIL:
        sifive_test_exit(t, (int)(value >> 16));
        return;
    case SIFIVE_TEST_PASS:
        sifive_test_exit(t, 0);
        return;
    case SIFIVE_TEST_RESET:
        trace_guest_error(t->env.trace, t->env.name, "sifive_test: system reset is not modelled");
        return;
    default:
        trace_guest_error(t->env.trace, t->env.name, "sifive_test write: bad value 0x%x", value);
        return;
    }
}

void sifive_test_reset(void *dev)
{
    (void)dev;                          /* no registers hold state */
}

void sifive_test_init(struct sifive_test *t, const struct device_env *env,
                      void (*exit_cb)(void *ctx, int code), void *exit_ctx)
{
    memset(t, 0, sizeof(*t));
    t->env = *env;
    t->exit = exit_cb;
    t->exit_ctx = exit_ctx;
}

const struct device_ops sifive_test_ops = {
    .kind = "sifive-test",
    .reset = sifive_test_reset,
    .read = sifive_test_read,
    .write = sifive_test_write,
    .snapshot = device_snapshot_none,     /* no state */
    .restore = device_restore_none,
};

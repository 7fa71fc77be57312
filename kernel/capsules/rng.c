/* Capsule: random numbers (driver 0x40001). Tock's capsules/core/rng.rs (doc/drivers/rng.md):
 *   read-write allow 0: the buffer to fill;
 *   command 0 exists, 1 get(a0 = bytes wanted): fills min(wanted, buffer) bytes, then
 *   upcall 0: (0, bytes filled, 0). RESERVE if no buffer, BUSY if a request is pending.
 * Requests are filled from a deferred call, never inside the command. */
#include <stdint.h>

#include "kernel/capsules/rng.h"
#include "kernel/core/deferred.h"
#include "kernel/core/grant.h"
#include "kernel/core/process.h"
#include "kernel/core/upcall.h"

struct rng_grant {
    uint32_t wanted;
    uint32_t pending;
};

static const struct hil_rng *hw;
static int deferred;

/* Fills one process's buffer. Returns 0 if the generator ran dry (try again later). */
static int fill(struct process *p, struct rng_grant *g)
{
    uint8_t *buf;
    uint32_t len = grant_buffer(p, &rng_driver, BUF_RW, 0, &buf);
    uint32_t n = g->wanted < len ? g->wanted : len;
    for (uint32_t i = 0; i < n; i += 4) {
        uint32_t w;
        if (hw->read(hw->dev, &w))
            return 0;
        for (uint32_t b = 0; b < 4 && i + b < n; b++)
            buf[i + b] = (uint8_t)(w >> (8 * b));
    }
    g->pending = 0;
    upcall_schedule(p, &rng_driver, 0, 0, n, 0);
    return 1;
}

static void serve(void *ctx)
{
    (void)ctx;
    for (struct process *p = NULL; (p = process_next(p)) != NULL;) {
        struct rng_grant *g = grant_data_peek(p, &rng_driver);
        if (g && g->pending && !fill(p, g)) {
            deferred_set(deferred);
            return;
        }
    }
}

static struct syscall_ret rng_command(struct process *p, uint32_t cmd, uint32_t a0,
                                      uint32_t unused)
{
    (void)unused;
    struct rng_grant *g = grant_data(p, &rng_driver);
    uint8_t *buf;
    switch (cmd) {
    case 0:
        return ret_success();
    case 1:
        if (g->pending)
            return ret_failure(ERR_BUSY);
        if (grant_buffer(p, &rng_driver, BUF_RW, 0, &buf) == 0)
            return ret_failure(ERR_RESERVE);
        g->wanted = a0;
        g->pending = 1;
        deferred_set(deferred);
        return ret_success();
    default:
        return ret_failure(ERR_NOSUPPORT);
    }
}

const struct driver rng_driver = {
    .num = RNG_DRIVER_NUM,
    .name = "rng",
    .num_upcalls = 1,
    .num_allow_rw = 1,
    .grant_size = sizeof(struct rng_grant),
    .command = rng_command,
};

void rng_capsule_init(const struct hil_rng *rng)
{
    hw = rng;
    deferred = deferred_register(serve, 0);
}

/* Deferred calls: work a driver schedules from an interrupt handler to run later in the loop. */
#include <stdint.h>

#include "kernel/core/deferred.h"
#include "kernel/core/panic.h"

static struct {
    deferred_fn fn;
    void *ctx;
} calls[DEFERRED_MAX];
static unsigned num_calls;
static volatile uint32_t pending;

/* Adds fn(ctx) to the table; returns its handle. Panics when the table is full. */
int deferred_register(deferred_fn fn, void *ctx)
{
    if (num_calls == DEFERRED_MAX)
        panic("deferred: more than %d deferred calls", DEFERRED_MAX);
    calls[num_calls].fn = fn;
    calls[num_calls].ctx = ctx;
    return (int)num_calls++;
}

/* Handlers run in the kernel thread, so a plain read-modify-write of `pending` is safe. */
void deferred_set(int handle)
{
    pending |= 1u << handle;
}

/* Whether any registered call has been asked for and not run yet. */
int deferred_pending(void)
{
    return pending != 0;
}

/* Runs every call asked for so far, once each; later requests wait for the next round. */
void deferred_service(void)
{
    uint32_t now = pending;
    pending = 0;
    while (now) {
        unsigned i = (unsigned)__builtin_ctz(now);
        now &= now - 1;
        calls[i].fn(calls[i].ctx);
    }
}

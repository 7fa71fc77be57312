/* Upcalls: the per-process queue of pending upcalls, scheduling, delivery inside yield. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/grant.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "kernel/core/upcall.h"

enum { YIELD_NO_WAIT = 0, YIELD_WAIT = 1, YIELD_WAIT_FOR = 2 };

/* Empties q. */
void upcall_queue_init(struct upcall_queue *q)
{
    q->head = q->count = 0;
}

/* Appends *e to q; 0 if q is full. */
int upcall_queue_push(struct upcall_queue *q, const struct upcall_entry *e)
{
    if (q->count == UPCALL_QUEUE_LEN)
        return 0;
    q->e[(q->head + q->count) % UPCALL_QUEUE_LEN] = *e;
    q->count++;
    return 1;
}

/* Removes the oldest entry of q into *e; 0 if q is empty. */
int upcall_queue_pop(struct upcall_queue *q, struct upcall_entry *e)
{
    if (q->count == 0)
        return 0;
    *e = q->e[q->head];
    q->head = (uint16_t)((q->head + 1) % UPCALL_QUEUE_LEN);
    q->count--;
    return 1;
}

/* Removes the i-th oldest entry, closing the gap (keeps the order of the others). */
static void remove_at(struct upcall_queue *q, unsigned i)
{
    for (; i + 1 < q->count; i++)
        q->e[(q->head + i) % UPCALL_QUEUE_LEN] = q->e[(q->head + i + 1) % UPCALL_QUEUE_LEN];
    q->count--;
}

/* Removes the oldest entry for (driver, sub) into *e, keeping the others in order; 0 if none. */
int upcall_queue_take(struct upcall_queue *q, uint16_t driver, uint16_t sub,
                      struct upcall_entry *e)
{
    for (unsigned i = 0; i < q->count; i++) {
        const struct upcall_entry *c = &q->e[(q->head + i) % UPCALL_QUEUE_LEN];
        if (c->driver == driver && c->sub == sub) {
            *e = *c;
            remove_at(q, i);
            return 1;
        }
    }
    return 0;
}

/* Drops every entry for (driver, sub); returns how many. */
unsigned upcall_queue_remove(struct upcall_queue *q, uint16_t driver, uint16_t sub)
{
    unsigned removed = 0;
    struct upcall_entry e;
    while (upcall_queue_take(q, driver, sub, &e))
        removed++;
    return removed;
}

/* The subscribed slot an entry refers to (NULL if the grant is gone). */
static struct upcall_slot *slot_of(const struct process *p, const struct upcall_entry *e)
{
    void *g = grant_peek_index(p, e->driver);
    return g ? grant_upcall_slot(kernel->drivers[e->driver], g, e->sub) : NULL;
}

/* Yield-wait-for returns the upcall's three values in r0-r2 and leaves r3 alone (Tock's
 * SyscallReturn::YieldWaitFor). */
static void wake_with_values(struct process *p, const uint32_t a[3])
{
    const uint32_t r[4] = { a[0], a[1], a[2], 0 /* not written */ };
    arch_syscall_return(&p->ctx, r, 3);
    process_set_state(p, PROC_RUNNING);
}

/* Queues upcall sub of d for p, or wakes p waiting for it; 0, ERR_NOMEM or ERR_NODEVICE. */
int upcall_schedule(struct process *p, const struct driver *d, uint32_t sub, uint32_t a0,
                    uint32_t a1, uint32_t a2)
{
    int idx = kernel_driver_index(d->num);
    if (!process_alive(p) || idx < 0 || sub >= d->num_upcalls)
        return ERR_NODEVICE;
    struct upcall_entry e = { (uint16_t)idx, (uint16_t)sub, { a0, a1, a2 } };
    if (p->state == PROC_YIELDED_FOR && p->wait_driver == d->num && p->wait_sub == sub) {
        wake_with_values(p, e.a);
        return 0;
    }
    if (!upcall_queue_push(p->queue, &e)) {
        p->dropped_upcalls++;
        return ERR_NOMEM;
    }
    return 0;
}

/* Drops queued entries whose slot is the null upcall; returns the first real one in *e. */
static int next_real(struct process *p, struct upcall_entry *e, struct upcall_slot **slot)
{
    while (upcall_queue_pop(p->queue, e)) {
        *slot = slot_of(p, e);
        if (*slot && (*slot)->fn)
            return 1;
    }
    return 0;
}

static void call(struct process *p, const struct upcall_entry *e, const struct upcall_slot *s)
{
    const uint32_t a[4] = { e->a[0], e->a[1], e->a[2], s->userdata };
    arch_push_upcall(&p->ctx, s->fn, a);
    process_set_state(p, PROC_RUNNING);
}

/* Makes a yielded p call its oldest queued subscribed upcall; whether there was one. */
int upcall_deliver(struct process *p)
{
    struct upcall_entry e;
    struct upcall_slot *s;
    if (p->state != PROC_YIELDED || !next_real(p, &e, &s))
        return 0;
    call(p, &e, s);
    return 1;
}

/* Whether upcall_deliver would find an upcall to deliver for p. */
int upcall_deliverable(const struct process *p)
{
    const struct upcall_queue *q = p->queue;
    for (unsigned i = 0; i < q->count; i++) {
        const struct upcall_slot *s = slot_of(p, &q->e[(q->head + i) % UPCALL_QUEUE_LEN]);
        if (s && s->fn)
            return 1;
    }
    return 0;
}

/* Yield-no-wait writes 1 (an upcall runs) or 0 to the byte at a[1] if the process owns it. */
static void no_wait(struct process *p, uint32_t flag_addr)
{
    struct upcall_entry e;
    struct upcall_slot *s;
    int got = next_real(p, &e, &s);
    if (flag_addr && process_can_write(p, flag_addr, 1))
        *(volatile uint8_t *)(uintptr_t)flag_addr = (uint8_t)got;
    if (got)
        call(p, &e, s);
}

/* The yield system call (class 0): no-wait, wait, wait-for; changes p's state, returns RET_NONE. */
struct syscall_ret sys_yield(struct process *p, const uint32_t a[4])
{
    struct upcall_entry e;
    switch (a[0]) {
    case YIELD_NO_WAIT:
        no_wait(p, a[1]);
        break;
    case YIELD_WAIT:
        process_set_state(p, PROC_YIELDED);
        break;
    case YIELD_WAIT_FOR: {
        int idx = kernel_driver_index(a[1]);
        if (idx >= 0 && a[2] < 0xffffu && upcall_queue_take(p->queue, (uint16_t)idx,
                                                              (uint16_t)a[2], &e)) {
            wake_with_values(p, e.a);
            break;
        }
        p->wait_driver = a[1];
        p->wait_sub = a[2];
        process_set_state(p, PROC_YIELDED_FOR);
        break;
    }
    default:
        break;                      /* reserved: return at once, parameters unused */
    }
    return ret_none();
}

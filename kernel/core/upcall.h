/* Upcalls: the per-process queue of pending upcalls, scheduling, delivery inside yield. */
#ifndef KERNEL_CORE_UPCALL_H
#define KERNEL_CORE_UPCALL_H

#include <stdint.h>

#include "kernel/core/driver.h"
#include "kernel/core/syscall.h"

struct process;

#define UPCALL_QUEUE_LEN 10     /* as Tock's default task queue */

/* One pending upcall: which driver's subscribe slot, and the three values for r0-r2 (r3 gets
 * the userdata registered with subscribe). The function pointer is read at delivery time:
 * subscribe removes pending entries of the slot it changes, so the result is the same. */
struct upcall_entry {
    uint16_t driver;            /* index in kernel->drivers */
    uint16_t sub;               /* subscribe number */
    uint32_t a[3];
};

/* A ring buffer, kept in the process's RAM above the kernel break. */
struct upcall_queue {
    uint16_t head, count;
    struct upcall_entry e[UPCALL_QUEUE_LEN];
};

void upcall_queue_init(struct upcall_queue *q);
/* Appends; returns 0 if the queue is full. */
int upcall_queue_push(struct upcall_queue *q, const struct upcall_entry *e);
/* Removes the oldest entry into *e; returns 0 if empty. */
int upcall_queue_pop(struct upcall_queue *q, struct upcall_entry *e);
/* Removes the oldest entry for (driver, sub) into *e (others keep their order); 0 if none. */
int upcall_queue_take(struct upcall_queue *q, uint16_t driver, uint16_t sub,
                      struct upcall_entry *e);
/* Drops every entry for (driver, sub); returns how many. */
unsigned upcall_queue_remove(struct upcall_queue *q, uint16_t driver, uint16_t sub);

/* Schedules upcall sub of driver d for process p with values a0-a2. A process waiting in
 * yield-wait-for for exactly this upcall resumes at once with them in r0-r2 (whether or not a
 * function is subscribed); otherwise it is queued. Returns 0, ERR_NOMEM (queue full: dropped
 * and counted) or ERR_NODEVICE (process not alive / driver unknown). */
int upcall_schedule(struct process *p, const struct driver *d, uint32_t sub, uint32_t a0,
                    uint32_t a1, uint32_t a2);

/* If p is in yield-wait and has a queued upcall with a subscribed function, makes p call it
 * and marks p running. Entries whose slot is the null upcall are dropped on the way. Returns
 * whether one was delivered. */
int upcall_deliver(struct process *p);
/* Whether upcall_deliver would deliver something (for the scheduler's readiness test). */
int upcall_deliverable(const struct process *p);

/* The yield system call (class 0): no-wait, wait, wait-for. */
struct syscall_ret sys_yield(struct process *p, const uint32_t a[4]);

#endif

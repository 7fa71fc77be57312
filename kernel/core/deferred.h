/* Deferred calls: work a driver schedules from an interrupt handler to run later in the loop. */
#ifndef KERNEL_CORE_DEFERRED_H
#define KERNEL_CORE_DEFERRED_H

#define DEFERRED_MAX 16

typedef void (*deferred_fn)(void *ctx);

/* Registers fn(ctx) at boot; returns its handle (panics if the table is full). */
int deferred_register(deferred_fn fn, void *ctx);
/* Asks for fn to run once, the next time the kernel loop does its work. */
void deferred_set(int handle);
int deferred_pending(void);
/* Runs every requested call once (calls requested meanwhile run on the next round). */
void deferred_service(void);

#endif

/* The scheduler: round robin with timeslices (or cooperative), the kernel's main loop. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/fault.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "kernel/core/upcall.h"
#include "kernel/hil/process_events.h"

static unsigned next_index;     /* round robin: where the search for a ready process starts */

/* Tells the board's event listener that p is about to run. */
static void report_switch(const struct process *p)
{
    const struct hil_process_events *ev = kernel->events;
    if (ev)
        ev->switched(ev->dev, p->id, p->index);
}

/* The board's low-priority work, if any; whether there was any. */
static int idle(void)
{
    if (!kernel->idle)
        return 0;
    kernel->idle();
    return 1;
}

/* Runs p until it yields, exits, faults or uses up its timeslice. Interrupts that arrive
 * meanwhile are serviced and p resumes with the rest of its slice. */
static void run_turn(struct process *p, int sliced)
{
    uint32_t left = kernel->timeslice_us;
    for (int entered = 0;; entered = 1) {
        kernel_do_work();
        if (!process_ready(p))
            return;
        if (p->state == PROC_YIELDED)
            upcall_deliver(p);
        if (!entered)
            report_switch(p);
        arch_mpu_apply(&p->mpu);
        if (sliced && !arch_timeslice_start(left))
            break;                  /* the slice ran out while the kernel worked for p */
        enum arch_return why = arch_switch_to_process(&p->ctx);
        if (sliced)
            left = arch_timeslice_stop();
        switch (why) {
        case ARCH_RETURN_SYSCALL:
            if (!syscall_handle(p))
                return;
            break;
        case ARCH_RETURN_FAULT:
            fault_process(p, NULL);
            return;
        case ARCH_RETURN_INTERRUPT:
        case ARCH_RETURN_TIMESLICE:
            break;
        }
        if (sliced && left == 0)
            break;
    }
    p->timeslice_expirations++;
    idle();                         /* computing, not waiting: low-priority work may run */
}

static void run(struct process *p)
{
    int sliced = kernel->sched == SCHED_ROUND_ROBIN;
    run_turn(p, sliced);
    if (sliced)
        arch_timeslice_end();
}

/* The next ready process in round-robin order, or NULL. Only the claimed slots are looked at
 * (slots after them are never ready, so the order is the same as over all of them). */
static struct process *pick(void)
{
    unsigned used = process_slots_used, i = next_index < used ? next_index : 0;
    for (unsigned n = 0; n < used; n++) {
        struct process *p = &processes[i];
        i = i + 1 == used ? 0 : i + 1;
        if (process_ready(p)) {
            next_index = i;
            return p;
        }
    }
    return NULL;
}

/* Sleeps until an interrupt, unless there is work. Interrupts are masked while deciding, so
 * one arriving in between still wakes the wfi. */
static void sleep(void)
{
    uint32_t s = arch_irq_save();
    if (!kernel_work_pending())
        arch_wait_for_interrupt();
    arch_irq_restore(s);
}

/* One turn of the scheduler loop (kernel.h). */
KERNEL_LANDMARK void sched_step(void)
{
    kernel_do_work();
    struct process *p = pick();
    if (!p && idle())               /* may make a process ready (process console commands) */
        p = pick();
    if (p)
        run(p);
    else
        sleep();
}

/* The scheduler loop: turns for ever. */
KERNEL_LANDMARK void sched_run(void)
{
    for (;;)
        sched_step();
}

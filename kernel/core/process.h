/* Processes: the process table, memory layout, states, start/restart/terminate, checks. */
#ifndef KERNEL_CORE_PROCESS_H
#define KERNEL_CORE_PROCESS_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/kernel.h"
#include "kernel/core/tbf.h"

#define PROCESS_MAX 8

/*
 * Process RAM is one block, a power of two in size and aligned to it (so one MPU region with
 * subregions covers it):
 *
 *   ram_start + ram_size  +--------------------------------+
 *                         | grant pointer table            |  kernel-owned: the MPU never
 *                         | upcall queue                   |  gives the process any of it
 *   kernel_break -------> +--------------------------------+
 *                         | grants (allocated downwards)   |
 *                         +- - - - - - - - - - - - - - - - +
 *                         | unused                         |
 *   mpu_break ----------> +--------------------------------+  (break rounded up to what the
 *   app_break             | heap, data, stack (crt0's      |   MPU expresses, 1 KiB steps)
 *                         |   choice)                      |
 *   ram_start ----------> +--------------------------------+
 *
 * The process may touch [ram_start, mpu_break); it owns [ram_start, app_break) for allow
 * checks. Grants can't go below mpu_break; brk can't go above kernel_break.
 */

enum process_state {
    PROC_UNUSED,        /* free table slot */
    PROC_RUNNING,       /* runnable: has a frame to resume */
    PROC_YIELDED,       /* in yield-wait: runnable once an upcall is queued */
    PROC_YIELDED_FOR,   /* in yield-wait-for (wait_driver, wait_sub) */
    PROC_FAULTED,       /* faulted and not restarted */
    PROC_TERMINATED,    /* exited, or terminated from the console */
};

struct upcall_queue;

struct process {
    uint32_t id;                    /* unique; a restart gets a new one */
    uint8_t index;                  /* slot in the process table */
    uint8_t state;                  /* enum process_state */
    uint8_t stopped;                /* stopped from the console (keeps state) */
    uint8_t reported;               /* state last told to kernel->events (enum procev_state) */
    uint8_t policy, restart_threshold;
    struct tbf_header tbf;
    uintptr_t flash_start;
    uint32_t flash_size;
    uintptr_t ram_start;
    uint32_t ram_size;
    uintptr_t app_break, mpu_break, kernel_break, initial_break, grant_top;
    uintptr_t allow_hwm;            /* end of the highest buffer allowed read-write */
    uintptr_t stack_start, heap_start;  /* memop 10 / 11 hints, 0 if not given */
    struct arch_context ctx;
    struct arch_mpu_config mpu;
    uint32_t wait_driver, wait_sub;
    struct upcall_queue *queue;     /* in the process's RAM, kernel-owned */
    void **grants;                  /* one pointer per kernel driver, in the process's RAM */
    uint32_t syscall_count, dropped_upcalls, timeslice_expirations, restart_count;
    uint32_t last_syscall[3];       /* class (0xffffffff: none), r0, r1 */
    uint32_t completion_code;
    uint8_t has_completion_code;
};

extern struct process processes[PROCESS_MAX];

/* Creates a process for the parsed image h at flash address flash and starts it. Returns NULL
 * on success (*out = the process), else the reason it could not. */
const char *process_create(const struct tbf_header *h, uintptr_t flash, struct process **out);

/* (Re)initialises memory, grants and the upcall queue, and queues the entry point. */
void process_start(struct process *p);
/* Restarts with a new id (exit-restart, restart policy, console "boot" of a dead process). */
void process_restart(struct process *p);
/* Ends p: grants freed, upcalls dropped, state PROC_TERMINATED. */
void process_terminate(struct process *p, int has_code, uint32_t code);
/* Ends p like process_terminate, but in state PROC_FAULTED (fault policy stop). */
void process_end_faulted(struct process *p);
void process_stop(struct process *p);
void process_resume(struct process *p);
/* Moves p to state s. Every state change goes through here (or process_start/terminate), so
 * the board's event listener (kernel->events) hears about each one. */
/* Bytes of p's RAM block in use: below the app break plus the grants at the top. */
uint32_t process_memory_used(const struct process *p);
void process_set_state(struct process *p, enum process_state s);
/* Tells the listener that p faulted (kind: enum procev_fault) at addr, before the policy acts;
 * p is reported faulted from then on. */
void process_report_fault(struct process *p, unsigned kind, uint32_t addr);
/* Tells the listener p's memory layout (after it changed: start, brk, grant, hints, end). */
void process_report_layout(const struct process *p);
/* Tells the listener p allowed [addr, addr + len) to driver in buffer num (cls: the allow's
 * system call class). */
void process_report_allow(const struct process *p, uint32_t driver, unsigned cls, uint32_t num,
                          uint32_t addr, uint32_t len);

/* Slots [0, process_slots_used) may hold processes; the ones after were never claimed (the
 * scheduler's scan stops there). */
extern unsigned process_slots_used;

int upcall_deliverable(const struct process *p);     /* upcall.h */

/* Inline: the scheduler asks both of every slot several times per system call, and a call and
 * return cost more than the tests themselves. */

/* Whether p exists and can still get upcalls (running, yielded, or stopped). */
static inline int process_alive(const struct process *p)
{
    return p->state == PROC_RUNNING || p->state == PROC_YIELDED ||
           p->state == PROC_YIELDED_FOR;
}

/* Whether the scheduler may switch to p now (after delivering an upcall if it waits): not
 * stopped, and running or with a deliverable upcall. */
static inline int process_ready(const struct process *p)
{
    if (p->stopped)
        return 0;
    return p->state == PROC_RUNNING || (p->state == PROC_YIELDED && upcall_deliverable(p));
}
/* The process in slot index if it still has identifier id, else NULL. */
struct process *process_lookup(unsigned index, uint32_t id);
/* The live process after prev (NULL: the first), or NULL. */
struct process *process_next(struct process *prev);
/* The process whose package name is name (first match, any state except unused), or NULL. */
struct process *process_find(const char *name, size_t len);
/* Package name (or "(unnamed)") and its length. */
const char *process_name(const struct process *p, uint32_t *len);
/* "Running", "Yielded", "StoppedYielded", "Faulted", ... */
const char *process_state_name(const struct process *p);

/* Whether [addr, addr + len) is memory the process owns: RAM below its break (writable), or
 * also its flash (readable). len 0 is always fine. */
int process_can_write(const struct process *p, uintptr_t addr, size_t len);
int process_can_read(const struct process *p, uintptr_t addr, size_t len);
/* Whether pc is an instruction address in the process's flash (upcall pointers). */
int process_can_execute(const struct process *p, uintptr_t pc);

/* Whether the trap frame lies where the process could write (its RAM below the MPU break):
 * only then does the kernel read or write it. */
int process_frame_ok(const struct process *p);

/* Moves the break to new_break and reprograms the MPU view. Returns 0 or ERR_NOMEM. */
int process_brk(struct process *p, uintptr_t new_break);

/* Bytes of RAM a process with this TBF minimum needs (power of two: the RAM block size); 0
 * if the minimum exceeds all the processes' RAM. */
size_t process_ram_block_size(uint32_t minimum_ram_size);
/* Bytes at the top of each block the kernel keeps for itself (grant table, upcall queue) and
 * the grants every driver could need. */
size_t process_kernel_reserve(void);

#endif

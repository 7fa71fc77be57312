/* The kernel's configuration (set by the board) and its top-level entry points. */
#ifndef KERNEL_CORE_KERNEL_H
#define KERNEL_CORE_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/core/driver.h"

struct hil_process_events;

/* Kernel version reported to apps and checked against their KernelVersion TLV. */
#define KERNEL_VERSION_MAJOR 2
#define KERNEL_VERSION_MINOR 2

/* The kernel stack is filled with this word at reset, so its high-water mark can be found. */
#define KERNEL_STACK_PAINT 0x57ac57acu

/* What a process's fault does (Tock's ProcessFaultPolicy). */
enum fault_policy {
    FAULT_PANIC,            /* the whole kernel panics */
    FAULT_RESTART,          /* restart, up to restart_threshold times, then stop */
    FAULT_STOP,             /* the process stays faulted */
};

/* A board's per-app override of the fault policy, matched by package name. */
struct fault_policy_rule {
    const char *name;
    enum fault_policy policy;
    uint8_t restart_threshold;
};

enum sched_kind {
    SCHED_ROUND_ROBIN,      /* timeslices: a process that never yields is preempted */
    SCHED_COOPERATIVE,      /* a process runs until it yields (interrupts still serviced) */
};

struct kernel_config {
    const struct driver *const *drivers;    /* syscall drivers, looked up by number */
    unsigned num_drivers;
    /* Flash holding TBF images back to back, and RAM for processes. */
    uintptr_t apps_start;
    size_t apps_size;
    uintptr_t app_ram_start;
    size_t app_ram_size;
    /* All of RAM (kernel + processes), for placing fault addresses in reports, and the
     * kernel's own parts, for the process console's "kernel" command. */
    uintptr_t ram_start;
    size_t ram_size;
    uintptr_t kernel_flash_start;           /* kernel code and data in flash: [start, end) */
    uintptr_t kernel_flash_end;             /* (start 0 on cm4, the start of DRAM on rv32) */
    uintptr_t kernel_data_end;              /* .data + .bss from ram_start */
    uintptr_t kernel_stack_start, kernel_stack_end;
    enum sched_kind sched;
    uint32_t timeslice_us;          /* below 2^31 (arch_timeslice_start) */
    enum fault_policy fault_policy;         /* default for every process ... */
    uint8_t restart_threshold;
    const struct fault_policy_rule *policy_rules;   /* ... unless a rule names it */
    unsigned num_policy_rules;
    /* Who hears about process events (created, state, fault, switch), or NULL. */
    const struct hil_process_events *events;
    /* Work that must never delay a process about to handle an event (the process console's
     * input), or NULL: run when no process is ready, and after a timeslice ran out. */
    void (*idle)(void);
};

extern const struct kernel_config *kernel;

/* Records the board's configuration. */
void kernel_init(const struct kernel_config *cfg);
/* Index of the driver with number num in kernel->drivers, or -1. */
int kernel_driver_index(uint32_t num);

/* Scans the apps region and creates a process for each valid, enabled TBF image. Logs each
 * skipped image with its reason. Returns the number of processes created. */
unsigned loader_load_processes(void);

/* Marks a function that debugger sessions and tools name (break syscall_handle, a backtrace
 * through main, a profile's sched_step): it stays a function of its own although the kernel
 * is built with link-time optimisation, which inlines across files (mk/kernel.mk). */
#if defined(__clang__)               /* host builds (fuzz targets): no LTO there */
#define KERNEL_LANDMARK __attribute__((noinline))
#else                                /* noipa: not inlined, and no clone such as main.isra.0 */
#define KERNEL_LANDMARK __attribute__((noipa))
#endif

/* The scheduler loop: sched_step forever. Never returns. */
void sched_run(void) __attribute__((noreturn));
/* One turn of the loop: services interrupts and deferred calls, then runs the next ready
 * process (round robin) until it yields, exits, faults or its timeslice ends; with none
 * ready, the board's idle work, then (if still none and no work is pending) sleeps until an
 * interrupt. */
void sched_step(void);

/* Whether the kernel has work (interrupts, deferred calls) that must preempt processes. */
int kernel_work_pending(void);
/* Runs that work. */
void kernel_do_work(void);

#endif

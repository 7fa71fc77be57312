/* Process events: what a kernel reports about its processes, as the machine passes them on. */
#ifndef SIM_PROC_EVENT_H
#define SIM_PROC_EVENT_H

#include <stdint.h>

/* What the kernel reports about its processes through the kernel-debug device (absent on
 * QEMU; see doc/devices/kdbg.md). Names are NUL-terminated, at most 31 characters. */
enum proc_event_kind { PROC_CREATED, PROC_STATE, PROC_FAULT, PROC_SWITCH, PROC_SYSCALL, PROC_LAYOUT,
                       PROC_ALLOW };
enum proc_state { PROC_RUNNING, PROC_YIELDED, PROC_STOPPED, PROC_FAULTED, PROC_TERMINATED };

/* PROC_LAYOUT: the process's memory as the kernel laid it out (absolute addresses; the regions
 * of Tock's fault report, doc/devices/kdbg.md). */
struct proc_layout {
    uint32_t flash_start, flash_size, app_start;   /* app_start: code after the TBF header */
    uint32_t ram_start, ram_size;
    uint32_t app_break, mpu_break, kernel_break, grant_top;
    uint32_t stack_start, heap_start;              /* memop 10/11 hints, 0 if not given */
};

/* PROC_ALLOW: a buffer the process allowed to a driver (len 0: withdrawn). */
struct proc_allow {
    uint32_t driver;
    unsigned cls;               /* the allow's system call class: 3 rw, 4 ro, 7 userspace-readable */
    unsigned num;               /* buffer slot of that kind */
    uint32_t addr, len;
};

struct proc_event {
    enum proc_event_kind kind;
    unsigned pid;               /* kernel's process id (changes on restart) */
    unsigned slot;              /* process table index (stable across restarts) */
    char name[32];
    enum proc_state state;      /* PROC_STATE */
    unsigned restarts;          /* PROC_STATE / PROC_CREATED */
    uint32_t mem_used, mem_size; /* PROC_STATE: bytes of the process's RAM block in use / total */
    char fault_kind[16];        /* PROC_FAULT: "mpu", "bus", "usage", "hard" */
    uint32_t fault_addr;        /* PROC_FAULT */
    uint32_t args[4];           /* PROC_SYSCALL: class in args[0].. as the kernel reports */
    struct proc_layout layout;  /* PROC_LAYOUT */
    struct proc_allow allow;    /* PROC_ALLOW */
};

#endif

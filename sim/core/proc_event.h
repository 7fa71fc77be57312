/* Process events: what a kernel reports about its processes, as the machine passes them on. */
#ifndef SIM_PROC_EVENT_H
#define SIM_PROC_EVENT_H

#include <stdint.h>

/* What the kernel reports about its processes through the kernel-debug device (absent on
 * QEMU; see doc/devices/kdbg.md). Names are NUL-terminated, at most 31 characters. */
enum proc_event_kind { PROC_CREATED, PROC_STATE, PROC_FAULT, PROC_SWITCH, PROC_SYSCALL };
enum proc_state { PROC_RUNNING, PROC_YIELDED, PROC_STOPPED, PROC_FAULTED, PROC_TERMINATED };

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
};

#endif

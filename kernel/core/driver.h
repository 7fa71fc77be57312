/* System call drivers (capsules): what the kernel needs to route syscalls to them. */
#ifndef KERNEL_CORE_DRIVER_H
#define KERNEL_CORE_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/core/syscall.h"

struct process;

/*
 * A capsule exposing system calls describes itself with one const struct driver. The kernel
 * handles subscribe and the allows itself (swap semantics, pointer checks): they store into
 * the process's grant for the driver, which holds num_upcalls upcall slots, num_allow_ro
 * read-only and num_allow_rw read-write buffer slots, then grant_size bytes of capsule data.
 */
struct driver {
    uint32_t num;                   /* driver number, e.g. 0x1 for the console */
    const char *name;
    uint8_t num_upcalls, num_allow_ro, num_allow_rw, num_allow_ur;
    uint16_t grant_size;            /* bytes of per-process capsule state (zeroed) */
    /* Command: cmd is the command number, a0/a1 its two arguments. Called with the process's
     * grant already allocated. */
    struct syscall_ret (*command)(struct process *p, uint32_t cmd, uint32_t a0, uint32_t a1);
    /* Optional: a buffer slot changed (after an allow succeeded), e.g. to restart I/O. */
    void (*allowed)(struct process *p, int rw, uint32_t num);
};

/* The simulator's --strace reads a board's driver table (board_drivers) and, of each driver,
 * the number at offset 0 and the name pointer at offset 4 on the 32-bit targets. */
_Static_assert(offsetof(struct driver, num) == 0, "struct driver: num first");
_Static_assert(sizeof(void *) != 4 || offsetof(struct driver, name) == 4, "struct driver: name at 4");

#endif

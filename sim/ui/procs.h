/* The window's process table, kept up to date from the kernel's process events. */
#ifndef SIM_UI_PROCS_H
#define SIM_UI_PROCS_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/machine.h"

#define UI_PROCS_MAX 16
#define UI_FAULT_RED_NS 1000000000ull   /* a row stays red this long after a fault (virtual) */

struct ui_proc {
    unsigned slot, pid;
    char name[32];
    enum proc_state state;
    unsigned restarts;
    uint64_t syscalls;
    uint32_t mem_used, mem_size;    /* from the kernel's state reports; 0 until one arrives */
    bool has_fault;
    char fault[64];             /* "mpu fault at 0x00000000" */
    uint64_t fault_ns;          /* virtual time of the last fault */
};

struct ui_procs {
    struct ui_proc rows[UI_PROCS_MAX];  /* sorted by slot */
    unsigned n;
    uint64_t events;            /* events seen; 0 means "no kernel process info" */
};

/* Applies one event seen at virtual time now_ns. Events for slots beyond UI_PROCS_MAX rows
 * are counted but not shown. */
void ui_procs_apply(struct ui_procs *t, const struct proc_event *e, uint64_t now_ns);
/* "running", "yielded", "stopped", "faulted", "terminated". */
const char *ui_procs_state_name(enum proc_state s);
/* True if row r should be drawn as faulted at virtual time now_ns: the process is in the
 * faulted state, or it faulted less than UI_FAULT_RED_NS ago (a restart follows at once). */
bool ui_procs_alarm(const struct ui_proc *r, uint64_t now_ns);

#endif

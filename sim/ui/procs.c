/* The process table of the window. Rows are keyed by the kernel's process slot, which stays
 * the same across restarts (the pid changes). */
#include "sim/ui/procs.h"

#include <stdio.h>
#include <string.h>

/* The row for slot, created in slot order if new; NULL when the table is full. */
static struct ui_proc *row_for(struct ui_procs *t, unsigned slot)
{
    unsigned i = 0;
    while (i < t->n && t->rows[i].slot < slot)
        i++;
    if (i < t->n && t->rows[i].slot == slot)
        return &t->rows[i];
    if (t->n == UI_PROCS_MAX)
        return NULL;
    memmove(&t->rows[i + 1], &t->rows[i], (t->n - i) * sizeof(t->rows[0]));
    t->n++;
    memset(&t->rows[i], 0, sizeof(t->rows[i]));
    t->rows[i].slot = slot;
    return &t->rows[i];
}

void ui_procs_apply(struct ui_procs *t, const struct proc_event *e, uint64_t now_ns)
{
    t->events++;
    struct ui_proc *r = row_for(t, e->slot);
    if (!r)
        return;
    r->pid = e->pid;
    if (e->name[0])
        snprintf(r->name, sizeof(r->name), "%s", e->name);
    switch (e->kind) {
    case PROC_CREATED:
        r->state = PROC_RUNNING;
        r->restarts = e->restarts;
        break;
    case PROC_STATE:
        r->state = e->state;
        r->restarts = e->restarts;
        r->mem_used = e->mem_used;
        r->mem_size = e->mem_size;
        break;
    case PROC_FAULT:
        r->state = PROC_FAULTED;
        r->has_fault = true;
        r->fault_ns = now_ns;
        snprintf(r->fault, sizeof(r->fault), "%.15s fault at 0x%08x",
                 e->fault_kind[0] ? e->fault_kind : "unknown", e->fault_addr);
        break;
    case PROC_SYSCALL:
        r->syscalls++;
        break;
    case PROC_SWITCH:
        break;
    }
}

const char *ui_procs_state_name(enum proc_state s)
{
    switch (s) {
    case PROC_RUNNING: return "running";
    case PROC_YIELDED: return "yielded";
    case PROC_STOPPED: return "stopped";
    case PROC_FAULTED: return "faulted";
    case PROC_TERMINATED: return "terminated";
    }
    return "?";
}

bool ui_procs_alarm(const struct ui_proc *r, uint64_t now_ns)
{
    if (r->state == PROC_FAULTED)
        return true;
    return r->has_fault && now_ns >= r->fault_ns && now_ns - r->fault_ns < UI_FAULT_RED_NS;
}

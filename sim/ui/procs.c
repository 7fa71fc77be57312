/* The process table of the window. Rows are keyed by the kernel's process slot, which stays
 * the same across restarts (the pid changes). */
#include "sim/ui/procs.h"

#include <stdio.h>
#include <string.h>

void ui_procs_init(struct ui_procs *t)
{
    memset(t, 0, sizeof(*t));
    t->selected = -1;
    t->current = -1;
}

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

struct ui_proc *ui_procs_row(struct ui_procs *t, unsigned slot)
{
    for (unsigned i = 0; i < t->n; i++)
        if (t->rows[i].slot == slot)
            return &t->rows[i];
    return NULL;
}

struct ui_proc *ui_procs_by_flash(struct ui_procs *t, uint32_t addr)
{
    for (unsigned i = 0; i < t->n; i++) {
        const struct proc_layout *l = &t->rows[i].layout;
        if (t->rows[i].has_layout && addr >= l->flash_start && addr - l->flash_start < l->flash_size)
            return &t->rows[i];
    }
    return NULL;
}

struct ui_proc *ui_procs_selected(struct ui_procs *t)
{
    struct ui_proc *r = t->selected >= 0 ? ui_procs_row(t, (unsigned)t->selected) : NULL;
    return r ? r : t->n ? &t->rows[0] : NULL;
}

const struct ui_fault *ui_procs_fault(const struct ui_proc *r, unsigned k)
{
    if (k >= r->faults_total || k >= UI_FAULTS_KEPT)
        return NULL;
    return &r->faults[(r->faults_total - 1 - k) % UI_FAULTS_KEPT];
}

/* An allow replaces the buffer in the same (driver, class, number) slot; length 0 withdraws. */
static void apply_allow(struct ui_proc *r, const struct proc_allow *a)
{
    unsigned i = 0;
    while (i < r->nallows && !(r->allows[i].driver == a->driver && r->allows[i].cls == a->cls &&
                               r->allows[i].num == a->num))
        i++;
    if (i < r->nallows && a->len == 0) {
        memmove(&r->allows[i], &r->allows[i + 1], (r->nallows - i - 1) * sizeof(r->allows[0]));
        r->nallows--;
        return;
    }
    if (a->len == 0 || (i == r->nallows && r->nallows == UI_ALLOWS_MAX))
        return;
    r->allows[i] = (struct ui_allow){ a->driver, a->addr, a->len, (uint8_t)a->cls, (uint8_t)a->num };
    if (i == r->nallows)
        r->nallows++;
}

/* A new fault in the history; the CPU's side (pc, registers) is added by the view. */
static void apply_fault(struct ui_procs *t, struct ui_proc *r, const struct proc_event *e, uint64_t now_ns)
{
    r->state = PROC_FAULTED;
    r->has_fault = true;
    r->fault_ns = now_ns;
    snprintf(r->fault, sizeof(r->fault), "%.15s fault at 0x%08x",
             e->fault_kind[0] ? e->fault_kind : "unknown", e->fault_addr);
    struct ui_fault *f = &r->faults[r->faults_total++ % UI_FAULTS_KEPT];
    *f = (struct ui_fault){ .t_ns = now_ns, .pid = e->pid, .restarts = r->restarts, .addr = e->fault_addr,
                            .have_layout = r->has_layout, .layout = r->layout };
    snprintf(f->kind, sizeof(f->kind), "%s", e->fault_kind[0] ? e->fault_kind : "unknown");
    t->selected = (int)r->slot;
}

/* State reports: a process that ended has no buffers allowed any more. */
static void apply_state(struct ui_proc *r, const struct proc_event *e)
{
    r->state = e->state;
    r->restarts = e->restarts;
    r->mem_used = e->mem_used;
    r->mem_size = e->mem_size;
    if (e->state == PROC_FAULTED || e->state == PROC_TERMINATED)
        r->nallows = 0;
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
        r->nallows = 0;
        break;
    case PROC_STATE: apply_state(r, e); break;
    case PROC_FAULT: apply_fault(t, r, e, now_ns); break;
    case PROC_SYSCALL: r->syscalls++; break;
    case PROC_SWITCH: t->current = (int)e->slot; break;
    case PROC_LAYOUT:
        r->has_layout = true;
        r->layout = e->layout;
        break;
    case PROC_ALLOW: apply_allow(r, &e->allow); break;
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

/* The stub's view of the Tock processes (procs.h). */
#include "sim/gdb/procs.h"

#include <string.h>

#include "sim/dwarf/appelf.h"

/* A return to thread mode at an app's entry point is its (re)start: the kernel passes the
 * process RAM's start in r1 (a1), crt0's contract (apps/libtock/crt0.S). */
static void on_thread(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4])
{
    struct gdb_procs *p = ctx;
    (void)psp;
    if (svc >= 0)
        return;
    for (int i = 0; i < p->napps; i++) {
        struct gdb_app *a = &p->apps[i];
        if ((a->img.entry & ~1u) != pc)
            continue;
        bool news = !a->started || a->ram_start != r[1];
        a->ram_start = r[1];
        a->started = true;
        if (news && p->started)
            p->started(p->ctx, i);
    }
}

static void note_fault(struct gdb_procs *p, const struct proc_event *e)
{
    if (p->nfaults++ >= GDB_MAX_FAULTS)
        return;
    struct gdb_fault *f = &p->faults[p->nfaults - 1];
    f->ns = clock_ns_from_cycles(&p->m->clock, p->m->clock.now);
    f->pid = e->pid;
    f->addr = e->fault_addr;
    snprintf(f->name, sizeof(f->name), "%s", e->name);
    snprintf(f->kind, sizeof(f->kind), "%s", e->fault_kind);
}

static void on_process(void *ctx, const struct proc_event *e)
{
    struct gdb_procs *p = ctx;
    if (e->slot >= GDB_MAX_SLOTS || e->kind == PROC_SYSCALL)
        return;
    struct gdb_slot *s = &p->slots[e->slot];
    p->events_seen = true;
    s->used = true;
    s->pid = e->pid;
    snprintf(s->name, sizeof(s->name), "%s", e->name);
    if (e->kind == PROC_CREATED) {
        s->restarts = e->restarts;
        s->state = PROC_RUNNING;
    } else if (e->kind == PROC_STATE) {
        s->state = e->state;
        s->restarts = e->restarts;
        s->mem_used = e->mem_used;
        s->mem_size = e->mem_size;
    } else if (e->kind == PROC_FAULT) {
        note_fault(p, e);
    }
}

void gdb_procs_scan(struct gdb_procs *p, struct machine *m)
{
    struct strace_app imgs[STRACE_MAX_APPS];
    memset(p, 0, sizeof(*p));
    p->m = m;
    p->napps = strace_scan_apps(m, imgs, STRACE_MAX_APPS);
    for (int i = 0; i < p->napps; i++) {
        p->apps[i].img = imgs[i];
        appelf_read_header(m, imgs[i].flash_start, &p->apps[i].bin_start, &p->apps[i].fixed);
    }
}

bool gdb_procs_attach(struct gdb_procs *p, struct machine *m, void (*started)(void *ctx, int app), void *ctx)
{
    gdb_procs_scan(p, m);
    p->started = started;
    p->ctx = ctx;
    struct machine_observer o = { .ctx = p, .process = on_process, .thread = on_thread };
    return machine_add_observer(m, &o);
}

void gdb_procs_reset(struct gdb_procs *p)
{
    for (int i = 0; i < p->napps; i++)
        p->apps[i].started = false;
    memset(p->slots, 0, sizeof(p->slots));
    p->nfaults = 0;
    p->events_seen = false;
}

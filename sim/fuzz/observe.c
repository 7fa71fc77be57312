/* What the harness sees of a run, as it happens: the kernel's process events (kdbg) and the
 * CPU's crossings into and out of the processes. From them it follows the two processes, the
 * driver's system calls (arguments in, registers out: the semantic oracles need no help from
 * the guest, whose memory a restart wipes) and when to stop and look. */
#include <stdio.h>
#include <string.h>

#include "sim/fuzz/internal.h"

static void stop(struct fuzz_harness *h)
{
    machine_request_stop(h->m);
}

static bool is_dead(const struct fz_exec *x, unsigned pid)
{
    for (unsigned i = 0; i < x->ndead; i++)
        if (x->dead_pids[i] == pid)
            return true;
    return false;
}

static void note_dead(struct fz_exec *x, unsigned pid)
{
    if (!is_dead(x, pid) && x->ndead < FZ_MAX_PIDS)
        x->dead_pids[x->ndead++] = pid;
}

/* A process (re)created: at boot, which slot is which; later, a restart. */
static void on_created(struct fuzz_harness *h, const struct proc_event *e)
{
    struct fz_exec *x = &h->x;
    bool driver = strcmp(e->name, "fuzz-driver") == 0;
    struct fz_proc *p = driver ? &h->driver : strcmp(e->name, "fuzz-victim") == 0 ? &h->victim
                                                                                  : NULL;
    if (!p)
        return;
    if (p->slot >= 0 && x->prog) {
        note_dead(x, p->pid);
        if (!driver)
            fz_finding(h, FUZZ_VICTIM_FAULT, "fuzz-victim was restarted (pid %u -> %u)",
                       p->pid, e->pid);
        x->restarted = true;
        x->dead = false;
        if (h->log && x->call.open)
            fprintf(h->log, " -> (restarted: pid %u)\n", e->pid);
        x->call.open = false;
        if (x->cur_pid == p->pid)
            x->cur_pid = e->pid;    /* exit-restart goes on in the same dispatch: no SWITCH */
        stop(h);
    }
    *p = (struct fz_proc){ .slot = (int)e->slot, .pid = e->pid, .state = PROC_RUNNING };
}

static void on_state(struct fuzz_harness *h, const struct proc_event *e)
{
    struct fz_exec *x = &h->x;
    bool ended = e->state == PROC_FAULTED || e->state == PROC_TERMINATED;
    if ((int)e->slot == h->driver.slot) {
        h->driver.state = (int)e->state;
        if (ended && x->prog) {
            x->dead = true;
            note_dead(x, e->pid);
            stop(h);
        }
    } else if ((int)e->slot == h->victim.slot) {
        h->victim.state = (int)e->state;
        if ((ended || e->state == PROC_STOPPED) && x->prog)
            fz_finding(h, FUZZ_VICTIM_FAULT, "fuzz-victim (pid %u) is now %s", e->pid,
                       e->state == PROC_FAULTED ? "faulted" : e->state == PROC_STOPPED
                       ? "stopped" : "terminated");
    }
}

static void on_process(void *ctx, const struct proc_event *e)
{
    struct fuzz_harness *h = ctx;
    struct fz_exec *x = &h->x;
    x->last_progress = h->m->clock.now;
    switch (e->kind) {
    case PROC_CREATED:
        on_created(h, e);
        break;
    case PROC_STATE:
        on_state(h, e);
        break;
    case PROC_FAULT:
        /* The record it faulted in (its RAM is still there: the restart comes after). */
        if ((int)e->slot == h->driver.slot && x->prog && fz_guest32(h, FZ_DRV(h, go)))
            x->last_pos = fz_guest32(h, FZ_DRV(h, pos));
        if ((int)e->slot == h->victim.slot && x->prog)
            fz_finding(h, FUZZ_VICTIM_FAULT, "fuzz-victim faulted: %s fault at 0x%08x",
                       e->fault_kind, e->fault_addr);
        break;
    case PROC_SWITCH:
        x->cur_pid = e->pid;
        if (x->prog && is_dead(x, e->pid))
            fz_finding(h, FUZZ_DEAD_RAN, "the kernel switched to pid %u, which had ended",
                       e->pid);
        break;
    case PROC_SYSCALL:
    case PROC_LAYOUT:
    case PROC_ALLOW:
        break;
    }
}

/* The driver yields: it may be done, or at a sleep whose host event is due now. */
static void driver_yields(struct fuzz_harness *h, const uint32_t r[4])
{
    struct fz_exec *x = &h->x;
    uint32_t pos = x->call.pos;
    if (fz_guest32(h, FZ_DRV(h, done))) {
        x->done = true;
        stop(h);
        return;
    }
    if (r[0] == 1 || r[0] == 2) {
        x->blocked = true;
        x->blocked_since = h->m->clock.now;
    }
    if (pos < x->prog->count && x->prog->rec[pos].op == FZ_OP_SLEEP &&
        x->prog->ev[pos].kind != FZ_EV_NONE && !x->applied[pos]) {
        x->event_due = (int)pos;
        stop(h);
    }
}

static void driver_enter(struct fuzz_harness *h, int svc, const uint32_t r[4])
{
    struct fz_exec *x = &h->x;
    struct fz_call *c = &x->call;
    *c = (struct fz_call){ .open = true, .cls = (uint32_t)svc, .brk = x->brk,
                           .pos = fz_guest32(h, FZ_DRV(h, pos)) };
    memcpy(c->a, r, sizeof(c->a));
    x->last_pos = c->pos;
    fz_check_touches(h, c->pos);
    x->v->syscalls++;
    if (h->log)
        fprintf(h->log, "  [%10.3f ms] #%-2u %-9s(%u) 0x%08x 0x%08x 0x%08x 0x%08x", 
                (double)clock_ns_from_cycles(&h->m->clock, h->m->clock.now) / 1e6, c->pos,
                fz_class_name(c->cls), c->cls, r[0], r[1], r[2], r[3]);
    if (svc == 0)
        driver_yields(h, r);
    if (h->log && (svc == 0 || svc == 6))
        fprintf(h->log, "\n");
}

static void driver_return(struct fuzz_harness *h, const uint32_t r[4])
{
    struct fz_exec *x = &h->x;
    struct fz_call *c = &x->call;
    x->blocked = false;
    if (!c->open)
        return;                     /* back from an interrupt, or into an upcall handler */
    c->open = false;
    if (c->cls == 0)
        return;                     /* yields return nothing to check */
    memcpy(c->r, r, sizeof(c->r));
    if (h->log)
        fprintf(h->log, " -> 0x%02x 0x%08x 0x%08x 0x%08x\n", r[0], r[1], r[2], r[3]);
    fz_check_call(h, c);
    fz_follow_break(h, c);
}

static void on_thread(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4])
{
    struct fuzz_harness *h = ctx;
    struct fz_exec *x = &h->x;
    (void)pc;
    if (!psp || !x->prog)
        return;                     /* the kernel's own crossings (cm4: MSP), or no input */
    x->last_progress = h->m->clock.now;
    if (x->cur_pid == h->driver.pid) {
        if (!fz_guest32(h, FZ_DRV(h, go)))
            return;                 /* a restarted driver's start-up, not the program */
        if (svc >= 0)
            driver_enter(h, svc, r);
        else
            driver_return(h, r);
    } else if (x->cur_pid == h->victim.pid && svc >= 0 && x->watch_victim) {
        stop(h);
    }
}

/* "Loader: process NAME: flash 0x...-0x..., RAM 0xA-0xB": where to look for the blocks. A
 * scan of all RAM would read every page, and the snapshot's restore compares every page
 * that was ever read (2 MiB on rv32: 50 us per restore instead of 2). */
static void loader_line(struct fuzz_harness *h, const char *line)
{
    unsigned lo, hi;
    const char *ram = strstr(line, ", RAM 0x");
    if (strncmp(line, "Loader: process fuzz-", 21) != 0 || !ram ||
        sscanf(ram, ", RAM 0x%x-0x%x", &lo, &hi) != 2)
        return;
    uint32_t *r = strncmp(line + 21, "driver:", 7) == 0 ? h->drv_ram
                : strncmp(line + 21, "victim:", 7) == 0 ? h->vic_ram : NULL;
    if (r) {
        r[0] = lo;
        r[1] = hi;
    }
}

/* The kernel's panic line, kept for the finding's message. */
static void on_console(void *ctx, const char *s, unsigned len)
{
    struct fuzz_harness *h = ctx;
    for (unsigned i = 0; i < len; i++) {
        if (s[i] == '\n' || s[i] == '\r' || h->line_len == sizeof(h->line) - 1) {
            h->line[h->line_len] = 0;
            if (!h->panic_line[0] &&
                (strstr(h->line, "Kernel panic") || strstr(h->line, "Kernel fault")))
                snprintf(h->panic_line, sizeof(h->panic_line), "%s", h->line);
            if (!h->x.prog)
                loader_line(h, h->line);
            h->line_len = 0;
        }
        if (s[i] != '\n' && s[i] != '\r')
            h->line[h->line_len++] = s[i];
    }
}

void fz_observe_install(struct fuzz_harness *h)
{
    struct machine_observer o = { .ctx = h, .process = on_process, .thread = on_thread,
                                  .console = on_console };
    machine_add_observer(h->m, &o);
}

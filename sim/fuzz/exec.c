/* One input's run: write the program into the driver, run the machine until the driver is
 * done (or dead, or blocked, or time is up), applying host events and feeding a restarted
 * driver the rest of its program; then the victim's liveness and the checks after the run.
 *
 * Every decision is taken at a point the run itself determines (an event the observer saw,
 * or a fixed step of virtual time), never at a host-side moment: the same input gives the
 * same run from the snapshot here and from reset in a scenario's replay. */
#include <string.h>

#include "sim/fuzz/internal.h"

#define BUDGET_MS 120           /* virtual time an input may take */
#define STEP_MS 10              /* the longest machine_run between two looks */
#define BLOCKED_MS 3            /* a driver waiting this long in a yield is not coming back */
#define VICTIM_MS 30            /* the victim counts every 2 ms; a timeslice is 10 ms */
#define READY_STEP_US 20        /* how often a restarted driver is checked for `ready` */
#define READY_MS 50

static uint64_t ms(struct fuzz_harness *h, uint64_t n)
{
    return clock_cycles_from_ns(&h->m->clock, n * 1000000u);
}

void fz_exec_reset(struct fuzz_harness *h, const struct fz_program *p, struct fuzz_verdict *v)
{
    memset(v, 0, sizeof(*v));
    v->records = p->count;
    memset(&h->x, 0, sizeof(h->x));
    h->x = (struct fz_exec){ .prog = p, .v = v, .cur_pid = h->pid_at_boot,
                             .brk = h->base[FZ_B_BREAK], .event_due = -1,
                             .last_progress = h->m->clock.now };
    h->driver = h->driver_at_boot;
    h->victim = h->victim_at_boot;
    h->panic_line[0] = 0;
    h->line_len = 0;
}

/* The program into the driver's block: records from `start` on, the host's pointer bases,
 * then `go`. The driver's own bases (its layout this life) stay as it wrote them. */
static void write_program(struct fuzz_harness *h, unsigned start)
{
    const struct fz_program *p = h->x.prog;
    static const int host_bases[] = { FZ_B_VICTIM, FZ_B_KERNEL_RAM, FZ_B_KERNEL_FLASH,
                                      FZ_B_MMIO, FZ_B_TOP };
    memcpy(fz_guest(h, FZ_DRV(h, rec)), p->rec, p->count * sizeof(p->rec[0]));
    for (unsigned i = 0; i < sizeof(host_bases) / sizeof(host_bases[0]); i++)
        fz_put32(h, FZ_DRV(h, base[host_bases[i]]), h->base[host_bases[i]]);
    fz_put32(h, FZ_DRV(h, start), start);
    fz_put32(h, FZ_DRV(h, count), p->count);
    fz_put32(h, FZ_DRV(h, go), 1);
}

/* Runs to `until` (or the next stop an observer asks for); false once the input is over for
 * the machine: a finding (a panic ends the machine), or a simulator error. */
static bool step(struct fuzz_harness *h, uint64_t until)
{
    struct machine *m = h->m;
    enum machine_status st = machine_run(m, until);
    if (m->sleeping)
        h->x.last_progress = m->clock.now;
    if (st == MACHINE_EXITED)
        fz_finding(h, FUZZ_PANIC, "the kernel stopped the machine (exit code %d)%s%s",
                   m->exit_code, h->panic_line[0] ? ": " : "", h->panic_line);
    else if (st == MACHINE_ERROR)
        fz_finding(h, FUZZ_SIM_ERROR, "simulator error: %s", m->error);
    return !h->x.finding;
}

static void apply_event(struct fuzz_harness *h, unsigned i)
{
    const struct fz_event *e = &h->x.prog->ev[i];
    struct machine *m = h->m;
    h->x.applied[i] = true;
    h->x.event_due = -1;
    if (h->log)
        fprintf(h->log, "  [%10.3f ms] host event of record #%u\n",
                (double)clock_ns_from_cycles(&m->clock, m->clock.now) / 1e6, i);
    if (e->kind == FZ_EV_BUTTON && machine_num_buttons(m))
        machine_press_button(m, e->index % machine_num_buttons(m), e->level);
    else if (e->kind == FZ_EV_PIN && machine_num_pins(m))
        machine_drive_pin(m, e->index % machine_num_pins(m), e->level);
    else if (e->kind == FZ_EV_CONSOLE)
        machine_console_input(m, e->bytes, e->len);
}

/* The driver started again (exit-restart, or a fault and the restart policy): once it is
 * ready, it gets the records after the one it was in. */
static bool feed_restarted(struct fuzz_harness *h)
{
    struct fz_exec *x = &h->x;
    uint64_t limit = h->m->clock.now + ms(h, READY_MS);
    uint64_t dt = clock_cycles_from_ns(&h->m->clock, READY_STEP_US * 1000u);
    x->restarted = false;
    while (!fz_guest32(h, FZ_DRV(h, ready))) {
        if (!step(h, h->m->clock.now + dt))
            return false;
        if (h->m->clock.now >= limit || x->dead)
            return true;                /* gone again, or never ready: nothing more to feed */
    }
    x->brk = fz_guest32(h, FZ_DRV(h, base[FZ_B_BREAK]));
    x->touch_from = x->last_pos + 1;    /* the record it was in did not complete */
    if (x->last_pos + 1 >= x->prog->count) {
        x->done = true;
        return true;
    }
    write_program(h, x->last_pos + 1);
    return true;
}

/* Whether the driver's part of the input is over. */
static bool driver_over(struct fuzz_harness *h, uint64_t budget)
{
    struct fz_exec *x = &h->x;
    uint64_t now = h->m->clock.now;
    if (now - x->last_progress >= ms(h, FUZZ_HANG_MS)) {
        fz_finding(h, FUZZ_HANG, "no system call, context switch or sleep for %d ms of virtual "
                   "time (from %.3f ms into the input)", FUZZ_HANG_MS,
                   (double)clock_ns_from_cycles(&h->m->clock, x->last_progress) / 1e6);
        return true;
    }
    return x->done || x->dead || now >= budget ||
           (x->blocked && now - x->blocked_since >= ms(h, BLOCKED_MS));
}

static void run_driver(struct fuzz_harness *h)
{
    struct fz_exec *x = &h->x;
    uint64_t budget = h->m->clock.now + ms(h, BUDGET_MS);
    do {
        uint64_t until = h->m->clock.now + ms(h, STEP_MS);
        if (!step(h, until < budget ? until : budget))
            return;
        if (x->event_due >= 0)
            apply_event(h, (unsigned)x->event_due);
        if (x->restarted && !feed_restarted(h))
            return;
    } while (!x->finding && !driver_over(h, budget));
}

/* The victim must still count: its next system call, within VICTIM_MS. */
static void check_victim_alive(struct fuzz_harness *h)
{
    uint32_t at = h->vic + (uint32_t)offsetof(struct fz_victim_block, counter);
    uint32_t before = fz_guest32(h, at);
    uint64_t limit = h->m->clock.now + ms(h, VICTIM_MS);
    h->x.watch_victim = true;
    while (fz_guest32(h, at) == before && h->m->clock.now < limit)
        if (!step(h, limit))
            return;
    h->x.watch_victim = false;
    if (fz_guest32(h, at) == before)
        fz_finding(h, FUZZ_VICTIM_STUCK, "the victim's counter stayed at %u for %d ms of virtual "
                   "time after the driver's program", before, VICTIM_MS);
}

bool fz_exec_program(struct fuzz_harness *h, const struct fz_program *p, struct fuzz_verdict *v)
{
    uint64_t t0 = h->m->clock.now;
    fz_exec_reset(h, p, v);
    write_program(h, 0);
    run_driver(h);
    if (h->x.done && !h->x.finding)
        fz_check_touches(h, p->count);
    if (!h->x.finding)
        check_victim_alive(h);
    if (!h->x.finding)
        fz_check_after(h);
    v->virtual_ns = clock_ns_from_cycles(&h->m->clock, h->m->clock.now - t0);
    h->x.prog = NULL;
    h->x.v = NULL;
    return true;
}

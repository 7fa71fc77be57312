/* The machine under GDB: continue and step in slices, GDB's Ctrl-C between them, the stop
 * replies. Virtual time only moves in here: while GDB looks, the machine is not run at all. */
#include "sim/gdb/stub.h"

#include <stdio.h>
#include <string.h>

#define SLICE_NS 1000000u           /* at most 1 ms of virtual time between looks at GDB */
#define POLL_WALL_S 0.005           /* and a look at the socket at least every 5 ms of wall time */

static bool is_hw_break(const struct gdb_stub *s, uint32_t pc)
{
    for (int i = 0; i < s->npoints; i++)
        if (s->points[i].type == '1' && s->points[i].addr == pc)
            return true;
    return false;
}

/* The reason part of a T packet for the CPU's last debug stop ("" for a step). */
static void reason(struct gdb_stub *s, char *out, size_t cap)
{
    static const char *const watch[] = { [CPU_WATCH_WRITE] = "watch", [CPU_WATCH_READ] = "rwatch",
                                         [CPU_WATCH_ACCESS] = "awatch" };
    struct cpu_debug_stop st;
    s->dbg->stop_info(s->m->cpu.impl, &st);
    out[0] = '\0';
    if (st.event == CPU_DEBUG_WATCH)
        snprintf(out, cap, "%s:%08x;", watch[st.kind], st.addr);
    else if (st.event == CPU_DEBUG_BREAK && is_hw_break(s, st.pc) && s->hwbreak)
        snprintf(out, cap, "hwbreak:;");
    else if (st.event == CPU_DEBUG_BREAK && s->swbreak)
        snprintf(out, cap, "swbreak:;");
}

void gdb_stop_reply(struct gdb_stub *s, int signal, bool debug_stop)
{
    char why[48] = "";
    if (debug_stop)
        reason(s, why, sizeof(why));
    snprintf(s->stop, sizeof(s->stop), "T%02xthread:1;%s", signal, why);
}

/* The guest exited or the time limit came: GDB hears of it as the process's exit. */
static void run_over(struct gdb_stub *s, enum machine_status st)
{
    char msg[120], w[8];
    int code = st == MACHINE_EXITED ? s->m->exit_code : 124;    /* 124: as tocksim's status */
    if (st != MACHINE_EXITED) {
        snprintf(msg, sizeof(msg), "tocksim: time limit reached (%.3f s of virtual time)\n",
                 (double)s->cfg.until_ns * 1e-9);
        gdb_send_output(s, msg);
    }
    snprintf(w, sizeof(w), "W%02x", code & 0xff);
    gdb_send_str(s, w);
    s->status = st;
    s->session = GDB_SESSION_OVER;
}

bool gdb_keep_running(struct gdb_stub *s, double wait_s)
{
    double now = gdb_wall();
    if (wait_s <= 0 && now - s->last_poll < POLL_WALL_S)
        return true;
    s->last_poll = now;
    if (s->cfg.between && !s->cfg.between(s->cfg.ctx, 0)) {
        s->session = GDB_SESSION_KILLED;
        return false;
    }
    int ev = gdb_next_event(s, wait_s > 0 ? (int)(wait_s * 1000) : 0);
    if (ev < 0)
        s->session = GDB_SESSION_DETACHED;
    return ev != GDB_RX_INTERRUPT && ev >= 0;
}

/* How long to wait before the next slice so that virtual time keeps to the wall clock. */
static double pace(struct gdb_stub *s, double wall0, uint64_t ns0)
{
    if (s->cfg.realtime <= 0)
        return 0;
    uint64_t ns = clock_ns_from_cycles(&s->m->clock, s->m->clock.now);
    return wall0 + (double)(ns - ns0) * 1e-9 / s->cfg.realtime - gdb_wall();
}

/* One slice of a continue or a step: its machine status. */
static enum machine_status slice(struct gdb_stub *s, bool step, uint64_t until)
{
    struct vclock *c = &s->m->clock;
    uint64_t goal = c->now + clock_cycles_from_ns(c, SLICE_NS);
    goal = goal < until ? goal : until;
    return step ? machine_step(s->m, goal) : machine_run(s->m, goal);
}

/* What a slice's end means: true when the resume is over (the reply is sent or due). */
static bool slice_ended(struct gdb_stub *s, enum machine_status st, uint64_t until)
{
    switch (st) {
    case MACHINE_DEBUG:
        gdb_stop_reply(s, GDB_SIGNAL_TRAP, true);
        return true;
    case MACHINE_EXITED:
        run_over(s, st);
        return true;
    case MACHINE_ERROR:
        gdb_send_output(s, "tocksim: ");
        gdb_send_output(s, s->m->error);
        gdb_send_output(s, "\n");
        gdb_stop_reply(s, GDB_SIGNAL_SEGV, false);
        return true;
    case MACHINE_RUNNING:
    case MACHINE_TIMEOUT:
        break;
    }
    if (s->m->clock.now >= until) {
        run_over(s, MACHINE_TIMEOUT);
        return true;
    }
    return false;
}

void gdb_resume(struct gdb_stub *s, bool step)
{
    if (s->cfg.driven) {                        /* gdb_drive runs it, for its owner */
        s->dbg->resume(s->m->cpu.impl);
        s->resume = step ? GDB_RESUME_STEP : GDB_RESUME_CONTINUE;
        return;
    }
    struct vclock *c = &s->m->clock;
    uint64_t until = s->cfg.until_ns == UINT64_MAX ? UINT64_MAX : clock_cycles_from_ns(c, s->cfg.until_ns);
    double wall0 = gdb_wall();
    uint64_t ns0 = clock_ns_from_cycles(c, c->now);
    s->dbg->resume(s->m->cpu.impl);
    s->last_poll = wall0;
    history_note(&s->hist, s->m, true, step);   /* where GDB stopped: a place to come back to */
    for (;;) {
        if (slice_ended(s, c->now >= until ? MACHINE_TIMEOUT : slice(s, step, until), until))
            break;
        history_note(&s->hist, s->m, false, step);
        if (!gdb_keep_running(s, pace(s, wall0, ns0))) {
            gdb_stop_reply(s, GDB_SIGNAL_INT, false);
            break;
        }
    }
    if (s->session == GDB_SESSION_ON)
        gdb_send_str(s, s->stop);
}

void gdb_points_enable(void *stub, bool on)
{
    struct gdb_stub *s = stub;
    for (int i = 0; i < s->npoints; i++) {
        struct gdb_point *p = &s->points[i];
        if (p->type <= '1')
            s->dbg->set_break(s->m->cpu.impl, p->addr, on);
        else
            s->dbg->set_watch(s->m->cpu.impl, p->addr, p->len, (enum cpu_watch_kind)(p->type - '1'), on);
    }
}

void gdb_clear_points(struct gdb_stub *s)
{
    for (int i = 0; i < s->npoints; i++) {
        struct gdb_point *p = &s->points[i];
        if (p->type <= '1')
            s->dbg->set_break(s->m->cpu.impl, p->addr, false);
        else
            s->dbg->set_watch(s->m->cpu.impl, p->addr, p->len, (enum cpu_watch_kind)(p->type - '1'), false);
    }
    s->npoints = 0;
}

/* Driven mode (gdb.h): a scenario's lock-step runs the machine and calls gdb_drive where it
 * would call machine_run. The stub holds the machine (and so the caller, and so every board's
 * time) while GDB has it halted, and runs it towards the caller's goal while GDB lets it run.
 * A continue that outlives one call goes on in the next: GDB sees one long continue. */
#include "sim/gdb/stub.h"

#include <stdio.h>
#include <string.h>

#define DRIVE_SLICE_NS 1000000u     /* at most 1 ms of virtual time between looks for Ctrl-C */

/* The session ended (detach, kill, GDB gone): points and socket go; once. */
static void session_over(struct gdb_stub *s)
{
    if (s->ended)
        return;
    s->ended = true;
    gdb_hang_up(s);
    if (s->session == GDB_SESSION_KILLED)
        fprintf(stderr, "tocksim: board %s: GDB killed the run\n", s->cfg.name ? s->cfg.name : "?");
}

/* GDB's resume came to a stop here: the reply, and the machine is halted again. */
static void halt(struct gdb_stub *s, int signal, bool debug_stop)
{
    gdb_stop_reply(s, signal, debug_stop);
    s->resume = 0;
    gdb_send_str(s, s->stop);
}

/* One stretch of GDB's resume: true if the caller gets `st` back now. */
static bool stretch(struct gdb_stub *s, uint64_t until, enum machine_status *st)
{
    struct vclock *c = &s->m->clock;
    uint64_t goal = c->now + clock_cycles_from_ns(c, DRIVE_SLICE_NS);
    goal = goal < until ? goal : until;
    bool step = s->resume == GDB_RESUME_STEP;
    *st = step ? machine_step(s->m, goal) : machine_run(s->m, goal);
    switch (*st) {
    case MACHINE_DEBUG:
        halt(s, GDB_SIGNAL_TRAP, true);
        return false;
    case MACHINE_EXITED:
    case MACHINE_ERROR:
        return true;                    /* the owner's to report; GDB hears at gdb_drive_end */
    case MACHINE_RUNNING:
        if (!step && c->now < goal)
            return true;                /* an observer asked the run to stop (machine_run's rule) */
        break;
    case MACHINE_TIMEOUT:
        break;
    }
    if (!gdb_keep_running(s, 0)) {
        if (s->session == GDB_SESSION_ON)
            halt(s, GDB_SIGNAL_INT, false);
        return false;
    }
    *st = MACHINE_TIMEOUT;
    return c->now >= until;
}

enum machine_status gdb_drive(struct gdb_stub *s, uint64_t until)
{
    enum machine_status st = MACHINE_TIMEOUT;
    if (!s->accepted && gdb_accept(s))
        fprintf(stderr, "tocksim: board %s: GDB connected\n", s->cfg.name ? s->cfg.name : "?");
    for (;;) {
        if (s->session != GDB_SESSION_ON) {
            session_over(s);
            if (s->session == GDB_SESSION_KILLED) {
                snprintf(s->m->error, sizeof(s->m->error), "GDB killed the run");
                return MACHINE_ERROR;
            }
            return machine_run(s->m, until);
        }
        if (!s->resume) {
            gdb_serve_halted(s);
            continue;
        }
        if (s->m->clock.now >= until)
            return MACHINE_TIMEOUT;
        if (stretch(s, until, &st))
            return st;
    }
}

void gdb_drive_end(struct gdb_stub *s, enum machine_status status, const char *why)
{
    char w[8];
    if (s->accepted && s->session == GDB_SESSION_ON && s->resume) {
        if (why && *why) {
            gdb_send_output(s, "tocksim: ");
            gdb_send_output(s, why);
            gdb_send_output(s, "\n");
        }
        snprintf(w, sizeof(w), "W%02x", status == MACHINE_EXITED ? s->m->exit_code & 0xff : 0);
        gdb_send_str(s, w);
    }
    s->session = s->session == GDB_SESSION_ON ? GDB_SESSION_OVER : s->session;
    if (s->accepted)
        session_over(s);
}

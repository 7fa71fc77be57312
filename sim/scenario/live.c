/* Watching a scenario live (--window; doc/window.md, "Watching a scenario live"): the window's
 * network view is drawn and its input handled at the synchronisation points, from this thread,
 * with every board at r->now_ns; a drag moves a node in the medium there, as the `move` verb
 * does between steps, and the node's final place is printed as a step to copy into the
 * scenario. When the steps are done the boards run on until the window is closed. */
#include <math.h>
#include <stdio.h>

#include "sim/scenario/run.h"
#include "sim/ui/glue.h"

#define RUN_ON_NS 100000000ull          /* after the steps: run in rounds of 100 ms */

/* Metres to a tenth: what is printed is what the medium got. */
static double tenth(double m)
{
    return round(m * 10.0) / 10.0;
}

/* Each motion of a drag, at the synchronisation point the window handles it at. */
static void on_move(void *ctx, int node, double x, double y)
{
    struct run *r = ctx;
    double ox, oy, z = 0;
    if (!r->medium) {                           /* no radio: only the picture moves */
        ui_glue_net_event(r->net, &(struct net_event){ .kind = NET_EV_POSITION, .node = node, .x = tenth(x),
                                                       .y = tenth(y), .to = -1, .t_ns = r->now_ns });
        return;
    }
    medium_position(r->medium, node, &ox, &oy, &z);
    medium_move(r->medium, node, tenth(x), tenth(y), z);
}

/* The drag's end: where the node is now, as a `move` step. */
static void on_drop(void *ctx, int node, double x, double y)
{
    struct run *r = ctx;
    char t[32];
    run_format_ms(r->now_ns, t, sizeof(t));
    fprintf(r->o->out, "  window [%14s] %s moved to [%g, %g]: { \"move\": [%g, %g], \"node\": \"%s\" }\n", t,
            r->sc->nodes[node].name, x, y, x, y, r->sc->nodes[node].name);
    fflush(r->o->out);
}

bool live_open(struct run *r, char *err, size_t n)
{
    char title[200], why[300];
    if (!r->o->window)
        return true;
    snprintf(title, sizeof(title), "tocksim \u2014 %s", r->sc->name);
    snprintf(r->live_status, sizeof(r->live_status), "starting");
    r->live = ui_glue_live_open(r->net, title, r->o->realtime > 0 ? r->o->realtime : 1.0, on_move, on_drop, r,
                                why, sizeof(why));
    if (!r->live)
        snprintf(err, n, "--window: %s", why);
    return r->live != NULL;
}

void live_step(struct run *r, int i, const struct step *s)
{
    if (r->live)
        snprintf(r->live_status, sizeof(r->live_status), "step %d of %d: %s", i + 1, r->sc->nsteps,
                 scenario_verb_name(s->verb));
}

void live_pace(struct run *r)
{
    char t[32];
    if (r->medium)                          /* the window may press a board's button: its clock */
        lockstep_end(r);                    /* must be at the present */
    bool open = ui_glue_live_sync(r->live, r->now_ns, r->live_status);
    if (r->medium)
        lockstep_begin(r);                  /* ... and it may have woken */
    if (open || r->live_closed)
        return;
    r->live_closed = r->dead = true;        /* the steps stop (ADV_STOPPED) with this reason */
    run_format_ms(r->now_ns, t, sizeof(t));
    snprintf(r->msg, sizeof(r->msg), "the window was closed at %s", t);
}

void live_run_on(struct run *r, const struct scenario_result *res)
{
    static const char *const words[] = { "PASS", "FAIL", "SKIP", "ERROR" };
    if (!r->live || r->live_closed)
        return;
    fprintf(r->o->out, "  window: the steps are done (%s); the boards run on until the window is closed\n",
            words[res->verdict]);
    fflush(r->o->out);
    snprintf(r->live_status, sizeof(r->live_status), "%s, %d/%d steps passed; running on", words[res->verdict],
             res->steps_passed, r->sc->nsteps);
    r->end_ns = UINT64_MAX;
    while (!r->dead)
        run_advance(r, r->now_ns + RUN_ON_NS, NULL, NULL);
    if (r->live_closed)
        return;
    snprintf(r->live_status, sizeof(r->live_status), "%s, %d/%d steps passed; stopped: %.100s", words[res->verdict],
             res->steps_passed, r->sc->nsteps, r->msg);
    ui_glue_live_idle(r->live, r->live_status);
}

void live_close(struct run *r)
{
    ui_glue_live_close(r->live);
    r->live = NULL;
}

/* Running a scenario: build its boards, execute the steps in order on the boards' virtual
 * time, print one line per step and a summary, and write the trace and VCD files. */
#include "sim/scenario/run.h"

#include "sim/ui/glue.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void run_format_ms(uint64_t ns, char *buf, size_t n)
{
    snprintf(buf, n, "%llu.%03llu ms", (unsigned long long)(ns / 1000000), (unsigned long long)(ns / 1000 % 1000));
}

uint64_t run_deadline(const struct run *r, uint64_t timeout_ns)
{
    if (timeout_ns == SCENARIO_NO_TIME || r->now_ns + timeout_ns > r->sc->timeout_ns)
        return SCENARIO_NO_TIME;                /* the scenario's timeout ends the wait */
    return r->now_ns + timeout_ns;
}

/* Smallest cycle count whose time is at least ns (so a run to it reaches ns). */
static uint64_t cycles_at_least(const struct machine *m, uint64_t ns)
{
    uint64_t c = clock_cycles_from_ns(&m->clock, ns);
    return clock_ns_from_cycles(&m->clock, c) < ns ? c + 1 : c;
}

/* Says in r->msg why board i stopped for good (status st); false then. */
bool run_board_alive(struct run *r, int i, enum machine_status st)
{
    struct node *n = &r->nodes[i];
    char t[32];
    run_format_ms(node_now_ns(n), t, sizeof(t));
    if (st == MACHINE_ERROR)
        snprintf(r->msg, sizeof(r->msg), "board %s: simulator error at %s: %s", n->spec->name, t, n->m->error);
    else if (st == MACHINE_EXITED)
        snprintf(r->msg, sizeof(r->msg), "board %s: the guest ended the run at %s (exit code %d)", n->spec->name,
                 t, n->m->exit_code);
    r->dead = st == MACHINE_ERROR || st == MACHINE_EXITED;
    return !r->dead;
}

/* One machine_run of board i towards goal_ns; false if the board stopped for good. */
static bool run_node(struct run *r, int i, uint64_t goal_ns)
{
    struct node *n = &r->nodes[i];
    enum machine_status st = node_run(n, cycles_at_least(n->m, goal_ns));
    outbox_flush(&r->outboxes[i]);
    return run_board_alive(r, i, st);
}

/* Runs the step's board towards goal_ns. A board stops early whenever something it does might
 * decide the step (output, LEDs, process events); with no condition to check (run_for, run_until)
 * and no input waiting to be fed to it, it runs on to the goal instead, so the boards then
 * advance in one long round (each stays hot in the host's caches) rather than many short ones. */
static bool run_primary(struct run *r, int i, uint64_t goal_ns, bool nothing_to_check)
{
    struct node *n = &r->nodes[i];
    bool straight = nothing_to_check && r->o->realtime <= 0 && n->in_len == 0;
    do {
        if (!run_node(r, i, goal_ns))
            return false;
    } while (straight && node_now_ns(n) < goal_ns);
    return true;
}

/* Brings board i to r->sync_t unless it is the round's primary; touches only board i's data
 * (it may run on any thread). */
void run_sync_one(void *ctx, int i)
{
    struct run *r = ctx;
    struct node *n = &r->nodes[i];
    r->status[i] = MACHINE_RUNNING;
    while (i != r->sync_primary && node_now_ns(n) < r->sync_t) {
        enum machine_status st = node_run(n, cycles_at_least(n->m, r->sync_t));
        if (st == MACHINE_ERROR || st == MACHINE_EXITED) {
            r->status[i] = st;
            return;
        }
    }
}

/* Brings every board but `primary` to time t: in parallel when there is a pool (boards do not
 * interact between sync points), then their output and any stop are taken in board order, so
 * the result is the same for any number of threads. */
static bool sync_others(struct run *r, int primary, uint64_t t)
{
    if (r->medium)
        return lockstep_sync_others(r, primary, t);
    r->sync_primary = primary;
    r->sync_t = t;
    if (r->pool)
        pool_run(r->pool, r->sc->nnodes, run_sync_one, r);
    else
        for (int i = 0; i < r->sc->nnodes; i++)
            run_sync_one(r, i);
    for (int i = 0; i < r->sc->nnodes; i++) {
        outbox_flush(&r->outboxes[i]);
        if (i != primary && !run_board_alive(r, i, r->status[i]))
            return false;
    }
    return true;
}

/* --realtime: sleeps until the wall clock catches up with virtual time. */
static void pace(struct run *r)
{
    if (r->live) {
        live_pace(r);
        return;
    }
    if (r->o->realtime <= 0)
        return;
    double ahead = r->wall0 + (double)r->now_ns * 1e-9 / r->o->realtime - wall_now();
    if (ahead > 0) {
        struct timespec ts = { (time_t)ahead, (long)((ahead - (double)(time_t)ahead) * 1e9) };
        nanosleep(&ts, NULL);
    }
}

/* Feeds the UARTs what they can take of the input steps wrote. */
static void feed_inputs(struct run *r)
{
    bool more = false;
    for (int i = 0; r->input_pending && i < r->sc->nnodes; i++)
        if (r->nodes[i].in_len) {
            node_feed_input(&r->nodes[i]);
            if (r->medium)
                lockstep_update(r, i);
            more = more || r->nodes[i].in_len;
        }
    r->input_pending = more;
}

static enum advance_end advance(struct run *r, uint64_t target_ns, run_cond cond, const struct step *s)
{
    bool global = target_ns > r->end_ns;
    int primary = s ? s->node : 0;
    if (global)
        target_ns = r->end_ns;
    r->late_ns = 0;
    for (;;) {
        feed_inputs(r);
        if (cond && cond(r, s)) {
            if (r->cond_ns <= target_ns)
                return ADV_MET;
            r->late_at_ns = r->cond_ns;             /* in the block that crossed the deadline */
            r->late_ns = r->cond_ns - target_ns;
        }
        if (r->dead)
            return ADV_STOPPED;
        if (r->now_ns >= target_ns)
            return global ? ADV_TIMEOUT : ADV_TIME;
        uint64_t goal = target_ns;
        if ((r->o->realtime > 0 || r->live) && goal > r->now_ns + 10000000)
            goal = r->now_ns + 10000000;        /* pace in 10 ms steps */
        if (r->medium && goal > lockstep_horizon(r))
            goal = lockstep_horizon(r);             /* sim/scenario/lockstep.c */
        if (!run_primary(r, primary, goal, cond == NULL))
            continue;                           /* cond may still hold; then ADV_STOPPED */
        if (r->medium)
            lockstep_update(r, primary);
        uint64_t t = node_now_ns(&r->nodes[primary]);
        if (!sync_others(r, primary, t))
            continue;
        r->now_ns = t > r->now_ns ? t : r->now_ns;
        if (r->medium)
            lockstep_delivered(r, medium_sync(r->medium, r->now_ns));
        pace(r);
    }
}

enum advance_end run_advance(struct run *r, uint64_t target_ns, run_cond cond, const struct step *s)
{
    if (r->medium)
        lockstep_begin(r);                      /* the step may have woken a board */
    enum advance_end e = advance(r, target_ns, cond, s);
    if (r->medium)
        lockstep_end(r);
    return e;
}

/* The latest fault no step expected, in source terms: a failure's likely cause. */
static const struct node_fault *unexpected_fault(const struct run *r)
{
    const struct node_fault *latest = NULL;
    for (int i = 0; i < r->sc->nnodes; i++)
        for (size_t k = 0; k < r->nodes[i].nfaults; k++) {
            const struct node_fault *f = &r->nodes[i].faults[k];
            if (!f->consumed && f->source[0] && (!latest || f->t_ns >= latest->t_ns))
                latest = f;
        }
    return latest;
}

bool run_fail_end(struct run *r, enum advance_end e, const char *fmt, ...)
{
    char what[300], t[32];
    va_list ap;
    if (e == ADV_STOPPED)
        return false;                           /* r->msg already says why */
    va_start(ap, fmt);
    vsnprintf(what, sizeof(what), fmt, ap);
    va_end(ap);
    if (r->late_ns)                             /* the state now is not what the deadline saw */
        snprintf(what, sizeof(what), "too late: it happened at %llu.%06llu ms, %llu ns after the deadline",
                 (unsigned long long)(r->late_at_ns / 1000000), (unsigned long long)(r->late_at_ns % 1000000),
                 (unsigned long long)r->late_ns);
    run_format_ms(r->sc->timeout_ns, t, sizeof(t));
    if (e == ADV_TIMEOUT)
        snprintf(r->msg, sizeof(r->msg), "%s (scenario timeout %s reached)", what, t);
    else
        snprintf(r->msg, sizeof(r->msg), "%s", what);
    const struct node_fault *f = unexpected_fault(r);
    size_t len = strlen(r->msg);
    if (f && !strstr(r->msg, f->source))
        snprintf(r->msg + len, sizeof(r->msg) - len, " [%s faulted: %s]", f->name, f->source);
    return false;
}

static bool open_outputs(struct run *r, char *err, size_t n)
{
    const struct scenario_opts *o = r->o;
    if (o->trace_path && !(r->trace_out = fopen(o->trace_path, "w"))) {
        snprintf(err, n, "cannot write trace file %s: %s", o->trace_path, strerror(errno));
        return false;
    }
    /* Several boards: each writes its own trace in memory, merged by time at the end (a file
     * each would run out of descriptors with a thousand boards). */
    for (int i = 0; r->trace_out && i < r->sc->nnodes; i++)
        if (!(r->traces[i] = r->sc->nnodes == 1 ? r->trace_out
                                                : open_memstream(&r->trace_text[i], &r->trace_len[i]))) {
            snprintf(err, n, "cannot buffer a board's trace: %s", strerror(errno));
            return false;
        }
    if (o->vcd_path) {
        vcd_init(&r->vcd, o->vcd_path);
        r->vcd_on = true;
    }
    return run_insn_open(r, err, n);
}

/* Whether any step looks at packets (then the medium keeps a record of the traffic). */
static bool has_packet_steps(const struct scenario *sc)
{
    for (int i = 0; i < sc->nsteps; i++)
        if (sc->steps[i].verb >= STEP_WAIT_PACKET && sc->steps[i].verb <= STEP_EXPECT_DELIVERY)
            return true;
    return false;
}

/* The radio medium of the "radio" block (or, for a capture only, one where nobody hears
 * anybody, as without a medium), with every board's radio attached. */
static bool open_medium(struct run *r, char *err, size_t n)
{
    const struct scenario *sc = r->sc;
    struct medium_params p;
    medium_params_default(&p, MEDIUM_LINKS);
    p.seed = sc->seed;
    if (!sc->radio && !r->o->pcap_path)
        return true;
    if (!(r->medium = medium_new(sc->radio ? &sc->radio->params : &p, sc->nnodes))) {
        snprintf(err, n, "out of memory for the radio medium");
        return false;
    }
    for (int i = 0; i < sc->nnodes; i++)
        medium_attach(r->medium, i, sc->nodes[i].name, machine_radio(r->nodes[i].m), sc->nodes[i].pos[0],
                      sc->nodes[i].pos[1], sc->nodes[i].pos[2]);
    for (int i = 0; sc->radio && i < sc->radio->nlinks; i++) {
        const struct scenario_link *l = &sc->radio->links[i];
        medium_set_link(r->medium, l->from, l->to, l->ratio, l->rssi);
    }
    medium_record(r->medium, has_packet_steps(sc));
    return !r->o->pcap_path || medium_pcap_open(r->medium, r->o->pcap_path, err, n);
}

/* Board i's GDB stub, if the scenario or --gdb asks for one. */
static bool open_gdb(struct run *r, int i, char *err, size_t n)
{
    int port = r->sc->nodes[i].gdb_port;        /* --gdb overrides it for every board */
    char why[300];
    if (r->o->gdb)
        port = r->o->gdb_port ? r->o->gdb_port + i : 0;
    if (port < 0)
        return true;
    if (port > 65535) {
        snprintf(err, n, "board %s: --gdb: port %d is out of range (the boards take one port each)",
                 r->sc->nodes[i].name, port);
        return false;
    }
    if (node_gdb_open(&r->nodes[i], port, why, sizeof(why)))
        return true;
    snprintf(err, n, "board %s: --gdb: %s", r->sc->nodes[i].name, why);
    return false;
}

/* The window's network view, when a screenshot shows it: every board at its position, told by
 * the medium (if any) where they move and what becomes of their frames. */
#define NET_VIEW_TX_DBM 0.0      /* the radios' TX power after reset (doc/devices/radio802154.md) */

static bool open_net_view(struct run *r, char *err, size_t n)
{
    const struct scenario *sc = r->sc;
    bool wanted = false;
    for (int i = 0; i < sc->nsteps; i++)
        wanted |= sc->steps[i].verb == STEP_SCREENSHOT && sc->steps[i].shot_network;
    if (!wanted && !r->o->window)
        return true;
    if (!(r->net = ui_glue_net_new(sc->nnodes))) {
        snprintf(err, n, "out of memory for the network view");
        return false;
    }
    for (int i = 0; i < sc->nnodes; i++)
        ui_glue_net_node(r->net, i, sc->nodes[i].name, r->nodes[i].m, sc->nodes[i].pos[0], sc->nodes[i].pos[1]);
    if (r->medium && sc->radio) {
        double tx, intf;
        medium_ranges(r->medium, NET_VIEW_TX_DBM, &tx, &intf);
        ui_glue_net_ranges(r->net, tx, intf);
        medium_observe(r->medium, ui_glue_net_event, r->net);
    }
    return true;
}

/* Builds board i (machine, images, reset): touches only board i's data, so the boards of a big
 * scenario are built on the pool's threads (building is most of a short run's time). */
static void build_one(void *ctx, int i)
{
    struct run *r = ctx;
    r->built[i] = node_open(&r->nodes[i], &r->sc->nodes[i], r->traces[i], r->build_err[i],
                            sizeof(r->build_err[i]));
}

static bool open_nodes(struct run *r, char *err, size_t n)
{
    const struct scenario *sc = r->sc;
    if (r->pool)
        pool_run(r->pool, sc->nnodes, build_one, r);
    else
        for (int i = 0; i < sc->nnodes; i++)
            build_one(r, i);
    for (int i = 0; i < sc->nnodes; i++) {
        struct node *nd = &r->nodes[i];
        if (!r->built[i]) {                     /* the first board in order that failed */
            snprintf(err, n, "%s", r->build_err[i]);
            return false;
        }
        struct outbox *ob = &r->outboxes[i];
        machine_set_console(nd->m, outbox_stream(ob, r->o->console));
        nd->m->trace.guest_log = outbox_stream(ob, r->o->out);
        if ((r->o->strace || r->trace_out) &&
            !strace_attach(&r->straces[i], nd->m, outbox_stream(ob, r->o->strace), r->trace_out != NULL,
                           sc->nnodes > 1 ? sc->nodes[i].name : NULL)) {
            snprintf(err, n, "board %s: no free observer slot for strace", sc->nodes[i].name);
            return false;
        }
        if (!run_insn_attach(r, i, err, n))
            return false;
        if (r->ui && !ui_glue_attach(nd->m)) {
            snprintf(err, n, "board %s: the window cannot observe it", sc->nodes[i].name);
            return false;
        }
        if (r->vcd_on && !vcd_add_node(&r->vcd, nd->m, sc->nodes[i].name)) {
            snprintf(err, n, "board %s: cannot set up the VCD", sc->nodes[i].name);
            return false;
        }
        if (!open_gdb(r, i, err, n))
            return false;
    }
    return true;
}

/* A board started from a snapshot begins at the snapshot's time: the others catch up with the
 * latest board before the first step, and the scenario's time starts there. (A board that
 * dies meanwhile fails the first step, with r->msg.) */
static void align_start(struct run *r)
{
    uint64_t t = 0;
    for (int i = 0; i < r->sc->nnodes; i++)
        t = node_now_ns(&r->nodes[i]) > t ? node_now_ns(&r->nodes[i]) : t;
    if (t > 0 && sync_others(r, -1, t))
        r->now_ns = t;
}

/* The time of a trace line: {"t_ns":N,... */
static unsigned long long line_time(const char *line)
{
    return strtoull(line + 8, NULL, 10);
}

/* A board's next trace line in the merge: its time, then its board index (stable order). */
struct merge_head { unsigned long long t; int board; };

static bool head_before(const struct merge_head *x, const struct merge_head *y)
{
    return x->t != y->t ? x->t < y->t : x->board < y->board;
}

/* Restores the heap order below index i (a binary min-heap of n heads). */
static void sift_down(struct merge_head *h, int n, int i)
{
    for (;;) {
        int least = i, l = 2 * i + 1, r = l + 1;
        if (l < n && head_before(&h[l], &h[least]))
            least = l;
        if (r < n && head_before(&h[r], &h[least]))
            least = r;
        if (least == i)
            return;
        struct merge_head t = h[i];
        h[i] = h[least];
        h[least] = t;
        i = least;
    }
}

/* Writes board b's line at at[b] and advances; false if it had none left. */
static bool take_line(struct run *r, size_t *at, int b)
{
    if (at[b] >= r->trace_len[b])
        return false;
    const char *line = r->trace_text[b] + at[b];
    const char *end = memchr(line, '\n', r->trace_len[b] - at[b]);
    size_t len = end ? (size_t)(end - line) + 1 : r->trace_len[b] - at[b];
    fwrite(line, 1, len, r->trace_out);
    at[b] += len;
    return true;
}

/* Merges the boards' traces into the trace file in time order, stable by board: a k-way merge
 * through a heap of each board's next line, so a thousand boards cost log2(1000) per line. */
static void merge_traces(struct run *r)
{
    int k = r->sc->nnodes, n = 0;
    size_t *at = calloc((size_t)k, sizeof(*at));
    struct merge_head *h = calloc((size_t)k, sizeof(*h));
    for (int i = 0; i < k; i++)
        fclose(r->traces[i]);               /* makes trace_text/trace_len final */
    for (int i = 0; at && h && i < k; i++)
        if (r->trace_len[i])
            h[n++] = (struct merge_head){ line_time(r->trace_text[i]), i };
    for (int i = n / 2 - 1; i >= 0; i--)
        sift_down(h, n, i);
    while (n > 0) {
        int b = h[0].board;
        take_line(r, at, b);
        if (at[b] < r->trace_len[b])
            h[0].t = line_time(r->trace_text[b] + at[b]);
        else
            h[0] = h[--n];
        sift_down(h, n, 0);
    }
    for (int i = 0; i < k; i++)
        free(r->trace_text[i]);
    free(at);
    free(h);
}

/* Takes board i down (touches only board i's data: its machine, its outbox's stream). */
static void close_one(void *ctx, int i)
{
    struct run *r = ctx;
    node_close(&r->nodes[i]);
}

static void close_run(struct run *r, struct scenario_result *res)
{
    char err[300];
    for (int i = 0; i < r->sc->nnodes; i++)
        if (r->nodes[i].m && r->o->strict && r->nodes[i].m->trace.guest_errors && res->verdict == SCENARIO_PASS) {
            res->verdict = SCENARIO_FAIL;
            snprintf(res->message, sizeof(res->message), "board %s: %llu guest error(s) with --strict",
                     r->sc->nodes[i].name, (unsigned long long)r->nodes[i].m->trace.guest_errors);
        }
    live_close(r);                              /* before the boards' views go */
    for (int i = 0; i < r->sc->nnodes; i++) {
        node_gdb_end(&r->nodes[i], MACHINE_TIMEOUT,
                     res->verdict == SCENARIO_PASS ? "the scenario passed" : res->message);
        if (r->ui && r->nodes[i].m)
            ui_glue_detach(r->nodes[i].m);
        if (!run_insn_detach(r, i, err, sizeof(err)) && res->verdict != SCENARIO_ERROR) {
            res->verdict = SCENARIO_ERROR;
            snprintf(res->message, sizeof(res->message), "%s", err);
        }
    }
    if (r->pool)                                /* each board's output goes to its own outbox */
        pool_run(r->pool, r->sc->nnodes, close_one, r);
    else
        for (int i = 0; i < r->sc->nnodes; i++)
            close_one(r, i);
    for (int i = 0; i < r->sc->nnodes; i++)
        outbox_close(&r->outboxes[i]);
    run_insn_close(r);
    medium_free(r->medium);
    ui_glue_net_free(r->net);
    if (r->trace_out && r->sc->nnodes > 1 && r->traces[r->sc->nnodes - 1])
        merge_traces(r);
    else if (r->trace_out && r->sc->nnodes > 1)
        for (int i = 0; i < r->sc->nnodes && r->traces[i]; i++) {
            fclose(r->traces[i]);               /* set-up failed part way: nothing to merge */
            free(r->trace_text[i]);
        }
    if (r->trace_out)
        fclose(r->trace_out);
    if (r->vcd_on && !vcd_close(&r->vcd, err, sizeof(err)) && res->verdict != SCENARIO_ERROR) {
        res->verdict = SCENARIO_ERROR;
        snprintf(res->message, sizeof(res->message), "%s", err);
    }
}

static void print_step(struct run *r, int i, const struct step *s, bool ok)
{
    char desc[300], t[32];
    step_describe(s, r->sc, desc, sizeof(desc));
    run_format_ms(ok ? r->event_ns : r->now_ns, t, sizeof(t));
    fprintf(r->o->out, "  %-4s #%-2d [%14s] %s", ok ? "ok" : r->skip ? "skip" : "FAIL", i + 1, t, desc);
    if (!ok || (s->verb == STEP_EXPECT_BLINK && r->msg[0]))
        fprintf(r->o->out, ": %s", r->msg);
    if (!ok)
        fprintf(r->o->out, " (%s:%d)", r->sc->path, s->line);
    fputc('\n', r->o->out);
    trace_event(&r->nodes[s->node].m->trace, "step", "\"index\":%d,\"verb\":\"%s\",\"result\":\"%s\"", i + 1,
                scenario_verb_name(s->verb), ok ? "pass" : r->skip ? "skip" : "fail");
}

static void print_console_tail(struct run *r, const struct step *s)
{
    char tail[2048];
    node_console_tail(&r->nodes[s->node], 8, tail, sizeof(tail));
    if (!*tail)
        return;
    fprintf(r->o->out, "       last console output of %s:\n", r->sc->nodes[s->node].name);
    for (char *line = strtok(tail, "\n"); line; line = strtok(NULL, "\n"))
        fprintf(r->o->out, "       | %s\n", line);
}

/* Executes the steps; returns the verdict. */
static enum scenario_verdict run_steps(struct run *r, struct scenario_result *res)
{
    for (int i = 0; i < r->sc->nsteps; i++) {
        const struct step *s = &r->sc->steps[i];
        r->msg[0] = '\0';
        r->prev_step_ns = i ? r->step_ns : 0;
        r->event_ns = r->step_ns = r->now_ns;
        live_step(r, i, s);
        if (r->medium)                          /* packet steps look back one step at most */
            medium_forget_before(r->medium, r->prev_step_ns);
        bool ok = step_execute(r, s);
        res->steps_run++;
        print_step(r, i, s, ok);
        if (ok) {
            res->steps_passed++;
            continue;
        }
        snprintf(res->message, sizeof(res->message), "step %d (%s:%d) %s: %s", i + 1, r->sc->path, s->line,
                 scenario_verb_name(s->verb), r->msg);
        if (r->skip)
            return SCENARIO_SKIP;
        print_console_tail(r, s);
        return SCENARIO_FAIL;
    }
    return SCENARIO_PASS;
}

/* The per-board arrays of a run, sized by the scenario. */
static bool alloc_boards(struct run *r, int n)
{
    size_t k = (size_t)n;
    r->nodes = calloc(k, sizeof(*r->nodes));
    r->straces = calloc(k, sizeof(*r->straces));
    r->itraces = calloc(k, sizeof(*r->itraces));
    r->profiles = calloc(k, sizeof(*r->profiles));
    r->traces = calloc(k, sizeof(*r->traces));
    r->trace_text = calloc(k, sizeof(*r->trace_text));
    r->trace_len = calloc(k, sizeof(*r->trace_len));
    r->outboxes = calloc(k, sizeof(*r->outboxes));
    r->status = calloc(k, sizeof(*r->status));
    r->built = calloc(k, sizeof(*r->built));
    r->build_err = calloc(k, sizeof(*r->build_err));
    r->next_act = calloc(k, sizeof(*r->next_act));
    r->active = calloc(k, sizeof(*r->active));
    r->heap = calloc(k, sizeof(*r->heap));
    r->heap_pos = calloc(k, sizeof(*r->heap_pos));
    return r->nodes && r->straces && r->itraces && r->profiles && r->traces && r->trace_text && r->trace_len && r->outboxes && r->status &&
           r->next_act && r->active && r->heap && r->heap_pos && r->built && r->build_err;
}

static void free_boards(struct run *r)
{
    free(r->nodes);
    free(r->straces);
    free(r->itraces);
    free(r->profiles);
    free(r->traces);
    free(r->trace_text);
    free(r->trace_len);
    free(r->outboxes);
    free(r->status);
    free(r->built);
    free(r->build_err);
    free(r->next_act);
    free(r->active);
    free(r->heap);
    free(r->heap_pos);
    pool_free(r->pool);
}

static void print_summary(const struct scenario *sc, FILE *out, const struct scenario_result *res)
{
    static const char *const words[] = { "PASS", "FAIL", "SKIP", "ERROR" };
    char t[32];
    run_format_ms(res->virtual_ns, t, sizeof(t));
    fprintf(out, "%s %s: %d/%d steps passed, %s virtual, %.3f s wall", words[res->verdict], sc->name,
            res->steps_passed, sc->nsteps, t, res->wall_s);
    if (res->verdict != SCENARIO_PASS)
        fprintf(out, ": %s", res->message);
    fputc('\n', out);
}

enum scenario_verdict scenario_run(const struct scenario *sc, const struct scenario_opts *o,
                                   struct scenario_result *res)
{
    struct run *r = calloc(1, sizeof(*r));
    char err[400];
    memset(res, 0, sizeof(*res));
    if (!r) {
        res->verdict = SCENARIO_ERROR;
        snprintf(res->message, sizeof(res->message), "out of memory");
        return res->verdict;
    }
    r->sc = sc;
    r->o = o;
    r->wall0 = wall_now();
    r->end_ns = sc->timeout_ns;
    if (!alloc_boards(r, sc->nnodes)) {
        res->verdict = SCENARIO_ERROR;
        snprintf(res->message, sizeof(res->message), "out of memory for %d boards", sc->nnodes);
        free_boards(r);
        free(r);
        return res->verdict;
    }
    r->ui = o->window;
    for (int i = 0; i < sc->nsteps; i++)
        r->ui |= sc->steps[i].verb == STEP_SCREENSHOT;
    /* Boards in parallel, but not under the window (it observes them from one thread). */
    if (!r->ui && sc->nnodes > 2 && o->threads > 1)
        r->pool = pool_new(o->threads < sc->nnodes - 1 ? o->threads : sc->nnodes - 1);
    fprintf(o->out, "scenario %s (%s)%s%s\n", sc->name, sc->path, sc->description ? ": " : "",
            sc->description ? sc->description : "");
    if (!open_outputs(r, err, sizeof(err)) || !open_nodes(r, err, sizeof(err)) || !open_medium(r, err, sizeof(err)) ||
        !open_net_view(r, err, sizeof(err)) || !live_open(r, err, sizeof(err))) {
        res->verdict = SCENARIO_ERROR;
        snprintf(res->message, sizeof(res->message), "%s", err);
    } else {
        align_start(r);
        res->verdict = run_steps(r, res);
    }
    res->virtual_ns = r->now_ns;
    live_run_on(r, res);
    close_run(r, res);
    res->wall_s = wall_now() - r->wall0;
    print_summary(sc, o->out, res);
    free_boards(r);
    free(r);
    return res->verdict;
}

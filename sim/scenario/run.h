/* Scenario run-time internals shared by sim/scenario/run.c (boards, time, reporting) and
 * sim/scenario/steps.c (one function per verb). */
#ifndef SIM_SCENARIO_RUN_H
#define SIM_SCENARIO_RUN_H

#include "sim/scenario/scenario.h"
#include "sim/scenario/node.h"
#include "sim/scenario/outbox.h"
#include "sim/scenario/pool.h"
#include "sim/radio/medium.h"
#include "sim/trace/strace.h"
#include "sim/trace/vcd.h"

struct run {
    const struct scenario *sc;
    const struct scenario_opts *o;
    struct node *nodes;                 /* sc->nnodes of each */
    struct strace *straces;
    struct itrace **itraces;            /* --itrace: each board's (NULL: none) */
    struct profile **profiles;          /* --profile: each board's (NULL: none) */
    FILE *itrace_out;                   /* where --itrace's lines go (through each board's outbox) */
    FILE **traces;                      /* each board's trace (in memory if several) */
    char **trace_text;                  /* ... and where its text is, once closed */
    size_t *trace_len;
    struct outbox *outboxes;            /* each board's text output until the next sync point */
    enum machine_status *status;        /* each board's last machine_run (while syncing) */
    bool *built;                        /* each board was built (open_nodes) ... */
    char (*build_err)[400];             /* ... or why not */
    struct pool *pool;                  /* boards run in parallel (NULL: one after another) */
    int sync_primary;                   /* the sync round in progress: all but this board ... */
    uint64_t sync_t;                    /* ... are brought to this time */
    FILE *trace_out;
    struct vcd vcd;
    bool vcd_on;
    bool ui;                            /* the window observes the boards (screenshot steps) */
    struct medium *medium;              /* the radio medium (NULL: none): boards run in lock-step */
    struct ui_net *net;                 /* the window's network view (network screenshots), or NULL */
    struct ui_live *live;               /* --window: the live window, or NULL */
    bool live_closed;                   /* ... and the user closed it */
    char live_status[160];              /* what its toolbar says (the step running) */
    uint64_t end_ns;                    /* the steps' time limit (the scenario's timeout) */
    bool input_pending;                 /* a board has console input the UART has not taken */
    uint64_t *next_act;                 /* lock-step: each board's next activity (ns) */
    int *heap, *heap_pos;               /* lock-step: boards by next activity (a binary heap) */
    int *active, nactive;               /* lock-step: the boards a round runs */
    uint64_t now_ns;                    /* virtual time all boards have reached */
    double wall0;
    bool dead;                          /* a board stopped (guest exit or simulator error) */
    /* Set by a step: */
    uint64_t step_ns;                   /* when the step began */
    uint64_t prev_step_ns;              /* when the step before it began */
    uint64_t mark;                      /* the step's own reference (console bytes at its start) */
    char msg[400];                      /* what went wrong (or a detail of a pass) */
    uint64_t event_ns;                  /* when the decisive event happened (the step's time) */
    bool skip;                          /* the scenario cannot run here: skip, don't fail */
    /* Set by a run_cond that holds: when the event that made it hold happened. */
    uint64_t cond_ns;
    uint64_t late_ns, late_at_ns;       /* a condition held only this long after the deadline, from then */
};

enum advance_end { ADV_MET, ADV_TIME, ADV_TIMEOUT, ADV_STOPPED };

/* True when the step's condition holds; then r->cond_ns is the time of the decisive event. */
typedef bool (*run_cond)(struct run *r, const struct step *s);

/* Runs all boards until virtual time `target_ns` or until cond (checked at every stop) holds.
 * The deadline is inclusive: a condition whose decisive event is at target_ns is met (ADV_MET),
 * one a nanosecond later is not (the boards stop at the first basic block boundary at or after
 * the target, so they may have seen it: r->late_ns says by how much it missed, and a failure
 * message from run_fail_end says so instead of the step's own description).
 * A target beyond the scenario's timeout stops there with ADV_TIMEOUT;
 * ADV_STOPPED: a board stopped (r->msg says why). */
enum advance_end run_advance(struct run *r, uint64_t target_ns, run_cond cond, const struct step *s);
/* Deadline of a wait of `timeout_ns` from now; SCENARIO_NO_TIME if the scenario's timeout
 * comes first (or timeout_ns is SCENARIO_NO_TIME). */
uint64_t run_deadline(const struct run *r, uint64_t timeout_ns);
/* Fills r->msg for an advance that ended without the condition; returns false. */
bool run_fail_end(struct run *r, enum advance_end e, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void run_format_ms(uint64_t ns, char *buf, size_t n);

/* Brings board i to r->sync_t unless it is the round's primary (any thread; sim/scenario/run.c). */
void run_sync_one(void *ctx, int i);
/* False (r->msg says why, r->dead set) if board i stopped for good with status st. */
bool run_board_alive(struct run *r, int i, enum machine_status st);

/* sim/scenario/lockstep.c: the boards in lock-step with a radio medium. */
void lockstep_begin(struct run *r);             /* at the start of run_advance */
void lockstep_end(struct run *r);               /* every board's clock to r->now_ns */
void lockstep_update(struct run *r, int i);     /* board i ran, or may have woken */
uint64_t lockstep_horizon(const struct run *r);
bool lockstep_sync_others(struct run *r, int primary, uint64_t t);
/* After medium_sync delivered n frames: the receivers' next activities. */
void lockstep_delivered(struct run *r, size_t n);

/* sim/scenario/live.c: the live window (--window). */
bool live_open(struct run *r, char *err, size_t n);
void live_step(struct run *r, int i, const struct step *s);    /* step i begins */
void live_pace(struct run *r);                                  /* at a sync point */
void live_run_on(struct run *r, const struct scenario_result *res);    /* after the steps */
void live_close(struct run *r);
/* sim/scenario/insn.c: --itrace and --profile on every board. */
bool run_insn_open(struct run *r, char *err, size_t n);         /* the trace's file */
bool run_insn_attach(struct run *r, int i, char *err, size_t n); /* board i, once it is built */
/* Board i's trace and profile finished (before its machine goes); false, with err, if its
 * profile could not be written. */
bool run_insn_detach(struct run *r, int i, char *err, size_t n);
void run_insn_close(struct run *r);

/* sim/scenario/steps.c */
bool step_execute(struct run *r, const struct step *s);
void step_describe(const struct step *s, const struct scenario *sc, char *buf, size_t n);
/* sim/scenario/steps_radio.c: the radio verbs. */
bool step_radio(struct run *r, const struct step *s);
void step_describe_radio(const struct scenario *sc, const struct step *s, char *buf, size_t n);

#endif

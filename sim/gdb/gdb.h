/* A GDB remote serial protocol stub attached to one machine (doc/debugging.md). Each stub has
 * its own socket and state, so several boards of one run can each have one. */
#ifndef SIM_GDB_H
#define SIM_GDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/machine.h"

/* Reverse execution (GDB's bc and bs packets), for whoever keeps snapshots of the machine.
 * When given, qSupported advertises ReverseStep+ and ReverseContinue+, and each call moves the
 * machine back: one instruction, or to the previous breakpoint or watchpoint hit (or the
 * oldest snapshot). They return MACHINE_DEBUG with the CPU's stop_info describing the stop,
 * like a forward step or continue, or MACHINE_ERROR (m->error says why). */
struct gdb_reverse {
    enum machine_status (*step_back)(void *ctx, struct machine *m);
    enum machine_status (*continue_back)(void *ctx, struct machine *m);
    void *ctx;
};

struct gdb_config {
    int port;                   /* 127.0.0.1:port; 0: a free port (gdb_port says which) */
    const char *apps_file;      /* kept up to date with `monitor apps`'s commands, or NULL */
    char *const *tbfs;          /* the apps' TBF files as loaded: their ELFs are next to them */
    int ntbfs;
    uint64_t until_ns;          /* the run's time limit in virtual time (UINT64_MAX: none) */
    double realtime;            /* > 0: a continue is paced to the wall clock, times this */
    /* Optional: called every few milliseconds of wall time while the machine runs or waits
     * for GDB (the terminal's input); false ends the session as a kill. */
    bool (*between)(void *ctx, int wait_ms);
    void *ctx;
    const struct gdb_reverse *reverse;  /* NULL: no reverse execution */
    /* Someone else runs the machine (a scenario's boards in lock-step): gdb_drive instead of
     * gdb_serve. Time and reverse execution then belong to the scenario, so GDB gets no
     * reverse execution, no `monitor reset` and no `monitor snapshot load`. */
    bool driven;
    const char *name;           /* the board's name in messages (driven), or NULL */
};

enum gdb_end {
    GDB_END_DETACHED,           /* GDB detached or went away: the run goes on without it */
    GDB_END_KILLED,             /* GDB killed the run (or `between` said to stop) */
    GDB_END_RUN_OVER,           /* the guest exited or the time limit came (GDB was told) */
};

struct gdb_stub;

/* Listens for GDB on 127.0.0.1 for machine m, whose images are loaded and CPU reset; NULL
 * with the reason in err. */
struct gdb_stub *gdb_open(struct machine *m, const struct gdb_config *cfg, char *err, size_t errlen);
int gdb_port(const struct gdb_stub *s);
/* Waits for GDB to connect, then serves it with the machine halted until GDB resumes it; time
 * stands still while halted. Returns how the session ended and the machine's status then
 * (MACHINE_RUNNING after a detach or kill). Breakpoints and watchpoints are gone afterwards. */
enum gdb_end gdb_serve(struct gdb_stub *s, enum machine_status *status);
void gdb_close(struct gdb_stub *s);

/* Driven mode (cfg->driven): the owner calls gdb_drive instead of machine_run, with the same
 * meaning and result. The first call waits for GDB to connect (the machine halted at reset).
 * While GDB has the machine halted, gdb_drive serves it and the caller waits, so the owner's
 * virtual time stands still; when GDB resumes, the machine runs towards `until` and a
 * breakpoint, watchpoint, step or Ctrl-C halts it again on the way. After GDB detaches, it is
 * machine_run. If GDB kills the run, it returns MACHINE_ERROR with m->error saying so. */
enum machine_status gdb_drive(struct gdb_stub *s, uint64_t until);
/* The owner's run is over (status: the machine's, or MACHINE_TIMEOUT for any other end, with
 * why in words): a GDB waiting for the machine hears that it exited, then the connection
 * closes. */
void gdb_drive_end(struct gdb_stub *s, enum machine_status status, const char *why);

#endif

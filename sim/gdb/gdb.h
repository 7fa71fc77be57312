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

#endif

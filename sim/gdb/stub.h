/* The stub's private state, shared by the files of sim/gdb/ (gdb.h is the public side). */
#ifndef SIM_GDB_STUB_H
#define SIM_GDB_STUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/gdb/gdb.h"
#include "sim/gdb/history.h"
#include "sim/gdb/packet.h"
#include "sim/gdb/procs.h"

#define GDB_MAX_POINTS 64
#define GDB_SIGNAL_INT 2            /* the signals of stop replies (GDB's numbers) */
#define GDB_SIGNAL_TRAP 5
#define GDB_SIGNAL_SEGV 11

/* A breakpoint or watchpoint GDB set: removed with the session. */
struct gdb_point {
    char type;                  /* '0'..'4' as in Z packets */
    uint32_t addr, len;
};

enum gdb_session { GDB_SESSION_ON, GDB_SESSION_DETACHED, GDB_SESSION_KILLED, GDB_SESSION_OVER };
enum { GDB_RESUME_CONTINUE = 1, GDB_RESUME_STEP };

struct gdb_stub {
    struct machine *m;
    const struct cpu_debug_ops *dbg;
    struct gdb_config cfg;
    int listen_fd, fd, port;
    struct gdb_rx rx;
    char in[4096];              /* bytes read from GDB, not fed to rx yet */
    size_t in_len, in_pos;
    bool ack;                   /* acknowledgements on (until QStartNoAckMode) */
    bool swbreak, hwbreak;      /* GDB understands these stop reasons (its qSupported) */
    char sent[2 * GDB_PACKET_MAX + 8];   /* the last packet sent, for a '-' */
    size_t sent_len;
    char stop[160];             /* the last stop reply (the answer to '?') */
    struct gdb_point points[GDB_MAX_POINTS];
    int npoints;
    struct gdb_procs procs;
    enum gdb_session session;
    enum machine_status status; /* the machine's when the session ended */
    double last_poll;           /* wall time of the last look at the socket while running */
    struct history hist;        /* checkpoints for reverse execution (bs, bc) */
    /* Driven mode (gdb_drive): GDB asked to resume (0: no, else GDB_RESUME_*), the
     * connection was accepted, the session's end was dealt with. */
    int resume;
    bool accepted, ended;
    /* Scratch space for building replies (here rather than on the stack: they are large). */
    char work[2 * GDB_PACKET_MAX + 8];
    char text[16384];           /* monitor output */
    char xml[8192];             /* the target description */
};

/* stub.c: talking to GDB. */
/* Sends one packet (payload of len bytes); false if the connection is gone. */
bool gdb_send(struct gdb_stub *s, const char *payload, size_t len);
bool gdb_send_str(struct gdb_stub *s, const char *payload);
/* Console output for GDB's user, as 'O' packets (only while GDB waits for a stop reply or a
 * monitor command). */
void gdb_send_output(struct gdb_stub *s, const char *text);
/* The next event from GDB within timeout_ms (-1: wait): a gdb_rx_event (GDB_RX_NONE when the
 * time ran out), or -1 when the connection closed. */
int gdb_next_event(struct gdb_stub *s, int timeout_ms);
double gdb_wall(void);
/* Accepts GDB's connection (blocking); false (session detached) if it failed. */
bool gdb_accept(struct gdb_stub *s);
/* Answers GDB's packets while the machine is halted, until one resumes it or the session
 * ends. */
void gdb_serve_halted(struct gdb_stub *s);
/* Ends the connection: GDB's points are removed, the socket closed. */
void gdb_hang_up(struct gdb_stub *s);

/* run.c: the machine under GDB. */
/* Continues (step false) or steps, then sends the stop reply (or W at the end of the run). */
void gdb_resume(struct gdb_stub *s, bool step);
/* The stop reply for the CPU's last debug stop (signal 5), into s->stop. */
void gdb_stop_reply(struct gdb_stub *s, int signal, bool debug_stop);
/* GDB's Ctrl-C (or its going away), looked at every few ms of wall time (now if wait_s > 0,
 * waiting that long); false: stop now (s->session says if the session ended). */
bool gdb_keep_running(struct gdb_stub *s, double wait_s);
/* Removes every breakpoint and watchpoint GDB set. */
void gdb_clear_points(struct gdb_stub *s);
/* Switches GDB's points off in the CPU (a replay) and on again; GDB's list is unchanged. */
void gdb_points_enable(void *stub, bool on);

/* cmds.c: one packet from GDB, answered. */
void gdb_handle(struct gdb_stub *s, char *pkt, size_t len);

/* monitor.c: `monitor CMD` (qRcmd): the output for GDB's user, into out (NUL-terminated). */
void gdb_monitor(struct gdb_stub *s, const char *cmd, char *out, size_t cap);
/* Writes the apps' commands to path (the apps file); false with errno set if it cannot. */
bool gdb_write_apps_file(struct gdb_stub *s, const char *path);

#endif

/* The GDB stub's session (gdb.h): the connection, acknowledgements, the loop that serves GDB
 * while the machine is halted. Running the machine is run.c; packets are cmds.c.
 *
 * Entry: the command line (sim/cli/flags.c, boot.c) calls gdb_open, then gdb_serve. */
#include "sim/gdb/stub.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/gdb/sock.h"

double gdb_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A process started: its RAM address is known now, so the apps file is brought up to date. */
static void app_started(void *ctx, int app)
{
    struct gdb_stub *s = ctx;
    (void)app;
    if (s->cfg.apps_file && !gdb_write_apps_file(s, s->cfg.apps_file))
        fprintf(stderr, "tocksim: --gdb-apps: cannot write %s: %s\n", s->cfg.apps_file, strerror(errno));
}

struct gdb_stub *gdb_open(struct machine *m, const struct gdb_config *cfg, char *err, size_t errlen)
{
    if (!m->cpu.ops->debug) {
        snprintf(err, errlen, "the %s CPU cannot be debugged", m->cpu.ops->arch);
        return NULL;
    }
    struct gdb_stub *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->m = m;
    s->dbg = m->cpu.ops->debug;
    s->cfg = *cfg;
    s->fd = -1;
    s->ack = true;
    history_init(&s->hist, gdb_points_enable, s);
    snprintf(s->stop, sizeof(s->stop), "S05");     /* halted at reset, as after a step */
    if ((s->listen_fd = gdb_sock_listen(cfg->port, &s->port, err, errlen)) < 0 ||
        !gdb_procs_attach(&s->procs, m, app_started, s)) {
        if (s->listen_fd >= 0)
            snprintf(err, errlen, "too many observers on the machine");
        gdb_close(s);
        return NULL;
    }
    app_started(s, -1);                             /* the apps file, before anything ran */
    return s;
}

int gdb_port(const struct gdb_stub *s)
{
    return s->port;
}

void gdb_close(struct gdb_stub *s)
{
    if (!s)
        return;
    gdb_sock_close(s->fd);
    gdb_sock_close(s->listen_fd);
    history_free(&s->hist);
    free(s);
}

static bool write_raw(struct gdb_stub *s, const char *buf, size_t len)
{
    if (s->fd < 0 || !gdb_sock_write(s->fd, buf, len)) {
        s->fd = -1;
        if (s->session == GDB_SESSION_ON)
            s->session = GDB_SESSION_DETACHED;     /* GDB went away: the run goes on */
        return false;
    }
    return true;
}

bool gdb_send(struct gdb_stub *s, const char *payload, size_t len)
{
    s->sent_len = gdb_frame(payload, len, s->sent, sizeof(s->sent));
    return s->sent_len && write_raw(s, s->sent, s->sent_len);
}

bool gdb_send_str(struct gdb_stub *s, const char *payload)
{
    return gdb_send(s, payload, strlen(payload));
}

void gdb_send_output(struct gdb_stub *s, const char *text)
{
    char pkt[1 + 2 * 512 + 1];
    for (size_t n = strlen(text); n > 0;) {
        size_t k = n < 512 ? n : 512;
        pkt[0] = 'O';
        gdb_hex_encode(text, k, pkt + 1);
        gdb_send(s, pkt, 1 + 2 * k);
        text += k;
        n -= k;
    }
}

/* Acknowledgements and bad packets are dealt with here; the rest goes to the caller. */
static int feed(struct gdb_stub *s, char c)
{
    enum gdb_rx_event ev = gdb_rx_feed(&s->rx, c);
    if (ev == GDB_RX_BAD && s->ack)
        write_raw(s, "-", 1);
    else if (ev == GDB_RX_NAK && s->sent_len)
        write_raw(s, s->sent, s->sent_len);
    else if (ev == GDB_RX_PACKET && s->ack)
        write_raw(s, "+", 1);
    return ev == GDB_RX_PACKET || ev == GDB_RX_INTERRUPT ? (int)ev : GDB_RX_NONE;
}

int gdb_next_event(struct gdb_stub *s, int timeout_ms)
{
    for (;;) {
        while (s->in_pos < s->in_len) {
            int ev = feed(s, s->in[s->in_pos++]);
            if (ev != GDB_RX_NONE)
                return ev;
        }
        if (s->fd < 0)
            return -1;
        long n = gdb_sock_read(s->fd, s->in, sizeof(s->in), timeout_ms);
        if (n <= 0)
            return n == 0 ? GDB_RX_NONE : -1;
        s->in_len = (size_t)n;
        s->in_pos = 0;
        timeout_ms = 0;                 /* what came is dealt with; no more waiting */
    }
}

void gdb_serve_halted(struct gdb_stub *s)
{
    while (s->session == GDB_SESSION_ON && !s->resume) {
        int ev = gdb_next_event(s, s->cfg.between ? 20 : -1);
        if (ev < 0) {
            s->session = GDB_SESSION_DETACHED;      /* GDB went away: the run goes on */
        } else if (ev == GDB_RX_PACKET) {
            gdb_handle(s, s->rx.buf, s->rx.len);
        } else if (ev == GDB_RX_NONE && s->cfg.between && !s->cfg.between(s->cfg.ctx, 0)) {
            s->session = GDB_SESSION_KILLED;
        }
    }
}

bool gdb_accept(struct gdb_stub *s)
{
    char err[200];
    s->accepted = true;
    s->fd = gdb_sock_accept(s->listen_fd, err, sizeof(err));
    s->status = MACHINE_RUNNING;
    gdb_rx_init(&s->rx);
    if (s->fd < 0) {
        fprintf(stderr, "tocksim: %s\n", err);
        s->session = GDB_SESSION_DETACHED;
        return false;
    }
    return true;
}

void gdb_hang_up(struct gdb_stub *s)
{
    gdb_clear_points(s);
    gdb_sock_close(s->fd);
    s->fd = -1;
}

enum gdb_end gdb_serve(struct gdb_stub *s, enum machine_status *status)
{
    gdb_accept(s);
    gdb_serve_halted(s);
    gdb_hang_up(s);
    *status = s->status;
    return s->session == GDB_SESSION_OVER ? GDB_END_RUN_OVER
         : s->session == GDB_SESSION_KILLED ? GDB_END_KILLED : GDB_END_DETACHED;
}

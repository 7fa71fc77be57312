/* GDB's packets, answered (GDB's manual, "Remote Serial Protocol", "Packets"): registers,
 * memory, breakpoints and watchpoints, run control, queries. An unknown packet gets the empty
 * reply, which tells GDB it is not supported. */
#include "sim/gdb/stub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/gdb/tdesc.h"

#define MAX_MEM (GDB_PACKET_MAX / 2)     /* bytes per memory reply, in hex */

static void error_reply(struct gdb_stub *s, int code)
{
    char e[4];
    snprintf(e, sizeof(e), "E%02x", code & 0xff);
    gdb_send_str(s, e);
}

static int pc_number(const struct gdb_stub *s)
{
    for (int i = 0; i < s->dbg->nregs; i++)
        if (strcmp(s->dbg->regs[i].name, "pc") == 0)
            return i;
    return -1;
}

/* g: every register, in the target description's order. */
static void read_registers(struct gdb_stub *s)
{
    char out[8 * 64 + 1];
    int n = s->dbg->nregs < 64 ? s->dbg->nregs : 64;
    for (int i = 0; i < n; i++) {
        uint32_t v = 0;
        s->dbg->reg_get(s->m->cpu.impl, i, &v);
        gdb_hex_u32le(v, out + 8 * i);
    }
    gdb_send(s, out, 8 * (size_t)n);
}

/* G: as many registers as the packet holds. */
static void write_registers(struct gdb_stub *s, const char *hex, size_t len)
{
    for (int i = 0; i < s->dbg->nregs && (size_t)(i + 1) * 8 <= len; i++) {
        uint32_t v;
        if (!gdb_parse_u32le(hex + 8 * i, &v) || !s->dbg->reg_set(s->m->cpu.impl, i, v)) {
            error_reply(s, 1);
            return;
        }
    }
    gdb_send_str(s, "OK");
}

/* p n, P n=v */
static void one_register(struct gdb_stub *s, const char *args, bool write)
{
    uint64_t n;
    uint32_t v = 0;
    char hex[9];
    if (!gdb_parse_hex(&args, &n) || n > 0xffff) {
        error_reply(s, 1);
    } else if (write) {
        if (*args != '=' || strlen(args + 1) < 8 || !gdb_parse_u32le(args + 1, &v) ||
            !s->dbg->reg_set(s->m->cpu.impl, (int)n, v))
            error_reply(s, 1);
        else
            gdb_send_str(s, "OK");
    } else if (!s->dbg->reg_get(s->m->cpu.impl, (int)n, &v)) {
        error_reply(s, 1);
    } else {
        gdb_hex_u32le(v, hex);
        gdb_send_str(s, hex);
    }
}

/* "ADDR,LEN" at *p, which is left on what follows (checked by the caller). */
static bool addr_len(const char **p, uint32_t *addr, uint32_t *len)
{
    uint64_t a, l;
    if (!gdb_parse_hex(p, &a) || **p != ',')
        return false;
    ++*p;
    if (!gdb_parse_hex(p, &l) || a > UINT32_MAX || l > UINT32_MAX)
        return false;
    *addr = (uint32_t)a;
    *len = (uint32_t)l;
    return true;
}

/* m addr,len: what can be read from addr on (a shorter reply), E01 if nothing. */
static void read_memory(struct gdb_stub *s, const char *args)
{
    char *hex = s->work;
    uint8_t buf[MAX_MEM];
    uint32_t addr, len;
    if (!addr_len(&args, &addr, &len) || *args) {
        error_reply(s, 1);
        return;
    }
    size_t n = bus_debug_read(&s->m->bus, addr, buf, len < MAX_MEM ? len : MAX_MEM);
    if (n == 0 && len > 0) {
        error_reply(s, 1);
        return;
    }
    gdb_hex_encode(buf, n, hex);
    gdb_send(s, hex, 2 * n);
}

/* M addr,len:hex and X addr,len:binary */
static void write_memory(struct gdb_stub *s, char *args, size_t arglen, bool binary)
{
    uint8_t buf[MAX_MEM];
    uint32_t addr, len;
    const char *p = args;
    if (!addr_len(&p, &addr, &len) || *p != ':' || len > MAX_MEM) {
        error_reply(s, 1);
        return;
    }
    char *data = (char *)p + 1;
    size_t dlen = arglen - (size_t)(data - args);
    if (binary ? (dlen = gdb_unescape(data, dlen)) != len : (dlen != 2 * (size_t)len || !gdb_hex_decode(data, len, buf))) {
        error_reply(s, 1);
        return;
    }
    if (binary)
        memcpy(buf, data, len);
    size_t done = bus_debug_write(&s->m->bus, addr, buf, len);
    if (done)
        s->dbg->code_changed(s->m->cpu.impl, addr, (uint32_t)done);
    if (done < len)
        error_reply(s, 1);
    else
        gdb_send_str(s, "OK");
}

static bool set_point(struct gdb_stub *s, char type, uint32_t addr, uint32_t len, bool on)
{
    void *cpu = s->m->cpu.impl;
    if (type <= '1')
        return s->dbg->set_break(cpu, addr, on);
    return s->dbg->set_watch(cpu, addr, len, (enum cpu_watch_kind)(type - '1'), on);
}

/* The session's list of points (removed when it ends). */
static void note_point(struct gdb_stub *s, char type, uint32_t addr, uint32_t len, bool on)
{
    for (int i = 0; i < s->npoints; i++)
        if (s->points[i].type == type && s->points[i].addr == addr && s->points[i].len == len) {
            if (!on)
                s->points[i] = s->points[--s->npoints];
            return;
        }
    if (on && s->npoints < GDB_MAX_POINTS)
        s->points[s->npoints++] = (struct gdb_point){ type, addr, len };
}

/* Z/z TYPE,ADDR,KIND: 0 software and 1 hardware breakpoints (the same to us: nothing is ever
 * written into guest memory), 2 write, 3 read, 4 access watchpoints. */
static void point(struct gdb_stub *s, const char *pkt, bool on)
{
    char type = pkt[1];
    const char *p = pkt + 3;
    uint32_t addr, len;
    if (type < '0' || type > '4' || pkt[2] != ',') {
        gdb_send_str(s, "");
        return;
    }
    if (!addr_len(&p, &addr, &len) || (*p && *p != ';')) {   /* ";cond..." is ignored */
        error_reply(s, 1);
        return;
    }
    if (on && s->npoints == GDB_MAX_POINTS) {
        error_reply(s, 2);
        return;
    }
    if (!set_point(s, type, addr, len, on)) {
        error_reply(s, on ? 2 : 3);
        return;
    }
    note_point(s, type, addr, len, on);
    gdb_send_str(s, "OK");
}

/* c/s [addr]: resume there (or where the CPU is). */
static void resume_at(struct gdb_stub *s, const char *args, bool step)
{
    uint64_t addr;
    int pc = pc_number(s);
    if (*args && gdb_parse_hex(&args, &addr) && pc >= 0)
        s->dbg->reg_set(s->m->cpu.impl, pc, (uint32_t)addr);
    gdb_resume(s, step);
}

/* vCont;ACTION[:thread][;ACTION...]: one thread, so the first action decides. */
static void vcont(struct gdb_stub *s, const char *actions)
{
    char a = actions[0] == ';' ? actions[1] : '\0';
    if (a == 'c' || a == 'C')
        gdb_resume(s, false);
    else if (a == 's' || a == 'S')
        gdb_resume(s, true);
    else
        error_reply(s, 1);
}

static void v_packet(struct gdb_stub *s, const char *pkt)
{
    if (strcmp(pkt, "vCont?") == 0) {
        gdb_send_str(s, "vCont;c;C;s;S");
    } else if (strncmp(pkt, "vCont", 5) == 0) {
        vcont(s, pkt + 5);
    } else if (strncmp(pkt, "vKill", 5) == 0) {
        gdb_send_str(s, "OK");
        s->session = GDB_SESSION_KILLED;
    } else {
        gdb_send_str(s, "");
    }
}

/* bs, bc by the stub's own checkpoints and replay (sim/gdb/history.c). At the oldest
 * checkpoint GDB hears "replaylog:begin" (no more history). */
static void reverse_builtin(struct gdb_stub *s, char what)
{
    enum history_result r = what == 's' ? history_step_back(&s->hist, s->m)
                                        : history_continue_back(&s->hist, s->m);
    if (r == HISTORY_ERROR) {
        gdb_send_output(s, what == 's' ? "tocksim: cannot step back exactly here: replaying the last instructions "
                                         "took an interrupt elsewhere than the run did (doc/debugging.md); "
                                         "reverse-continue to a breakpoint is exact\n"
                                       : "tocksim: reverse execution failed: the replay did not reach the point\n");
        error_reply(s, 1);
        return;
    }
    if (r == HISTORY_AT_START)
        snprintf(s->stop, sizeof(s->stop), "T05thread:1;replaylog:begin;");
    else
        gdb_stop_reply(s, 5, what == 'c');  /* a step back has no breakpoint reason */
    gdb_send_str(s, s->stop);
}

/* bc, bs: through the reverse-execution hook if one is given, else the stub's own. */
static void reverse(struct gdb_stub *s, char what)
{
    const struct gdb_reverse *r = s->cfg.reverse;
    if (what != 'c' && what != 's') {
        gdb_send_str(s, "");
        return;
    }
    if (s->cfg.driven) {                    /* the other boards could not go back with it */
        gdb_send_output(s, "tocksim: no reverse execution for a board of a scenario (doc/debugging.md)\n");
        error_reply(s, 1);
        return;
    }
    if (!r) {
        reverse_builtin(s, what);
        return;
    }
    enum machine_status st = what == 's' ? r->step_back(r->ctx, s->m) : r->continue_back(r->ctx, s->m);
    if (st != MACHINE_DEBUG) {
        gdb_send_output(s, s->m->error);
        error_reply(s, 1);
        return;
    }
    gdb_stop_reply(s, 5, true);
    gdb_send_str(s, s->stop);
}

/* qSupported:FEATURES: what GDB understands, and what we offer. */
static void supported(struct gdb_stub *s, const char *features)
{
    char reply[200];
    s->swbreak = strstr(features, "swbreak+") != NULL;
    s->hwbreak = strstr(features, "hwbreak+") != NULL;
    snprintf(reply, sizeof(reply), "PacketSize=%x;qXfer:features:read+;swbreak+;hwbreak+;"
             "QStartNoAckMode+;vContSupported+%s", GDB_PACKET_MAX,
             s->cfg.driven ? "" : ";ReverseStep+;ReverseContinue+");
    gdb_send_str(s, reply);
}

/* qXfer:features:read:target.xml:OFFSET,LENGTH: a window of the target description. */
static void features(struct gdb_stub *s, const char *args)
{
    char *xml = s->xml, *reply = s->work;
    const char *p = strchr(args, ':');
    uint32_t off, len;
    size_t n = gdb_tdesc(s->dbg, xml, sizeof(s->xml));
    if (strncmp(args, "target.xml:", 11) != 0) {
        gdb_send_str(s, "E00");             /* no such annex */
        return;
    }
    if (!p || (++p, !addr_len(&p, &off, &len)) || n == 0) {
        error_reply(s, 1);
        return;
    }
    size_t from = off < n ? off : n, k = n - from < len ? n - from : len;
    k = k < GDB_PACKET_MAX / 2 ? k : GDB_PACKET_MAX / 2;
    reply[0] = from + k < n ? 'm' : 'l';
    size_t e = gdb_escape((const uint8_t *)xml + from, k, reply + 1, GDB_PACKET_MAX - 1);
    gdb_send(s, reply, 1 + e);
}

/* qRcmd,HEX: a `monitor` command; its output as 'O' packets, then OK. */
static void monitor(struct gdb_stub *s, const char *hex)
{
    char cmd[1024];
    size_t n = strlen(hex) / 2;
    if (n >= sizeof(cmd) || !gdb_hex_decode(hex, n, cmd)) {
        error_reply(s, 1);
        return;
    }
    cmd[n] = '\0';
    gdb_monitor(s, cmd, s->text, sizeof(s->text));
    gdb_send_output(s, s->text);
    gdb_send_str(s, "OK");
}

static void query(struct gdb_stub *s, const char *pkt)
{
    if (strncmp(pkt, "qSupported", 10) == 0)
        supported(s, pkt + 10);
    else if (strncmp(pkt, "qXfer:features:read:", 20) == 0)
        features(s, pkt + 20);
    else if (strncmp(pkt, "qRcmd,", 6) == 0)
        monitor(s, pkt + 6);
    else if (strcmp(pkt, "qAttached") == 0 || strncmp(pkt, "qAttached:", 10) == 0)
        gdb_send_str(s, "1");               /* attached to a running system: detach on quit */
    else if (strcmp(pkt, "qC") == 0)
        gdb_send_str(s, "QC1");
    else if (strcmp(pkt, "qfThreadInfo") == 0)
        gdb_send_str(s, "m1");              /* one thread: the CPU */
    else if (strcmp(pkt, "qsThreadInfo") == 0)
        gdb_send_str(s, "l");
    else if (strncmp(pkt, "qSymbol", 7) == 0)
        gdb_send_str(s, "OK");
    else
        gdb_send_str(s, "");
}

static void set_packet(struct gdb_stub *s, const char *pkt)
{
    if (strcmp(pkt, "QStartNoAckMode") == 0) {
        gdb_send_str(s, "OK");              /* acknowledged by GDB still, then no more */
        s->ack = false;
    } else {
        gdb_send_str(s, "");
    }
}

void gdb_handle(struct gdb_stub *s, char *pkt, size_t len)
{
    switch (pkt[0]) {
    case '?': gdb_send_str(s, s->stop); break;
    case 'g': read_registers(s); break;
    case 'G': history_clear(&s->hist); write_registers(s, pkt + 1, len - 1); break;
    case 'p': one_register(s, pkt + 1, false); break;
    case 'P': history_clear(&s->hist); one_register(s, pkt + 1, true); break;
    case 'm': read_memory(s, pkt + 1); break;
    case 'M': history_clear(&s->hist); write_memory(s, pkt + 1, len - 1, false); break;
    case 'X': history_clear(&s->hist); write_memory(s, pkt + 1, len - 1, true); break;
    case 'Z': point(s, pkt, true); break;
    case 'z': point(s, pkt, false); break;
    case 'c': resume_at(s, pkt + 1, false); break;
    case 's': resume_at(s, pkt + 1, true); break;
    case 'C': gdb_resume(s, false); break;  /* the signal has no meaning here */
    case 'S': gdb_resume(s, true); break;
    case 'D': gdb_send_str(s, "OK"); s->session = GDB_SESSION_DETACHED; break;
    case 'k': s->session = GDB_SESSION_KILLED; break;
    case 'H': case 'T': gdb_send_str(s, "OK"); break;     /* the one thread */
    case 'q': query(s, pkt); break;
    case 'Q': set_packet(s, pkt); break;
    case 'v': v_packet(s, pkt); break;
    case 'b': reverse(s, pkt[1]); break;
    default: gdb_send_str(s, ""); break;
    }
}

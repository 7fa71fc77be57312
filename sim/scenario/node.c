/* A scenario's board at run time (see sim/scenario/node.h): builds and loads the machine, and
 * observes its console, LEDs, pins and kernel process events for the steps. */
#define _GNU_SOURCE                     /* memmem */
#include "sim/scenario/node.h"

#include <stdlib.h>
#include <string.h>

#include "boards-virtual/sim_boards.h"
#include "sim/core/grow.h"
#include "sim/core/loader.h"
#include "sim/core/snapshot/snapshot.h"
#include "sim/gdb/gdb.h"

static bool grow(void **buf, size_t *cap, size_t need, size_t elem)
{
    return grow_array(buf, cap, need, elem, 256);
}

uint64_t node_now_ns(const struct node *n)
{
    return clock_ns_from_cycles(&n->m->clock, n->m->clock.now);
}

/* Notes that the output up to the end of con arrived at t (one mark per distinct time). */
static void mark_arrival(struct node *n, uint64_t t)
{
    uint64_t end = n->con_base + n->con_len;
    struct con_mark *last = n->marks_n > n->marks_head ? &n->marks[n->marks_n - 1] : NULL;
    if (last && (last->t_ns == t || last->end == end)) {
        last->end = end;                        /* same time, or nothing new (only \r) */
        return;
    }
    if (n->marks_head == n->marks_n)
        n->marks_head = n->marks_n = 0;
    if (n->marks_head > 0 && n->marks_n == n->marks_cap) {
        memmove(n->marks, n->marks + n->marks_head, (n->marks_n - n->marks_head) * sizeof(*n->marks));
        n->marks_n -= n->marks_head;
        n->marks_head = 0;
    }
    if (grow((void **)&n->marks, &n->marks_cap, n->marks_n + 1, sizeof(*n->marks)))
        n->marks[n->marks_n++] = (struct con_mark){ end, t };
}

/* Forgets the output before absolute offset base; returns when the byte just before it arrived
 * (the latest output's time if out of memory lost the marks). */
static uint64_t drop_marks(struct node *n, uint64_t base)
{
    uint64_t t = n->con_last_ns;
    while (n->marks_head < n->marks_n && n->marks[n->marks_head].end < base)
        n->marks_head++;
    if (n->marks_head < n->marks_n) {
        t = n->marks[n->marks_head].t_ns;
        n->marks_head += n->marks[n->marks_head].end == base;
    }
    n->con_base = base;
    return t;
}

/* Keeps at most NODE_CONSOLE_KEEP unconsumed bytes: the oldest half goes when full. */
static void console_trim(struct node *n)
{
    if (n->con_len < NODE_CONSOLE_KEEP)
        return;
    size_t drop = n->con_len - NODE_CONSOLE_KEEP / 2;
    drop_marks(n, n->con_base + drop);
    memmove(n->con, n->con + drop, n->con_len - drop + 1);
    n->con_len -= drop;
    n->con_checked = n->con_checked > drop ? n->con_checked - drop : 0;
}

/* Something the steps may wait for happened: the runner looks at the next block boundary. */
static void look(struct node *n)
{
    if (!n->passive)
        machine_request_stop(n->m);
}

static void on_console(void *ctx, const char *s, unsigned len)
{
    struct node *n = ctx;
    if (!grow((void **)&n->con, &n->con_cap, n->con_len + len + 1, 1))
        return;
    for (unsigned i = 0; i < len; i++) {
        n->recent[n->recent_pos++ % sizeof(n->recent)] = s[i];
        if (s[i] != '\0' && s[i] != '\r')       /* carriage returns are not matched */
            n->con[n->con_len++] = s[i];
    }
    n->con[n->con_len] = '\0';
    n->con_bytes += len;
    n->con_last_ns = node_now_ns(n);
    mark_arrival(n, n->con_last_ns);
    console_trim(n);
    look(n);
}

static void on_led(void *ctx, unsigned led, bool on)
{
    struct node *n = ctx;
    n->led_last_ns = node_now_ns(n);
    if (led < NODE_MAX_LEDS &&
        grow((void **)&n->leds[led].v, &n->leds[led].cap, n->leds[led].n + 1, sizeof(struct led_change)))
        n->leds[led].v[n->leds[led].n++] = (struct led_change){ n->led_last_ns, on };
    look(n);
}

static void on_pin(void *ctx, unsigned pin, bool level)
{
    struct node *n = ctx;
    (void)pin, (void)level;
    n->pin_last_ns = node_now_ns(n);
    look(n);
}

static void on_fault(struct node *n, const struct proc_event *e)
{
    if (!grow((void **)&n->faults, &n->faults_cap, n->nfaults + 1, sizeof(struct node_fault)))
        return;
    struct node_fault *f = &n->faults[n->nfaults++];
    memset(f, 0, sizeof(*f));
    memcpy(f->name, e->name, sizeof(f->name));
    memcpy(f->kind, e->fault_kind, sizeof(f->kind));
    f->addr = e->fault_addr;
    f->t_ns = node_now_ns(n);
    faultsrc_complete(&n->fsrc);
    const struct faultsrc_entry *src = faultsrc_latest(&n->fsrc, 0);
    if (src && src->t_ns + 5000000u >= f->t_ns)     /* the CPU's fault this event reports */
        snprintf(f->source, sizeof(f->source), "%s", src->pc_line);
}

static void on_process(void *ctx, const struct proc_event *e)
{
    struct node *n = ctx;
    n->kdbg_seen = true;
    if (e->kind == PROC_LAYOUT || e->kind == PROC_ALLOW)
        return;                 /* no step waits on them: the slice goes on */
    look(n);
    if (e->slot >= NODE_MAX_PROCS)
        return;
    struct node_proc *p = &n->procs[e->slot];
    uint64_t now = node_now_ns(n);
    switch (e->kind) {
    case PROC_CREATED:
        *p = (struct node_proc){ .pid = e->pid, .restarts = e->restarts, .state = PROC_RUNNING, .used = true,
                                 .changed_ns = now };
        memcpy(p->name, e->name, sizeof(p->name));
        break;
    case PROC_STATE:
        if (p->state != (int)e->state || p->restarts != e->restarts)
            p->changed_ns = now;
        p->pid = e->pid;
        p->state = (int)e->state;
        p->restarts = e->restarts;
        break;
    case PROC_FAULT:
        if (p->state != PROC_FAULTED)
            p->changed_ns = now;
        p->state = PROC_FAULTED;
        on_fault(n, e);
        break;
    case PROC_SWITCH:
    case PROC_SYSCALL:
    case PROC_LAYOUT:
    case PROC_ALLOW:
        break;
    }
}

bool node_load_images(struct machine *m, const char *kernel, char *const *apps, int napps, char *err,
                      size_t errlen)
{
    return machine_load_images(m, kernel, apps, napps, err, errlen);
}

bool node_open(struct node *n, const struct scenario_node *spec, FILE *trace, char *err, size_t errlen)
{
    memset(n, 0, sizeof(*n));
    n->spec = spec;
    struct machine_config cfg = { .board = spec->board, .node = spec->name, .ram_size = spec->ram,
                                  .seed = spec->seed };
    n->m = machine_create(&cfg, err, errlen);
    if (!n->m)
        return false;
    n->m->trace.jsonl = trace;
    if (!node_load_images(n->m, spec->kernel, spec->apps, spec->napps, err, errlen))
        return false;
    for (int i = 0; i < spec->napp_elfs; i++)
        machine_add_app_elf(n->m, spec->app_elfs[i]);
    faultsrc_attach(&n->fsrc, n->m, true);
    struct machine_observer o = { .ctx = n, .console = on_console, .led = on_led, .pin = on_pin,
                                  .process = on_process };
    machine_add_observer(n->m, &o);
    machine_reset(n->m);
    return !spec->snapshot || node_load_snapshot(n->m, spec->snapshot, err, errlen);
}

bool node_load_snapshot(struct machine *m, const char *path, char *err, size_t errlen)
{
    struct snapshot *s = snapshot_read_file(m, path, err, errlen);
    bool ok = s && snapshot_restore(m, s, err, errlen);
    snapshot_free(s);
    return ok;
}

bool node_gdb_open(struct node *n, int port, char *err, size_t errlen)
{
    struct gdb_config cfg = { .port = port, .tbfs = n->spec->apps, .ntbfs = n->spec->napps,
                              .until_ns = UINT64_MAX, .driven = true, .name = n->spec->name };
    if (!(n->gdb = gdb_open(n->m, &cfg, err, errlen)))
        return false;
    fprintf(stderr, "tocksim: board %s: waiting for GDB on 127.0.0.1:%d\n", n->spec->name, gdb_port(n->gdb));
    return true;
}

enum machine_status node_run(struct node *n, uint64_t until)
{
    return n->gdb ? gdb_drive(n->gdb, until) : machine_run(n->m, until);
}

void node_gdb_end(struct node *n, enum machine_status status, const char *why)
{
    if (n->gdb)
        gdb_drive_end(n->gdb, status, why);
}

void node_close(struct node *n)
{
    gdb_close(n->gdb);
    if (n->m)
        faultsrc_flush(&n->fsrc);
    faultsrc_free(&n->fsrc);
    machine_destroy(n->m);
    free(n->con);
    free(n->marks);
    free(n->in);
    free(n->faults);
    for (int i = 0; i < NODE_MAX_LEDS; i++)
        free(n->leds[i].v);
    memset(n, 0, sizeof(*n));
}

bool node_write_console(struct node *n, const char *s, size_t len)
{
    if (!grow((void **)&n->in, &n->in_cap, n->in_len + len, 1))
        return false;
    memcpy(n->in + n->in_len, s, len);
    n->in_len += len;
    node_feed_input(n);
    return true;
}

void node_feed_input(struct node *n)
{
    if (!n->in_len)
        return;
    size_t took = machine_console_input(n->m, n->in, n->in_len);
    memmove(n->in, n->in + took, n->in_len - took);
    n->in_len -= took;
}

/* Consumes the unconsumed output up to `end`, the end of a match: the match's time is when its
 * last byte arrived. */
static void consume(struct node *n, size_t end)
{
    n->con_match_ns = end ? drop_marks(n, n->con_base + end) : n->con_last_ns;
    memmove(n->con, n->con + end, n->con_len - end + 1);
    n->con_len -= end;
    n->con_checked = 0;
}

bool node_console_match(struct node *n, const struct step *s)
{
    if (!n->con_len || n->con_checked == n->con_len)
        return false;
    if (s->is_regex) {
        size_t from = n->con_checked > NODE_REGEX_SPAN ? n->con_checked - NODE_REGEX_SPAN : 0;
        regmatch_t mt;
        n->con_checked = n->con_len;
        if (regexec(&s->re, n->con + from, 1, &mt, from ? REG_NOTBOL : 0) != 0)
            return false;
        consume(n, from + (size_t)mt.rm_eo);
        return true;
    }
    size_t tlen = strlen(s->text);
    size_t from = n->con_checked >= tlen ? n->con_checked - (tlen - 1) : 0;
    n->con_checked = n->con_len;
    const char *hit = memmem(n->con + from, n->con_len - from, s->text, tlen);
    if (!hit)
        return false;
    consume(n, (size_t)(hit - n->con) + tlen);
    return true;
}

void node_console_tail(const struct node *n, int lines, char *buf, size_t len)
{
    size_t size = sizeof(n->recent), have = n->recent_pos < size ? n->recent_pos : size;
    char lin[sizeof(n->recent)];
    size_t k = 0;
    for (size_t i = n->recent_pos - have; i < n->recent_pos; i++)
        if (n->recent[i % size] != '\r' && n->recent[i % size] != '\0')
            lin[k++] = n->recent[i % size];
    size_t start = k > 0 && lin[k - 1] == '\n' ? k - 1 : k;
    for (int seen = 0; start > 0; start--)
        if (lin[start - 1] == '\n' && ++seen == lines)
            break;
    snprintf(buf, len, "%.*s", (int)(k - start), lin + start);
}

const struct node_proc *node_find_proc(const struct node *n, const char *name)
{
    for (int i = 0; i < NODE_MAX_PROCS; i++)
        if (n->procs[i].used && strcmp(n->procs[i].name, name) == 0)
            return &n->procs[i];
    return NULL;
}

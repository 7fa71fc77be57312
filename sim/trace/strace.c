/* --strace (see strace.h). Observes the CPU, not the kernel: a thread-mode svc from an app's
 * flash is a system call of that app's process; the next exception return into the process
 * is its return (at the svc's return address) or, for yield, an upcall (anywhere else; the
 * function address is looked up among the process's subscriptions). Process ids come from the
 * kernel-debug device (kdbg) when the kernel reports them, else from the app's load order. */
#include "sim/trace/strace.h"

#include <string.h>

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const uint8_t *p) { return rd16(p) | rd16(p + 2) << 16; }

/* Reads the TLVs of the TBF header at h (header_size bytes): entry offset and name. */
static bool parse_tbf(const uint8_t *h, uint32_t header_size, struct strace_app *a)
{
    bool main_found = false;
    for (uint32_t off = 16; off + 4 <= header_size;) {
        uint32_t type = rd16(h + off), len = rd16(h + off + 2);
        const uint8_t *v = h + off + 4;
        if (off + 4 + len > header_size)
            break;
        if ((type == 1 && len == 12) || (type == 9 && len == 20)) {
            a->entry = a->flash_start + header_size + rd32(v);
            main_found = true;
        } else if (type == 3) {
            snprintf(a->name, sizeof(a->name), "%.*s", (int)(len < 31 ? len : 31), (const char *)v);
        }
        off += 4 + ((len + 3) & ~3u);
    }
    return main_found;
}

int strace_scan_apps(struct machine *m, struct strace_app *apps, int max)
{
    struct bus_region *r = bus_find(&m->bus, m->layout.apps_base);
    uint32_t addr = m->layout.apps_base, end = m->layout.apps_base + m->layout.apps_size;
    int n = 0;
    if (!r || !r->host)
        return 0;
    while (n < max && addr + 16 <= end && addr + 16 <= r->base + r->size) {
        const uint8_t *h = r->host + (addr - r->base);
        uint32_t header_size = rd16(h + 2), total = rd32(h + 4);
        if (rd16(h) != 2 || total < 16 || header_size < 16 || header_size > total || addr + total > end)
            break;
        struct strace_app a = { .flash_start = addr, .flash_end = addr + total };
        snprintf(a.name, sizeof(a.name), "app%d", n);
        if (parse_tbf(h, header_size, &a))
            apps[n++] = a;                      /* else a padding object */
        addr += total;
    }
    return n;
}

static int app_at(const struct strace *s, uint32_t pc)
{
    for (int i = 0; i < s->napps; i++)
        if (pc >= s->apps[i].flash_start && pc < s->apps[i].flash_end)
            return i;
    return -1;
}

/* The kernel's driver table, read at the first system call (the kernel has booted by then). */
const struct strace_drivers *strace_drivers(struct strace *s)
{
    if (s->drivers.n < 0 && !strace_read_drivers(s->m, &s->drivers))
        s->drivers.n = 0;
    return &s->drivers;
}

/* "[12.003 ms] blink.1 " */
static void line_start(struct strace *s, int app)
{
    uint64_t ns = clock_ns_from_cycles(&s->m->clock, s->m->clock.now);
    lineout_break(&s->m->console);         /* a console line already showing ends first */
    fprintf(s->out, "[%llu.%03llu ms] ", (unsigned long long)(ns / 1000000), (unsigned long long)(ns / 1000 % 1000));
    if (s->node)
        fprintf(s->out, "%s: ", s->node);
    if (app >= 0)
        fprintf(s->out, "%s.%u ", s->apps[app].name, s->procs[app].pid);
    else
        fputs("? ", s->out);
}

static void remember_sub(struct strace_proc *p, const uint32_t a[4], const uint32_t r[4])
{
    if (r[0] != 130 || a[2] == 0)
        return;
    for (int i = 0; i < p->nsubs; i++)
        if (p->subs[i].driver == a[0] && p->subs[i].num == a[1]) {
            p->subs[i].fn = a[2];
            return;
        }
    if (p->nsubs < STRACE_MAX_SUBS)
        p->subs[p->nsubs++] = (struct strace_sub){ a[0], a[1], a[2] };
}

/* Passes an event to the listener, if there is one. */
static void sink(struct strace *s, const struct strace_event *e)
{
    if (s->sink)
        s->sink(s->sink_ctx, s, e);
}

static void on_call(struct strace *s, int app, int cls, uint32_t pc, const uint32_t a[4])
{
    struct strace_proc *p = &s->procs[app];
    p->pending = true;
    p->cls = cls;
    memcpy(p->args, a, sizeof(p->args));
    p->ret_pc = pc;
    p->call_ns = clock_ns_from_cycles(&s->m->clock, s->m->clock.now);
    sink(s, &(struct strace_event){ .kind = STRACE_EV_CALL, .app = app, .pid = p->pid, .cls = cls, .args = p->args });
    if (cls != 6)
        return;
    char call[160];
    strace_format_call(call, sizeof(call), strace_drivers(s), cls, a);
    if (s->out) {
        line_start(s, app);
        fprintf(s->out, "%s = ?\n", call);
    }
    if (s->json)
        trace_event(&s->m->trace, "syscall", "\"proc\":\"%s\",\"pid\":%u,\"class\":%d,\"args\":[%u,%u,%u,%u],\"call\":\"%s\"",
                    s->apps[app].name, p->pid, cls, a[0], a[1], a[2], a[3], call);
}

static void on_return(struct strace *s, int app, const uint32_t r[4])
{
    struct strace_proc *p = &s->procs[app];
    char call[160], ret[96];
    strace_format_call(call, sizeof(call), strace_drivers(s), p->cls, p->args);
    strace_format_return(ret, sizeof(ret), p->cls, r);
    if (p->cls == 1)
        remember_sub(p, p->args, r);
    sink(s, &(struct strace_event){ .kind = STRACE_EV_RETURN, .app = app, .pid = p->pid, .cls = p->cls,
                                    .args = p->args, .ret = r });
    if (s->out) {
        line_start(s, app);
        fprintf(s->out, "%s = %s\n", call, ret);
    }
    if (s->json)
        trace_event(&s->m->trace, "syscall", "\"proc\":\"%s\",\"pid\":%u,\"class\":%d,\"args\":[%u,%u,%u,%u],"
                    "\"ret\":[%u,%u,%u,%u],\"call\":\"%s\",\"result\":\"%s\"", s->apps[app].name, p->pid, p->cls,
                    p->args[0], p->args[1], p->args[2], p->args[3], r[0], r[1], r[2], r[3], call, ret);
}

static void on_upcall(struct strace *s, int app, uint32_t fn, const uint32_t r[4])
{
    struct strace_proc *p = &s->procs[app];
    const struct strace_sub *sub = NULL;
    for (int i = 0; i < p->nsubs && !sub; i++)
        if ((p->subs[i].fn | 1u) == (fn | 1u))
            sub = &p->subs[i];
    char src[40];
    if (sub)
        snprintf(src, sizeof(src), "%s/%u", strace_driver_name(strace_drivers(s), sub->driver), sub->num);
    else
        snprintf(src, sizeof(src), "?");
    sink(s, &(struct strace_event){ .kind = STRACE_EV_UPCALL, .app = app, .pid = p->pid, .cls = p->cls,
                                    .args = p->args, .ret = r, .fn = fn, .source = src,
                                    .source_driver = sub ? sub->driver : UINT32_MAX,
                                    .source_num = sub ? sub->num : 0 });
    if (s->out) {
        char call[160];
        strace_format_call(call, sizeof(call), strace_drivers(s), p->cls, p->args);
        line_start(s, app);
        fprintf(s->out, "%s = upcall %s fn=0x%08x(%u, %u, %u, ud=0x%x)\n", call, src, fn, r[0], r[1], r[2], r[3]);
    }
    if (s->json)
        trace_event(&s->m->trace, "upcall", "\"proc\":\"%s\",\"pid\":%u,\"source\":\"%s\",\"fn\":%u,\"args\":[%u,%u,%u,%u]",
                    s->apps[app].name, p->pid, src, fn, r[0], r[1], r[2], r[3]);
}

/* A return to thread mode on PSP into app `app` at pc. */
static void on_enter(struct strace *s, int app, uint32_t pc, const uint32_t r[4])
{
    struct strace_proc *p = &s->procs[app];
    if (app != s->current && s->json)
        trace_event(&s->m->trace, "switch", "\"proc\":\"%s\",\"pid\":%u", s->apps[app].name, p->pid);
    s->current = app;
    if (pc == (s->apps[app].entry & ~1u)) {
        if (p->at_entry && p->entry_pid == p->pid)
            return;         /* interrupted before its first instruction: the same start */
        p->at_entry = true;
        p->entry_pid = p->pid;
        p->pending = false;
        p->nsubs = 0;
        sink(s, &(struct strace_event){ .kind = STRACE_EV_START, .app = app, .pid = p->pid });
        if (s->out) {
            line_start(s, app);
            fprintf(s->out, "--- started at 0x%08x ---\n", pc);
        }
        return;
    }
    if (!p->pending)
        return;                                 /* resumed after an interrupt */
    p->pending = false;
    if (pc == p->ret_pc)
        on_return(s, app, r);
    else
        on_upcall(s, app, pc, r);
}

static void on_thread(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4])
{
    struct strace *s = ctx;
    int app = psp ? app_at(s, pc) : -1;
    if (app < 0)
        return;
    if (svc >= 0) {
        s->procs[app].at_entry = false;
        on_call(s, app, svc, pc, r);
    } else {
        on_enter(s, app, pc, r);
    }
}

/* Kernel-reported events: process ids, faults and state changes. */
static void on_process(void *ctx, const struct proc_event *e)
{
    struct strace *s = ctx;
    int app = -1;
    for (int i = 0; i < s->napps && app < 0; i++)
        if (strcmp(s->apps[i].name, e->name) == 0)
            app = i;
    if (app < 0 || e->kind == PROC_SWITCH || e->kind == PROC_SYSCALL || e->kind == PROC_LAYOUT ||
        e->kind == PROC_ALLOW)
        return;
    s->procs[app].pid = e->pid;
    if (e->kind == PROC_FAULT || e->kind == PROC_CREATED)
        s->procs[app].at_entry = false;     /* its next entry at the entry point is a start */
    /* Running/yielded are implied by the yield lines themselves; only print what is news. */
    if (!s->out || e->kind == PROC_CREATED ||
        (e->kind == PROC_STATE && (e->state == PROC_RUNNING || e->state == PROC_YIELDED)))
        return;
    line_start(s, app);
    if (e->kind == PROC_FAULT)
        fprintf(s->out, "--- fault: %s at 0x%08x ---\n", e->fault_kind, e->fault_addr);
    else
        fprintf(s->out, "--- state %s, restarts %u ---\n",
                (const char *[]){ "running", "yielded", "stopped", "faulted", "terminated" }[e->state % 5], e->restarts);
}

bool strace_attach(struct strace *s, struct machine *m, FILE *out, bool json, const char *node)
{
    memset(s, 0, sizeof(*s));
    s->m = m;
    s->out = out;
    s->json = json;
    s->node = node;
    s->current = -1;
    s->drivers.n = -1;
    s->napps = strace_scan_apps(m, s->apps, STRACE_MAX_APPS);
    for (int i = 0; i < s->napps; i++)
        s->procs[i].pid = (unsigned)i;
    struct machine_observer o = { .ctx = s, .process = on_process, .thread = on_thread };
    return machine_add_observer(m, &o);
}

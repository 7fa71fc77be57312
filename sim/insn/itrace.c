/* --itrace (itrace.h): an instruction hook through the CPU's observer seam, the process events
 * for the filter, Capstone for the text. */
#include "sim/insn/itrace.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/units.h"
#include "sim/insn/disasm.h"
#include "sim/insn/procs.h"

struct itrace {
    struct machine *m;
    struct itrace_config cfg;
    const char *node;
    FILE *out;
    bool own_out;
    uint64_t from, to;          /* the window in cycles */
    struct disasm *dis;
    struct insn_procs procs;
    struct cpu_insn_observer obs;
    uint64_t written;
};

void itrace_config_init(struct itrace_config *c)
{
    *c = (struct itrace_config){ .to_ns = UINT64_MAX, .hi = UINT32_MAX };
}

static bool parse_time(const char *s, size_t len, uint64_t *ns, char *err, size_t errlen)
{
    char buf[64], why[160];
    if (len >= sizeof(buf)) {
        snprintf(err, errlen, "--itrace-window: time '%.*s' is too long", (int)len, s);
        return false;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (units_parse_time(buf, ns, why, sizeof(why)) != UNITS_OK) {
        snprintf(err, errlen, "--itrace-window: %s", why);
        return false;
    }
    return true;
}

bool itrace_parse_window(struct itrace_config *c, const char *s, char *err, size_t errlen)
{
    const char *dots = strstr(s, "..");
    if (!dots) {
        snprintf(err, errlen, "--itrace-window '%s': expected FROM..TO (e.g. 2ms..3ms, 1s..)", s);
        return false;
    }
    c->from_ns = 0;
    c->to_ns = UINT64_MAX;
    if (dots > s && !parse_time(s, (size_t)(dots - s), &c->from_ns, err, errlen))
        return false;
    if (dots[2] && !parse_time(dots + 2, strlen(dots + 2), &c->to_ns, err, errlen))
        return false;
    if (c->to_ns <= c->from_ns) {
        snprintf(err, errlen, "--itrace-window '%s': the end is not after the start", s);
        return false;
    }
    return true;
}

static bool parse_addr(const char *s, char **end, uint32_t *v)
{
    errno = 0;
    unsigned long long x = strtoull(s, end, 0);
    *v = (uint32_t)x;
    return *end != s && errno == 0 && x <= UINT32_MAX;
}

bool itrace_parse_range(struct itrace_config *c, const char *s, char *err, size_t errlen)
{
    char *end;
    if (!parse_addr(s, &end, &c->lo) || *end != '-' || !parse_addr(end + 1, &end, &c->hi) || *end ||
        c->hi < c->lo) {
        snprintf(err, errlen, "--itrace-range '%s': expected LO-HI, two addresses with LO <= HI "
                 "(e.g. 0x40000-0x40fff)", s);
        return false;
    }
    return true;
}

static void on_process(void *ctx, const struct proc_event *e)
{
    struct itrace *t = ctx;
    insn_procs_event(&t->procs, e);
}

static void on_insn(void *ctx, uint32_t pc, const uint8_t *bytes, uint32_t size, uint64_t cycle, bool executed)
{
    struct itrace *t = ctx;
    if (cycle < t->from || cycle >= t->to || pc < t->cfg.lo || pc > t->cfg.hi)
        return;
    char mode = machine_cpu_mode(t->m);
    const char *who = mode == CPU_MODE_USER ? insn_procs_current_name(&t->procs) : "kernel";
    if (t->cfg.proc && (mode != CPU_MODE_USER || strcmp(who, t->cfg.proc)))
        return;
    char text[160], hex[16];
    disasm_one(t->dis, pc, bytes, size, text, sizeof(text));
    disasm_hex(t->dis, bytes, size, hex, sizeof(hex));
    fprintf(t->out, "%s%s%12" PRIu64 " %c %-10s %08" PRIx32 "  %-10s %s%s\n", t->node ? t->node : "",
            t->node ? ": " : "", cycle, mode, who, pc, hex, text, executed ? "" : "  ; condition failed");
    t->written++;
}

static bool open_output(struct itrace *t, char *err, size_t errlen)
{
    if (t->cfg.stream) {
        t->out = t->cfg.stream;
        return true;
    }
    if (!t->cfg.path || !strcmp(t->cfg.path, "-")) {
        t->out = stdout;
        return true;
    }
    t->out = fopen(t->cfg.path, "w");
    if (!t->out) {
        snprintf(err, errlen, "--itrace: cannot write '%s': %s", t->cfg.path, strerror(errno));
        return false;
    }
    t->own_out = true;
    return true;
}

struct itrace *itrace_attach(struct machine *m, const struct itrace_config *cfg, const char *node,
                             char *err, size_t errlen)
{
    struct itrace *t = calloc(1, sizeof(*t));
    if (!t) {
        snprintf(err, errlen, "--itrace: out of memory");
        return NULL;
    }
    t->m = m;
    t->cfg = *cfg;
    t->node = node;
    t->from = clock_cycles_from_ns(&m->clock, cfg->from_ns);
    t->to = cfg->to_ns == UINT64_MAX ? UINT64_MAX : clock_cycles_from_ns(&m->clock, cfg->to_ns);
    insn_procs_init(&t->procs);
    t->obs = (struct cpu_insn_observer){ .ctx = t, .insn = on_insn };
    struct machine_observer o = { .ctx = t, .process = on_process };
    if (!(t->dis = disasm_open(m->cpu.ops->arch, err, errlen)) || !open_output(t, err, errlen))
        goto fail;
    if (!machine_add_observer(m, &o)) {
        snprintf(err, errlen, "--itrace: too many observers of the machine");
        goto fail;
    }
    if (!machine_add_insn_observer(m, &t->obs)) {
        snprintf(err, errlen, "--itrace: %s", m->error);
        machine_remove_observer(m, t);
        goto fail;
    }
    return t;
fail:
    disasm_close(t->dis);
    if (t->own_out)
        fclose(t->out);
    free(t);
    return NULL;
}

uint64_t itrace_finish(struct itrace *t)
{
    if (!t)
        return 0;
    machine_remove_insn_observer(t->m, t);
    machine_remove_observer(t->m, t);
    uint64_t n = t->written;
    if (t->own_out)
        fclose(t->out);
    else
        fflush(t->out);
    disasm_close(t->dis);
    free(t);
    return n;
}

/* --profile (profile.h). While the run goes, a hash table counts instructions per (block
 * address, process slot): one lookup per block. Symbols are looked up once per distinct block
 * at the end, and the counts summed per "process;function". */
#include "sim/insn/profile.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/symbols.h"
#include "sim/insn/procs.h"

#define KERNEL_SLOT (-1)

struct prof_entry {
    uint32_t pc;
    int32_t slot;               /* KERNEL_SLOT, or the process's slot */
    uint64_t count;             /* 0: a free entry */
};

struct profile {
    struct machine *m;
    char *path;
    struct insn_procs procs;
    struct cpu_insn_observer obs;
    struct prof_entry *table;
    uint32_t mask;              /* table size - 1 */
    uint32_t used;
};

static uint32_t hash(uint32_t pc, int32_t slot)
{
    return ((pc >> 1) ^ ((uint32_t)slot * 0x9e3779b1u)) * 0x85ebca6bu;
}

/* Doubles the table when half full (open addressing, linear probing). */
static bool grow(struct profile *p)
{
    uint32_t size = (p->mask + 1) * 2;
    struct prof_entry *t = calloc(size, sizeof(*t));
    if (!t)
        return false;
    for (uint32_t i = 0; i <= p->mask; i++) {
        const struct prof_entry *e = &p->table[i];
        if (!e->count)
            continue;
        uint32_t j = hash(e->pc, e->slot) & (size - 1);
        while (t[j].count)
            j = (j + 1) & (size - 1);
        t[j] = *e;
    }
    free(p->table);
    p->table = t;
    p->mask = size - 1;
    return true;
}

static void on_block(void *ctx, uint32_t pc, uint32_t icount, uint64_t cycle)
{
    (void)cycle;
    struct profile *p = ctx;
    bool user = machine_cpu_mode(p->m) == CPU_MODE_USER;
    int32_t slot = user && p->procs.current >= 0 ? p->procs.current : KERNEL_SLOT;
    uint32_t j = hash(pc, slot) & p->mask;
    for (;; j = (j + 1) & p->mask) {
        struct prof_entry *e = &p->table[j];
        if (e->count && e->pc == pc && e->slot == slot) {
            e->count += icount;
            return;
        }
        if (!e->count)
            break;
    }
    if (2 * (p->used + 1) > p->mask + 1 && grow(p))
        j = hash(pc, slot) & p->mask;
    while (p->table[j].count)
        j = (j + 1) & p->mask;
    p->table[j] = (struct prof_entry){ pc, slot, icount };
    p->used++;
}

static void on_process(void *ctx, const struct proc_event *e)
{
    struct profile *p = ctx;
    insn_procs_event(&p->procs, e);
}

struct profile *profile_attach(struct machine *m, const char *path, char *err, size_t errlen)
{
    struct profile *p = calloc(1, sizeof(*p));
    if (p) {
        p->mask = 4095;
        p->table = calloc(p->mask + 1, sizeof(*p->table));
        p->path = strdup(path);
    }
    if (!p || !p->table || !p->path) {
        snprintf(err, errlen, "--profile: out of memory");
        goto fail;
    }
    p->m = m;
    insn_procs_init(&p->procs);
    p->obs = (struct cpu_insn_observer){ .ctx = p, .block = on_block };
    struct machine_observer o = { .ctx = p, .process = on_process };
    if (!machine_add_observer(m, &o)) {
        snprintf(err, errlen, "--profile: too many observers of the machine");
        goto fail;
    }
    if (!machine_add_insn_observer(m, &p->obs)) {
        snprintf(err, errlen, "--profile: %s", m->error);
        machine_remove_observer(m, p);
        goto fail;
    }
    return p;
fail:
    if (p) {
        free(p->table);
        free(p->path);
    }
    free(p);
    return NULL;
}

/* One folded line before summing: "process;function" and its count. */
struct folded { char *key; uint64_t count; };

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct folded *)a)->key, ((const struct folded *)b)->key);
}

static char *block_key(struct profile *p, struct symbols *syms, const struct strace_app *apps, int napps,
                       const struct prof_entry *e)
{
    static const struct proc_layout none;
    const struct proc_layout *l = &none;
    const char *who = "kernel";
    if (e->slot != KERNEL_SLOT) {
        l = &p->procs.slots[e->slot].layout;
        who = p->procs.slots[e->slot].name[0] ? p->procs.slots[e->slot].name : "?";
    }
    uint32_t off;
    const char *fn = symbols_lookup(syms, p->m, e->pc, l, insn_app_entry(apps, napps, l->flash_start), &off);
    char buf[160];
    if (fn)
        snprintf(buf, sizeof(buf), "%s;%s", who, fn);
    else
        snprintf(buf, sizeof(buf), "%s;0x%08" PRIx32, who, e->pc);
    return strdup(buf);
}

static bool write_folded(struct profile *p, struct folded *f, uint32_t n, char *err, size_t errlen)
{
    FILE *out = fopen(p->path, "w");
    if (!out) {
        snprintf(err, errlen, "--profile: cannot write '%s': %s", p->path, strerror(errno));
        return false;
    }
    qsort(f, n, sizeof(*f), by_key);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t sum = f[i].count;
        while (i + 1 < n && !strcmp(f[i + 1].key, f[i].key))
            sum += f[++i].count;
        fprintf(out, "%s %" PRIu64 "\n", f[i].key, sum);
    }
    if (fclose(out) != 0) {
        snprintf(err, errlen, "--profile: cannot write '%s': %s", p->path, strerror(errno));
        return false;
    }
    return true;
}

bool profile_finish(struct profile *p, uint64_t *total, char *err, size_t errlen)
{
    machine_remove_insn_observer(p->m, p);
    machine_remove_observer(p->m, p);
    struct strace_app apps[STRACE_MAX_APPS];
    int napps = strace_scan_apps(p->m, apps, STRACE_MAX_APPS);
    struct symbols syms;
    memset(&syms, 0, sizeof(syms));
    struct folded *f = calloc(p->used ? p->used : 1, sizeof(*f));
    uint32_t n = 0;
    uint64_t sum = 0;
    bool ok = f != NULL;
    for (uint32_t i = 0; ok && i <= p->mask; i++) {
        if (!p->table[i].count)
            continue;
        f[n] = (struct folded){ block_key(p, &syms, apps, napps, &p->table[i]), p->table[i].count };
        sum += f[n].count;
        ok = f[n++].key != NULL;
    }
    if (!ok)
        snprintf(err, errlen, "--profile: out of memory");
    else
        ok = write_folded(p, f, n, err, errlen);
    for (uint32_t i = 0; i < n; i++)
        free(f[i].key);
    free(f);
    symbols_free(&syms);
    if (total)
        *total = sum;
    free(p->table);
    free(p->path);
    free(p);
    return ok;
}

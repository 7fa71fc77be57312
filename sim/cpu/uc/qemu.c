/* Unicorn 2.1.1's insides (sim/cpu/uc/qemu.h). The offsets are read off the 2.1.1 library's
 * uc_context_save (x86-64): it copies from `uc->cpu->env_ptr`, with `cpu` at byte 0x1a0 of
 * struct uc_struct and `env_ptr` at byte 0x128 of CPUState. Before they are trusted, the version
 * must be 2.1.1 and two values written to a register through the API must be read back at the
 * register's place in the state the pointers lead to. */
#include "sim/cpu/uc/qemu.h"

#include <stdlib.h>
#include <string.h>

#define UC_2_1_1 0x020101ffu         /* uc_version(): 2.1.1, the release (extra 255) */
#define UC_CPU_OFFSET 0x1a0u            /* struct uc_struct: CPUState *cpu */
#define CPU_ENV_OFFSET 0x128u           /* CPUState: void *env_ptr */

static void *pointer_at(const void *base, unsigned offset)
{
    void *p;
    memcpy(&p, (const char *)base + offset, sizeof(p));
    return p;
}

/* The register reads back at env + env_offset for two written values (then restored). */
static bool register_at(uc_engine *uc, const uint8_t *env, int regid, unsigned env_offset)
{
    static const uint32_t probes[2] = { 0x13579bdfu, 0x2468ace0u };
    uint32_t old = 0, seen;
    bool ok = uc_reg_read(uc, regid, &old) == UC_ERR_OK;
    for (int i = 0; ok && i < 2; i++) {
        ok = uc_reg_write(uc, regid, &probes[i]) == UC_ERR_OK;
        memcpy(&seen, env + env_offset, sizeof(seen));
        ok = ok && seen == probes[i];
    }
    uc_reg_write(uc, regid, &old);
    return ok;
}

bool uc_qemu_attach(struct uc_qemu *q, uc_engine *uc, int regid, unsigned env_offset,
                    void (*flush_page)(void *cpu, uint32_t addr))
{
    uint32_t any;
    q->cpu = NULL;
    q->env = NULL;
    q->flush_page = flush_page;
    /* Unicorn builds its CPU at the first call that needs it: this read is one. */
    if (uc_version(NULL, NULL) != UC_2_1_1 || !flush_page || uc_reg_read(uc, regid, &any) != UC_ERR_OK)
        return false;
    void *cpu = pointer_at(uc, UC_CPU_OFFSET);
    if (!cpu)
        return false;
    const uint8_t *env = pointer_at(cpu, CPU_ENV_OFFSET);
    /* env_ptr points into the same object (ARMCPU / RISCVCPU embed their state). */
    if (!env || env < (const uint8_t *)cpu || env - (const uint8_t *)cpu > 0x100000)
        return false;
    if (!register_at(uc, env, regid, env_offset))
        return false;
    q->cpu = cpu;
    q->env = (uint8_t *)env;
    return true;
}

int uc_qemu_changed_word(const uint8_t *before, const uint8_t *after, size_t span, uint32_t want)
{
    int found = -1, changed = 0;
    for (size_t off = 0; off + 4 <= span; off += 4) {
        uint32_t a, b;
        memcpy(&a, before + off, 4);
        memcpy(&b, after + off, 4);
        if (a != b && ++changed)
            found = (int)off;
    }
    uint32_t seen = 0;
    if (changed == 1)
        memcpy(&seen, after + found, 4);
    return changed == 1 && seen == want ? found : -1;
}

int uc_qemu_write_diff(const struct uc_qemu *q, uc_engine *uc, size_t span, int regid, uint32_t value,
                       uint32_t want, int ignore)
{
    uint8_t *before = malloc(span);
    int found = -1;
    if (before && q->env) {
        memcpy(before, q->env, span);
        if (uc_reg_write(uc, regid, &value) == UC_ERR_OK) {
            if (ignore >= 0)
                memcpy(before + ignore, q->env + ignore, 4);
            found = uc_qemu_changed_word(before, q->env, span, want);
        }
    }
    free(before);
    return found;
}

int uc_qemu_probe(const struct uc_qemu *q, uc_engine *uc, size_t span, int regid, uint32_t value,
                  uint32_t mask)
{
    uint32_t old = 0;
    if (uc_reg_read(uc, regid, &old) != UC_ERR_OK)
        return -1;
    int found = uc_qemu_write_diff(q, uc, span, regid, value, value & mask, -1);
    uc_reg_write(uc, regid, &old);
    return found;
}

long uc_qemu_find_size(const uint8_t *one, const uint8_t *two, size_t span, size_t v1, size_t v2)
{
    long found = -1;
    int hits = 0;
    for (size_t off = 0; off + sizeof(size_t) <= span; off += sizeof(size_t)) {
        size_t a, b;
        memcpy(&a, one + off, sizeof(a));
        memcpy(&b, two + off, sizeof(b));
        if (a == v1 && b == v2 && ++hits)
            found = (long)off;
    }
    return hits == 1 ? found : -1;
}

#define COUNT_SPAN 16384u           /* bytes in front of the state searched (CPUTLB lies there) */

/* Flushes, runs the probe with k loads and copies the span in front of the state. */
static bool count_run(const struct uc_qemu *q, uc_engine *uc, bool (*run)(void *, unsigned), void *ctx,
                      unsigned k, uint8_t *out)
{
    uc_ctl_flush_tlb(uc);
    if (!run(ctx, k))
        return false;
    memcpy(out, q->env - COUNT_SPAN, COUNT_SPAN);
    return true;
}

size_t *uc_qemu_find_tlb_count(const struct uc_qemu *q, uc_engine *uc, bool (*run)(void *ctx, unsigned k),
                               void *ctx)
{
    uint8_t *two = malloc(COUNT_SPAN), *five = malloc(COUNT_SPAN);
    long off = -1;
    if (q->env && two && five && count_run(q, uc, run, ctx, 2, two) && count_run(q, uc, run, ctx, 5, five))
        off = uc_qemu_find_size(two, five, COUNT_SPAN, 3, 6);
    free(two);
    free(five);
    uc_ctl_flush_tlb(uc);
    return off < 0 ? NULL : (size_t *)(void *)(q->env - COUNT_SPAN + off);
}

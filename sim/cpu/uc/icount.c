/* The block instruction-count cache shared by the CPU backends (sim/cpu/uc/icount.h). */
#include <stdlib.h>
#include <string.h>

#include "sim/cpu/uc/icount.h"

struct uc_icount_entry *uc_icount_create(void)
{
    return calloc(UC_ICOUNT_SLOTS, sizeof(struct uc_icount_entry));
}

void uc_icount_forget(struct uc_icount_entry *cache)
{
    memset(cache, 0, UC_ICOUNT_SLOTS * sizeof(*cache));
}

void uc_icount_forget_range(struct uc_icount_entry *cache, uint32_t begin, uint32_t end)
{
    if (end - begin >= 2 * UC_ICOUNT_SLOTS) {
        uc_icount_forget(cache);
        return;
    }
    /* The slots of [begin, end) are one run of the table, or two where it wraps. */
    uint32_t first = (begin >> 1) & (UC_ICOUNT_SLOTS - 1);
    uint32_t n = (((end + 1) & ~1u) - (begin & ~1u)) / 2;      /* modulo 2^32: may wrap */
    uint32_t head = n < UC_ICOUNT_SLOTS - first ? n : UC_ICOUNT_SLOTS - first;
    memset(&cache[first], 0, head * sizeof(*cache));
    memset(cache, 0, (n - head) * sizeof(*cache));
}

uint32_t uc_icount_miss(uc_engine *uc, struct uc_icount_entry *cache, uint32_t addr,
                        uint32_t size, uint32_t insn_min)
{
    struct uc_icount_entry *e = &cache[(addr >> 1) & (UC_ICOUNT_SLOTS - 1)];
    uc_tb tb;
    uint32_t n = size / insn_min ? size / insn_min : 1;
    if (uc_ctl_request_cache(uc, addr, &tb) == UC_ERR_OK && tb.icount)
        n = tb.icount;
    e->tag = addr | 1;
    e->icount = n;
    return n;
}

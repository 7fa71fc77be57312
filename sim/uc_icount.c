/* The block instruction-count cache shared by the CPU backends (uc_icount.h). */
#include <stdlib.h>

#include "uc_icount.h"

struct uc_icount_entry *uc_icount_create(void)
{
    struct uc_icount_entry *cache = malloc(UC_ICOUNT_SLOTS * sizeof(*cache));
    if (cache)
        uc_icount_forget(cache);
    return cache;
}

void uc_icount_forget(struct uc_icount_entry *cache)
{
    for (uint32_t i = 0; i < UC_ICOUNT_SLOTS; i++)
        cache[i] = (struct uc_icount_entry){ .addr = 1, .icount = 0 };  /* odd: never a block */
}

uint32_t uc_icount_miss(uc_engine *uc, struct uc_icount_entry *cache, uint32_t addr,
                        uint32_t size, uint32_t insn_min)
{
    struct uc_icount_entry *e = &cache[(addr >> 1) & (UC_ICOUNT_SLOTS - 1)];
    uc_tb tb;
    uint32_t n = size / insn_min ? size / insn_min : 1;
    if (uc_ctl_request_cache(uc, addr, &tb) == UC_ERR_OK && tb.icount)
        n = tb.icount;
    e->addr = addr;
    e->icount = n;
    return n;
}

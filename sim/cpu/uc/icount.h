/* Instruction counts of translated blocks: a direct-mapped cache in front of Unicorn's. */
#ifndef SIM_UC_ICOUNT_H
#define SIM_UC_ICOUNT_H

#include <stdint.h>

#include <unicorn/unicorn.h>

#define UC_ICOUNT_SLOTS (1u << 16)

/* tag = the block's address | 1 (block addresses are even on both targets), so the all-zero
 * entry of a fresh calloc matches no block: creating the cache touches none of its pages,
 * which keeps start-up free of 128 page faults. */
struct uc_icount_entry { uint32_t tag; uint32_t icount; };

/* An empty cache; NULL if out of memory. Freed with free(). */
struct uc_icount_entry *uc_icount_create(void);
/* Empties the cache (translated code changed: blocks may be split differently now). Costs
 * ~20 us (512 KiB of entries). */
void uc_icount_forget(struct uc_icount_entry *cache);
/* Forgets the blocks that start in [begin, end) (their slots: an entry of another address
 * sharing one goes too, harmlessly). A caller that drops the translations of a range also
 * forgets the range's previous page (a block may run on into the next page). */
void uc_icount_forget_range(struct uc_icount_entry *cache, uint32_t begin, uint32_t end);
/* Asks Unicorn for the instructions in the block at addr and caches the answer; if it cannot
 * tell, guesses size / insn_min (at least 1). Returns the count. */
uint32_t uc_icount_miss(uc_engine *uc, struct uc_icount_entry *cache, uint32_t addr,
                        uint32_t size, uint32_t insn_min);

/* The one entry that may hold the block at addr (it does if its tag is addr | 1). */
static inline const struct uc_icount_entry *uc_icount_slot(const struct uc_icount_entry *cache, uint32_t addr)
{
    return &cache[(addr >> 1) & (UC_ICOUNT_SLOTS - 1)];
}

/* Instructions in the block at addr (asking Unicorn each time costs 3x): one compare when
 * cached. */
static inline uint32_t uc_icount_lookup(uc_engine *uc, struct uc_icount_entry *cache,
                                        uint32_t addr, uint32_t size, uint32_t insn_min)
{
    const struct uc_icount_entry *e = uc_icount_slot(cache, addr);
    return e->tag == (addr | 1) ? e->icount : uc_icount_miss(uc, cache, addr, size, insn_min);
}

#endif

/* Keeping QEMU's TLB tables small (Unicorn 2.1): both backends flush at the moments
 * sim/cpu/uc/tlb.c explains, so that QEMU's count of used entries never wraps. */
#ifndef SIM_UC_TLB_H
#define SIM_UC_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#define UC_TLB_WATCH_PAGES 8
#define UC_TLB_TABLES 4         /* the backends' TLB tables (QEMU's MMU indexes) we tell apart */
#define UC_TLB_MIN_SLOTS 64     /* no QEMU 5.0 TLB table is smaller (CPU_TLB_DYN_MIN_BITS) */
#define UC_TLB_MARGIN 2         /* settle while QEMU's count is still at least this */
#define UC_TLB_MAX_ENTRIES (1u << 22)   /* no QEMU 5.0 table is larger (CPU_TLB_DYN_MAX_BITS) */

#define UC_TLB_FILLED_SLOTS 512  /* pages remembered as filled (a power of two) */
#define UC_TLB_FILLED_PROBES 16

/* What the TLB was filled with since the last settle. */
struct uc_tlb_watch {
    unsigned page_bits;                         /* the target's page size (log2) */
    uint32_t pages[UC_TLB_WATCH_PAGES];         /* device pages filled */
    unsigned n;
    uint64_t slots[UC_TLB_TABLES];              /* per table: slots (mod UC_TLB_MIN_SLOTS) filled */
    unsigned occupied[UC_TLB_TABLES];           /* ... how many */
    unsigned refills[UC_TLB_TABLES];            /* ... device pages filled again */
    unsigned fills[UC_TLB_TABLES];              /* ... pages filled at all */
    /* QEMU's own count of a table's used entries, where a backend found it (sim/cpu/uc/tlb.c:
     * then the count is set right instead of the TLB flushed); kept across settles. */
    size_t *count[UC_TLB_TABLES];
    uint64_t anchors;                           /* counts set right (instead of flushes) */
    /* Every page filled since it was last flushed (a set: 0 empty, 1 removed, else page
     * number + 2), so that a process switch flushes only those of its regions' pages that can
     * be in the TLB or the jump cache; filled_all: the set overflowed, any page may be. */
    uint32_t filled[UC_TLB_FILLED_SLOTS];
    bool filled_all;
};

void uc_tlb_watch_init(struct uc_tlb_watch *w, unsigned page_bits);
/* Notes a TLB fill of `page` into table `table` (a device page or not). True when QEMU's count
 * of that table's used entries could be near zero (sim/cpu/uc/tlb.c): settle before the next
 * block (the backends' block_slow). */
bool uc_tlb_watch_fill(struct uc_tlb_watch *w, uint32_t page, unsigned table, bool device);
/* Notes that `page` is in the TLB now (uc_tlb_watch_fill does it too; for fills it does not
 * see, such as those granted to Unicorn's own lookups). */
void uc_tlb_watch_filled(struct uc_tlb_watch *w, uint32_t page);
/* Whether the page may have entries in the TLB (and translated blocks in the jump cache): it
 * was filled since its last flush (uc_tlb_watch_forget) or the last settle. A page that was not
 * need not be flushed when its permissions change. */
bool uc_tlb_watch_maybe_filled(const struct uc_tlb_watch *w, uint32_t page);
/* The page's entries were flushed one by one: its slots no longer count as filled (this may
 * forget another page in the same slot: the count only gets lower, the safe side); known counts
 * are set right (the flush may have dropped victim copies QEMU never counted). */
void uc_tlb_watch_forget(struct uc_tlb_watch *w, uint32_t page);
/* The guest goes to sleep: settles unless every table filled since the last settle has its
 * count known (then drift is set right as it happens, and a wake-up finds the TLB and the jump
 * cache warm). */
void uc_tlb_sleep(uc_engine *uc, struct uc_tlb_watch *w);
/* Flushes the TLB (QEMU's counts back to 0) and forgets what was filled: every flush the
 * backends make goes through here, so the watch always describes the TLB since its last flush. */
void uc_tlb_settle(uc_engine *uc, struct uc_tlb_watch *w);

#endif

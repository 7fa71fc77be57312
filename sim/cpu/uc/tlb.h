/* Keeping QEMU's TLB tables small (Unicorn 2.1): both backends flush at the moments
 * sim/cpu/uc/tlb.c explains, so that QEMU's count of used entries never wraps. */
#ifndef SIM_UC_TLB_H
#define SIM_UC_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#define UC_TLB_WATCH_PAGES 8
#define UC_TLB_REFILLS 4        /* device refills between two settles (see tlb.c) */

/* The device pages the TLB was filled with since the last settle. */
struct uc_tlb_watch {
    uint32_t pages[UC_TLB_WATCH_PAGES];
    unsigned n, refills;
};

/* Notes a TLB fill of device page `page`. True once UC_TLB_REFILLS fills of pages already
 * filled since the last settle have happened (each was evicted meanwhile, and QEMU may have
 * miscounted it): settle before the next block (the backends' block_slow). */
bool uc_tlb_watch_device(struct uc_tlb_watch *w, uint32_t page);
/* Flushes the TLB (QEMU's count back to 0) and forgets the watched pages. */
void uc_tlb_settle(uc_engine *uc, struct uc_tlb_watch *w);

#endif

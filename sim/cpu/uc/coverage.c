/* Guest edge coverage: a second block hook, bounded to the covered range so that blocks
 * outside it (the apps, the fuzz driver's spin loop) never call it. Unicorn runs every block
 * hook whose range holds the block from one helper call, so the cost inside the range is one
 * more indirect call per block; the instruction-count hook (on_block) is untouched. */
#include "sim/cpu/uc/coverage.h"

#include <stdio.h>

/* AFL's scheme: a hash per block, the edge is this block's hash XOR the previous one's
 * shifted (so A->B and B->A differ, and tight loops A->A do not all land on slot 0). The
 * multiplier spreads Thumb's 2-byte-aligned addresses over the whole map. */
static void on_cov_block(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    (void)uc, (void)size;
    struct cpu_coverage *cov = ud;
    uint32_t cur = ((uint32_t)addr * 0x9e3779b1u) >> 12;
    cov->map[(cur ^ cov->prev) & cov->mask]++;
    cov->prev = cur >> 1;
}

bool uc_coverage_set(uc_engine *uc, uc_hook *hook, struct cpu_coverage *cov, char *err,
                     unsigned errlen)
{
    if (*hook) {
        uc_hook_del(uc, *hook);
        *hook = 0;
    }
    if (!cov || cov->hi <= cov->lo)
        return true;
    uc_err e = uc_hook_add(uc, hook, UC_HOOK_BLOCK, on_cov_block, cov, cov->lo, cov->hi - 1);
    if (e != UC_ERR_OK) {
        *hook = 0;
        snprintf(err, errlen, "Unicorn: cannot add the coverage hook: %s", uc_strerror(e));
        return false;
    }
    return true;
}

/* Unicorn 2.1's QEMU (5.0) sizes each TLB table at every flush from the entries it counts in
 * use: over 70% and the table doubles, up to 4 Mi entries (128 MiB), and every later flush
 * clears all of it. Its count drifts down: an MMIO entry evicted to the victim TLB never hits
 * there (its TLB_MMIO flag fails the exact compare), so the page is filled again and the
 * count is decremented twice, once on eviction and once when the fill drops the victim copy.
 * Device windows share TLB slots with kernel RAM and flash (0x40004000 and 0x4000 and
 * 0x20004000 on cm4), so a busy kernel drifts below zero between two flushes; the unsigned
 * count then reads as full and the next flush doubles the table. With process switches every
 * few milliseconds a run's TLB reached 128 MiB within seconds (a 60 s run of three apps:
 * 3.6 s and 173 MB instead of 1.1 s and 9 MB). A flush resets the count: flushing whenever the
 * guest goes to sleep bounds the drift to one wake-up's work, and costs a few refills. */
void uc_tlb_settle(uc_engine *uc)
{
    uc_ctl_flush_tlb(uc);
}

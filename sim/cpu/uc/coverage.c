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


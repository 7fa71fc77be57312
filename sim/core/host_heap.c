/* host_heap: start-up cost of the host process's heap (see host_heap.h).
 *
 * Why: most of tocksim's start-up is Unicorn filling fresh heap -- the translation-block hash
 * table (512 KiB), the softmmu TLBs of every MMU mode, the memory-region dispatch maps -- about
 * 1.5 MiB touched once. As 4 KiB pages that is ~350 page faults; on the virtual machines tocksim
 * runs on in CI each costs 10-15 us (touching a fresh 4 MiB mapping page by page: 13 ms there,
 * 0.3 ms as two transparent huge pages).
 *
 * How: malloc's main arena grows with sbrk from the program break. Before the first malloc we
 * move the break to one page below a 2 MiB boundary and let malloc's first allocation grow the
 * heap by HUGE_SPAN more (M_TOP_PAD): it writes its chunk headers in that first page only. The
 * aligned span above is still untouched; marked MADV_HUGEPAGE, it is faulted in right away as
 * two huge pages. Then transparent huge pages are turned off for the rest of the process: other
 * mappings -- Unicorn's translation buffer of every board above all -- stay in 4 KiB pages and
 * cost only what they use (a huge page per board would add 2 MiB per board in a radio network
 * of hundreds). Large allocations come from the heap (M_MMAP_THRESHOLD) and freed memory is
 * kept (M_TRIM_THRESHOLD) rather than returned and faulted in again.
 * Where transparent huge pages are off ("never"), the span is faulted in as small pages: the
 * same work start-up would do anyway. */
#include "sim/core/host_heap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#define HUGE_PAGE (2u << 20)                /* x86-64 and arm64 (4 KiB granule) PMD size */
#define HUGE_SPAN (2u * HUGE_PAGE)          /* ~1.5 MiB for a board; room for a few more */
#define SMALL_PAGE 4096u
#define LARGE_ALLOC_MMAP (1u << 20)         /* above this malloc maps separately */
#define GLIBC_TOP_PAD (128u << 10)          /* glibc's default M_TOP_PAD */

void host_heap_prefer_huge_pages(void)
{
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
    uintptr_t brk_now = (uintptr_t)sbrk(0);
    if (brk_now == (uintptr_t)-1)
        return;
    uintptr_t span = (brk_now + SMALL_PAGE + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
    if (sbrk((intptr_t)(span - SMALL_PAGE - brk_now)) == (void *)-1)
        return;                             /* the gap is address space only, never touched */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, LARGE_ALLOC_MMAP);
    mallopt(M_TOP_PAD, (int)(HUGE_SPAN + SMALL_PAGE));
    void *volatile first = malloc(1);       /* volatile: not optimised away */
    free(first);
    mallopt(M_TOP_PAD, GLIBC_TOP_PAD);
    if ((uintptr_t)sbrk(0) < span + HUGE_SPAN)
        return;                             /* malloc was already set up: leave it alone */
    madvise((void *)span, HUGE_SPAN, MADV_HUGEPAGE);        /* advice: failure changes nothing */
    for (uintptr_t p = span; p < span + HUGE_SPAN; p += HUGE_PAGE)
        *(volatile char *)p = 0;            /* free top-chunk memory, zero already: one fault each */
    prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0);
#endif
}

/* host_heap: start-up cost of the host process's heap (see host_heap.h).
 *
 * Why: most of tocksim's start-up is Unicorn filling fresh heap -- the translation-block hash
 * table (512 KiB), the softmmu TLBs of every MMU mode, the memory-region dispatch maps -- about
 * 1.5 MiB touched once. As 4 KiB pages that is ~350 page faults; on the virtual machines tocksim
 * runs on in CI each costs 10-15 us (0.4 ms for touching a 4 MiB anonymous mapping page by page
 * on bare metal, 13 ms on this project's VM). Two transparent huge pages cost two faults.
 *
 * How: malloc's main arena grows with sbrk from the program break. Before the first malloc we
 * move the break to one page below a 2 MiB boundary, let malloc grow its heap across the next
 * HUGE_SPAN bytes (it writes its chunk header in that first page only) and give the span back
 * to it, then mark the untouched, aligned span MADV_HUGEPAGE: its first touch faults in a whole
 * huge page. Large allocations come from that heap too (M_MMAP_THRESHOLD), and freed memory is
 * kept (M_TRIM_THRESHOLD) rather than returned and faulted in again.
 * Where transparent huge pages are off ("never"), the advice is ignored and nothing changes but
 * ~2 MiB of address space that is never touched. */
#include "host_heap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE (2u << 20)                /* x86-64 and arm64 (4 KiB granule) PMD size */
#define HUGE_SPAN (2u * HUGE_PAGE)          /* ~1.5 MiB for a board; room for a few more */
#define SMALL_PAGE 4096u
#define LARGE_ALLOC_MMAP (1u << 20)         /* above this malloc maps separately */

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
    mallopt(M_MMAP_THRESHOLD, 8 << 20);     /* so the next allocation grows the heap */
    void *volatile grow = malloc(HUGE_SPAN + SMALL_PAGE);   /* volatile: not optimised away */
    free(grow);
    mallopt(M_MMAP_THRESHOLD, LARGE_ALLOC_MMAP);
    if ((uintptr_t)sbrk(0) >= span + HUGE_SPAN)
        madvise((void *)span, HUGE_SPAN, MADV_HUGEPAGE);    /* advice: failure changes nothing */
#endif
}

/* Keeping QEMU's TLB tables small. */
#include "sim/cpu/uc/tlb.h"

/* Unicorn 2.1's QEMU (5.0) sizes each TLB table at every flush from the entries it counts in
 * use: over 70% and the table doubles, up to 4 Mi entries (128 MiB), and every later flush
 * clears all of it. Its count drifts down: an MMIO entry evicted to the victim TLB never hits
 * there (its TLB_MMIO flag fails the exact compare), so the page is filled again and the
 * count is decremented twice, once on eviction and once when the fill drops the victim copy.
 * Device windows share TLB slots with kernel RAM and flash (0x40004000 and 0x4000 and
 * 0x20004000 on cm4), so a busy kernel drifts below zero between two flushes; the unsigned
 * count then reads as full and the next flush doubles the table. With process switches every
 * few milliseconds a run's TLB reached 128 MiB within seconds (a 60 s run of three apps:
 * 3.6 s and 173 MB instead of 1.1 s and 9 MB). A flush resets the count, so the backends flush
 * (1) whenever the guest goes to sleep, which bounds the drift to one wake-up's work, and
 * (2) before the next block after UC_TLB_REFILLS fills of device pages already filled since
 * the last flush (each was evicted meanwhile, and such refills are what miscounts), which
 * bounds the drift below the handful of pages any code touching devices counts. (2) is what
 * long polled output needs: in a kernel's fault report the UART's page and a code page evict
 * each other every character. Measured on cm4: a process fault's exec went from 13 ms (a
 * 128 MiB TLB) to 1.9 ms, a 60 s run of three apps from 3.6 s to 1.3 s; 1000 s of blink alone,
 * which seldom refills, from 0.32 s to 0.36 s. With 16 refills a fault report still wrapped
 * the count. */
void uc_tlb_settle(uc_engine *uc, struct uc_tlb_watch *w)
{
    uc_ctl_flush_tlb(uc);
    w->n = w->refills = 0;
}

bool uc_tlb_watch_device(struct uc_tlb_watch *w, uint32_t page)
{
    for (unsigned i = 0; i < w->n; i++)
        if (w->pages[i] == page)
            return ++w->refills >= UC_TLB_REFILLS;
    if (w->n < UC_TLB_WATCH_PAGES)
        w->pages[w->n++] = page;
    return w->n == UC_TLB_WATCH_PAGES;      /* many devices: settle too, and start again */
}

/* Keeping QEMU's TLB tables small. */
#include "sim/cpu/uc/tlb.h"

#include <string.h>

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
 * (2) before the count could reach zero: each refill of a device page since the flush takes
 * one from it at most, and the count is at least the number of the table's slots filled since
 * the flush (a fill into an empty slot adds one, a fill into a full one evicts and adds: the
 * slot stays counted). Slots are counted modulo the smallest table QEMU uses (64), a lower
 * bound whatever the table's size; per table, since QEMU counts each MMU index's table apart.
 * (2) is what long polled output needs: in a kernel's fault report the UART's page and a code
 * page evict each other every character; and what a kernel writing a timer every system call
 * needs (rv32: mtimecmp's page 0x02004000 and the kernel's code page 0x80004000 share a slot).
 * Measured on cm4: a process fault's exec went from 13 ms (a 128 MiB TLB) to 1.9 ms, a 60 s run
 * of three apps from 3.6 s to 1.3 s. Settling after a fixed 4 refills instead made rv32's
 * null system call cost 4.3 us (a flush every 4 calls, and every indirect jump after it a
 * translated-block hash lookup); counting slots, 2.0 us. A flush the backends do not see (QEMU's
 * own, e.g. an rv32 kernel changing mstatus.MPP) leaves slots counted that are empty; the
 * settle at the next sleep ends that.
 * Where a backend has found QEMU's count itself (sim/cpu/cortexm/tlb_count.c,
 * sim/cpu/rv32/tlb_count.c; uc_qemu_find_tlb_count), the count is set right instead (2)
 * (anchor_known, below), and (1) is skipped unless a table whose count is not known was filled
 * (uc_tlb_sleep): a wake-up then finds the TLB and the jump cache warm. */
void uc_tlb_watch_init(struct uc_tlb_watch *w, unsigned page_bits)
{
    *w = (struct uc_tlb_watch){ .page_bits = page_bits };
}

/* Where the backend knows QEMU's count (sim/cpu/{cortexm,rv32}/tlb_count.c), it is set right
 * instead of every table being flushed to reset it: the slots filled since the last flush are a
 * lower bound of the real count, so a count below them (or wrapped past zero) is raised to them.
 * Done at every fill (the fill being reported may still take one from it, and leaves it at
 * least the slot it fills), after every one-page flush (QEMU's drops of victim copies, which it
 * never counted, take one each) and before every whole flush (which sizes the tables from the
 * count): a load and a compare, where a flush cost the whole TLB and the jump cache. */
static void anchor_known(struct uc_tlb_watch *w)
{
    for (unsigned t = 0; t < UC_TLB_TABLES; t++) {
        size_t *n = w->count[t];
        if (n && (*n < w->occupied[t] || *n > UC_TLB_MAX_ENTRIES)) {
            *n = w->occupied[t];
            w->anchors++;
        }
    }
}

void uc_tlb_settle(uc_engine *uc, struct uc_tlb_watch *w)
{
    size_t *count[UC_TLB_TABLES];
    uint64_t anchors;
    anchor_known(w);
    anchors = w->anchors;
    memcpy(count, w->count, sizeof(count));
    uc_ctl_flush_tlb(uc);
    uc_tlb_watch_init(w, w->page_bits);
    memcpy(w->count, count, sizeof(count));
    w->anchors = anchors;
}

void uc_tlb_sleep(uc_engine *uc, struct uc_tlb_watch *w)
{
    for (unsigned t = 0; t < UC_TLB_TABLES; t++)
        if (w->fills[t] && !w->count[t]) {
            uc_tlb_settle(uc, w);       /* its count may have drifted: only a flush resets it */
            return;
        }
}

/* True if the device page was filled before since the settle (else it is noted). */
static bool refilled(struct uc_tlb_watch *w, uint32_t page, bool *full)
{
    for (unsigned i = 0; i < w->n; i++)
        if (w->pages[i] == page)
            return true;
    if (w->n < UC_TLB_WATCH_PAGES)
        w->pages[w->n++] = page;
    *full = w->n == UC_TLB_WATCH_PAGES;     /* many devices: settle too, and start again */
    return false;
}

/* ---- the set of filled pages: open addressing, linear probing, removals leave a mark ------ */

static unsigned filled_home(const struct uc_tlb_watch *w, uint32_t page)
{
    return ((page >> w->page_bits) * 0x9e3779b1u) >> (32 - 9) & (UC_TLB_FILLED_SLOTS - 1);
}

_Static_assert(UC_TLB_FILLED_SLOTS == 1u << 9, "filled_home takes 9 bits");

/* The slot holding page, or -1. */
static int filled_find(const struct uc_tlb_watch *w, uint32_t page)
{
    uint32_t key = (page >> w->page_bits) + 2;
    unsigned h = filled_home(w, page);
    for (unsigned i = 0; i < UC_TLB_FILLED_PROBES; i++) {
        uint32_t v = w->filled[(h + i) & (UC_TLB_FILLED_SLOTS - 1)];
        if (v == key)
            return (int)((h + i) & (UC_TLB_FILLED_SLOTS - 1));
        if (v == 0)
            return -1;
    }
    return -1;
}

void uc_tlb_watch_filled(struct uc_tlb_watch *w, uint32_t page)
{
    if (w->filled_all || filled_find(w, page) >= 0)
        return;
    unsigned h = filled_home(w, page);
    for (unsigned i = 0; i < UC_TLB_FILLED_PROBES; i++) {
        uint32_t *v = &w->filled[(h + i) & (UC_TLB_FILLED_SLOTS - 1)];
        if (*v <= 1) {
            *v = (page >> w->page_bits) + 2;
            return;
        }
    }
    w->filled_all = true;               /* no room near home: every page counts as filled */
}

bool uc_tlb_watch_maybe_filled(const struct uc_tlb_watch *w, uint32_t page)
{
    return w->filled_all || filled_find(w, page) >= 0;
}

bool uc_tlb_watch_fill(struct uc_tlb_watch *w, uint32_t page, unsigned table, bool device)
{
    bool full = false;
    uc_tlb_watch_filled(w, page);
    table = table < UC_TLB_TABLES ? table : UC_TLB_TABLES - 1;
    uint64_t bit = 1ull << ((page >> w->page_bits) % UC_TLB_MIN_SLOTS);
    if (!(w->slots[table] & bit)) {
        w->slots[table] |= bit;
        w->occupied[table]++;
    }
    w->fills[table]++;
    if (w->count[table]) {
        anchor_known(w);                /* every known table: a fill's table is a guess (cm4) */
        return false;
    }
    if (!device || !refilled(w, page, &full))
        return full;
    return ++w->refills[table] + UC_TLB_MARGIN >= w->occupied[table];
}

void uc_tlb_watch_forget(struct uc_tlb_watch *w, uint32_t page)
{
    int slot = filled_find(w, page);
    if (slot >= 0)
        w->filled[slot] = 1;
    uint64_t bit = 1ull << ((page >> w->page_bits) % UC_TLB_MIN_SLOTS);
    for (unsigned t = 0; t < UC_TLB_TABLES; t++)
        if (w->slots[t] & bit) {
            w->slots[t] &= ~bit;
            w->occupied[t]--;
        }
    anchor_known(w);
}

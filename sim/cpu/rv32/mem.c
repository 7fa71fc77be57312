/* Memory for the RISC-V backend: enforces the PMP through Unicorn's virtual TLB over the bus
 * mapping of sim/cpu/uc/map.c (doc/unicorn.md). A TLB fill asks our PMP model about a whole 4 KiB page
 * for the privilege of the access (mstatus.MPRV/MPP for data): wholly allowed pages run at full
 * speed, wholly denied ones fault precisely. Pages with a PMP boundary inside ("mixed", PMP
 * regions go down to 4 bytes) get one bounded fill hook per uniform run; an allowed data run
 * maps the page to an MMIO mirror of the memory whose callbacks do the access and flush the
 * TLB, so the next access to that page is checked again. An allowed fetch maps the page for
 * execution; runs of the page that refuse execution then get a bounded UC_HOOK_CODE that
 * raises the instruction access fault before such an instruction runs.
 * The bus: "flash" refuses stores (store access fault; on QEMU it is writable DRAM), devices
 * refuse fetches. Not modelled: PMA checks beyond that, accesses straddling a sub-page PMP
 * boundary (judged by their first byte; aligned accesses never straddle at 4-byte grain). */
#include <stdio.h>
#include <string.h>

#include "sim/cpu/rv32/internal.h"
#include "sim/cpu/rv32/insn.h"

static unsigned access_perm(uc_mem_type type)
{
    return type == UC_MEM_FETCH ? PMP_X : type == UC_MEM_WRITE ? PMP_W : PMP_R;
}

/* Privilege of an access: mstatus.MPRV makes machine-mode loads and stores use MPP's. */
static bool machine_access(struct rv32 *c, uc_mem_type type)
{
    rv32_ctx_load(&c->ctx);
    uint32_t priv = rv32_ctx_get(&c->ctx, RV32_PRIV);
    uint32_t ms = rv32_ctx_get(&c->ctx, RV32_MSTATUS);
    if (type != UC_MEM_FETCH && priv == RV32_PRIV_M && (ms & MSTATUS_MPRV))
        priv = (ms & MSTATUS_MPP) >> 11;
    return priv == RV32_PRIV_M;
}

uint32_t rv_fill_view(struct rv32 *c)
{
    rv32_ctx_load(&c->ctx);
    return rv32_ctx_get(&c->ctx, RV32_MSTATUS) & (MSTATUS_MPRV | MSTATUS_MPP);
}

/* What the bus allows at addr, as PMP_R|W|X. */
static unsigned bus_perms(struct rv32 *c, uint32_t addr)
{
    struct bus_region *r = bus_find(c->cfg.bus, addr);
    if (!r)
        return 0;
    switch (r->kind) {
    case REGION_RAM: return PMP_R | PMP_W | PMP_X;
    case REGION_FLASH: return PMP_R | PMP_X;
    default: return PMP_R | PMP_W;
    }
}

static bool is_mixed(const struct rv32 *c, uint32_t page)
{
    for (int i = 0; i < c->nmixed; i++)
        if (c->mixed[i] == page)
            return true;
    return false;
}

static void refuse(struct rv32 *c, uint32_t page, uc_mem_type type)
{
    c->refused = (struct rv_refusal){ .page = page, .type = type, .valid = true };
}

/* A fill into QEMU's machine-mode or user-mode table: when a device page's refills could have
 * brought QEMU's count of that table near zero, settle before the next block (sim/cpu/uc/tlb.c). */
static void watch_fill(struct rv32 *c, uint32_t page, uc_mem_type type)
{
    const struct bus_region *r = bus_find(c->cfg.bus, page);
    bool device = r && r->kind == REGION_DEVICE;
    if (uc_tlb_watch_fill(&c->tlb_watch, page, machine_access(c, type), device)) {
        c->tlb_settle = true;
        c->limit = 0;                   /* routes the next block through block_slow */
    }
}

static bool on_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type, uc_tlb_entry *e, void *ud)
{
    (void)uc;
    struct rv32 *c = ud;
    uint32_t page = (uint32_t)vaddr;
    if (page == RV_UNTIL_PAGE && type == UC_MEM_FETCH) {
        /* Unicorn translates `until` for itself whenever a run stops, with the guest's
         * privilege; a refusal would turn every stop into an error. No bus region is there,
         * so map it to a page of zeros (c.unimp: illegal instruction if a guest jumps there).
         * Only fetches: a load or store there is checked like any other (an access fault). */
        e->paddr = RV_UNTIL_PHYS;
        e->perms = UC_PROT_EXEC;
        uc_tlb_watch_filled(&c->tlb_watch, page);
        return true;
    }
    if (c->host_lookup && type == UC_MEM_FETCH) {
        e->paddr = page;                /* hook removal or uc_ctl_remove_cache translating for us */
        e->perms = UC_PROT_EXEC;
        uc_tlb_watch_filled(&c->tlb_watch, page);
        return true;
    }
    c->stats.tlb_fills++;
    if (is_mixed(c, page)) {
        refuse(c, page, type);          /* a run hook may still grant it */
        return false;
    }
    bool m_data = machine_access(c, UC_MEM_READ);
    bool m_fetch = machine_access(c, UC_MEM_FETCH);
    unsigned perms = bus_perms(c, page) &
                     ((rv32_pmp_perms(&c->pmp, page, m_data) & (PMP_R | PMP_W)) |
                      (rv32_pmp_perms(&c->pmp, page, m_fetch) & PMP_X));
    if (!(perms & access_perm(type))) {
        refuse(c, page, type);
        return false;
    }
    e->paddr = page;
    e->perms = (perms & PMP_R ? UC_PROT_READ : 0) | (perms & PMP_W ? UC_PROT_WRITE : 0) |
               (perms & PMP_X ? UC_PROT_EXEC : 0);
    c->refused.valid = false;
    watch_fill(c, page, type);
    return true;
}

/* ---- mixed pages ----------------------------------------------------------------------- */

static bool on_run_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type, uc_tlb_entry *e, void *ud)
{
    (void)uc;
    struct rv_run_hook *h = ud;
    struct rv32 *c = h->cpu;
    uint32_t page = (uint32_t)vaddr;
    unsigned need = access_perm(type);
    unsigned perms = machine_access(c, type) ? h->run.perms_m : h->run.perms_u;
    if (!(perms & bus_perms(c, page) & need)) {
        refuse(c, page, type);
        return false;
    }
    if (machine_access(c, type) && h->m_uniform) {
        e->paddr = page;                /* machine mode sees one permission on the whole page */
        e->perms = (perms & PMP_R ? UC_PROT_READ : 0) | (perms & PMP_W ? UC_PROT_WRITE : 0) |
                   (perms & PMP_X ? UC_PROT_EXEC : 0);
    } else {
        uc_map_grant_once(&c->map, page, type, e);
    }
    uc_tlb_watch_filled(&c->tlb_watch, page);
    c->refused.valid = false;
    return true;
}

/* Before an instruction in a run that may refuse execution, inside a page mapped for
 * execution because another run allowed it: the instruction access fault. */
static void on_run_code(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    (void)uc;
    (void)size;
    struct rv_run_hook *h = ud;
    struct rv32 *c = h->cpu;
    unsigned perms = machine_access(c, UC_MEM_FETCH) ? h->run.perms_m : h->run.perms_u;
    if (!(perms & PMP_X))
        rv_trap(c, CAUSE_FETCH_FAULT, (uint32_t)addr, (uint32_t)addr);
}

static void add_run_hooks(struct rv32 *c, const struct rv32_pmp_run *run, bool x_boundary,
                          bool m_uniform)
{
    if (c->nruns == RV_MAX_RUN_HOOKS) {
        trace_guest_error(c->cfg.trace, "pmp", "too many sub-page PMP boundaries; 0x%08x unchecked",
                          run->begin);
        return;
    }
    struct rv_run_hook *h = &c->runs[c->nruns++];
    h->run = *run;
    h->cpu = c;
    h->m_uniform = m_uniform;
    uint32_t last = run->end - 1;       /* end 0 means 2^32: last = 0xffffffff */
    uc_hook_add(c->uc, &h->hook, UC_HOOK_TLB_FILL, on_run_fill, h, run->begin, last);
    h->xhook = 0;
    if (x_boundary && (!(run->perms_u & PMP_X) || !(run->perms_m & PMP_X)))
        uc_hook_add(c->uc, &h->xhook, UC_HOOK_CODE, on_run_code, h, run->begin, last);
}

static void add_page(struct rv32 *c, uint32_t page)
{
    struct rv32_pmp_run runs[2 * RV32_PMP_ENTRIES + 1];
    int n = rv32_pmp_runs(&c->pmp, page, RV_PAGE_SIZE, runs, 2 * RV32_PMP_ENTRIES + 1);
    if (n < 2 || c->nmixed == RV_MAX_MIXED_PAGES)
        return;
    c->mixed[c->nmixed++] = page;
    unsigned ux = 0, mx = 0;
    bool m_uniform = true;
    for (int i = 0; i < n; i++) {
        ux |= runs[i].perms_u;
        mx |= runs[i].perms_m;
        m_uniform &= runs[i].perms_m == runs[0].perms_m;
    }
    bool x_boundary = (ux & PMP_X) || (mx & PMP_X);
    for (int i = 0; i < n; i++)
        add_run_hooks(c, &runs[i], x_boundary, m_uniform);
}

/* Pages of mapped memory that contain a PMP boundary not on a page boundary. */
static void find_mixed_pages(struct rv32 *c)
{
    uint64_t lo[RV32_PMP_ENTRIES], hi[RV32_PMP_ENTRIES];
    int n = rv32_pmp_ranges(&c->pmp, lo, hi);
    for (int i = 0; i < 2 * n; i++) {
        uint64_t b = i < n ? lo[i] : hi[i - n];
        uint32_t page = (uint32_t)b & ~(RV_PAGE_SIZE - 1);
        if ((b & (RV_PAGE_SIZE - 1)) == 0 || b > 0xffffffffull || is_mixed(c, page) ||
            !bus_find(c->cfg.bus, page))
            continue;
        add_page(c, page);
    }
}

/* Drops translated code of pages whose execute checks change (code hooks are compiled in).
 * Unicorn translates the range through the TLB with the guest's privilege: the fill hook
 * grants those lookups, and the caller flushes the TLB afterwards. */
static void invalidate_code(struct rv32 *c, const uint32_t *pages, int n)
{
    c->host_lookup = true;
    for (int i = 0; i < n; i++)
        uc_ctl_remove_cache(c->uc, pages[i], pages[i] + RV_PAGE_SIZE);
    c->host_lookup = false;
    /* Blocks there may be split differently now: those starting in the page, or in the page
     * before and running on into it. (Forgetting the whole cache costs ~20 us per PMP switch.) */
    for (int i = 0; i < n; i++)
        uc_icount_forget_range(c->icache, pages[i] - RV_PAGE_SIZE, pages[i] + RV_PAGE_SIZE);
}

#define FLUSH_PAGES_MAX 256u        /* beyond, one full flush is cheaper than page flushes */

/* Entry i decides for other bytes or differently in b than in a (its range, for TOR also the
 * entry before it, or its configuration). */
static bool entry_differs(const struct rv32_pmp *a, const struct rv32_pmp *b, int i)
{
    bool tor = (a->cfg[i] & PMP_A) == PMP_A_TOR || (b->cfg[i] & PMP_A) == PMP_A_TOR;
    return a->cfg[i] != b->cfg[i] || a->addr[i] != b->addr[i] ||
           (tor && i > 0 && a->addr[i - 1] != b->addr[i - 1]);
}

/* Entry i's pages in p (0 if off), or UINT32_MAX pages if the range is too large to count. */
static uint64_t entry_pages(const struct rv32_pmp *p, int i, uint32_t *first)
{
    uint64_t lo, hi;
    if (!rv32_pmp_entry_range(p, i, &lo, &hi))
        return 0;
    if (hi > 0x100000000ull)
        return UINT32_MAX;
    *first = (uint32_t)lo & ~(RV_PAGE_SIZE - 1);
    return (hi - *first + RV_PAGE_SIZE - 1) / RV_PAGE_SIZE;
}

static void flush_entry(struct rv32 *c, const struct rv32_pmp *p, int i)
{
    uint32_t first = 0;
    uint64_t n = entry_pages(p, i, &first);
    for (uint64_t k = 0; k < n; k++) {
        uint32_t page = first + (uint32_t)k * RV_PAGE_SIZE;
        if (!uc_tlb_watch_maybe_filled(&c->tlb_watch, page))
            continue;                   /* no entry, no translated block to drop (cm4: mem.c) */
        uc_qemu_flush_page(&c->qemu, page);
        uc_tlb_watch_forget(&c->tlb_watch, page);
    }
}

/* A process switch rewrites a few entries: only their pages, before and after, can get other
 * permissions, so only they leave the TLB (a full flush also empties the jump cache and
 * refills every page the kernel touches). False when that is not the safe or the cheaper way:
 * no page flush (sim/cpu/uc/qemu.h), mseccfg changed (every page), pages with execute
 * boundaries before or after, or too many pages. */
static bool flush_changed_entries(struct rv32 *c, bool had_mixed)
{
    const struct rv32_pmp *old = &c->pmp_applied, *now = &c->pmp;
    uint32_t first;
    uint64_t pages = 0;
    if (!c->qemu.cpu || !c->pmp_applied_valid || old->mseccfg != now->mseccfg || had_mixed || c->nmixed)
        return false;
    for (int i = 0; i < RV32_PMP_ENTRIES; i++)
        if (entry_differs(old, now, i))
            pages += entry_pages(old, i, &first) + entry_pages(now, i, &first);
    if (pages > FLUSH_PAGES_MAX)
        return false;
    for (int i = 0; i < RV32_PMP_ENTRIES; i++)
        if (entry_differs(old, now, i)) {
            flush_entry(c, old, i);
            flush_entry(c, now, i);
        }
    return true;
}

/* The PMP changed (a CSR write, always from the trap hook, or reset): rebuild the sub-page
 * hooks and forget cached translations. Takes effect from the next instruction. */
void rv_pmp_changed(struct rv32 *c)
{
    bool had_mixed = c->nmixed > 0;
    uint32_t old[RV_MAX_MIXED_PAGES];
    int nold = 0;
    bool had_code = false;
    /* Removing a code hook makes Unicorn look its pages up through the TLB with the guest's
     * current privilege (doc/unicorn.md, "Host lookups"): grant those, or a refusal would reach
     * the guest as a fault at its next instruction. */
    c->host_lookup = true;
    for (int i = 0; i < c->nruns; i++) {
        uc_hook_del(c->uc, c->runs[i].hook);
        if (c->runs[i].xhook) {
            uc_hook_del(c->uc, c->runs[i].xhook);
            had_code = true;
        }
    }
    c->host_lookup = false;
    c->refused.valid = false;
    if (had_code) {
        memcpy(old, c->mixed, sizeof(old));
        nold = c->nmixed;
    }
    c->nruns = 0;
    c->nmixed = 0;
    find_mixed_pages(c);
    bool has_code = false;
    for (int i = 0; i < c->nruns; i++)
        has_code |= c->runs[i].xhook != 0;
    invalidate_code(c, old, nold);
    if (has_code)
        invalidate_code(c, c->mixed, c->nmixed);
    if (!flush_changed_entries(c, had_mixed))
        uc_tlb_settle(c->uc, &c->tlb_watch);
    c->pmp_applied = c->pmp;
    c->pmp_applied_valid = true;
}

/* ---- device accesses (called back by sim/cpu/uc/map.c) ------------------------------------------ */

/* Keeps the slice deadline in step with device deadlines a register access just changed, and
 * stops at once when a device ended the run. */
static void after_device_access(void *cpu, uint32_t addr)
{
    struct rv32 *c = cpu;
    uint64_t next = clock_next_deadline(c->cfg.clock);
    if (next < c->budget_end)
        rv_set_budget(c, next);
    if (c->cfg.exit_flag && *c->cfg.exit_flag && c->stop != RV_EXIT) {
        c->stop = RV_EXIT;
        uc_emu_stop(c->uc);
    }
    if (c->nmixed && is_mixed(c, addr & ~(RV_PAGE_SIZE - 1)))
        uc_tlb_settle(c->uc, &c->tlb_watch);        /* the next access to this page is checked again */
}

bool rv_mem_init(struct rv32 *c, char *err, unsigned errlen)
{
    c->map = (struct uc_map){ c->uc, c->cfg.bus, RV_ALIAS_BASE, &c->stats.slow_accesses,
                              after_device_access, c };
    if (!uc_map_bus(&c->map, err, errlen))
        return false;
    uc_err e = uc_mem_map(c->uc, RV_UNTIL_PHYS, RV_PAGE_SIZE, UC_PROT_READ | UC_PROT_EXEC);
    if (e != UC_ERR_OK) {
        snprintf(err, errlen, "cannot map the stop page: %s", uc_strerror(e));
        return false;
    }
    uc_ctl_tlb_mode(c->uc, UC_TLB_VIRTUAL);
    /* The main hook must be registered before any bounded run hook (hooks run in order). */
    uc_hook_add(c->uc, &c->main_fill, UC_HOOK_TLB_FILL, on_fill, c, 1, 0);
    return true;
}

/* ---- refused accesses become precise access faults --------------------------------------- */

void rv_handle_refusal(struct rv32 *c, uint32_t pc)
{
    if (c->refused.type == UC_MEM_FETCH) {
        if (pc == (rv32_ctx_read(&c->ctx, RV32_MTVEC) & ~3u)) {
            /* The trap handler itself cannot be fetched: every trap would come back here
             * without executing anything (and without time passing). */
            rv32_ctx_load(&c->ctx);
            uint32_t cause = rv32_ctx_get(&c->ctx, RV32_MCAUSE);
            snprintf(c->error, sizeof(c->error),
                     "trap handler at mtvec 0x%08x cannot be fetched (double fault) while taking the trap "
                     "%s (mcause %u) at mepc 0x%08x, mtval 0x%08x", pc, rv_cause_name(cause), cause,
                     rv32_ctx_get(&c->ctx, RV32_MEPC), rv32_ctx_get(&c->ctx, RV32_MTVAL));
            c->stop = RV_ERROR;
            return;
        }
        /* An instruction crossing into a refused page: mtval is the refused part. */
        uint32_t tval = c->refused.page > pc ? c->refused.page : pc;
        rv_trap(c, CAUSE_FETCH_FAULT, pc, tval);
        return;
    }
    uint32_t x[32] = { 0 };
    for (int i = 1; i < 32; i++)
        uc_reg_read(c->uc, UC_RISCV_REG_X0 + i, &x[i]);
    struct rv32_access a;
    uint32_t cause = c->refused.type == UC_MEM_WRITE ? CAUSE_STORE_FAULT : CAUSE_LOAD_FAULT;
    uint32_t tval = c->refused.page;
    if (rv32_insn_access(rv_fetch(c, pc), x, &a)) {
        cause = a.store ? CAUSE_STORE_FAULT : CAUSE_LOAD_FAULT;
        tval = a.addr;
        if (c->refused.page > a.addr && c->refused.page - a.addr < a.size)
            tval = c->refused.page;     /* the access crossed into the refused page */
    }
    rv_trap(c, cause, pc, tval);
}

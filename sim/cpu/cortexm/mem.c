/* Memory for the Cortex-M backend: enforces the MPU through Unicorn's virtual TLB over the bus
 * mapping of sim/cpu/uc/map.c (doc/unicorn.md). A TLB fill asks our MPU model about a whole 1 KiB page:
 * wholly allowed pages run at full speed, wholly denied ones fault precisely. Pages only partly
 * covered by a region ("mixed", MPU regions go down to 32 B) get one bounded fill hook per
 * uniform run; an allowed run maps the page to an MMIO mirror of the memory whose callbacks do
 * the access and flush the TLB, so the next access to that page is checked again.
 * Not modelled: FAULTMASK raised by thread code (HFNMIENA is honoured in handlers); execute permission inside
 * a mixed page is granted for the whole page when the first fetch there is allowed. */
#include <string.h>

#include "sim/cpu/cortexm/internal.h"
#include "sim/cpu/cortexm/thumb_access.h"

#define PPB_BASE 0xe0000000u
#define PPB_END 0xe0100000u

bool cm_privileged(struct cortexm *c)
{
    if (cm_get(c, UC_ARM_REG_IPSR) & IPSR_EXCEPTION)
        return true;
    return !(cm_get(c, UC_ARM_REG_CONTROL) & CONTROL_NPRIV);
}

static char access_char(uc_mem_type type)
{
    return type == UC_MEM_FETCH ? 'x' : type == UC_MEM_WRITE ? 'w' : 'r';
}

/* Bus rules independent of the MPU: what exists and what it allows. */
static bool bus_allows(struct cortexm *c, uint32_t addr, bool priv, char acc)
{
    struct bus_region *r = bus_find(c->cfg.bus, addr);
    if (!r)
        return false;
    if (r->kind == REGION_FLASH && acc == 'w')
        return false;
    if (r->kind == REGION_DEVICE && acc == 'x')
        return false;
    if (!priv && addr >= PPB_BASE && addr < PPB_END)
        return false;       /* B3.2: unprivileged access to the SCS is a BusFault */
    return true;
}

#define MPU_CTRL_ENABLE 1u
#define MPU_CTRL_HFNMIENA 2u

/* B3.5.2: at a negative execution priority (HardFault, NMI, FAULTMASK) the MPU is off unless
 * HFNMIENA is set. */
static bool negative_priority(struct cortexm *c)
{
    uint32_t ipsr = cm_get(c, UC_ARM_REG_IPSR) & IPSR_EXCEPTION;
    if (ipsr == V7M_EXC_NMI || ipsr == V7M_EXC_HARDFAULT)
        return true;
    return ipsr != 0 && (cm_get(c, UC_ARM_REG_FAULTMASK) & 1);
}

uint32_t cm_fill_view(struct cortexm *c)
{
    return (uint32_t)negative_priority(c);
}

static bool mpu_on(struct cortexm *c)
{
    uint32_t ctrl = c->scs.mpu.ctrl;
    if (!(ctrl & MPU_CTRL_ENABLE))
        return false;
    return (ctrl & MPU_CTRL_HFNMIENA) || !negative_priority(c);
}

/* B3.1 default memory map: Peripheral, Device and System regions are execute-never. */
static bool default_map_xn(uint32_t addr)
{
    return (addr >= 0x40000000u && addr < 0x60000000u) || addr >= 0xa0000000u;
}

/* Whether the MPU decides about addr: it is on, and addr is outside the PPB (B3.5.1: the PPB,
 * and only the PPB, is always accessed through the default map; the vendor system space above
 * it is not). */
static bool mpu_governs(struct cortexm *c, uint32_t addr)
{
    return mpu_on(c) && !(addr >= PPB_BASE && addr < PPB_END);
}

static int page_class(struct cortexm *c, uint32_t page, bool priv, char acc)
{
    if (!mpu_governs(c, page))
        return 1;
    return armv7m_mpu_block(&c->scs.mpu, page, CM_PAGE_SIZE, priv, acc);
}

static void refuse(struct cortexm *c, uint32_t page, uc_mem_type type, bool bus)
{
    c->refused = (struct cm_refusal){ .page = page, .type = type, .bus = bus, .valid = true };
}

/* A fill into one of QEMU's tables (unprivileged, privileged, privileged at negative priority:
 * its M-profile MMU indexes): when a device page's refills could have brought QEMU's count of
 * that table near zero, settle before the next block (sim/cpu/uc/tlb.c). */
static void watch_fill(struct cortexm *c, uint32_t page, bool priv)
{
    const struct bus_region *r = bus_find(c->cfg.bus, page);
    bool device = r && r->kind == REGION_DEVICE;
    unsigned table = !priv ? 0 : cm_execution_priority(c) < 0 ? 2 : 1;
    if (uc_tlb_watch_fill(&c->tlb_watch, page, table, device)) {
        c->tlb_settle = true;
        c->limit = 0;                   /* routes the next block through block_slow */
    }
}

static bool on_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type, uc_tlb_entry *e, void *ud)
{
    (void)uc;
    struct cortexm *c = ud;
    uint32_t page = (uint32_t)vaddr;
    bool priv = cm_privileged(c);
    char acc = access_char(type);
    if (c->host_lookup && type == UC_MEM_FETCH) {
        e->paddr = page;                /* hook removal translating for Unicorn itself */
        e->perms = UC_PROT_EXEC;
        uc_tlb_watch_filled(&c->tlb_watch, page);
        return true;
    }
    c->stats.tlb_fills++;
    if (acc == 'x' && default_map_xn(page)) {
        refuse(c, page, type, false);   /* MemManage IACCVIOL, with or without the MPU */
        return false;
    }
    /* The MPU is checked before the bus, as in hardware (a write to read-only flash inside a
     * read-only MPU region is a MemManage fault, not a BusFault). */
    int cls = page_class(c, page, priv, acc);
    if (cls != 1) {
        refuse(c, page, type, false);   /* mixed pages: a run hook may still grant it */
        return false;
    }
    if (!bus_allows(c, page, priv, acc)) {
        refuse(c, page, type, true);
        return false;
    }
    uint32_t perms = 0;
    static const struct { char acc; uint32_t perm; } kinds[] = {
        { 'r', UC_PROT_READ }, { 'w', UC_PROT_WRITE }, { 'x', UC_PROT_EXEC } };
    for (int i = 0; i < 3; i++)
        if (bus_allows(c, page, priv, kinds[i].acc) && page_class(c, page, priv, kinds[i].acc) == 1)
            perms |= kinds[i].perm;
    e->paddr = page;
    e->perms = perms;
    c->refused.valid = false;
    watch_fill(c, page, priv);
    return true;
}

/* ---- mixed pages ----------------------------------------------------------------------- */

static bool on_run_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type, uc_tlb_entry *e, void *ud)
{
    (void)uc;
    struct cm_run_hook *run = ud;
    struct cortexm *c = run->cpu;
    uint32_t page = (uint32_t)vaddr;
    bool priv = cm_privileged(c);
    char acc = access_char(type);
    if (!armv7m_mpu_allows(&c->scs.mpu, run->begin, priv, acc)) {
        refuse(c, page, type, false);
        return false;
    }
    if (!bus_allows(c, page, priv, acc)) {
        refuse(c, page, type, true);
        return false;
    }
    uc_map_grant_once(&c->map, page, type, e);
    uc_tlb_watch_filled(&c->tlb_watch, page);
    c->refused.valid = false;
    return true;
}

/* Permission signature of a 32-byte granule: one bit per (privilege, access). */
static unsigned granule_sig(struct cortexm *c, uint32_t addr)
{
    static const char accs[] = { 'r', 'w', 'x' };
    unsigned sig = 0;
    for (int p = 0; p < 2; p++)
        for (int a = 0; a < 3; a++)
            sig = (sig << 1) | armv7m_mpu_allows(&c->scs.mpu, addr, p, accs[a]);
    return sig;
}

static void add_run_hook(struct cortexm *c, uint32_t begin, uint32_t end)
{
    if (c->nruns == CM_MAX_RUN_HOOKS) {
        trace_guest_error(c->cfg.trace, "mpu", "too many sub-page MPU boundaries; 0x%08x unchecked", begin);
        return;
    }
    struct cm_run_hook *run = &c->runs[c->nruns++];
    run->begin = begin;
    run->cpu = c;
    uc_hook_add(c->uc, &run->hook, UC_HOOK_TLB_FILL, on_run_fill, run, begin, end - 1);
}

/* True if some privilege/access combination is only partly allowed on the page. */
static bool page_is_mixed(struct cortexm *c, uint32_t page)
{
    static const char accs[] = { 'r', 'w', 'x' };
    for (int p = 0; p < 2; p++)
        for (int a = 0; a < 3; a++)
            if (armv7m_mpu_block(&c->scs.mpu, page, CM_PAGE_SIZE, p, accs[a]) < 0)
                return true;
    return false;
}

static void add_page_runs(struct cortexm *c, uint32_t page)
{
    if (!page_is_mixed(c, page))
        return;         /* a boundary inside the page with the same permissions on both sides */
    uint32_t start = page;
    unsigned sig = granule_sig(c, page);
    for (uint32_t a = page + 32; a <= page + CM_PAGE_SIZE; a += 32) {
        unsigned s = a < page + CM_PAGE_SIZE ? granule_sig(c, a) : ~0u;
        if (s != sig) {
            add_run_hook(c, start, a);
            start = a;
            sig = s;
        }
    }
}

/* Pages that contain a region or subregion boundary not on a page boundary. */
static int mixed_pages(struct cortexm *c, uint32_t *pages, int max)
{
    int n = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t base, size;
        if (!armv7m_mpu_region_bounds(&c->scs.mpu.region[i], &base, &size))
            continue;
        uint64_t step = size >= 256 ? size / 8 : size;
        for (uint64_t b = base; b <= base + size && n < max; b += step) {
            uint32_t page = (uint32_t)b & ~(CM_PAGE_SIZE - 1);
            if ((b & (CM_PAGE_SIZE - 1)) == 0 || b > 0xffffffffull || !bus_find(c->cfg.bus, page))
                continue;
            bool seen = false;
            for (int k = 0; k < n; k++)
                seen |= pages[k] == page;
            if (!seen)
                pages[n++] = page;
        }
    }
    return n;
}

/* MPU registers changed: apply the new configuration (sub-page hooks, TLB flush) at the next
 * block boundary (software must ISB after reprogramming the MPU, B3.5.2, and an ISB ends a
 * block), so a kernel rewriting all regions at a context switch pays for one rebuild, not one
 * per register, and none when the regions end up as they were. */
void cm_mpu_changed(void *ctx)
{
    struct cortexm *c = ctx;
    c->mpu_dirty = true;
    c->limit = 0;                   /* routes the next block through block_slow */
}

#define FLUSH_PAGES_MAX 256u        /* beyond, one full flush is cheaper than page flushes */

/* The pages of region r's range: first page and count (0 if the region is off). */
static uint32_t region_pages(const struct armv7m_mpu_region *r, uint32_t *first)
{
    uint64_t base, size;
    if (!armv7m_mpu_region_bounds(r, &base, &size))
        return 0;
    *first = (uint32_t)base & ~(CM_PAGE_SIZE - 1);
    uint64_t end = (base + size + CM_PAGE_SIZE - 1) & ~(uint64_t)(CM_PAGE_SIZE - 1);
    return (uint32_t)((end - *first) / CM_PAGE_SIZE);
}

/* Only the pages filled since they were last flushed can hold entries or translated blocks in
 * the jump cache: a process's 8 KiB of RAM is 8 pages, of which a switch finds two or three
 * used (each flush also empties two groups of the jump cache, the kernel's entries there too). */
static void flush_region(struct cortexm *c, const struct armv7m_mpu_region *r)
{
    uint32_t first = 0, n = region_pages(r, &first);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t page = first + i * CM_PAGE_SIZE;
        if (!uc_tlb_watch_maybe_filled(&c->tlb_watch, page))
            continue;
        uc_qemu_flush_page(&c->qemu, page);
        uc_tlb_watch_forget(&c->tlb_watch, page);
    }
}

/* A process switch changes a few regions: only the pages of those regions, before and after,
 * can get other permissions, so only they leave the TLB (a full flush also empties the jump
 * cache and refills every page the kernel touches). False when that is not the safe or the
 * cheaper way: no page flush (sim/cpu/uc/qemu.h), the MPU's control changed (every page), sub-page
 * regions' hooks before or after, or too many pages. */
static bool flush_changed_regions(struct cortexm *c, const struct armv7m_mpu *old, bool had_runs)
{
    const struct armv7m_mpu *now = &c->scs.mpu;
    uint32_t first, pages = 0;
    if (!c->qemu.cpu || !old || old->ctrl != now->ctrl || had_runs || c->nruns)
        return false;
    for (int i = 0; i < 8; i++)
        if (memcmp(&old->region[i], &now->region[i], sizeof(now->region[i])) != 0)
            pages += region_pages(&old->region[i], &first) + region_pages(&now->region[i], &first);
    if (pages > FLUSH_PAGES_MAX)
        return false;
    for (int i = 0; i < 8; i++)
        if (memcmp(&old->region[i], &now->region[i], sizeof(now->region[i])) != 0) {
            flush_region(c, &old->region[i]);
            flush_region(c, &now->region[i]);
        }
    return true;
}

void cm_mpu_rebuild(struct cortexm *c)
{
    c->mpu_dirty = false;
    /* A kernel switching back to the same process rewrites the same regions: nothing to do. */
    if (c->mpu_applied_valid && memcmp(&c->mpu_applied, &c->scs.mpu, sizeof(c->mpu_applied)) == 0)
        return;
    struct armv7m_mpu old = c->mpu_applied;
    bool had_old = c->mpu_applied_valid, had_runs = c->nruns > 0;
    c->mpu_applied = c->scs.mpu;
    c->mpu_applied_valid = true;
    c->host_lookup = true;              /* Unicorn's own lookups (doc/unicorn.md) */
    for (int i = 0; i < c->nruns; i++)
        uc_hook_del(c->uc, c->runs[i].hook);
    c->host_lookup = false;
    c->refused.valid = false;
    c->nruns = 0;
    if (c->scs.mpu.ctrl & MPU_CTRL_ENABLE) {
        uint32_t pages[32];
        int n = mixed_pages(c, pages, 32);
        for (int i = 0; i < n; i++)
            add_page_runs(c, pages[i]);
    }
    if (!flush_changed_regions(c, had_old ? &old : NULL, had_runs))
        uc_tlb_settle(c->uc, &c->tlb_watch);
}

/* ---- device accesses (called back by sim/cpu/uc/map.c) ------------------------------------------ */

/* Keeps the slice deadline in step with device deadlines a register access just changed. */
static void after_device_access(void *cpu, uint32_t addr)
{
    (void)addr;
    struct cortexm *c = cpu;
    uint64_t next = clock_next_deadline(c->cfg.clock);
    if (next < c->budget_end)
        cm_set_budget(c, next);
}

/* STIR with CCR.USERSETMPEND (B3.4.3): the one SCS register unprivileged code may write. Its
 * page also holds privileged-only registers, so it is mapped through an alias whose callback
 * flushes the TLB after each access, like a mixed MPU page. */
#define STIR_ADDR 0xe000ef00u
#define STIR_ALIAS (CM_ALIAS_BASE + (63u << 24))
#define CCR_USERSETMPEND 2u

static void on_stir_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *ud)
{
    struct cortexm *c = ud;
    armv7m_scs_ops.write(&c->scs, (STIR_ADDR & 0xc00u) + (uint32_t)off - CM_SCS_BASE % CM_PAGE_SIZE,
                         (uint32_t)value, size);
    (void)uc;
    uc_tlb_settle(c->uc, &c->tlb_watch);
}

static uint64_t on_stir_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    (void)uc; (void)off; (void)size; (void)ud;
    return 0;
}

static bool on_stir_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type, uc_tlb_entry *e, void *ud)
{
    (void)uc;
    struct cortexm *c = ud;
    if (type != UC_MEM_WRITE || !(c->scs.ccr & CCR_USERSETMPEND))
        return false;               /* stays refused as a BusFault by the main hook */
    uc_tlb_watch_filled(&c->tlb_watch, (uint32_t)vaddr & ~(CM_PAGE_SIZE - 1));
    e->paddr = STIR_ALIAS;
    e->perms = UC_PROT_WRITE;
    c->refused.valid = false;
    return true;
}

bool cm_mem_init(struct cortexm *c, char *err, unsigned errlen)
{
    c->map = (struct uc_map){ c->uc, c->cfg.bus, CM_ALIAS_BASE, &c->stats.slow_accesses,
                              after_device_access, c };
    if (!uc_map_bus(&c->map, err, errlen))
        return false;
    uc_ctl_tlb_mode(c->uc, UC_TLB_VIRTUAL);
    /* The main hook must be registered before any bounded run hook (hooks run in order). */
    uc_hook_add(c->uc, &c->main_fill, UC_HOOK_TLB_FILL, on_fill, c, 1, 0);
    uc_hook hook;
    uc_mmio_map(c->uc, STIR_ALIAS, CM_PAGE_SIZE, on_stir_read, c, on_stir_write, c);
    uc_hook_add(c->uc, &hook, UC_HOOK_TLB_FILL, on_stir_fill, c, STIR_ADDR, STIR_ADDR + 3);
    return true;
}

/* ---- refused accesses become precise faults ------------------------------------------- */

/* One access's rule, with whether the MPU is on already known (it costs register reads). */
static bool refused_by(struct cortexm *c, bool on, uint32_t addr, bool priv, char acc, bool *bus)
{
    *bus = false;
    if (on && !(addr >= PPB_BASE && addr < PPB_END) && !armv7m_mpu_allows(&c->scs.mpu, addr, priv, acc))
        return true;
    *bus = !bus_allows(c, addr, priv, acc);
    return *bus;
}

bool cm_access_refused(struct cortexm *c, uint32_t addr, bool priv, char acc, bool *bus)
{
    return refused_by(c, mpu_on(c), addr, priv, acc, bus);
}

bool cm_frame_refused(struct cortexm *c, uint32_t frame, bool priv, char acc, bool *bus)
{
    bool on = mpu_on(c);                /* once per frame, not per word */
    return refused_by(c, on, frame, priv, acc, bus) || refused_by(c, on, frame + 28, priv, acc, bus);
}

/* The exact address of the first refused access of the instruction at pc, or the page. */
static uint32_t fault_address(struct cortexm *c, uint32_t pc, bool *bus)
{
    static const int ids[16] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
        UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7, UC_ARM_REG_R8, UC_ARM_REG_R9,
        UC_ARM_REG_R10, UC_ARM_REG_R11, UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR, UC_ARM_REG_PC };
    uint32_t regs[16];
    uint16_t hw[2] = { 0, 0 };
    struct thumb_access ta;
    for (int i = 0; i < 16; i++)
        regs[i] = cm_get(c, ids[i]);
    regs[15] = pc;
    cm_read_mem(c, pc, hw, sizeof(hw));
    bool priv = cm_privileged(c);
    *bus = c->refused.bus;
    if (thumb_access_decode(hw[0], hw[1], regs, &ta)) {
        for (int i = 0; i < ta.count; i++) {
            char acc = ta.acc[i].store ? 'w' : 'r';
            uint32_t first = ta.acc[i].addr, last = first + ta.acc[i].size - 1;
            bool p = priv && !ta.unprivileged;
            if (cm_access_refused(c, first, p, acc, bus))
                return first;
            if (cm_access_refused(c, last, p, acc, bus))   /* unaligned, into the next granule */
                return last & ~31u;
        }
    }
    return c->refused.page;
}

/* Why the bus refused an access at addr, for the guest-error trace. */
static const char *bus_reason(struct cortexm *c, uint32_t addr, char acc)
{
    struct bus_region *r = bus_find(c->cfg.bus, addr);
    if (!r)
        return "nothing is mapped there";
    if (r->kind == REGION_FLASH && acc == 'w')
        return "flash is read-only";
    if (r->kind == REGION_DEVICE && acc == 'x')
        return "devices cannot be executed";
    return "unprivileged access to the System Control Space";
}

/* A bus refusal is the guest's mistake: traced (and fatal with --strict), then a BusFault. */
static void trace_bus_refusal(struct cortexm *c, uint32_t addr, char acc, uint32_t pc)
{
    static const char *what[] = { ['r'] = "read", ['w'] = "write", ['x'] = "fetch" };
    trace_guest_error(c->cfg.trace, "bus", "%s of 0x%08x at pc 0x%08x: %s", what[(unsigned char)acc],
                      addr, pc, bus_reason(c, addr, acc));
}

void cm_handle_refusal(struct cortexm *c, uint32_t pc)
{
    if (c->refused.type == UC_MEM_FETCH) {
        /* The stacked PC is the address that could not be fetched; no fault address. */
        if (c->refused.bus)
            trace_bus_refusal(c, pc, 'x', pc);
        cm_raise_fault(c, c->refused.bus ? CFSR_IBUSERR : CFSR_IACCVIOL, 0, pc);
        return;
    }
    bool bus;
    uint32_t addr = fault_address(c, pc, &bus);
    if (bus) {
        trace_bus_refusal(c, addr, c->refused.type == UC_MEM_WRITE ? 'w' : 'r', pc);
        cm_raise_fault(c, CFSR_PRECISERR | CFSR_BFARVALID, addr, pc);
    } else {
        cm_raise_fault(c, CFSR_DACCVIOL | CFSR_MMARVALID, addr, pc);
    }
}

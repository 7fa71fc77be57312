/* Breakpoints, watchpoints and single steps on Unicorn (see debug.h for the method). */
#include "sim/cpu/uc/debug.h"

#include <string.h>

void uc_debug_init(struct uc_debug *d, uc_engine *uc, uint64_t *now, void *cpu,
                   uint32_t (*insn_length)(void *cpu, uint32_t addr), bool *host_lookup)
{
    memset(d, 0, sizeof(*d));
    d->uc = uc;
    d->now = now;
    d->cpu = cpu;
    d->insn_length = insn_length;
    d->host_lookup = host_lookup;
}

static void update_active(struct uc_debug *d)
{
    d->active = d->nbreaks || d->nwatches || d->precise || d->want_precise || d->draining;
}

static bool is_break(const struct uc_debug *d, uint32_t addr)
{
    for (int i = 0; i < d->nbreaks; i++)
        if (d->breaks[i] == addr)
            return true;
    return false;
}

/* The first breakpoint in [addr, addr + size), or addr + size if none. */
static uint32_t first_break_in(const struct uc_debug *d, uint32_t addr, uint32_t size)
{
    uint32_t first = addr + size;
    for (int i = 0; i < d->nbreaks; i++)
        if (d->breaks[i] - addr < size && d->breaks[i] < first)
            first = d->breaks[i];
    return first;
}

bool uc_debug_set_break(struct uc_debug *d, uint32_t addr, bool on)
{
    for (int i = 0; i < d->nbreaks; i++)
        if (d->breaks[i] == addr) {
            if (!on)
                d->breaks[i] = d->breaks[--d->nbreaks];
            return true;                /* GDB may insert the same one twice */
        }
    if (!on)
        return false;
    if (d->nbreaks == UC_DEBUG_MAX_BREAKS)
        return false;
    d->breaks[d->nbreaks++] = addr;
    update_active(d);
    return true;
}

/* Every translation goes after a hook is added or removed: hooks are compiled into translated
 * code. Unicorn's own lookups meanwhile are granted (doc/unicorn.md, "Host lookups"), and
 * what they put in the TLB is dropped after. */
static void flush_all(struct uc_debug *d)
{
    *d->host_lookup = true;
    uc_ctl_flush_tb(d->uc);
    *d->host_lookup = false;
    uc_ctl_flush_tlb(d->uc);
}

/* A removed hook stays in Unicorn's list until the end of the next uc_emu_start, and code
 * translated meanwhile is translated as if a code hook existed: Thumb code then misbehaves
 * later, without any hook (observed: a kernel fault after one single step in an app). So the
 * next run stops at its first block (draining), and everything translated is dropped again. */
static void del_hook(struct uc_debug *d, uc_hook h)
{
    *d->host_lookup = true;
    uc_hook_del(d->uc, h);
    *d->host_lookup = false;
    flush_all(d);
    d->draining = true;
    update_active(d);
}

/* Undoes the count of the current block's instructions from `from` on (they have not run):
 * the block was counted whole when it started. */
static void take_back(struct uc_debug *d, uint32_t from)
{
    uint32_t ran = 0;
    for (uint32_t a = d->block_start; a != from && ran < d->block_icount; ran++) {
        uint32_t len = d->insn_length(d->cpu, a);
        if (!len)
            break;
        a += len;
    }
    if (ran < d->block_icount)
        *d->now -= d->block_icount - ran;
    d->block_icount = ran;
}

static void stop_at(struct uc_debug *d, enum cpu_debug_event ev, uint32_t pc)
{
    d->stopped = true;
    d->stop = (struct cpu_debug_stop){ .event = ev, .pc = pc };
    uc_emu_stop(d->uc);
}

void uc_debug_stopped(struct uc_debug *d, enum cpu_debug_event ev, uint32_t pc)
{
    d->stopped = true;
    d->stop = (struct cpu_debug_stop){ .event = ev, .pc = pc };
}

/* Precise mode: before every instruction. Stops a step after its one instruction (or before
 * the first instruction of a handler entered before it), and at breakpoints. */
static void on_insn(uc_engine *uc, uint64_t address, uint32_t size, void *ud)
{
    (void)uc;
    (void)size;
    struct uc_debug *d = ud;
    uint32_t addr = (uint32_t)address;
    if (d->stopped)
        return;
    if (d->watch_pending) {             /* the previous instruction hit a watchpoint */
        d->watch_pending = false;
        take_back(d, addr);
        d->stopped = true;
        d->stop.pc = addr;
        uc_emu_stop(d->uc);
        return;
    }
    bool first = ++d->insns == 1;
    bool stop = d->stepping ? !first || addr != d->step_pc
                            : is_break(d, addr) && !(first && d->skip_armed && addr == d->skip_pc);
    if (first)
        d->skip_armed = false;
    if (stop) {
        take_back(d, addr);
        stop_at(d, d->stepping ? CPU_DEBUG_STEP : CPU_DEBUG_BREAK, addr);
    }
}

static void on_mem(uc_engine *uc, uc_mem_type type, uint64_t address, int size, int64_t value, void *ud)
{
    (void)uc;
    (void)type;
    (void)value;
    struct uc_debug_watch *w = ud;
    struct uc_debug *d = w->d;
    uint32_t addr = (uint32_t)address;
    if (d->stopped || d->watch_pending || addr >= w->addr + w->len || addr + (uint32_t)size <= w->addr)
        return;                         /* the hook's range is wider than the watch */
    /* Stopping here would leave Unicorn's pc on this instruction with its store done (a
     * resume would run it twice): the code hook stops before the next instruction instead. */
    d->watch_pending = true;
    d->stop = (struct cpu_debug_stop){ .event = CPU_DEBUG_WATCH, .kind = w->kind,
                                       .addr = addr < w->addr ? w->addr : addr };
}

static bool add_watch_hook(struct uc_debug *d, struct uc_debug_watch *w)
{
    int type = w->kind == CPU_WATCH_WRITE ? UC_HOOK_MEM_WRITE
             : w->kind == CPU_WATCH_READ ? UC_HOOK_MEM_READ : UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE;
    /* Accesses of up to 8 bytes that start before the range still overlap it. */
    uint64_t begin = w->addr >= 7 ? w->addr - 7u : 0, end = (uint64_t)w->addr + w->len - 1;
    if (uc_hook_add(d->uc, &w->hook, type, (void *)on_mem, w, begin, end) != UC_ERR_OK)
        return false;
    flush_all(d);
    return true;
}

/* Watches stay in their slot while they exist: their hook's user data points to it. */
bool uc_debug_set_watch(struct uc_debug *d, uint32_t addr, uint32_t len, enum cpu_watch_kind kind, bool on)
{
    struct uc_debug_watch *free_slot = NULL;
    for (int i = 0; i < UC_DEBUG_MAX_WATCHES; i++) {
        struct uc_debug_watch *w = &d->watches[i];
        if (!w->d) {
            free_slot = free_slot ? free_slot : w;
            continue;
        }
        if (w->addr != addr || w->len != len || w->kind != kind)
            continue;
        if (!on) {
            del_hook(d, w->hook);
            w->d = NULL;
            d->nwatches--;
        }
        return true;
    }
    if (!on || !len || !free_slot)
        return false;
    *free_slot = (struct uc_debug_watch){ .addr = addr, .len = len, .kind = kind, .d = d };
    if (!add_watch_hook(d, free_slot)) {
        free_slot->d = NULL;
        return false;
    }
    d->nwatches++;
    update_active(d);
    return true;
}

void uc_debug_resume(struct uc_debug *d, uint32_t pc)
{
    d->watch_pending = false;
    d->skip_armed = is_break(d, pc);
    d->skip_pc = pc;
}

void uc_debug_prepare(struct uc_debug *d, bool step, uint32_t pc)
{
    if (d->drained) {
        flush_all(d);                       /* the removed hooks are gone now */
        d->drained = false;
    }
    d->stopped = d->mode_change = false;
    d->stepping = step;
    d->step_pc = pc;
    d->insns = 0;
    bool need = step || d->nwatches || d->want_precise;
    if (need && !d->precise) {
        uc_hook_add(d->uc, &d->code_hook, UC_HOOK_CODE, (void *)on_insn, d, 1, 0);
        flush_all(d);
        d->precise = true;
    } else if (!need && d->precise) {
        del_hook(d, d->code_hook);
        d->precise = false;
    }
    update_active(d);
}

/* Stops before the block at addr so that precise mode can be armed or removed first. */
static bool change_mode(struct uc_debug *d, bool precise)
{
    d->want_precise = precise;
    d->mode_change = true;
    uc_emu_stop(d->uc);
    return true;
}

bool uc_debug_block(struct uc_debug *d, uint32_t addr, uint32_t size, uint32_t icount)
{
    if (d->draining) {
        d->draining = false;
        d->drained = true;
        return change_mode(d, d->want_precise);
    }
    if (d->precise) {
        if (!d->stepping && !d->nwatches && first_break_in(d, addr, size) == addr + size)
            return change_mode(d, false);   /* nothing here needs it: full speed again */
        d->block_start = addr;
        d->block_icount = icount;
        return false;
    }
    uint32_t skip = d->skip_armed && addr == d->skip_pc ? 1 : 0;
    uint32_t b = first_break_in(d, addr + skip, size - skip);
    if (b == addr + size) {
        d->skip_armed = false;              /* the block runs: its first instruction too */
        return false;
    }
    if (b != addr)
        return change_mode(d, true);        /* inside the block: run it instruction by instruction */
    stop_at(d, CPU_DEBUG_BREAK, addr);
    return true;
}

void uc_debug_code_changed(struct uc_debug *d, uint32_t addr, uint32_t len)
{
    *d->host_lookup = true;
    uc_ctl_remove_cache(d->uc, addr, (uint64_t)addr + len);
    *d->host_lookup = false;
}

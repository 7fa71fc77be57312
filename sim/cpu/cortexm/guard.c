/*
 * Usage faults that Unicorn 2.1's core (QEMU 5.0) does not raise, because it lacks the trap or
 * cannot see our SCS:
 *   - CCR.DIV_0_TRP: SDIV/UDIV with a zero divisor -> DIVBYZERO (ARMv7-M ARM B3.2.8, A7.7.127,
 *     A7.7.195); without the trap the result is 0, which Unicorn already does;
 *   - CCR.UNALIGN_TRP: an unaligned halfword or word load/store -> UNALIGNED (A3.2.1);
 *   - CPACR: a floating-point instruction (coprocessor 10/11 space, A5.3.18) while CPACR denies
 *     the current privilege CP10/CP11 -> NOCP (B3.2.20, B1.5.14).
 * Each fault is precise: the instruction does not execute, the stacked PC is its address.
 *
 * How: while a trap is armed, one code hook covers all guest code and looks at each
 * instruction before it runs (the divisor register; the addresses, from the Thumb decoder; the
 * privilege). That costs a callback per instruction, so a guest pays only while a trap is
 * armed. CPACR denies FP from reset, so the FP trap is armed lazily: while CPACR denies, each
 * block is decoded the first time it is seen (a miss of the block-count cache), and only a
 * block holding an FP instruction arms the hook, before it runs. Hooks on single
 * instructions would be cheaper, but in our machine Unicorn 2.1 then mis-executes Thumb code
 * elsewhere (observed: a conditional branch not taken, an FP instruction reported invalid,
 * once any code hook with a bounded range exists; doc/cpu-cortexm.md).
 * Arming or disarming flushes the translations (hooks are compiled into them), so it happens
 * between uc_emu_start calls.
 */
#include "sim/cpu/cortexm/internal.h"
#include "sim/cpu/cortexm/thumb_access.h"

enum { CCR_UNALIGN_TRP = 1u << 3, CCR_DIV_0_TRP = 1u << 4 };

/* CPACR.CP10 (CP11 must be programmed the same, B3.2.20): 0 denied, 1 privileged, 3 full. */
static bool fp_denied_somewhere(const struct cortexm *c)
{
    return ((c->scs.cpacr >> CPACR_CP10_SHIFT) & CPACR_CP_FULL) != CPACR_CP_FULL;
}

static bool fp_allowed(struct cortexm *c)
{
    uint32_t cp10 = (c->scs.cpacr >> CPACR_CP10_SHIFT) & CPACR_CP_FULL;
    return cp10 == 3 || (cp10 == 1 && cm_privileged(c));
}

static uint32_t wanted_traps(const struct cortexm *c)
{
    return ((c->scs.ccr & CCR_DIV_0_TRP) ? CM_TRAP_DIV0 : 0) |
           ((c->scs.ccr & CCR_UNALIGN_TRP) ? CM_TRAP_UNALIGNED : 0) |
           (c->fp_seen && fp_denied_somewhere(c) ? CM_TRAP_FP : 0);
}

static bool is_divide(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xffd0) == 0xfb90 && (hw2 & 0xf0f0) == 0xf0f0;      /* SDIV T1, UDIV T1 */
}

/* Coprocessor space (hw1 = 111x 11xx xxxx xxxx) for coprocessor 10 or 11: the FP instructions. */
static bool is_fp(uint16_t hw1, uint16_t hw2)
{
    return (hw1 & 0xec00) == 0xec00 && ((hw2 >> 8) & 0xe) == 0xa;
}

static void read_regs(struct cortexm *c, uint32_t addr, uint32_t regs[16])
{
    static const int ids[15] = { UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
        UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7, UC_ARM_REG_R8, UC_ARM_REG_R9,
        UC_ARM_REG_R10, UC_ARM_REG_R11, UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR };
    void *ptrs[15];
    for (int i = 0; i < 15; i++)
        ptrs[i] = &regs[i];
    uc_reg_read_batch(c->uc, (int *)ids, ptrs, 15);
    regs[15] = addr;
}

/* The trap the instruction at addr raises now, as CFSR bits, or 0. */
static uint32_t trap_for(struct cortexm *c, uint32_t addr, uint16_t hw1, uint16_t hw2)
{
    uint32_t regs[16] = { 0 };
    struct thumb_access acc;
    if ((c->traps & CM_TRAP_FP) && is_fp(hw1, hw2) && !fp_allowed(c))
        return CFSR_NOCP;
    bool divide = (c->traps & CM_TRAP_DIV0) && is_divide(hw1, hw2);
    bool memory = (c->traps & CM_TRAP_UNALIGNED) && thumb_access_decode(hw1, hw2, regs, &acc) && acc.count;
    if (!divide && !memory)
        return 0;
    read_regs(c, addr, regs);
    if (divide)                                 /* Rm = 13..15 is UNPREDICTABLE (A7.7.127) */
        return (hw2 & 0xf) < 13 && regs[hw2 & 0xf] == 0 ? CFSR_DIVBYZERO : 0;
    thumb_access_decode(hw1, hw2, regs, &acc);
    for (int i = 0; i < acc.count; i++)
        if (acc.acc[i].size > 1 && (acc.acc[i].addr & (acc.acc[i].size - 1u)))
            return CFSR_UNALIGNED;
    return 0;
}

/* Records the addresses of the instructions an IT block still makes conditional, from `first`:
 * 1 to 4 of them, as many as the IT mask's lowest set bit says (A7.3.3). */
static void set_it_range(struct cortexm *c, uint32_t first, unsigned mask)
{
    int count = mask ? 4 - __builtin_ctz(mask) : 0;
    uint32_t end = first;
    for (int i = 0; i < count; i++) {
        uint16_t h = 0;
        cm_read_mem(c, end, &h, 2);
        end += thumb_insn_length(h);
    }
    c->it_begin = first;
    c->it_end = end;
}

/* An IT instruction (A7.7.38: 1011 1111 cond mask, mask != 0) at addr. */
static bool note_it_block(struct cortexm *c, uint32_t addr, uint16_t hw1)
{
    if ((hw1 & 0xff00) != 0xbf00 || (hw1 & 0xf) == 0)
        return false;
    set_it_range(c, addr + 2, hw1 & 0xf);
    return true;
}

void cm_traps_it_state(struct cortexm *c, uint32_t pc, uint32_t xpsr)
{
    unsigned mask = ((xpsr >> 8) & 0xc) | ((xpsr >> 25) & 0x3);      /* IT[3:2] bits 11:10, IT[1:0] 26:25 */
    set_it_range(c, pc, mask);
}

/* Code hook on every instruction while a trap is on. Inside an IT block Unicorn runs the
 * block as one unit and ignores a PC written by a hook, so a trap there cannot be precise: it
 * is not raised (the instruction runs as with the trap off) and a guest error says so, rather
 * than a half-taken exception. Condition-failed instructions never reach the hook. */
static void on_insn(uc_engine *uc, uint64_t address, uint32_t size, void *ud)
{
    struct cortexm *c = ud;
    (void)uc;
    uint32_t addr = (uint32_t)address;
    uint16_t hw[2] = { 0, 0 };
    if (!cm_read_mem(c, addr, hw, size >= 4 ? 4 : 2) || note_it_block(c, addr, hw[0]))
        return;
    uint32_t cfsr = trap_for(c, addr, hw[0], hw[1]);
    if (cfsr && addr >= c->it_begin && addr < c->it_end) {
        trace_guest_error(c->cfg.trace, "cpu", "usage fault (CFSR 0x%08x) inside an IT block at 0x%08x not "
                          "raised: Unicorn cannot stop there; the instruction runs untrapped", cfsr, addr);
        return;
    }
    if (cfsr)
        cm_raise_fault(c, cfsr, 0, addr);       /* PC moves: Unicorn skips the instruction */
}

/* The block cache decides which blocks are decoded for FP (a miss is), so a restore must know
 * whether every cached block was: icache_fp_checked holds while blocks are cached only under
 * fp_watch && !fp_seen, and becomes true again when the cache is emptied under them. */
static void note_fp_watch(struct cortexm *c)
{
    if (!c->fp_watch || c->fp_seen)
        c->icache_fp_checked = false;
}

void cm_traps_changed(void *ctx)
{
    struct cortexm *c = ctx;
    bool watch = fp_denied_somewhere(c);
    if (watch && !c->fp_watch) {
        uc_icount_forget(c->icache);            /* so every block is decoded again */
        c->icache_fp_checked = true;
    }
    c->fp_watch = watch;
    if (!watch)
        c->fp_seen = false;
    note_fp_watch(c);
    if (wanted_traps(c) == c->traps)
        return;
    c->traps_dirty = true;
    c->limit = 0;                               /* routes the next block through block_slow */
}

void cm_traps_apply(struct cortexm *c)
{
    c->traps_dirty = false;
    uint32_t want = wanted_traps(c);
    if ((want != 0) == (c->traps != 0)) {
        c->traps = want;                        /* the hook looks at c->traps each time */
        return;
    }
    c->traps = want;
    if (want) {
        uc_hook_add(c->uc, &c->trap_hook, UC_HOOK_CODE, on_insn, c, 1, 0);
    } else {
        c->host_lookup = true;                  /* Unicorn's own lookups (doc/unicorn.md) */
        uc_hook_del(c->uc, c->trap_hook);
        c->host_lookup = false;
        c->trap_hook = 0;
    }
    uc_ctl_flush_tb(c->uc);                     /* hooks are compiled into translations */
    uc_tlb_settle(c->uc, &c->tlb_watch);                    /* drop what host lookups were granted */
}

bool cm_traps_fp_block(struct cortexm *c, uint32_t addr, uint32_t size)
{
    uint16_t code[CM_PAGE_SIZE];                /* a block never spans more than two pages */
    uint32_t n = size / 2 < CM_PAGE_SIZE ? size / 2 : CM_PAGE_SIZE;     /* whole instructions */
    if (!cm_read_mem(c, addr, code, n * 2))
        return false;
    for (uint32_t i = 0; i < n; i += thumb_insn_length(code[i]) / 2)
        if (is_fp(code[i], i + 1 < n ? code[i + 1] : 0)) {
            c->fp_seen = true;
            c->icache_fp_checked = false;
            c->traps_dirty = true;
            return true;
        }
    return false;
}

void cm_traps_restored(struct cortexm *c)
{
    if (c->fp_watch && !c->fp_seen && !c->icache_fp_checked) {
        uc_icount_forget(c->icache);            /* blocks cached since may hold FP */
        c->icache_fp_checked = true;
    }
    note_fp_watch(c);
    cm_traps_apply(c);                          /* arms or disarms the hook as CCR/CPACR say */
}

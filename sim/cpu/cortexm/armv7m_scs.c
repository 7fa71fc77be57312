/*
 * ARMv7-M System Control Space: NVIC, System Control Block and the exception state they hold.
 *
 * Follows the ARMv7-M Architecture Reference Manual (ARM DDI 0403E): B1.5 (exception model and
 * priorities), B3.2 (SCS and SCB registers), B3.4 (NVIC). ID values are the Cortex-M4 r0p1's
 * (Cortex-M4 TRM, ARM DDI 0439B, 4.1). SysTick (B3.3) is in armv7m_systick.c and the PMSAv7 MPU
 * (B3.5) in armv7m_mpu.c; this file dispatches their offsets.
 *
 * Not modelled: debug (DHCSR/DEMCR/DFSR: DFSR reads 0), ACTLR, the FPU registers (FPCCR...),
 * the CoreSight ID block at 0xFD0, AFSR (reads 0: no auxiliary faults), VECTRESET (debug only:
 * traced and ignored), sleep (SCR is stored for the CPU backend to read).
 *
 * Readings of unclear spots:
 *  - Level-sensitive IRQs (B3.4.1): an IRQ becomes pending on a rising input, and whenever its
 *    input is high while it is not active (so ICPR or exception return with the line still high
 *    re-pends it at once).
 *  - ICSR: PENDSVSET with PENDSVCLR (or PENDSTSET with PENDSTCLR) is UNPREDICTABLE: set wins.
 *    VECTPENDING ignores BASEPRI/PRIMASK (the SCS does not see them): it is the highest-priority
 *    pending, enabled exception. RETTOBASE is 1 when at most one exception is active.
 *  - VECTACTIVE is the innermost acknowledged exception not yet completed. SHCSR writes that
 *    clear an active bit drop it from that stack; writes that set one do not push it.
 *  - Sub-word writes are accepted only where the ARM ARM defines them (NVIC_IPR, SHPR1-3, CFSR);
 *    elsewhere they are guest errors and ignored. Sub-word reads return the bytes of the word.
 */
#include "sim/cpu/cortexm/armv7m_scs.h"
#include "sim/cpu/cortexm/armv7m_scs_internal.h"

#include <string.h>

enum {
    A_ICTR = 0x004,
    A_SYST_FIRST = 0x010, A_SYST_LAST = 0x01c,
    A_ISER = 0x100, A_ICER = 0x180, A_ISPR = 0x200, A_ICPR = 0x280, A_IABR = 0x300,
    A_IPR = 0x400, A_IPR_LAST = 0x5ec,
    A_CPUID = 0xd00, A_ICSR = 0xd04, A_VTOR = 0xd08, A_AIRCR = 0xd0c, A_SCR = 0xd10,
    A_CCR = 0xd14, A_SHPR1 = 0xd18, A_SHPR3 = 0xd20, A_SHCSR = 0xd24, A_CFSR = 0xd28,
    A_HFSR = 0xd2c, A_DFSR = 0xd30, A_MMFAR = 0xd34, A_BFAR = 0xd38, A_AFSR = 0xd3c,
    A_ID_PFR0 = 0xd40, A_ID_LAST = 0xd7c, A_CPACR = 0xd88,
    A_MPU_FIRST = 0xd90, A_MPU_LAST = 0xdb8,
    A_STIR = 0xf00,
};
#define NVIC_BANK_WORDS 16          /* ISER0..ISER15 etc. in the architecture (B3.4.3) */

enum {
    ICSR_VECTACTIVE = 0x1ff, ICSR_RETTOBASE = 1u << 11, ICSR_VECTPENDING_SHIFT = 12,
    ICSR_ISRPENDING = 1u << 22, ICSR_PENDSTCLR = 1u << 25, ICSR_PENDSTSET = 1u << 26,
    ICSR_PENDSVCLR = 1u << 27, ICSR_PENDSVSET = 1u << 28, ICSR_NMIPENDSET = 1u << 31,
};
enum {
    AIRCR_VECTRESET = 1u << 0, AIRCR_VECTCLRACTIVE = 1u << 1, AIRCR_SYSRESETREQ = 1u << 2,
    AIRCR_PRIGROUP_SHIFT = 8, AIRCR_VECTKEY = 0x05fau, AIRCR_VECTKEYSTAT = 0xfa05u,
};
enum { SCR_MASK = 0x16, CCR_MASK = 0x31b, CCR_STKALIGN = 1u << 9 };
enum { HFSR_MASK = 0xc0000002, CPACR_MASK = 0x00f00000 };
#define VTOR_MASK 0xffffff80u
#define CPUID_CORTEX_M4_R0P1 0x410fc241u

/* ID_PFR0..ID_ISAR4 (0xD40..0xD70), then reserved words up to 0xD7C that read 0. */
static const uint32_t cortex_m4_id[16] = {
    0x00000030, 0x00000200, 0x00100000, 0x00000000,     /* PFR0, PFR1, DFR0, AFR0 */
    0x00100030, 0x00000000, 0x01000000, 0x00000000,     /* MMFR0..MMFR3 */
    0x01141110, 0x02111000, 0x21112231, 0x01111110,     /* ISAR0..ISAR3 */
    0x01310132,                                         /* ISAR4 */
};

/* SHCSR bits (B3.2.13): which exception and which piece of its state each bit shows. */
enum shcsr_kind { SH_ACTIVE, SH_PENDING, SH_ENABLED };
static const struct { uint8_t bit, exc, kind; } shcsr_bits[] = {
    { 0, V7M_EXC_MEMMANAGE, SH_ACTIVE }, { 1, V7M_EXC_BUSFAULT, SH_ACTIVE },
    { 3, V7M_EXC_USAGEFAULT, SH_ACTIVE }, { 7, V7M_EXC_SVCALL, SH_ACTIVE },
    { 8, V7M_EXC_DEBUGMON, SH_ACTIVE }, { 10, V7M_EXC_PENDSV, SH_ACTIVE },
    { 11, V7M_EXC_SYSTICK, SH_ACTIVE }, { 12, V7M_EXC_USAGEFAULT, SH_PENDING },
    { 13, V7M_EXC_MEMMANAGE, SH_PENDING }, { 14, V7M_EXC_BUSFAULT, SH_PENDING },
    { 15, V7M_EXC_SVCALL, SH_PENDING }, { 16, V7M_EXC_MEMMANAGE, SH_ENABLED },
    { 17, V7M_EXC_BUSFAULT, SH_ENABLED }, { 18, V7M_EXC_USAGEFAULT, SH_ENABLED },
};

/* Something may have become pending or able to preempt: the CPU backend re-evaluates. */
void armv7m_scs_update(struct armv7m_scs *s)
{
    armv7m_scs_forget(s);               /* the callers changed exception state */
    armv7m_scs_notify(s);
}

void armv7m_scs_notify(struct armv7m_scs *s)
{
    if (s->hooks.pending_changed)
        s->hooks.pending_changed(s->hooks.ctx);
}

/* CCR or CPACR changed: the CPU backend arms or disarms the traps they control. */
static void scs_traps_changed(struct armv7m_scs *s)
{
    if (s->hooks.traps_changed)
        s->hooks.traps_changed(s->hooks.ctx);
}

static void scs_guest_error(struct armv7m_scs *s, const char *what, uint32_t offset)
{
    trace_guest_error(s->env.trace, s->env.name, "armv7m-scs: %s 0x%03x", what, offset);
}

/* ---- NVIC registers (B3.4) ------------------------------------------------------------------ */

/* Bits of an NVIC bank word: IRQs 32*word .. 32*word+31 (unimplemented ones read 0). */
static uint32_t nvic_read_bank(const struct armv7m_scs *s, uint32_t bank, int word)
{
    uint32_t v = 0;
    for (int i = 0; i < 32 && word * 32 + i < s->num_irq; i++) {
        const struct armv7m_exc *x = &s->exc[V7M_EXC_IRQ0 + word * 32 + i];
        bool bit = bank == A_ISER || bank == A_ICER ? x->enabled
                 : bank == A_ISPR || bank == A_ICPR ? x->pending : x->active;
        v |= (uint32_t)bit << i;
    }
    return v;
}

static void nvic_write_bank(struct armv7m_scs *s, uint32_t bank, int word, uint32_t value)
{
    for (int i = 0; i < 32 && word * 32 + i < s->num_irq; i++) {
        int e = V7M_EXC_IRQ0 + word * 32 + i;
        if (!(value >> i & 1))
            continue;
        if (bank == A_ISER)
            s->exc[e].enabled = true;
        else if (bank == A_ICER)
            s->exc[e].enabled = false;
        else if (bank == A_ISPR)
            s->exc[e].pending = true;
        else {
            s->exc[e].pending = false;
            armv7m_scs_relatch(s, e);
        }
    }
    armv7m_scs_update(s);
}

/* The exception whose priority byte is at `offset` (NVIC_IPR or SHPR1-3), or NULL if RAZ/WI. */
static struct armv7m_exc *scs_prio_byte(struct armv7m_scs *s, uint32_t offset)
{
    if (offset >= A_IPR && offset < A_IPR + (uint32_t)s->num_irq)
        return &s->exc[V7M_EXC_IRQ0 + (offset - A_IPR)];
    if (offset < A_SHPR1 || offset >= A_SHPR1 + 12)
        return NULL;
    int e = 4 + (int)(offset - A_SHPR1);
    switch (e) {
    case V7M_EXC_MEMMANAGE: case V7M_EXC_BUSFAULT: case V7M_EXC_USAGEFAULT:
    case V7M_EXC_SVCALL: case V7M_EXC_DEBUGMON: case V7M_EXC_PENDSV: case V7M_EXC_SYSTICK:
        return &s->exc[e];
    default:
        return NULL;                    /* reserved exception numbers */
    }
}

static uint32_t scs_read_prio_word(struct armv7m_scs *s, uint32_t offset)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < 4; i++) {
        const struct armv7m_exc *x = scs_prio_byte(s, offset + i);
        v |= x ? (uint32_t)x->prio << (8 * i) : 0;
    }
    return v;
}

static void scs_write_prio_bytes(struct armv7m_scs *s, uint32_t offset, uint32_t value,
                                 unsigned size)
{
    for (unsigned i = 0; i < size; i++) {
        struct armv7m_exc *x = scs_prio_byte(s, offset + i);
        if (x)
            x->prio = (uint8_t)(value >> (8 * i)) & armv7m_scs_prio_mask(s);
    }
    armv7m_scs_update(s);
}

#define NVIC_BANK(a) (a) ... (a) + 4 * NVIC_BANK_WORDS - 4
#define NVIC_WORD(offset) ((int)((offset) & 0x7f) / 4)

/* NVIC word registers at 0x004..0x5EC. */
static uint32_t nvic_read(struct armv7m_scs *s, uint32_t offset)
{
    switch (offset) {
    case A_ICTR:
        return s->num_irq > 0 ? (uint32_t)(s->num_irq - 1) / 32 : 0;
    case NVIC_BANK(A_ISER): case NVIC_BANK(A_ICER): case NVIC_BANK(A_ISPR):
    case NVIC_BANK(A_ICPR): case NVIC_BANK(A_IABR):
        return nvic_read_bank(s, offset & ~0x7fu, NVIC_WORD(offset));
    case A_IPR ... A_IPR_LAST:
        return scs_read_prio_word(s, offset);
    default:
        scs_guest_error(s, "read of bad offset", offset);
        return 0;
    }
}

static void nvic_write(struct armv7m_scs *s, uint32_t offset, uint32_t value)
{
    switch (offset) {
    case NVIC_BANK(A_ISER): case NVIC_BANK(A_ICER): case NVIC_BANK(A_ISPR): case NVIC_BANK(A_ICPR):
        nvic_write_bank(s, offset & ~0x7fu, NVIC_WORD(offset), value);
        return;
    case A_IPR ... A_IPR_LAST:
        scs_write_prio_bytes(s, offset, value, 4);
        return;
    case A_ICTR: case NVIC_BANK(A_IABR):
        scs_guest_error(s, "write to read-only register", offset);
        return;
    default:
        scs_guest_error(s, "write to bad offset", offset);
        return;
    }
}

/* ---- SCB registers (B3.2) ------------------------------------------------------------------- */

static uint32_t scb_read_icsr(struct armv7m_scs *s)
{
    uint32_t v = (uint32_t)armv7m_scs_preempting(s, V7M_PRIO_THREAD + 1) << ICSR_VECTPENDING_SHIFT;
    for (int i = 0; i < s->num_irq; i++) {
        if (s->exc[V7M_EXC_IRQ0 + i].pending)
            v |= ICSR_ISRPENDING;
    }
    if (s->exc[V7M_EXC_NMI].pending)
        v |= ICSR_NMIPENDSET;
    if (s->exc[V7M_EXC_PENDSV].pending)
        v |= ICSR_PENDSVSET;
    if (s->exc[V7M_EXC_SYSTICK].pending)
        v |= ICSR_PENDSTSET;
    if (armv7m_scs_active_count(s) <= 1)
        v |= ICSR_RETTOBASE;
    if (s->active_depth > 0)
        v |= s->active_stack[s->active_depth - 1];
    return v;
}

static uint32_t scb_read_shcsr(const struct armv7m_scs *s)
{
    uint32_t v = 0;
    for (size_t i = 0; i < sizeof shcsr_bits / sizeof shcsr_bits[0]; i++) {
        const struct armv7m_exc *x = &s->exc[shcsr_bits[i].exc];
        bool b = shcsr_bits[i].kind == SH_ACTIVE ? x->active
               : shcsr_bits[i].kind == SH_PENDING ? x->pending : x->enabled;
        v |= (uint32_t)b << shcsr_bits[i].bit;
    }
    return v;
}

/* SCB word registers at 0xD00..0xD8C, and STIR. */
static uint32_t scb_read(struct armv7m_scs *s, uint32_t offset)
{
    switch (offset) {
    case A_CPUID: return CPUID_CORTEX_M4_R0P1;
    case A_ICSR: return scb_read_icsr(s);
    case A_VTOR: return s->vtor;
    case A_AIRCR: return (uint32_t)AIRCR_VECTKEYSTAT << 16 | s->prigroup << AIRCR_PRIGROUP_SHIFT;
    case A_SCR: return s->scr;
    case A_CCR: return s->ccr;
    case A_SHPR1 ... A_SHPR3: return scs_read_prio_word(s, offset);
    case A_SHCSR: return scb_read_shcsr(s);
    case A_CFSR: return s->cfsr;
    case A_HFSR: return s->hfsr;
    case A_DFSR: case A_AFSR: return 0;
    case A_MMFAR: return s->mmfar;
    case A_BFAR: return s->bfar;
    case A_ID_PFR0 ... A_ID_LAST: return cortex_m4_id[(offset - A_ID_PFR0) / 4];
    case A_CPACR: return s->cpacr;
    default:
        scs_guest_error(s, "read of bad offset", offset);   /* STIR is write-only */
        return 0;
    }
}

/* PENDSVSET with PENDSVCLR (PENDSTSET with PENDSTCLR) is UNPREDICTABLE: set wins. */
static void scb_write_icsr(struct armv7m_scs *s, uint32_t value)
{
    if (value & ICSR_NMIPENDSET)
        s->exc[V7M_EXC_NMI].pending = true;
    if (value & (ICSR_PENDSVSET | ICSR_PENDSVCLR))
        s->exc[V7M_EXC_PENDSV].pending = value & ICSR_PENDSVSET;
    if (value & (ICSR_PENDSTSET | ICSR_PENDSTCLR))
        s->exc[V7M_EXC_SYSTICK].pending = value & ICSR_PENDSTSET;
    armv7m_scs_update(s);
}

static void scb_write_aircr(struct armv7m_scs *s, uint32_t value)
{
    if (value >> 16 != AIRCR_VECTKEY) {
        scs_guest_error(s, "AIRCR write without VECTKEY (ignored) at", A_AIRCR);
        return;
    }
    s->prigroup = (value >> AIRCR_PRIGROUP_SHIFT) & 7;
    if (value & AIRCR_VECTCLRACTIVE) {
        for (int e = 1; e < armv7m_scs_num_exc(s); e++) {
            s->exc[e].active = false;
            armv7m_scs_relatch(s, e);
        }
        s->active_depth = 0;
    }
    if (value & AIRCR_VECTRESET)
        scs_guest_error(s, "AIRCR.VECTRESET outside debug (ignored) at", A_AIRCR);
    armv7m_scs_update(s);
    if ((value & AIRCR_SYSRESETREQ) && s->hooks.reset_request)
        s->hooks.reset_request(s->hooks.ctx);
}

static void scb_write_shcsr(struct armv7m_scs *s, uint32_t value)
{
    for (size_t i = 0; i < sizeof shcsr_bits / sizeof shcsr_bits[0]; i++) {
        struct armv7m_exc *x = &s->exc[shcsr_bits[i].exc];
        bool b = value >> shcsr_bits[i].bit & 1;
        if (shcsr_bits[i].kind == SH_PENDING)
            x->pending = b;
        else if (shcsr_bits[i].kind == SH_ENABLED)
            x->enabled = b;
        else {
            if (x->active && !b)
                armv7m_scs_stack_remove(s, shcsr_bits[i].exc);
            x->active = b;
        }
    }
    armv7m_scs_update(s);
}

static void scb_write_stir(struct armv7m_scs *s, uint32_t value)
{
    uint32_t irq = value & 0x1ff;
    if (irq >= (uint32_t)s->num_irq)
        scs_guest_error(s, "STIR names no implemented IRQ at", A_STIR);
    else
        armv7m_scs_set_pending(s, V7M_EXC_IRQ0 + (int)irq);
}

static void scb_write(struct armv7m_scs *s, uint32_t offset, uint32_t value)
{
    switch (offset) {
    case A_ICSR: scb_write_icsr(s, value); return;
    case A_VTOR: s->vtor = value & VTOR_MASK; return;
    case A_AIRCR: scb_write_aircr(s, value); return;
    case A_SCR: s->scr = value & SCR_MASK; return;
    case A_CCR: s->ccr = value & CCR_MASK; scs_traps_changed(s); return;
    case A_SHPR1 ... A_SHPR3: scs_write_prio_bytes(s, offset, value, 4); return;
    case A_SHCSR: scb_write_shcsr(s, value); return;
    case A_CFSR: s->cfsr &= ~value; return;
    case A_HFSR: s->hfsr &= ~(value & HFSR_MASK); return;
    case A_DFSR: case A_AFSR: return;   /* nothing recorded: write-one-to-clear of zeros */
    case A_MMFAR: s->mmfar = value; return;
    case A_BFAR: s->bfar = value; return;
    case A_CPACR: s->cpacr = value & CPACR_MASK; scs_traps_changed(s); return;
    case A_STIR: scb_write_stir(s, value); return;
    case A_CPUID: case A_ID_PFR0 ... A_ID_LAST:
        scs_guest_error(s, "write to read-only register", offset);
        return;
    default:
        scs_guest_error(s, "write to bad offset", offset);
        return;
    }
}

/* ---- dispatch ------------------------------------------------------------------------------- */

static uint32_t scs_read_word(struct armv7m_scs *s, uint32_t offset)
{
    if (offset >= A_SYST_FIRST && offset <= A_SYST_LAST)
        return armv7m_systick_read(s, offset);
    if (offset >= A_MPU_FIRST && offset <= A_MPU_LAST)
        return armv7m_mpu_read(s, offset);
    return offset < A_CPUID ? nvic_read(s, offset) : scb_read(s, offset);
}

static uint32_t scs_read(void *dev, uint32_t offset, unsigned size)
{
    struct armv7m_scs *s = dev;
    armv7m_systick_catch_up(s);
    uint32_t word = scs_read_word(s, offset & ~3u);
    if (size >= 4)
        return word;
    return (word >> (8 * (offset & 3))) & ((1u << (8 * size)) - 1);
}

/* A debugger's read: done on a copy of the SCS with a trace of its own, so that nothing the
 * read changes (SysTick's COUNTFLAG) survives and a bad offset is a false, not a guest error.
 * The copy is a few kilobytes: nothing for a debugger's pace. */
static bool scs_peek(void *dev, uint32_t offset, uint32_t *value)
{
    struct armv7m_scs copy = *(const struct armv7m_scs *)dev;
    struct trace quiet;
    trace_init(&quiet, copy.env.clock, "peek");
    quiet.guest_log = NULL;
    copy.env.trace = &quiet;
    *value = scs_read_word(&copy, offset & ~3u);
    return quiet.guest_errors == 0;
}

/* Byte and halfword writes exist only for priorities and CFSR's MMFSR/BFSR/UFSR (B3.2.2). */
static bool scs_write_subword(struct armv7m_scs *s, uint32_t offset, uint32_t value, unsigned size)
{
    if ((offset >= A_IPR && offset <= A_IPR_LAST + 3) ||
        (offset >= A_SHPR1 && offset <= A_SHPR3 + 3)) {
        scs_write_prio_bytes(s, offset, value, size);
        return true;
    }
    if (offset >= A_CFSR && offset <= A_CFSR + 3) {
        s->cfsr &= ~(value << (8 * (offset & 3)));
        return true;
    }
    return false;
}

static void scs_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct armv7m_scs *s = dev;
    armv7m_systick_catch_up(s);
    if (size < 4) {
        value &= (1u << (8 * size)) - 1;
        if ((offset & (size - 1)) || !scs_write_subword(s, offset, value, size))
            scs_guest_error(s, "sub-word write (ignored) at", offset);
    } else if (offset & 3)
        scs_guest_error(s, "unaligned write (ignored) at", offset);
    else if (offset >= A_SYST_FIRST && offset <= A_SYST_LAST)
        armv7m_systick_write(s, offset, value);
    else if (offset >= A_MPU_FIRST && offset <= A_MPU_LAST)
        armv7m_mpu_write(s, offset, value);
    else if (offset < A_CPUID)
        nvic_write(s, offset, value);
    else
        scb_write(s, offset, value);
    /* NVIC and SCB writes change priorities, PRIGROUP, enables, pending and active bits;
     * SysTick and MPU writes none (SysTick pends through armv7m_scs_set_pending). */
    if (size < 4 || !((offset >= A_SYST_FIRST && offset <= A_SYST_LAST) ||
                      (offset >= A_MPU_FIRST && offset <= A_MPU_LAST)))
        armv7m_scs_forget(s);
}

/* ---- life cycle ----------------------------------------------------------------------------- */

void armv7m_scs_reset(void *scs)
{
    struct armv7m_scs *s = scs;
    armv7m_scs_forget(s);
    for (int e = 0; e < V7M_NUM_EXC; e++) {
        bool configurable = e == V7M_EXC_MEMMANAGE || e == V7M_EXC_BUSFAULT ||
                            e == V7M_EXC_USAGEFAULT || e >= V7M_EXC_IRQ0;
        /* The input level belongs to the wire, not to the controller: it survives reset. */
        s->exc[e] = (struct armv7m_exc){ .enabled = !configurable, .level = s->exc[e].level };
        if (e < armv7m_scs_num_exc(s))
            armv7m_scs_relatch(s, e);
    }
    s->active_depth = 0;
    s->vtor = s->prigroup = s->scr = s->cfsr = s->hfsr = s->mmfar = s->bfar = s->cpacr = 0;
    s->ccr = CCR_STKALIGN;
    scs_traps_changed(s);
    armv7m_systick_reset(s);
    armv7m_mpu_reset(&s->mpu);
}

void armv7m_scs_init(struct armv7m_scs *s, const struct device_env *env, int num_irq,
                     int prio_bits, uint64_t refclk_hz, const struct armv7m_scs_hooks *hooks)
{
    memset(s, 0, sizeof *s);
    s->env = *env;
    if (hooks)
        s->hooks = *hooks;
    s->num_irq = num_irq < 0 ? 0 : num_irq > V7M_MAX_IRQS ? V7M_MAX_IRQS : num_irq;
    s->prio_bits = prio_bits < 1 ? 1 : prio_bits > 8 ? 8 : prio_bits;
    s->refclk_hz = refclk_hz;
    armv7m_systick_init(s);
    armv7m_scs_reset(s);
}

/* Snapshots: exception state, system registers, SysTick and the MPU; the hooks are not
 * called on restore (the CPU backend restores after the SCS and rebuilds what derives from
 * it: MPU hooks, traps, pending checks). */
static void scs_snapshot(const void *dev, struct snap_writer *w)
{
    const struct armv7m_scs *s = dev;
    snap_put(w, SNAP_SPAN(s, exc, systick_event));
    snap_put(w, SNAP_TAIL(s, mpu));
    clock_event_snapshot(&s->systick_event, w);
}

static void scs_restore(void *dev, struct snap_reader *r)
{
    struct armv7m_scs *s = dev;
    snap_get(r, SNAP_SPAN(s, exc, systick_event));
    snap_get(r, SNAP_TAIL(s, mpu));
    armv7m_scs_forget(s);
    clock_event_restore(s->env.clock, &s->systick_event, r);
}

const struct device_ops armv7m_scs_ops = {
    .kind = "armv7m-scs",
    .reset = armv7m_scs_reset,
    .read = scs_read,
    .write = scs_write,
    .snapshot = scs_snapshot,
    .restore = scs_restore,
    .peek = scs_peek,
};

/* NVIC tests: enable/pending/active registers, priorities, preemption, tail-chaining, masks. */

/*
 * ARMv7-M ARM (DDI0403E): B3.4 NVIC registers (ISER/ICER/ISPR/ICPR/IABR/IPR/STIR), B1.5.4
 * execution priority and priority grouping (AIRCR.PRIGROUP), B1.4.3 PRIMASK/FAULTMASK/BASEPRI
 * (BASEPRI_MAX only raises priority), B3.2.4 ICSR, B3.2.5 VTOR.
 * The test IRQs 25..31 have no device on AN386 or on tocksim's cm4, so only software pends them.
 * Priorities use the top three bits only (0x20 steps): every ARMv7-M NVIC implements them.
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/order.h"
#include "tests/firmware/cm4/tests.h"

#define IRQ_A 25
#define IRQ_B 26
#define IRQ_C 27
#define IRQ_D 28
#define IRQ_E 29
#define IRQ_F 30
#define IRQ_V 31
#define ALL_TEST_IRQS (0x7fu << 25)

/* What each test IRQ does when it runs: log its name, pend another IRQ, log again. */
struct actor {
    char name;
    int pend;               /* IRQ to pend inside the handler, or -1 */
    uint32_t exc_return;    /* LR at entry */
    uint32_t iabr;          /* NVIC_IABR0 inside the handler */
    uint32_t icsr;          /* ICSR inside the handler */
};

static struct actor actors[32];
static volatile uint32_t vtor_hits;

static void actor_irq(uint32_t *frame, uint32_t exc_return)
{
    (void)frame;
    struct actor *a = &actors[(READ_SPECIAL("ipsr") & 0x1ff) - 16];

    a->exc_return = exc_return;
    a->iabr = NVIC_IABR(0);
    a->icsr = SCB_ICSR;
    order_log(a->name, '<');
    if (a->pend >= 0)
        nvic_pend(a->pend);
    order_log(a->name, '>');
}

// Resets the log and gives each test IRQ its name, priority and action.
static void actors_setup(const char *names, const uint8_t *prio, const int *pend)
{
    order_reset();
    NVIC_ICER(0) = ALL_TEST_IRQS;
    NVIC_ICPR(0) = ALL_TEST_IRQS;
    for (int i = 0; names[i]; i++) {
        struct actor *a = &actors[IRQ_A + i];
        a->name = names[i];
        a->pend = pend ? pend[i] : -1;
        a->exc_return = a->iabr = a->icsr = 0;
        NVIC_IPR(IRQ_A + i) = prio[i];
        exc_set_handler(EXC_IRQ(IRQ_A + i), actor_irq);
    }
    NVIC_ISER(0) = ALL_TEST_IRQS;
    barrier();
}

static void nvic_identity(void)
{
    check_eq(SCB_ICTR & 0xf, 0, "ICTR.INTLINESNUM (32 IRQs)");
    check_eq(SCB_CPUID & 0xff0ffff0u, 0x410fc240, "CPUID implementer/architecture/partno");
    check_eq(SCB_CCR, CCR_STKALIGN, "CCR at reset");
    check_eq(SCB_VTOR, 0, "VTOR at reset");
    check_eq(SCB_AIRCR, AIRCR_VECTKEYSTAT, "AIRCR at reset");
    check_eq(SCB_SHCSR, 0, "SHCSR at reset");
    check_eq(SCB_CPACR, 0, "CPACR at reset");
}

static void nvic_registers(void)
{
    NVIC_ICER(0) = ALL_TEST_IRQS;
    NVIC_ISER(0) = (1u << IRQ_A) | (1u << IRQ_B);
    check_eq(NVIC_ISER(0) & ALL_TEST_IRQS, (1u << IRQ_A) | (1u << IRQ_B), "ISER0 after set");
    check_eq(NVIC_ICER(0) & ALL_TEST_IRQS, (1u << IRQ_A) | (1u << IRQ_B), "ICER0 reads ISER0");
    NVIC_ICER(0) = 1u << IRQ_A;
    check_eq(NVIC_ISER(0) & ALL_TEST_IRQS, 1u << IRQ_B, "ISER0 after ICER0");
    NVIC_ICER(0) = ALL_TEST_IRQS;
    NVIC_ISER(1) = 0xffffffff;
    check_eq(NVIC_ISER(1), 0, "ISER1 (IRQs 32..63 not implemented)");
    NVIC_IPR(IRQ_A) = 0xa0;
    check_eq(NVIC_IPR(IRQ_A), 0xa0, "IPR byte readback");
    NVIC_IPR(IRQ_A) = 0xff;
    uint32_t bits = NVIC_IPR(IRQ_A);
    check_true(bits >= 0xe0 && ((bits + (bits & -bits)) & 0xff) == 0,
               "IPR implements at least 3 high-order priority bits");
    fw_printf(QEMU_DIFF "IPR after writing 0xff = 0x%02lx\n", bits);
    NVIC_IPR(IRQ_A) = 0;
}

// Pending while disabled, clearing, enabling while pending, the active bit, STIR.
static void nvic_pending(void)
{
    static const uint8_t prio[] = { 0x80 };

    actors_setup("A", prio, 0);
    nvic_disable(IRQ_A);
    nvic_pend(IRQ_A);
    check_eq(NVIC_ISPR(0) & ALL_TEST_IRQS, 1u << IRQ_A, "ISPR0 after pending a disabled IRQ");
    check_eq(NVIC_ICPR(0) & ALL_TEST_IRQS, 1u << IRQ_A, "ICPR0 reads ISPR0");
    uint32_t icsr = SCB_ICSR;
    check_eq(ICSR_VECTPENDING(icsr), 0, "ICSR.VECTPENDING (pending but disabled)");
    order_check("pending while disabled", "");
    nvic_unpend(IRQ_A);
    check_eq(NVIC_ISPR(0) & ALL_TEST_IRQS, 0, "ISPR0 after ICPR0");
    nvic_pend(IRQ_A);
    nvic_enable(IRQ_A);
    order_check("enable while pending", "A< A> ");
    check_eq(actors[IRQ_A].iabr & ALL_TEST_IRQS, 1u << IRQ_A, "IABR0 in the handler");
    check_eq(ICSR_VECTACTIVE(actors[IRQ_A].icsr), EXC_IRQ(IRQ_A), "ICSR.VECTACTIVE in handler");
    check_eq(actors[IRQ_A].icsr & ICSR_RETTOBASE, ICSR_RETTOBASE, "ICSR.RETTOBASE in handler");
    check_eq(actors[IRQ_A].exc_return, EXC_RETURN_THREAD_MSP, "EXC_RETURN from thread");
    check_eq(NVIC_IABR(0) & ALL_TEST_IRQS, 0, "IABR0 after return");
    order_reset();
    SCB_STIR = IRQ_A;
    barrier();
    order_check("STIR", "A< A> ");
}

// A (low) pends B (high): B nests. B pends C (between): C runs when B returns, before A
// resumes. A pends D (lowest): D tail-chains after A.
static void nvic_preemption(void)
{
    static const uint8_t prio[] = { 0xc0, 0x40, 0x80, 0xe0 };
    static const int nest[] = { IRQ_B, IRQ_C, -1, -1 };
    static const int chain[] = { IRQ_D, -1, -1, -1 };

    actors_setup("ABCD", prio, nest);
    nvic_pend(IRQ_A);
    order_check("nesting", "A< B< B> C< C> A> ");
    check_eq(actors[IRQ_B].exc_return, EXC_RETURN_HANDLER_MSP, "EXC_RETURN of a nested IRQ");
    check_eq(actors[IRQ_B].iabr & ALL_TEST_IRQS, (1u << IRQ_A) | (1u << IRQ_B),
             "IABR0 while nested");
    check_eq(actors[IRQ_B].icsr & ICSR_RETTOBASE, 0, "ICSR.RETTOBASE while nested");
    check_eq(actors[IRQ_C].exc_return, EXC_RETURN_HANDLER_MSP, "EXC_RETURN of C (over A)");
    actors_setup("ABCD", prio, chain);
    nvic_pend(IRQ_A);
    order_check("tail-chaining", "A< A> D< D> ");
    check_eq(actors[IRQ_D].exc_return, EXC_RETURN_THREAD_MSP, "EXC_RETURN of a tail-chained IRQ");
}

// Equal priorities never preempt; simultaneous pending goes to the lower IRQ number;
// PRIGROUP splits priority into group (preempts) and subpriority (orders only).
static void nvic_grouping(void)
{
    static const uint8_t same[] = { 0x80, 0x80 };
    static const int e_pends_f[] = { IRQ_B, -1 };
    static const uint8_t sub[] = { 0x60, 0x40 };

    actors_setup("EF", same, e_pends_f);
    nvic_pend(IRQ_A);
    order_check("equal priority", "E< E> F< F> ");

    actors_setup("EF", same, 0);
    irq_disable();
    nvic_pend(IRQ_B);
    nvic_pend(IRQ_A);
    irq_enable();
    order_check("same priority pending together", "E< E> F< F> ");

    SCB_AIRCR = AIRCR_VECTKEY | (5u << 8);
    check_eq(SCB_AIRCR, AIRCR_VECTKEYSTAT | (5u << 8), "AIRCR with PRIGROUP=5");
    actors_setup("GH", sub, e_pends_f);
    nvic_pend(IRQ_A);
    order_check("PRIGROUP=5, same group", "G< G> H< H> ");
    actors_setup("GH", sub, 0);
    irq_disable();
    nvic_pend(IRQ_A);
    nvic_pend(IRQ_B);
    irq_enable();
    order_check("PRIGROUP=5, subpriority decides", "H< H> G< G> ");
    SCB_AIRCR = AIRCR_VECTKEY;
    barrier();
    actors_setup("GH", sub, e_pends_f);
    nvic_pend(IRQ_A);
    order_check("PRIGROUP=0", "G< H< H> G> ");
    SCB_AIRCR = 5u << 8;    /* no VECTKEY: ignored */
    check_eq(SCB_AIRCR, AIRCR_VECTKEYSTAT, "AIRCR write without VECTKEY ignored");
}

static void faultmask_irq(uint32_t *frame, uint32_t exc_return)
{
    (void)frame, (void)exc_return;
    __asm volatile("cpsid f" ::: "memory");
    order_log('F', 'M');
}

// BASEPRI masks priorities numerically >= its value; BASEPRI_MAX only raises it.
static void nvic_basepri(void)
{
    static const uint8_t prio[] = { 0x80, 0x40 };

    actors_setup("XY", prio, 0);
    WRITE_SPECIAL("basepri", 0x80);
    nvic_pend(IRQ_A);
    order_log('|', '1');
    nvic_pend(IRQ_B);
    order_log('|', '2');
    WRITE_SPECIAL("basepri", 0);
    order_log('|', '3');
    order_check("BASEPRI=0x80", "|1 Y< Y> |2 X< X> |3 ");

    WRITE_SPECIAL("basepri", 0x80);
    WRITE_SPECIAL("basepri_max", 0xa0);
    check_eq(READ_SPECIAL("basepri"), 0x80, "BASEPRI after BASEPRI_MAX=0xa0");
    WRITE_SPECIAL("basepri_max", 0x40);
    check_eq(READ_SPECIAL("basepri"), 0x40, "BASEPRI after BASEPRI_MAX=0x40");
    WRITE_SPECIAL("basepri_max", 0);
    check_eq(READ_SPECIAL("basepri"), 0x40, "BASEPRI after BASEPRI_MAX=0");
    WRITE_SPECIAL("basepri", 0);
}

// PRIMASK and FAULTMASK mask every configurable priority; exception return clears FAULTMASK.
static void nvic_primask_faultmask(void)
{
    static const uint8_t prio[] = { 0x80, 0x40 };

    actors_setup("XY", prio, 0);
    irq_disable();
    nvic_pend(IRQ_B);
    order_log('|', '1');
    check_eq(READ_SPECIAL("primask"), 1, "PRIMASK after cpsid i");
    uint32_t icsr = SCB_ICSR;
    check_eq(ICSR_VECTPENDING(icsr), EXC_IRQ(IRQ_B), "ICSR.VECTPENDING under PRIMASK");
    check_eq(icsr & ICSR_ISRPENDING, ICSR_ISRPENDING, "ICSR.ISRPENDING under PRIMASK");
    irq_enable();
    order_log('|', '2');
    order_check("PRIMASK", "|1 Y< Y> |2 ");

    actors_setup("XY", prio, 0);
    __asm volatile("cpsid f" ::: "memory");
    nvic_pend(IRQ_B);
    order_log('|', '1');
    check_eq(READ_SPECIAL("faultmask"), 1, "FAULTMASK after cpsid f");
    __asm volatile("cpsie f\n isb" ::: "memory");
    order_log('|', '2');
    order_check("FAULTMASK", "|1 Y< Y> |2 ");

    actors_setup("XY", prio, 0);
    exc_set_handler(EXC_IRQ(IRQ_A), faultmask_irq);
    nvic_pend(IRQ_A);
    order_check("cpsid f in a handler", "FM ");
    check_eq(READ_SPECIAL("faultmask"), 0, "FAULTMASK after exception return");
    __asm volatile("cpsie f\n isb" ::: "memory");    /* keep later tests meaningful */
}

static uint32_t ram_vectors[FW_NUM_EXC] __attribute__((aligned(256)));

static void vtor_irq(void)
{
    vtor_hits++;
}

static void vtor_flash_irq(uint32_t *frame, uint32_t exc_return)
{
    (void)frame, (void)exc_return;
    vtor_hits += 0x100;
}

// A copy of the vector table in RAM, with one entry changed, takes over through VTOR.
static void nvic_vtor(void)
{
    memcpy(ram_vectors, fw_vectors, sizeof(ram_vectors));
    ram_vectors[EXC_IRQ(IRQ_V)] = (uint32_t)(uintptr_t)vtor_irq;
    exc_set_handler(EXC_IRQ(IRQ_V), vtor_flash_irq);
    NVIC_IPR(IRQ_V) = 0x80;
    nvic_enable(IRQ_V);
    SCB_VTOR = (uint32_t)(uintptr_t)ram_vectors;
    barrier();
    check_eq(SCB_VTOR, (uint32_t)(uintptr_t)ram_vectors, "VTOR readback (RAM table)");
    nvic_pend(IRQ_V);
    check_eq(vtor_hits, 1, "IRQ through the RAM vector table");
    SCB_VTOR = 0;
    barrier();
    nvic_pend(IRQ_V);
    check_eq(vtor_hits, 0x101, "IRQ through the flash vector table again");
    nvic_disable(IRQ_V);
}

void test_nvic(void)
{
    fw_printf("== nvic\n");
    nvic_identity();
    nvic_registers();
    nvic_pending();
    nvic_preemption();
    nvic_grouping();
    nvic_basepri();
    nvic_primask_faultmask();
    nvic_vtor();
    NVIC_ICER(0) = ALL_TEST_IRQS;
    NVIC_ICPR(0) = ALL_TEST_IRQS;
    for (int i = IRQ_A; i <= IRQ_V; i++)
        NVIC_IPR(i) = 0;
}

/* Unit tests: ARMv7-M SCS (NVIC, SCB, SysTick, fault escalation). */
#include <check.h>

#include "sim/cpu/cortexm/armv7m_scs.h"

struct fixture {
    struct vclock clock;
    struct trace trace;
    struct armv7m_scs scs;
    int pending_calls, mpu_calls, reset_calls, traps_calls;
    int systick_pends;                  /* SysTick pendings seen (and cleared) by the hook */
    uint64_t last_systick_at;
    bool take_systick;                  /* hook acknowledges SysTick at once */
};

static void on_pending(void *ctx)
{
    struct fixture *f = ctx;
    f->pending_calls++;
    if (f->take_systick && f->scs.exc[V7M_EXC_SYSTICK].pending) {
        f->scs.exc[V7M_EXC_SYSTICK].pending = false;
        armv7m_scs_forget(&f->scs);
        f->systick_pends++;
        f->last_systick_at = f->clock.now;
    }
}

static void on_mpu(void *ctx) { ((struct fixture *)ctx)->mpu_calls++; }
static void on_reset(void *ctx) { ((struct fixture *)ctx)->reset_calls++; }
static void on_traps(void *ctx) { ((struct fixture *)ctx)->traps_calls++; }

static void setup(struct fixture *f, int num_irq, int prio_bits, uint64_t refclk_hz)
{
    *f = (struct fixture){ 0 };
    clock_init(&f->clock, 64000000);
    trace_init(&f->trace, &f->clock, "test");
    f->trace.guest_log = NULL;
    struct device_env env = { &f->clock, &f->trace, "scs", NULL };
    struct armv7m_scs_hooks hooks = { .ctx = f, .pending_changed = on_pending, .mpu_changed = on_mpu,
                                      .reset_request = on_reset, .traps_changed = on_traps };
    armv7m_scs_init(&f->scs, &env, num_irq, prio_bits, refclk_hz, &hooks);
}

static uint32_t rd(struct fixture *f, uint32_t off)
{
    return armv7m_scs_ops.read(&f->scs, off, 4);
}

static void wr(struct fixture *f, uint32_t off, uint32_t v)
{
    armv7m_scs_ops.write(&f->scs, off, v, 4);
}

START_TEST(test_reset_values)
{
    struct fixture f;
    setup(&f, 64, 3, 1000000);
    ck_assert_uint_eq(rd(&f, 0x004), 1);                /* ICTR: 64 IRQs = 2 words */
    ck_assert_uint_eq(rd(&f, 0xd00), 0x410fc241);
    ck_assert_uint_eq(rd(&f, 0xd04), 0x800);            /* only RETTOBASE */
    ck_assert_uint_eq(rd(&f, 0xd08), 0);
    ck_assert_uint_eq(rd(&f, 0xd0c), 0xfa050000);
    ck_assert_uint_eq(rd(&f, 0xd10), 0);
    ck_assert_uint_eq(rd(&f, 0xd14), 0x200);
    ck_assert_uint_eq(rd(&f, 0xd24), 0);
    ck_assert_uint_eq(rd(&f, 0xd28), 0);
    ck_assert_uint_eq(rd(&f, 0xd2c), 0);
    ck_assert_uint_eq(rd(&f, 0xd40), 0x30);
    ck_assert_uint_eq(rd(&f, 0xd44), 0x200);
    ck_assert_uint_eq(rd(&f, 0xd50), 0x00100030);
    ck_assert_uint_eq(rd(&f, 0xd60), 0x01141110);
    ck_assert_uint_eq(rd(&f, 0xd70), 0x01310132);
    ck_assert_uint_eq(rd(&f, 0xd7c), 0);
    ck_assert_uint_eq(rd(&f, 0xd90), 0x0800);           /* MPU_TYPE: 8 data regions */
    ck_assert_uint_eq(rd(&f, 0x010), 0);                /* SysTick CSR */
    ck_assert_uint_eq(rd(&f, 0x01c), 0x40000000 | 10000);   /* CALIB: SKEW, 10 ms at 1 MHz */
    ck_assert_uint_eq(rd(&f, 0x100), 0);
    ck_assert_uint_eq(rd(&f, 0x400), 0);
    ck_assert_uint_eq(f.trace.guest_errors, 0);
    setup(&f, 32, 3, 0);
    ck_assert_uint_eq(rd(&f, 0x004), 0);
    ck_assert_uint_eq(rd(&f, 0x01c), 0x80000000);       /* no reference clock: NOREF */
    ck_assert_uint_eq(rd(&f, 0x010), 0x4);              /* and CLKSOURCE reads as 1 */
}
END_TEST

START_TEST(test_unknown_offsets_are_guest_errors)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    ck_assert_uint_eq(rd(&f, 0xe00), 0);
    ck_assert_uint_eq(f.trace.guest_errors, 1);
    wr(&f, 0xe00, 5);
    ck_assert_uint_eq(f.trace.guest_errors, 2);
    ck_assert_uint_eq(rd(&f, 0x140), 0);                /* gap after ISER */
    ck_assert_uint_eq(f.trace.guest_errors, 3);
    wr(&f, 0xd00, 0);                                   /* CPUID is read-only */
    ck_assert_uint_eq(f.trace.guest_errors, 4);
    ck_assert_uint_eq(rd(&f, 0xd00), 0x410fc241);
    armv7m_scs_ops.write(&f.scs, 0xd08, 0x80, 1);       /* VTOR has no byte access */
    ck_assert_uint_eq(f.trace.guest_errors, 5);
    ck_assert_uint_eq(rd(&f, 0xd08), 0);
}
END_TEST

START_TEST(test_register_readback_and_masks)
{
    struct fixture f;
    setup(&f, 40, 3, 1000000);
    wr(&f, 0xd08, 0x20000123);
    ck_assert_uint_eq(rd(&f, 0xd08), 0x20000100);
    wr(&f, 0xd10, 0xffffffff);
    ck_assert_uint_eq(rd(&f, 0xd10), 0x16);
    wr(&f, 0xd14, 0xffffffff);
    ck_assert_uint_eq(rd(&f, 0xd14), 0x31b);
    wr(&f, 0xd88, 0xffffffff);
    ck_assert_uint_eq(rd(&f, 0xd88), 0x00f00000);
    wr(&f, 0xd34, 0x12345678);
    wr(&f, 0xd38, 0x9abcdef0);
    ck_assert_uint_eq(rd(&f, 0xd34), 0x12345678);
    ck_assert_uint_eq(rd(&f, 0xd38), 0x9abcdef0);
    /* NVIC enables: 40 IRQs, so word 1 keeps only bits 0..7. */
    wr(&f, 0x104, 0xffffffff);
    ck_assert_uint_eq(rd(&f, 0x104), 0xff);
    ck_assert_uint_eq(rd(&f, 0x184), 0xff);
    wr(&f, 0x184, 0x0f);
    ck_assert_uint_eq(rd(&f, 0x104), 0xf0);
    ck_assert(!f.scs.exc[V7M_EXC_IRQ0 + 32].enabled);
    ck_assert(f.scs.exc[V7M_EXC_IRQ0 + 39].enabled);
    ck_assert_uint_eq(rd(&f, 0x108), 0);               /* no IRQ 64+: RAZ */
    /* Priorities: 3 bits implemented, byte and word access. */
    armv7m_scs_ops.write(&f.scs, 0x405, 0xff, 1);
    ck_assert_uint_eq(f.scs.exc[V7M_EXC_IRQ0 + 5].prio, 0xe0);
    ck_assert_uint_eq(rd(&f, 0x404), 0xe000);
    ck_assert_uint_eq(armv7m_scs_ops.read(&f.scs, 0x405, 1), 0xe0);
    wr(&f, 0x408, 0x40302010);
    ck_assert_uint_eq(rd(&f, 0x408), 0x40202000);
    wr(&f, 0x428, 0xffffffff);                          /* IRQs 40..43 do not exist */
    ck_assert_uint_eq(rd(&f, 0x428), 0);
    /* SHPR: MemManage..UsageFault, reserved 7..10 and 13 RAZ/WI, PendSV/SysTick by byte. */
    wr(&f, 0xd18, 0xffffffff);
    ck_assert_uint_eq(rd(&f, 0xd18), 0x00e0e0e0);
    wr(&f, 0xd1c, 0xffffffff);
    ck_assert_uint_eq(rd(&f, 0xd1c), 0xe0000000);      /* SVCall only */
    armv7m_scs_ops.write(&f.scs, 0xd22, 0xa0, 1);
    armv7m_scs_ops.write(&f.scs, 0xd23, 0x60, 1);
    ck_assert_uint_eq(rd(&f, 0xd20), 0x60a00000);
    ck_assert_uint_eq(f.scs.exc[V7M_EXC_PENDSV].prio, 0xa0);
    ck_assert_uint_eq(f.scs.exc[V7M_EXC_SYSTICK].prio, 0x60);
    ck_assert_uint_eq(f.trace.guest_errors, 0);
}
END_TEST

START_TEST(test_fault_status_write_one_to_clear)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    f.scs.cfsr = CFSR_DACCVIOL | CFSR_MMARVALID | CFSR_PRECISERR | CFSR_BFARVALID |
                 CFSR_UNDEFINSTR | CFSR_DIVBYZERO;
    f.scs.hfsr = HFSR_FORCED | HFSR_VECTTBL;
    armv7m_scs_ops.write(&f.scs, 0xd29, 0x02, 1);       /* BFSR: PRECISERR */
    ck_assert_uint_eq(rd(&f, 0xd28), 0x02018082);
    ck_assert_uint_eq(armv7m_scs_ops.read(&f.scs, 0xd28, 1), 0x82);   /* MMFSR */
    ck_assert_uint_eq(armv7m_scs_ops.read(&f.scs, 0xd2a, 2), 0x0201); /* UFSR */
    armv7m_scs_ops.write(&f.scs, 0xd2a, 0x0200, 2);     /* UFSR: DIVBYZERO */
    ck_assert_uint_eq(rd(&f, 0xd28), 0x00018082);
    wr(&f, 0xd28, 0x00000080);                          /* word: MMARVALID only */
    ck_assert_uint_eq(rd(&f, 0xd28), 0x00018002);
    wr(&f, 0xd2c, HFSR_FORCED);
    ck_assert_uint_eq(rd(&f, 0xd2c), HFSR_VECTTBL);
    wr(&f, 0xd2c, 0);
    ck_assert_uint_eq(rd(&f, 0xd2c), HFSR_VECTTBL);
}
END_TEST

START_TEST(test_aircr_vectkey_prigroup_and_reset_request)
{
    struct fixture f;
    setup(&f, 32, 8, 1000000);
    wr(&f, 0xd0c, 0x00000500);                          /* no key: ignored */
    ck_assert_uint_eq(rd(&f, 0xd0c), 0xfa050000);
    ck_assert_uint_eq(f.trace.guest_errors, 1);
    wr(&f, 0xd0c, 0x05fa0300);
    ck_assert_uint_eq(rd(&f, 0xd0c), 0xfa050300);
    ck_assert_uint_eq(f.scs.prigroup, 3);
    ck_assert_int_eq(f.reset_calls, 0);
    wr(&f, 0xd0c, 0x05fa0004);                          /* SYSRESETREQ, PRIGROUP 0 */
    ck_assert_int_eq(f.reset_calls, 1);
    ck_assert_uint_eq(f.scs.prigroup, 0);
    wr(&f, 0xd0c, 0x00000004);                          /* without the key: nothing */
    ck_assert_int_eq(f.reset_calls, 1);
    /* VECTCLRACTIVE clears every active exception. */
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_SVCALL);
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_IRQ0 + 2);
    ck_assert_int_eq(armv7m_scs_active_count(&f.scs), 2);
    wr(&f, 0xd0c, 0x05fa0002);
    ck_assert_int_eq(armv7m_scs_active_count(&f.scs), 0);
    ck_assert_uint_eq(rd(&f, 0xd04) & 0x1ff, 0);
}
END_TEST

START_TEST(test_group_priority_and_prigroup)
{
    struct fixture f;
    setup(&f, 32, 8, 1000000);
    f.scs.exc[V7M_EXC_IRQ0].prio = 0x65;
    armv7m_scs_forget(&f.scs);
    ck_assert_int_eq(armv7m_scs_group_priority(&f.scs, V7M_EXC_RESET), -3);
    ck_assert_int_eq(armv7m_scs_group_priority(&f.scs, V7M_EXC_NMI), -2);
    ck_assert_int_eq(armv7m_scs_group_priority(&f.scs, V7M_EXC_HARDFAULT), -1);
    int want[8] = { 0x64, 0x64, 0x60, 0x60, 0x60, 0x40, 0x00, 0x00 };
    for (int g = 0; g < 8; g++) {
        wr(&f, 0xd0c, 0x05fa0000u | (uint32_t)g << 8);
        ck_assert_int_eq(armv7m_scs_group_priority(&f.scs, V7M_EXC_IRQ0), want[g]);
    }
}
END_TEST

START_TEST(test_execution_priority_and_masks)
{
    struct fixture f;
    setup(&f, 32, 8, 1000000);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0, 0), V7M_PRIO_THREAD);
    f.scs.exc[V7M_EXC_IRQ0 + 1].prio = 0x40;
    armv7m_scs_forget(&f.scs);
    f.scs.exc[V7M_EXC_IRQ0 + 2].prio = 0x80;
    armv7m_scs_forget(&f.scs);
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_IRQ0 + 2);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0, 0), 0x80);
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_IRQ0 + 1);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0, 0), 0x40);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0x20, 0), 0x20);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0x50, 0), 0x40);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 1, 0x20, 0), 0);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 1, 0x20, 1), -1);
    armv7m_scs_complete(&f.scs, V7M_EXC_IRQ0 + 1);
    armv7m_scs_complete(&f.scs, V7M_EXC_IRQ0 + 2);
    /* BASEPRI goes through PRIGROUP too: 0x35 with PRIGROUP 4 is group 0x20. */
    wr(&f, 0xd0c, 0x05fa0400);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0x35, 0), 0x20);
    /* An active HardFault is -1, NMI -2. */
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_HARDFAULT);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0, 0), -1);
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_NMI);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0, 1), -2);
    /* Only implemented BASEPRI bits count: 3 bits, 0x10 is no masking. */
    setup(&f, 32, 3, 1000000);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0x10, 0), V7M_PRIO_THREAD);
    ck_assert_int_eq(armv7m_scs_execution_priority(&f.scs, 0, 0x30, 0), 0x20);
}
END_TEST

START_TEST(test_preemption_choice)
{
    struct fixture f;
    setup(&f, 32, 8, 1000000);
    wr(&f, 0x100, 0x0f);                                /* IRQ0..3 enabled */
    wr(&f, 0x400, 0x30405080);                          /* prios 0x80 0x50 0x40 0x30 */
    wr(&f, 0x200, 0x07);                                /* IRQ0..2 pending */
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, V7M_PRIO_THREAD), V7M_EXC_IRQ0 + 2);
    ck_assert_uint_eq((rd(&f, 0xd04) >> 12) & 0x1ff, V7M_EXC_IRQ0 + 2);   /* VECTPENDING */
    ck_assert_uint_eq(rd(&f, 0xd04) & (1u << 22), 1u << 22);              /* ISRPENDING */
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, 0x40), 0);             /* same group */
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, 0x41), V7M_EXC_IRQ0 + 2);
    /* Equal priority: the lower exception number wins. */
    wr(&f, 0x400, 0x30404080);
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, V7M_PRIO_THREAD), V7M_EXC_IRQ0 + 1);
    /* Same group, different subpriority (PRIGROUP 5: group = prio & 0xc0): lower sub wins,
     * and neither preempts an execution priority of their group. */
    wr(&f, 0xd0c, 0x05fa0500);
    wr(&f, 0x400, 0x30445080);
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, V7M_PRIO_THREAD), V7M_EXC_IRQ0 + 2);
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, 0x40), 0);
    /* A disabled IRQ is never chosen, even at a higher priority. */
    f.scs.exc[V7M_EXC_IRQ0 + 3].pending = true;
    armv7m_scs_forget(&f.scs);
    wr(&f, 0x180, 0x08);
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, V7M_PRIO_THREAD), V7M_EXC_IRQ0 + 2);
    /* NMI beats everything; PendSV (always enabled) competes by priority. */
    wr(&f, 0xd04, 1u << 31);
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, -1), V7M_EXC_NMI);
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, -2), 0);
}
END_TEST

START_TEST(test_pending_while_masked_then_taken)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    wr(&f, 0x100, 1u << 4);
    armv7m_scs_ops.write(&f.scs, 0x404, 0x80, 1);
    int before = f.pending_calls;
    armv7m_scs_irq_sink(&f.scs, 4, true);
    ck_assert_int_gt(f.pending_calls, before);
    int masked = armv7m_scs_execution_priority(&f.scs, 1, 0, 0);
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, masked), 0);
    masked = armv7m_scs_execution_priority(&f.scs, 0, 0x80, 0);       /* BASEPRI = its prio */
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, masked), 0);
    ck_assert(f.scs.exc[V7M_EXC_IRQ0 + 4].pending);
    int open = armv7m_scs_execution_priority(&f.scs, 0, 0xa0, 0);
    ck_assert_int_eq(armv7m_scs_preempting(&f.scs, open), V7M_EXC_IRQ0 + 4);
}
END_TEST

START_TEST(test_level_irq_repends_on_complete)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    int irq = V7M_EXC_IRQ0 + 7;
    wr(&f, 0x100, 1u << 7);
    armv7m_scs_irq_sink(&f.scs, 7, true);
    ck_assert_uint_eq(rd(&f, 0x200), 1u << 7);
    armv7m_scs_acknowledge(&f.scs, irq);
    ck_assert_uint_eq(rd(&f, 0x200), 0);
    ck_assert_uint_eq(rd(&f, 0x300), 1u << 7);         /* IABR */
    int before = f.pending_calls;
    ck_assert(armv7m_scs_complete(&f.scs, irq));        /* line still high */
    ck_assert_int_gt(f.pending_calls, before);
    ck_assert_uint_eq(rd(&f, 0x200), 1u << 7);
    ck_assert_uint_eq(rd(&f, 0x300), 0);
    /* ICPR cannot clear it while the line is high and the IRQ is not active. */
    wr(&f, 0x280, 1u << 7);
    ck_assert_uint_eq(rd(&f, 0x200), 1u << 7);
    armv7m_scs_acknowledge(&f.scs, irq);
    armv7m_scs_irq_sink(&f.scs, 7, false);              /* handler quietens the device */
    ck_assert(armv7m_scs_complete(&f.scs, irq));
    ck_assert_uint_eq(rd(&f, 0x200), 0);
    ck_assert(!armv7m_scs_complete(&f.scs, irq));       /* not active any more */
    /* A pulse while not active stays pending after the line drops. */
    armv7m_scs_irq_sink(&f.scs, 7, true);
    armv7m_scs_irq_sink(&f.scs, 7, false);
    ck_assert_uint_eq(rd(&f, 0x200), 1u << 7);
    wr(&f, 0x280, 1u << 7);
    ck_assert_uint_eq(rd(&f, 0x200), 0);
}
END_TEST

START_TEST(test_vectactive_stack_and_rettobase)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_IRQ0 + 3);
    ck_assert_uint_eq(rd(&f, 0xd04) & 0x9ff, 0x800 | 19);
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_SYSTICK);
    ck_assert_uint_eq(rd(&f, 0xd04) & 0x9ff, 15);       /* nested: RETTOBASE 0 */
    ck_assert_uint_eq(rd(&f, 0xd24), 1u << 11);         /* SHCSR.SYSTICKACT */
    ck_assert(armv7m_scs_complete(&f.scs, V7M_EXC_SYSTICK));
    ck_assert_uint_eq(rd(&f, 0xd04) & 0x9ff, 0x800 | 19);
    ck_assert(armv7m_scs_complete(&f.scs, V7M_EXC_IRQ0 + 3));
    ck_assert_uint_eq(rd(&f, 0xd04) & 0x9ff, 0x800);
    ck_assert_int_eq(armv7m_scs_active_count(&f.scs), 0);
}
END_TEST

START_TEST(test_icsr_shcsr_stir)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    wr(&f, 0xd04, 1u << 28);                            /* PENDSVSET */
    ck_assert(f.scs.exc[V7M_EXC_PENDSV].pending);
    ck_assert_uint_eq(rd(&f, 0xd04), (1u << 28) | (14u << 12) | 0x800);
    wr(&f, 0xd04, 1u << 27);                            /* PENDSVCLR */
    ck_assert(!f.scs.exc[V7M_EXC_PENDSV].pending);
    wr(&f, 0xd04, 1u << 26);                            /* PENDSTSET */
    ck_assert_uint_eq(rd(&f, 0xd04) & (1u << 26), 1u << 26);
    wr(&f, 0xd04, 1u << 25);
    ck_assert(!f.scs.exc[V7M_EXC_SYSTICK].pending);
    /* SHCSR: enables, pending and active bits map to the exception state. */
    wr(&f, 0xd24, (7u << 16) | (1u << 15) | (1u << 13));
    ck_assert(f.scs.exc[V7M_EXC_MEMMANAGE].enabled);
    ck_assert(f.scs.exc[V7M_EXC_BUSFAULT].enabled);
    ck_assert(f.scs.exc[V7M_EXC_USAGEFAULT].enabled);
    ck_assert(f.scs.exc[V7M_EXC_SVCALL].pending);
    ck_assert(f.scs.exc[V7M_EXC_MEMMANAGE].pending);
    ck_assert_uint_eq(rd(&f, 0xd24), 0x0007a000);
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_SVCALL);
    ck_assert_uint_eq(rd(&f, 0xd24), 0x0007a000 - 0x8000 + 0x80);
    wr(&f, 0xd24, 0);
    ck_assert_int_eq(armv7m_scs_active_count(&f.scs), 0);
    ck_assert_uint_eq(rd(&f, 0xd04) & 0x1ff, 0);        /* dropped from VECTACTIVE too */
    /* STIR pends the IRQ it names. */
    int before = f.pending_calls;
    wr(&f, 0xf00, 5);
    ck_assert_uint_eq(rd(&f, 0x200), 1u << 5);
    ck_assert_int_gt(f.pending_calls, before);
    wr(&f, 0xf00, 40);                                  /* beyond num_irq */
    ck_assert_uint_eq(f.trace.guest_errors, 1);
}
END_TEST

/* CCR and CPACR control usage-fault traps the CPU backend raises: it hears of every write. */
START_TEST(test_ccr_cpacr_writes_reach_the_cpu)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    int before = f.traps_calls;
    wr(&f, 0xd14, 0x210);                       /* CCR: STKALIGN | DIV_0_TRP */
    ck_assert_int_eq(f.traps_calls, before + 1);
    ck_assert_uint_eq(f.scs.ccr, 0x210);
    wr(&f, 0xd88, 0x00f00000);                  /* CPACR: CP10/CP11 full access */
    ck_assert_int_eq(f.traps_calls, before + 2);
    ck_assert_uint_eq(f.scs.cpacr, 0x00f00000);
}
END_TEST

START_TEST(test_fault_escalation)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    /* MemManage disabled: HardFault, FORCED, status and address still recorded. */
    int e = armv7m_scs_fault(&f.scs, CFSR_DACCVIOL | CFSR_MMARVALID, 0x1234, V7M_PRIO_THREAD);
    ck_assert_int_eq(e, V7M_EXC_HARDFAULT);
    ck_assert(f.scs.exc[V7M_EXC_HARDFAULT].pending);
    ck_assert_uint_eq(rd(&f, 0xd2c), HFSR_FORCED);
    ck_assert_uint_eq(rd(&f, 0xd28), CFSR_DACCVIOL | CFSR_MMARVALID);
    ck_assert_uint_eq(rd(&f, 0xd34), 0x1234);
    wr(&f, 0xd2c, HFSR_FORCED);
    f.scs.exc[V7M_EXC_HARDFAULT].pending = false;
    armv7m_scs_forget(&f.scs);
    /* Enabled and able to preempt: MemManage itself. */
    wr(&f, 0xd24, 7u << 16);
    armv7m_scs_ops.write(&f.scs, 0xd18, 0x80, 1);       /* MemManage priority 0x80 */
    e = armv7m_scs_fault(&f.scs, CFSR_IACCVIOL, 0x5678, V7M_PRIO_THREAD);
    ck_assert_int_eq(e, V7M_EXC_MEMMANAGE);
    ck_assert(f.scs.exc[V7M_EXC_MEMMANAGE].pending);
    ck_assert(!f.scs.exc[V7M_EXC_HARDFAULT].pending);
    ck_assert_uint_eq(rd(&f, 0xd2c), 0);
    ck_assert_uint_eq(rd(&f, 0xd34), 0x1234);          /* no MMARVALID: address kept */
    /* Enabled but cannot preempt (execution priority 0x80 or higher): escalates. */
    e = armv7m_scs_fault(&f.scs, CFSR_DACCVIOL, 0, 0x80);
    ck_assert_int_eq(e, V7M_EXC_HARDFAULT);
    ck_assert_uint_eq(rd(&f, 0xd2c), HFSR_FORCED);
    e = armv7m_scs_fault(&f.scs, CFSR_DACCVIOL, 0, 0xa0);
    ck_assert_int_eq(e, V7M_EXC_MEMMANAGE);
    /* BusFault records BFAR; UsageFault for UFSR bits. */
    e = armv7m_scs_fault(&f.scs, CFSR_PRECISERR | CFSR_BFARVALID, 0x40001000, V7M_PRIO_THREAD);
    ck_assert_int_eq(e, V7M_EXC_BUSFAULT);
    ck_assert_uint_eq(rd(&f, 0xd38), 0x40001000);
    e = armv7m_scs_fault(&f.scs, CFSR_DIVBYZERO, 0, V7M_PRIO_THREAD);
    ck_assert_int_eq(e, V7M_EXC_USAGEFAULT);
    wr(&f, 0xd24, 3u << 16);                            /* UsageFault disabled again */
    e = armv7m_scs_fault(&f.scs, CFSR_UNDEFINSTR, 0, V7M_PRIO_THREAD);
    ck_assert_int_eq(e, V7M_EXC_HARDFAULT);
    ck_assert_uint_eq(rd(&f, 0xd28) >> 16, (CFSR_DIVBYZERO | CFSR_UNDEFINSTR) >> 16);
}
END_TEST

/* ---- SysTick -------------------------------------------------------------------------------- */

enum { CSR = 0x010, RVR = 0x014, CVR = 0x018 };

START_TEST(test_systick_cpu_clock_lazy_value_and_countflag)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    f.clock.now = 100;
    wr(&f, RVR, 999);
    wr(&f, CVR, 12345);                                 /* any write clears to 0 */
    ck_assert_uint_eq(rd(&f, CVR), 0);
    wr(&f, CSR, 7);                                     /* ENABLE | TICKINT | CLKSOURCE */
    ck_assert_uint_eq(rd(&f, CVR), 0);                  /* at the enabling cycle */
    f.clock.now = 101;
    ck_assert_uint_eq(rd(&f, CVR), 999);                /* the reload tick */
    f.clock.now = 600;
    ck_assert_uint_eq(rd(&f, CVR), 500);
    f.clock.now = 1099;
    ck_assert_uint_eq(rd(&f, CVR), 1);
    ck_assert_uint_eq(rd(&f, CSR), 7);                  /* no COUNTFLAG yet */
    ck_assert_uint_eq(clock_next_deadline(&f.clock), 1100);
    clock_advance_to(&f.clock, 1100);
    ck_assert(f.scs.exc[V7M_EXC_SYSTICK].pending);
    ck_assert_uint_eq(rd(&f, CVR), 0);
    ck_assert_uint_eq(rd(&f, CSR), 0x10007);            /* COUNTFLAG, cleared by the read */
    ck_assert_uint_eq(rd(&f, CSR), 7);
    ck_assert_uint_eq(clock_next_deadline(&f.clock), 2100);
    /* A read after the zero but before the (late) event already sees it. */
    f.scs.exc[V7M_EXC_SYSTICK].pending = false;
    armv7m_scs_forget(&f.scs);
    f.clock.now = 2150;
    ck_assert_uint_eq(rd(&f, CVR), 950);
    ck_assert(f.scs.exc[V7M_EXC_SYSTICK].pending);
    ck_assert_uint_eq(rd(&f, CSR), 0x10007);
    ck_assert_uint_eq(clock_next_deadline(&f.clock), 3100);
    /* CVR write clears COUNTFLAG and restarts from 0. */
    f.clock.now = 3200;
    wr(&f, CVR, 0);
    ck_assert_uint_eq(rd(&f, CSR), 7);
    ck_assert_uint_eq(clock_next_deadline(&f.clock), 4200);
    /* Without TICKINT the wrap sets COUNTFLAG but pends nothing. */
    wr(&f, CSR, 5);
    f.scs.exc[V7M_EXC_SYSTICK].pending = false;
    armv7m_scs_forget(&f.scs);
    clock_advance_to(&f.clock, 4200);
    ck_assert(!f.scs.exc[V7M_EXC_SYSTICK].pending);
    ck_assert_uint_eq(rd(&f, CSR), 0x10005);
    /* Disabling freezes the count. */
    f.clock.now = 4300;
    wr(&f, CSR, 4);
    f.clock.now = 9000;
    ck_assert_uint_eq(rd(&f, CVR), 900);
    ck_assert_uint_eq(clock_next_deadline(&f.clock), CLOCK_NEVER);
}
END_TEST

START_TEST(test_systick_rvr_zero_stops_at_next_wrap)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    wr(&f, RVR, 9);
    wr(&f, CSR, 7);
    f.clock.now = 5;
    wr(&f, RVR, 0);                                     /* current count unaffected */
    ck_assert_uint_eq(rd(&f, CVR), 5);
    clock_advance_to(&f.clock, 10);
    ck_assert(f.scs.exc[V7M_EXC_SYSTICK].pending);
    ck_assert_uint_eq(rd(&f, CSR), 0x10007);
    f.clock.now = 1000;
    ck_assert_uint_eq(rd(&f, CVR), 0);
    ck_assert_uint_eq(rd(&f, CSR), 7);
    ck_assert_uint_eq(clock_next_deadline(&f.clock), CLOCK_NEVER);
}
END_TEST

START_TEST(test_systick_reference_clock)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);                          /* 64 cycles per reference tick */
    f.clock.now = 640;                                  /* reference tick 10 */
    wr(&f, RVR, 99);
    wr(&f, CSR, 3);                                     /* ENABLE | TICKINT, reference clock */
    ck_assert_uint_eq(rd(&f, CSR), 3);
    f.clock.now = 640 + 63;
    ck_assert_uint_eq(rd(&f, CVR), 0);
    f.clock.now = 640 + 64;
    ck_assert_uint_eq(rd(&f, CVR), 99);
    f.clock.now = 640 + 64 * 50 + 10;
    ck_assert_uint_eq(rd(&f, CVR), 50);
    ck_assert_uint_eq(clock_next_deadline(&f.clock), 640 + 64 * 100);
}
END_TEST

START_TEST(test_systick_no_drift_over_1000_wraps)
{
    struct fixture f;
    setup(&f, 32, 3, 3000000);                          /* 64 MHz / 3 MHz: 21.33 cycles/tick */
    f.take_systick = true;
    f.clock.now = 1000;                                 /* reference tick 46 (46.875) */
    wr(&f, RVR, 2999);                                  /* 1 ms period */
    wr(&f, CSR, 3);
    uint64_t t0 = 1000ull * 3000000 / 64000000;
    ck_assert_uint_eq(t0, 46);
    /* Run in odd slices, so events fire late (like at the end of a basic block). */
    while (f.systick_pends < 1000) {
        f.clock.now += 7919;
        clock_run_due(&f.clock);
    }
    ck_assert_int_eq(f.systick_pends, 1000);
    /* Zero number k is at reference tick t0 + 3000k; the 1000th at cycle ceil(tick * 64 / 3). */
    uint64_t tick = t0 + 3000ull * 1000;
    uint64_t due = (tick * 64000000 + 3000000 - 1) / 3000000;
    ck_assert_uint_ge(f.last_systick_at, due);
    ck_assert_uint_lt(f.last_systick_at, due + 7919);
    ck_assert_uint_eq(clock_next_deadline(&f.clock), ((tick + 3000) * 64 + 2) / 3);
    /* And the counter value is exact at an arbitrary later time. */
    f.clock.now = due + 12345;
    uint64_t n = f.clock.now * 3 / 64 - tick;           /* ticks since that zero */
    ck_assert_uint_eq(rd(&f, CVR), n == 0 ? 0 : 3000 - n);
    /* Exact timestamps when fired on time. */
    setup(&f, 32, 3, 3000000);
    f.take_systick = true;
    wr(&f, RVR, 2999);
    wr(&f, CSR, 3);
    clock_advance_to(&f.clock, 64000ull * 1000 + 1);
    ck_assert_int_eq(f.systick_pends, 1000);
    ck_assert_uint_eq(f.last_systick_at, 64000ull * 1000);
}
END_TEST

START_TEST(test_reset_keeps_line_levels)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    wr(&f, 0x100, 0xff);
    wr(&f, RVR, 10);
    wr(&f, CSR, 7);
    armv7m_scs_irq_sink(&f.scs, 2, true);
    armv7m_scs_acknowledge(&f.scs, V7M_EXC_IRQ0 + 2);
    armv7m_scs_reset(&f.scs);
    ck_assert_uint_eq(rd(&f, 0x100), 0);
    ck_assert_uint_eq(rd(&f, 0x300), 0);
    ck_assert_uint_eq(rd(&f, 0x200), 1u << 2);         /* still-high line: pending again */
    ck_assert_uint_eq(rd(&f, CSR), 0);
    ck_assert_uint_eq(clock_next_deadline(&f.clock), CLOCK_NEVER);
}
END_TEST

/* The summary the scans keep (armv7m_exc.c) against a scan from scratch, after each step of a
 * long pseudo-random mix of what changes exception state: pending (set_pending, level lines,
 * NVIC ISPR), enables (ISER/ICER), priorities (IPR, SHPR, PRIGROUP), entry and return, with
 * the masks the questions take. */
static void check_summary_fresh(struct fixture *f, uint32_t step)
{
    int prio[3] = { 0, 0x40, 0x80 };
    int got_active = armv7m_scs_active_count(&f->scs), got_pre[3], got_exec;
    for (int i = 0; i < 3; i++)
        got_pre[i] = armv7m_scs_preempting(&f->scs, prio[i]);
    got_exec = armv7m_scs_execution_priority(&f->scs, 0, 0x60, 0);
    armv7m_scs_forget(&f->scs);
    ck_assert_msg(armv7m_scs_active_count(&f->scs) == got_active, "active count, step %u", step);
    for (int i = 0; i < 3; i++)
        ck_assert_msg(armv7m_scs_preempting(&f->scs, prio[i]) == got_pre[i], "preempting at %d, step %u",
                      prio[i], step);
    ck_assert_msg(armv7m_scs_execution_priority(&f->scs, 0, 0x60, 0) == got_exec, "exec prio, step %u", step);
}

static void summary_step(struct fixture *f, uint32_t x)
{
    uint32_t r = x >> 8, irq = r % 32, exc = 1 + r % (16 + 32 - 1);
    switch ((x >> 28) % 10) {
    case 0: armv7m_scs_set_pending(&f->scs, (int)exc); break;
    case 1: armv7m_scs_irq_sink(&f->scs, (int)irq, (r >> 6) & 1); break;
    case 2: wr(f, 0x100, 1u << irq); break;                                 /* ISER */
    case 3: wr(f, 0x180, 1u << irq); break;                                 /* ICER */
    case 4: wr(f, 0x400 + (irq & ~3u), r * 0x01010101u); break;             /* IPR */
    case 5: wr(f, 0xd18 + 4 * ((r >> 5) % 3), r); break;                    /* SHPR1-3 */
    case 6: wr(f, 0xd0c, 0x05fa0000u | ((r % 8) << 8)); break;              /* PRIGROUP */
    case 7: {
        int best = armv7m_scs_preempting(&f->scs, V7M_PRIO_THREAD + 1);
        if (best)
            armv7m_scs_acknowledge(&f->scs, best);
        break;
    }
    case 8:
        if (f->scs.active_depth)
            armv7m_scs_complete(&f->scs, f->scs.active_stack[f->scs.active_depth - 1]);
        break;
    default: wr(f, 0x200, 1u << irq); break;                                /* ISPR */
    }
}

START_TEST(test_summary_matches_a_fresh_scan)
{
    struct fixture f;
    setup(&f, 32, 3, 1000000);
    uint32_t x = 12345;
    for (uint32_t step = 0; step < 20000; step++) {
        x = x * 1103515245u + 12345u;
        summary_step(&f, x);
        check_summary_fresh(&f, step);
    }
    ck_assert_int_gt(f.pending_calls, 1000);
}
END_TEST

Suite *armv7m_scs_suite(void)
{
    Suite *s = suite_create("armv7m_scs");
    TCase *regs = tcase_create("registers");
    tcase_add_test(regs, test_reset_values);
    tcase_add_test(regs, test_unknown_offsets_are_guest_errors);
    tcase_add_test(regs, test_register_readback_and_masks);
    tcase_add_test(regs, test_fault_status_write_one_to_clear);
    tcase_add_test(regs, test_aircr_vectkey_prigroup_and_reset_request);
    tcase_add_test(regs, test_icsr_shcsr_stir);
    tcase_add_test(regs, test_reset_keeps_line_levels);
    suite_add_tcase(s, regs);
    TCase *exc = tcase_create("exceptions");
    tcase_add_test(exc, test_group_priority_and_prigroup);
    tcase_add_test(exc, test_execution_priority_and_masks);
    tcase_add_test(exc, test_preemption_choice);
    tcase_add_test(exc, test_pending_while_masked_then_taken);
    tcase_add_test(exc, test_level_irq_repends_on_complete);
    tcase_add_test(exc, test_vectactive_stack_and_rettobase);
    tcase_add_test(exc, test_fault_escalation);
    tcase_add_test(exc, test_ccr_cpacr_writes_reach_the_cpu);
    tcase_add_test(exc, test_summary_matches_a_fresh_scan);
    suite_add_tcase(s, exc);
    TCase *st = tcase_create("systick");
    tcase_add_test(st, test_systick_cpu_clock_lazy_value_and_countflag);
    tcase_add_test(st, test_systick_rvr_zero_stops_at_next_wrap);
    tcase_add_test(st, test_systick_reference_clock);
    tcase_add_test(st, test_systick_no_drift_over_1000_wraps);
    suite_add_tcase(s, st);
    return s;
}

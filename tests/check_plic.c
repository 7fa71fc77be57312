/* Unit tests: RISC-V PLIC (registers driven directly, no CPU). */
#include <check.h>

#include "devtest.h"
#include "peripherals/virt/plic.h"

#define PRIO(s) (4u * (s))
#define PENDING 0x1000u
#define ENABLE(c) (0x2000u + 0x80u * (c))
#define THRESHOLD(c) (0x200000u + 0x1000u * (c))
#define CLAIM(c) (0x200004u + 0x1000u * (c))

struct fixture {
    struct devtest d;
    struct plic p;
    struct irq_probe m, s;
};

static void setup(struct fixture *f)
{
    devtest_init(&f->d, "plic");
    plic_init(&f->p, &f->d.env);
    irq_probe_attach(&f->m, &f->p.irq_ctx[0], &f->d.clock);
    irq_probe_attach(&f->s, &f->p.irq_ctx[1], &f->d.clock);
}

static uint32_t rd(struct fixture *f, uint32_t off) { return plic_ops.read(&f->p, off, 4); }
static void wr(struct fixture *f, uint32_t off, uint32_t v) { plic_ops.write(&f->p, off, v, 4); }

START_TEST(test_registers_as_qemu_virt)
{
    struct fixture f;
    setup(&f);
    wr(&f, PRIO(1), 0xffffffff);
    ck_assert_uint_eq(rd(&f, PRIO(1)), 7);          /* 3 priority bits */
    wr(&f, PRIO(0), 5);
    ck_assert_uint_eq(rd(&f, PRIO(0)), 0);          /* source 0 does not exist */
    wr(&f, PRIO(95), 3);
    ck_assert_uint_eq(rd(&f, PRIO(95)), 3);
    wr(&f, ENABLE(0), 0xffffffff);
    ck_assert_uint_eq(rd(&f, ENABLE(0)), 0xffffffff);
    wr(&f, ENABLE(0) + 8, 0xffffffff);
    ck_assert_uint_eq(rd(&f, ENABLE(0) + 8), 0xffffffff);      /* sources 64..95 */
    wr(&f, THRESHOLD(0), 0xffffffff);
    ck_assert_uint_eq(rd(&f, THRESHOLD(0)), 7);
    ck_assert_uint_eq(rd(&f, CLAIM(0)), 0);         /* nothing pending */
    ck_assert_uint_eq(f.d.trace.guest_errors, 0);
    wr(&f, PENDING, 0xffffffff);                    /* read-only */
    ck_assert_uint_eq(rd(&f, PENDING), 0);
    rd(&f, ENABLE(0) + 12);                         /* source 96 and up: none */
    rd(&f, THRESHOLD(2));                           /* context 2: none */
    ck_assert_uint_eq(f.d.trace.guest_errors, 3);
    devtest_free(&f.d);
}
END_TEST

START_TEST(test_claim_priority_threshold_complete)
{
    struct fixture f;
    setup(&f);
    wr(&f, PRIO(10), 2);
    wr(&f, PRIO(12), 5);
    wr(&f, PRIO(13), 5);
    wr(&f, ENABLE(0), (1u << 10) | (1u << 12) | (1u << 13));
    plic_irq_sink(&f.p, 10, true);
    ck_assert(f.m.level);
    ck_assert(!f.s.level);                          /* not enabled for context 1 */
    plic_irq_sink(&f.p, 13, true);
    plic_irq_sink(&f.p, 12, true);
    ck_assert_uint_eq(rd(&f, PENDING), (1u << 10) | (1u << 12) | (1u << 13));
    wr(&f, THRESHOLD(0), 5);                        /* priority must exceed the threshold */
    ck_assert(!f.m.level);
    wr(&f, THRESHOLD(0), 1);
    ck_assert(f.m.level);
    ck_assert_uint_eq(rd(&f, CLAIM(0)), 12);        /* highest priority, lowest ID */
    ck_assert_uint_eq(rd(&f, CLAIM(0)), 13);
    ck_assert_uint_eq(rd(&f, CLAIM(0)), 10);
    ck_assert_uint_eq(rd(&f, CLAIM(0)), 0);
    ck_assert(!f.m.level);
    ck_assert_uint_eq(rd(&f, PENDING), 0);
    /* Level-triggered gateway: completing while the line is still high pends it again. */
    plic_irq_sink(&f.p, 13, false);
    wr(&f, CLAIM(0), 13);
    wr(&f, CLAIM(0), 12);
    ck_assert_uint_eq(rd(&f, PENDING), 1u << 12);
    ck_assert(f.m.level);
    devtest_free(&f.d);
}
END_TEST

START_TEST(test_in_flight_source_does_not_pend_again)
{
    struct fixture f;
    setup(&f);
    wr(&f, PRIO(4), 1);
    wr(&f, ENABLE(0), 1u << 4);
    plic_irq_sink(&f.p, 4, true);
    ck_assert_uint_eq(rd(&f, CLAIM(0)), 4);
    plic_irq_sink(&f.p, 4, false);
    plic_irq_sink(&f.p, 4, true);                   /* a new edge while in flight */
    ck_assert_uint_eq(rd(&f, PENDING), 0);
    ck_assert(!f.m.level);
    wr(&f, CLAIM(0), 4);
    ck_assert(f.m.level);
    /* Priority 0 never interrupts. */
    wr(&f, PRIO(4), 0);
    ck_assert(!f.m.level);
    ck_assert_uint_eq(rd(&f, CLAIM(0)), 0);
    devtest_free(&f.d);
}
END_TEST

Suite *plic_suite(void)
{
    Suite *s = suite_create("plic");
    TCase *tc = tcase_create("plic");
    tcase_add_test(tc, test_registers_as_qemu_virt);
    tcase_add_test(tc, test_claim_priority_threshold_complete);
    tcase_add_test(tc, test_in_flight_source_does_not_pend_again);
    suite_add_tcase(s, tc);
    return s;
}

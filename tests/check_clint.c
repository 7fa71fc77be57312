/* Unit tests: RISC-V CLINT (registers driven directly, no CPU). */
#include <check.h>

#include "boards-virtual/rv32/memmap.h"
#include "devtest.h"
#include "peripherals/virt/clint.h"

enum { MSIP = 0x0000, MTIMECMP = 0x4000, MTIMECMPH = 0x4004, MTIME = 0xbff8, MTIMEH = 0xbffc };

struct fixture {
    struct devtest d;
    struct clint c;
    struct irq_probe msi, mti;
};

static void setup(struct fixture *f)
{
    devtest_init(&f->d, "clint");
    ck_assert_uint_eq(f->d.clock.hz, RV32_CPU_HZ);
    clint_init(&f->c, &f->d.env, RV32_MTIME_HZ);
    irq_probe_attach(&f->msi, &f->c.irq_msi, &f->d.clock);
    irq_probe_attach(&f->mti, &f->c.irq_mti, &f->d.clock);
    clint_reset(&f->c);
}

/* Cycle at which mtime reaches tick (64 MHz / 10 MHz = 6.4 cycles per tick, rounded up). */
static uint64_t cycle_of_tick(uint64_t tick)
{
    return (tick * RV32_CPU_HZ + RV32_MTIME_HZ - 1) / RV32_MTIME_HZ;
}

START_TEST(test_reset_values_timer_pending)
{
    struct fixture f;
    setup(&f);
    ck_assert_uint_eq(clint_ops.read(&f.c, MSIP, 4), 0);
    ck_assert_uint_eq(clint_ops.read(&f.c, MTIMECMP, 4), 0);
    ck_assert_uint_eq(clint_ops.read(&f.c, MTIMECMPH, 4), 0);
    ck_assert(f.mti.level);             /* mtime 0 >= mtimecmp 0, as QEMU virt */
    ck_assert(!f.msi.level);
    devtest_free(&f.d);
}
END_TEST

START_TEST(test_mtime_counts_at_10mhz)
{
    struct fixture f;
    setup(&f);
    clock_advance_to(&f.d.clock, 640);  /* 10 us */
    ck_assert_uint_eq(clint_ops.read(&f.c, MTIME, 4), 100);
    ck_assert_uint_eq(clint_ops.read(&f.c, MTIMEH, 4), 0);
    clock_advance_to(&f.d.clock, 641);
    ck_assert_uint_eq(clint_ops.read(&f.c, MTIME, 4), 100);    /* 100.16 ticks */
    clint_ops.write(&f.c, MTIMEH, 2, 4);                        /* mtime is writable */
    ck_assert_uint_eq(clint_mtime(&f.c), (2ull << 32) + 100);
    clock_advance_to(&f.d.clock, 641 + 64);
    ck_assert_uint_eq(clint_mtime(&f.c), (2ull << 32) + 110);
    devtest_free(&f.d);
}
END_TEST

START_TEST(test_timer_interrupt_at_exact_cycle)
{
    struct fixture f;
    setup(&f);
    clint_ops.write(&f.c, MTIMECMPH, 0, 4);
    clint_ops.write(&f.c, MTIMECMP, 1001, 4);
    ck_assert(!f.mti.level);
    clock_advance_to(&f.d.clock, cycle_of_tick(1001) - 1);
    ck_assert(!f.mti.level);
    clock_advance_to(&f.d.clock, cycle_of_tick(1001));
    ck_assert(f.mti.level);
    ck_assert_uint_eq(f.mti.last_rise, cycle_of_tick(1001));
    clint_ops.write(&f.c, MTIMECMP, 5000, 4);                   /* moving it lowers the line */
    ck_assert(!f.mti.level);
    clint_ops.write(&f.c, MTIMECMPH, 0xffffffff, 4);            /* "never": no event queued */
    clint_ops.write(&f.c, MTIMECMP, 0xffffffff, 4);
    ck_assert_uint_eq(clock_next_deadline(&f.d.clock), CLOCK_NEVER);
    devtest_free(&f.d);
}
END_TEST

START_TEST(test_msip_and_bad_offsets)
{
    struct fixture f;
    setup(&f);
    clint_ops.write(&f.c, MSIP, 3, 4);
    ck_assert_uint_eq(clint_ops.read(&f.c, MSIP, 4), 1);       /* bit 0 only */
    ck_assert(f.msi.level);
    clint_ops.write(&f.c, MSIP, 0, 4);
    ck_assert(!f.msi.level);
    ck_assert_uint_eq(f.msi.rises, 1);
    clint_ops.write(&f.c, 0x0004, 1, 4);                        /* hart 1: absent */
    ck_assert_uint_eq(clint_ops.read(&f.c, 0x4008, 4), 0);
    ck_assert_uint_eq(f.d.trace.guest_errors, 2);
    devtest_free(&f.d);
}
END_TEST

Suite *clint_suite(void)
{
    Suite *s = suite_create("clint");
    TCase *tc = tcase_create("clint");
    tcase_add_test(tc, test_reset_values_timer_pending);
    tcase_add_test(tc, test_mtime_counts_at_10mhz);
    tcase_add_test(tc, test_timer_interrupt_at_exact_cycle);
    tcase_add_test(tc, test_msip_and_bad_offsets);
    suite_add_tcase(s, tc);
    return s;
}

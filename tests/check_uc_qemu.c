/* Unit tests: Unicorn's insides (sim/cpu/uc/qemu.h). The engine the project builds with is
 * 2.1.1, so the one-page TLB flush must be available on both architectures (if a Unicorn
 * upgrade moves the pointers, this fails instead of every process switch quietly flushing
 * everything again); a wrong place for the register is refused; and a flushed page is filled
 * again (the TLB fill hook sees it) while the others stay. */
#include <check.h>

#include <string.h>

#include "sim/cpu/uc/qemu.h"
#include "sim/cpu/uc/tlb.h"

static uc_engine *open_arm(void)
{
    uc_engine *uc = NULL;
    ck_assert_int_eq(uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &uc), UC_ERR_OK);
    return uc;
}

START_TEST(test_attach_both_architectures)
{
    struct uc_qemu q;
    uc_engine *arm = open_arm(), *rv = NULL;
    ck_assert(uc_qemu_attach(&q, arm, UC_ARM_REG_R0, 0, tlb_flush_page_arm));
    ck_assert_ptr_nonnull(q.cpu);
    ck_assert_int_eq(uc_open(UC_ARCH_RISCV, UC_MODE_RISCV32, &rv), UC_ERR_OK);
    ck_assert(uc_qemu_attach(&q, rv, UC_RISCV_REG_X1, 4, tlb_flush_page_riscv32));   /* gpr[1] */
    uc_close(arm);
    uc_close(rv);
}
END_TEST

START_TEST(test_wrong_register_place_is_refused)
{
    struct uc_qemu q;
    uc_engine *arm = open_arm();
    ck_assert(!uc_qemu_attach(&q, arm, UC_ARM_REG_R0, 4, tlb_flush_page_arm));
    ck_assert_ptr_null(q.cpu);
    ck_assert(!uc_qemu_attach(&q, arm, UC_ARM_REG_R0, 0, NULL));
    uc_close(arm);
}
END_TEST

static int fills[2];

static bool count_fill(uc_engine *uc, uint64_t vaddr, uc_mem_type type, uc_tlb_entry *e, void *ud)
{
    (void)uc; (void)type; (void)ud;
    fills[vaddr >= 0x1000]++;
    e->paddr = vaddr;
    e->perms = UC_PROT_ALL;
    return true;
}

/* Reads one word from page 0 and one from page 1 (0x1000) and stops. */
static void run_loads(uc_engine *uc)
{
    ck_assert_int_eq(uc_emu_start(uc, 0x2001, 0x2008, 0, 0), UC_ERR_OK);
}

START_TEST(test_flush_page_drops_only_that_page)
{
    struct uc_qemu q;
    uc_engine *arm = open_arm();
    uc_hook h;
    /* ldr r1, [r0]; ldr r2, [r3]; then past the end: r0 = 0x0, r3 = 0x1000 */
    static const uint16_t code[] = { 0x6801, 0x681a, 0xbf00, 0xbf00 };
    uint32_t zero = 0, page1 = 0x1000;
    ck_assert_int_eq(uc_mem_map(arm, 0, 0x4000, UC_PROT_ALL), UC_ERR_OK);
    ck_assert_int_eq(uc_mem_write(arm, 0x2000, code, sizeof(code)), UC_ERR_OK);
    ck_assert_int_eq(uc_ctl_tlb_mode(arm, UC_TLB_VIRTUAL), UC_ERR_OK);
    ck_assert_int_eq(uc_hook_add(arm, &h, UC_HOOK_TLB_FILL, count_fill, NULL, 1, 0), UC_ERR_OK);
    ck_assert(uc_qemu_attach(&q, arm, UC_ARM_REG_R0, 0, tlb_flush_page_arm));
    uc_reg_write(arm, UC_ARM_REG_R0, &zero);
    uc_reg_write(arm, UC_ARM_REG_R3, &page1);
    run_loads(arm);
    int before[2] = { fills[0], fills[1] };
    run_loads(arm);                                 /* all cached: no fill */
    ck_assert_int_eq(fills[0], before[0]);
    ck_assert_int_eq(fills[1], before[1]);
    uc_qemu_flush_page(&q, 0x1000);
    run_loads(arm);                                 /* page 1 again, page 0 still there */
    ck_assert_int_eq(fills[0], before[0]);
    ck_assert_int_eq(fills[1], before[1] + 1);
    uc_close(arm);
}
END_TEST

/* The probe's diff: exactly one word changed, to the value; several or another value: -1. */
START_TEST(test_changed_word_and_size_finders)
{
    uint8_t a[64] = { 0 }, b[64] = { 0 };
    uint32_t v = 11;
    memcpy(b + 20, &v, 4);
    ck_assert_int_eq(uc_qemu_changed_word(a, b, sizeof(a), 11), 20);
    ck_assert_int_eq(uc_qemu_changed_word(a, b, sizeof(a), 12), -1);
    memcpy(b + 40, &v, 4);
    ck_assert_int_eq(uc_qemu_changed_word(a, b, sizeof(a), 11), -1);
    size_t three = 3, six = 6;
    memset(a, 0, sizeof(a));
    memset(b, 0, sizeof(b));
    memcpy(a + 16, &three, sizeof(three));
    memcpy(b + 16, &six, sizeof(six));
    memcpy(a + 32, &three, sizeof(three));          /* 3 in the first copy only: not it */
    ck_assert_int_eq(uc_qemu_find_size(a, b, sizeof(a), 3, 6), 16);
    memcpy(b + 32, &six, sizeof(six));              /* two places: ambiguous */
    ck_assert_int_eq(uc_qemu_find_size(a, b, sizeof(a), 3, 6), -1);
}
END_TEST

/* The TLB watch (sim/cpu/uc/tlb.c): with QEMU's count known, a drifting count is set right
 * (raised to the slots filled, also from a wrap past zero) instead of a flush being asked for;
 * without it, the same refills ask for a flush. */
START_TEST(test_tlb_watch_anchors_a_known_count)
{
    struct uc_tlb_watch w, plain;
    size_t count = 0;
    uc_tlb_watch_init(&w, 12);
    uc_tlb_watch_init(&plain, 12);
    w.count[1] = &count;
    for (uint32_t p = 0; p < 5; p++) {             /* five code pages in five slots */
        ck_assert(!uc_tlb_watch_fill(&w, 0x80000000u + (p << 12), 1, false));
        ck_assert(!uc_tlb_watch_fill(&plain, 0x80000000u + (p << 12), 1, false));
    }
    count = (size_t)-2;                             /* QEMU's count wrapped past zero */
    bool flush = false;
    for (int i = 0; i < 8; i++) {                   /* the timer page: filled, then refilled */
        ck_assert(!uc_tlb_watch_fill(&w, 0x02004000u, 1, true));
        flush |= uc_tlb_watch_fill(&plain, 0x02004000u, 1, true);
    }
    ck_assert(flush);
    ck_assert_uint_ge(w.anchors, 1);
    ck_assert_uint_eq(count, 5);    /* the five slots filled: the timer shares slot 4 with a code page */
    count = 40;                                     /* a plausible count above them is kept */
    for (int i = 0; i < 8; i++)
        uc_tlb_watch_fill(&w, 0x02004000u, 1, true);
    ck_assert_uint_eq(count, 40);
    uc_engine *uc = open_arm();
    uc_tlb_settle(uc, &w);
    uc_close(uc);
    ck_assert_ptr_eq(w.count[1], &count);           /* a settle keeps the count's place */
}
END_TEST

/* The set of filled pages: a page is in it from its fill until it is flushed (forget) or the
 * TLB settles; removals leave later pages of the same probe chain findable; too many pages and
 * every page counts as filled (the safe answer). */
START_TEST(test_tlb_watch_knows_the_filled_pages)
{
    static struct uc_tlb_watch w;
    uc_tlb_watch_init(&w, 10);
    ck_assert(!uc_tlb_watch_maybe_filled(&w, 0x20000400u));
    uc_tlb_watch_fill(&w, 0x20000400u, 0, false);
    uc_tlb_watch_filled(&w, 0x00040000u);                   /* a fill the watch did not see */
    for (uint32_t p = 0; p < 40; p++)
        uc_tlb_watch_filled(&w, 0x20010000u + (p << 10));
    ck_assert(uc_tlb_watch_maybe_filled(&w, 0x20000400u));
    ck_assert(uc_tlb_watch_maybe_filled(&w, 0x00040000u));
    ck_assert(!uc_tlb_watch_maybe_filled(&w, 0x20000800u));
    uc_tlb_watch_forget(&w, 0x20000400u);
    ck_assert(!uc_tlb_watch_maybe_filled(&w, 0x20000400u));
    for (uint32_t p = 0; p < 40; p += 2)
        uc_tlb_watch_forget(&w, 0x20010000u + (p << 10));
    for (uint32_t p = 0; p < 40; p++)
        ck_assert_int_eq(uc_tlb_watch_maybe_filled(&w, 0x20010000u + (p << 10)), p % 2 == 1);
    ck_assert(!w.filled_all);
    for (uint32_t p = 0; p < 4 * UC_TLB_FILLED_SLOTS; p++)  /* more pages than the set holds */
        uc_tlb_watch_filled(&w, 0x40000000u + (p << 10));
    ck_assert(w.filled_all);
    ck_assert(uc_tlb_watch_maybe_filled(&w, 0x20000400u));
    uc_tlb_watch_init(&w, 10);                              /* what a settle does */
    ck_assert(!uc_tlb_watch_maybe_filled(&w, 0x40000000u));
}
END_TEST

Suite *uc_qemu_suite(void)
{
    Suite *s = suite_create("uc_qemu");
    TCase *tc = tcase_create("insides");
    tcase_add_test(tc, test_attach_both_architectures);
    tcase_add_test(tc, test_wrong_register_place_is_refused);
    tcase_add_test(tc, test_flush_page_drops_only_that_page);
    tcase_add_test(tc, test_changed_word_and_size_finders);
    tcase_add_test(tc, test_tlb_watch_anchors_a_known_count);
    tcase_add_test(tc, test_tlb_watch_knows_the_filled_pages);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests: the RNG capsule (driver 0x40001, doc/drivers/rng.md) on a fake generator: fills
 * exactly min(wanted, allowed buffer) bytes, from a deferred call (never inside the command),
 * then upcall (0, bytes filled, 0); RESERVE without a buffer, BUSY while pending; a dry
 * generator is retried later. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/capsules/rng.h"
#include "kernel/core/deferred.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "tests/kernel_fake_hil.h"

#define RNG RNG_DRIVER_NUM
#define MARK 0xeeu

/* p allows len bytes followed by MARK bytes it did not allow; evaluates to the buffer. */
#define allow_marked(p, len)                                                                 \
    ({                                                                                       \
        uint8_t *b_ = kf_allow(p, SYSCALL_ALLOW_RW, RNG, 0, 0x300, len);                     \
        memset(b_, MARK, (len) + 8);                                                         \
        b_;                                                                                  \
    })

/* Asserts buf holds the fake's counting bytes first..first+n-1, then MARK. */
#define assert_filled(buf, first, n)                                                         \
    do {                                                                                     \
        for (unsigned i_ = 0; i_ < (n); i_++)                                                \
            ck_assert_uint_eq((buf)[i_], (uint8_t)((first) + i_));                           \
        for (unsigned i_ = (n); i_ < (n) + 8; i_++)                                          \
            ck_assert_uint_eq((buf)[i_], MARK);                                              \
    } while (0)

START_TEST(test_fills_exactly_the_allowed_length)
{
    struct process *p = kt_process("app", 0, 2000);
    uint8_t *buf = allow_marked(p, 7);                      /* not a multiple of 4 */
    kf_command(p, RNG, 1, 12, 0);                           /* wants more than allowed */
    kf_assert_r0(p, RET_SUCCESS);
    kf_wait_for(p, RNG, 0);
    ck_assert_uint_eq(buf[0], MARK);                        /* later, not in the command */
    kernel_do_work();
    kf_assert_woke(p, 0, 7, 0);
    assert_filled(buf, 0, 7);
}
END_TEST

START_TEST(test_fills_the_wanted_length_when_shorter)
{
    struct process *p = kt_process("app", 0, 2000);
    uint8_t *buf = allow_marked(p, 16);
    kf_command(p, RNG, 1, 5, 0);
    kf_wait_for(p, RNG, 0);
    kernel_do_work();
    kf_assert_woke(p, 0, 5, 0);
    assert_filled(buf, 0, 5);
    ck_assert_uint_eq(buf[5], MARK);
}
END_TEST

START_TEST(test_errors)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_command(p, RNG, 1, 4, 0);
    kf_assert_failure(p, ERR_RESERVE);                      /* no buffer */
    allow_marked(p, 4);
    kf_command(p, RNG, 1, 4, 0);
    kf_command(p, RNG, 1, 4, 0);
    kf_assert_failure(p, ERR_BUSY);
    kf_command(p, RNG, 0, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    kf_command(p, RNG, 2, 0, 0);
    kf_assert_failure(p, ERR_NOSUPPORT);
}
END_TEST

START_TEST(test_a_dry_generator_is_retried_later)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    uint8_t *ba = allow_marked(a, 8);
    uint8_t *bb = allow_marked(b, 4);
    kf_command(a, RNG, 1, 8, 0);
    kf_command(b, RNG, 1, 4, 0);
    kf_wait_for(a, RNG, 0);
    kf_wait_for(b, RNG, 0);
    kf_rng_words = 1;                                       /* half of a's request */
    deferred_service();                                     /* one round of deferred calls */
    kf_assert_waiting(a);
    kf_assert_waiting(b);
    ck_assert(deferred_pending());                          /* asked to run again */
    kf_rng_words = -1;
    kernel_do_work();
    kf_assert_woke(a, 0, 8, 0);
    kf_assert_woke(b, 0, 4, 0);
    assert_filled(ba, 4, 8);                                /* a's fill started over */
    assert_filled(bb, 12, 4);
}
END_TEST

Suite *kernel_rng_suite(void)
{
    Suite *s = suite_create("kernel_rng");
    TCase *tc = tcase_create("rng");
    kf_add_fixture(tc);
    tcase_add_test(tc, test_fills_exactly_the_allowed_length);
    tcase_add_test(tc, test_fills_the_wanted_length_when_shorter);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_a_dry_generator_is_retried_later);
    suite_add_tcase(s, tc);
    return s;
}

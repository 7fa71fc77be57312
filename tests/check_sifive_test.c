/* Unit tests: SiFive test finisher and the empty virtio-mmio transports of QEMU virt. */
#include <check.h>

#include "boards-virtual/rv32/memmap.h"
#include "devtest.h"
#include "peripherals/virt/sifive_test.h"
#include "peripherals/virt/virtio_mmio.h"

struct exits { int n; int code; };

static void on_exit_cb(void *ctx, int code)
{
    struct exits *e = ctx;
    e->n++;
    e->code = code;
}

START_TEST(test_pass_fail_codes)
{
    struct devtest d;
    struct sifive_test t;
    struct exits e = { 0, -1 };
    devtest_init(&d, "test");
    sifive_test_init(&t, &d.env, on_exit_cb, &e);
    ck_assert_uint_eq(sifive_test_ops.read(&t, 0, 4), 0);
    sifive_test_ops.write(&t, 0, RV32_TEST_PASS, 4);
    ck_assert_int_eq(e.n, 1);
    ck_assert_int_eq(e.code, 0);
    sifive_test_ops.write(&t, 0, RV32_TEST_FAIL | 42u << 16, 4);
    ck_assert_int_eq(e.n, 2);
    ck_assert_int_eq(e.code, 42);
    ck_assert_int_eq(devtest_trace_count(&d, "\"kind\":\"exit\""), 2);
    ck_assert_uint_eq(d.trace.guest_errors, 0);
    sifive_test_ops.write(&t, 0, RV32_TEST_RESET, 4);          /* not modelled */
    sifive_test_ops.write(&t, 0, 0x1234, 4);
    sifive_test_ops.write(&t, 4, RV32_TEST_PASS, 4);
    ck_assert_int_eq(e.n, 2);
    ck_assert_uint_eq(d.trace.guest_errors, 3);
    devtest_free(&d);
}
END_TEST

START_TEST(test_virtio_slots_say_no_device)
{
    struct devtest d;
    struct virtio_mmio v;
    devtest_init(&d, "virtio");
    virtio_mmio_init(&v, &d.env);
    for (uint32_t slot = 0; slot < RV32_VIRTIO_COUNT; slot++) {
        uint32_t base = slot * RV32_VIRTIO_STRIDE;
        ck_assert_uint_eq(virtio_mmio_ops.read(&v, base + 0x000, 4), 0x74726976);  /* "virt" */
        ck_assert_uint_eq(virtio_mmio_ops.read(&v, base + 0x004, 4), 2);           /* virtio 1.0 */
        ck_assert_uint_eq(virtio_mmio_ops.read(&v, base + 0x008, 4), 0);           /* no device */
        ck_assert_uint_eq(virtio_mmio_ops.read(&v, base + 0x00c, 4), 0x554d4551);  /* "QEMU" */
        ck_assert_uint_eq(virtio_mmio_ops.read(&v, base + 0x070, 4), 0);
    }
    virtio_mmio_ops.write(&v, 0x070, 0xff, 4);                  /* ignored */
    ck_assert_uint_eq(virtio_mmio_ops.read(&v, 0x070, 4), 0);
    ck_assert_uint_eq(d.trace.guest_errors, 0);
    devtest_free(&d);
}
END_TEST

Suite *sifive_test_suite(void)
{
    Suite *s = suite_create("sifive_test");
    TCase *tc = tcase_create("sifive_test");
    tcase_add_test(tc, test_pass_fail_codes);
    tcase_add_test(tc, test_virtio_slots_say_no_device);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests: the bus (region table, guest-view accesses, loader). */
#include <check.h>

#include "sim/core/bus.h"

struct fake_dev { uint32_t last_off, last_val; unsigned last_size; int writes; };

static uint32_t fake_read(void *d, uint32_t off, unsigned size)
{
    (void)d;
    return 0xA0000000u | (off << 4) | size;
}

static void fake_write(void *d, uint32_t off, uint32_t v, unsigned size)
{
    struct fake_dev *f = d;
    f->last_off = off; f->last_val = v; f->last_size = size; f->writes++;
}

static const struct device_ops fake_ops = { .kind = "fake", .read = fake_read, .write = fake_write };

START_TEST(test_memory_little_endian_and_flash_read_only)
{
    struct bus b;
    bus_init(&b);
    ck_assert_ptr_nonnull(bus_map_memory(&b, "flash", REGION_FLASH, 0x0, 0x1000));
    ck_assert_ptr_nonnull(bus_map_memory(&b, "ram", REGION_RAM, 0x20000000, 0x1000));
    uint32_t v;
    ck_assert_int_eq(bus_write(&b, 0x20000010, 4, 0x11223344), BUS_OK);
    ck_assert_int_eq(bus_read(&b, 0x20000010, 1, &v), BUS_OK);
    ck_assert_uint_eq(v, 0x44);
    ck_assert_int_eq(bus_read(&b, 0x20000012, 2, &v), BUS_OK);
    ck_assert_uint_eq(v, 0x1122);
    ck_assert_int_eq(bus_write(&b, 0x10, 4, 1), BUS_READ_ONLY);
    const uint8_t img[] = { 1, 2, 3, 4 };
    ck_assert_int_eq(bus_load(&b, 0xffc, img, 4), BUS_OK);
    ck_assert_int_eq(bus_read(&b, 0xffc, 4, &v), BUS_OK);
    ck_assert_uint_eq(v, 0x04030201);
    bus_free(&b);
}
END_TEST

START_TEST(test_unmapped_overlap_and_straddle)
{
    struct bus b;
    bus_init(&b);
    ck_assert_ptr_nonnull(bus_map_memory(&b, "ram", REGION_RAM, 0x1000, 0x1000));
    ck_assert_ptr_null(bus_map_memory(&b, "dup", REGION_RAM, 0x1800, 0x1000));
    uint32_t v = 123;
    ck_assert_int_eq(bus_read(&b, 0x3000, 4, &v), BUS_UNMAPPED);
    ck_assert_uint_eq(v, 0);
    ck_assert_int_eq(bus_read(&b, 0x1ffe, 4, &v), BUS_UNMAPPED);   /* straddles the end */
    ck_assert_int_eq(bus_load(&b, 0x1ff0, "0123456789abcdefXYZ", 19), BUS_UNMAPPED);
    ck_assert_int_eq(bus_read(&b, 0x1001, 4, &v), BUS_MISALIGNED);
    /* bus_peek: bytes of one memory region, any alignment; nothing across its end. */
    char out[8] = { 0 };
    ck_assert_int_eq(bus_load(&b, 0x1ff8, "ABCDEFGH", 8), BUS_OK);
    ck_assert(bus_peek(&b, 0x1ffb, out, 5));
    ck_assert_mem_eq(out, "DEFGH", 5);
    ck_assert(!bus_peek(&b, 0x1ffc, out, 8));
    ck_assert(!bus_peek(&b, 0x3000, out, 1));
    bus_free(&b);
}
END_TEST

START_TEST(test_device_dispatch_uses_offsets)
{
    struct bus b;
    struct fake_dev f = { 0 };
    bus_init(&b);
    ck_assert_ptr_nonnull(bus_map_device(&b, "fake", 0x40004000, 0x1000, &fake_ops, &f));
    uint32_t v;
    ck_assert_int_eq(bus_read(&b, 0x40004008, 4, &v), BUS_OK);
    ck_assert_uint_eq(v, 0xA0000084);
    ck_assert_int_eq(bus_write(&b, 0x40004010, 2, 0xbeef), BUS_OK);
    ck_assert_uint_eq(f.last_off, 0x10);
    ck_assert_uint_eq(f.last_val, 0xbeef);
    ck_assert_uint_eq(f.last_size, 2);
    ck_assert_int_eq(bus_load(&b, 0x40004000, "x", 1), BUS_UNMAPPED);
    ck_assert(!bus_peek(&b, 0x40004000, &v, 4));    /* devices are not peeked: reads have effects */
    ck_assert_int_eq(f.writes, 1);
    bus_free(&b);
}
END_TEST

Suite *bus_suite(void)
{
    Suite *s = suite_create("bus");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_memory_little_endian_and_flash_read_only);
    tcase_add_test(tc, test_unmapped_overlap_and_straddle);
    tcase_add_test(tc, test_device_dispatch_uses_offsets);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests: a process's memory as the memory view draws it (the fault report's regions). */
#include <check.h>

#include "sim/ui/memmap.h"

/* blink on cm4 as the kernel lays it out: 8 KiB of RAM, stack and heap hints given. */
static const struct proc_layout blink = {
    .flash_start = 0x40000, .flash_size = 0x1000, .app_start = 0x4004c, .ram_start = 0x20002000,
    .ram_size = 0x2000, .app_break = 0x20002c58, .mpu_break = 0x20003000, .kernel_break = 0x20003f00,
    .grant_top = 0x20003f40, .stack_start = 0x20002400, .heap_start = 0x20002458,
};

START_TEST(test_ram_regions_bottom_up_as_the_report)
{
    struct ui_seg s[UI_MEMMAP_RAM_SEGS];
    int n = ui_memmap_ram(&blink, s);
    ck_assert_int_eq(n, 7);
    const enum ui_seg_kind kinds[] = { UI_SEG_STACK, UI_SEG_DATA, UI_SEG_HEAP, UI_SEG_ABOVE_BRK, UI_SEG_UNUSED,
                                       UI_SEG_GRANTS, UI_SEG_KERNEL };
    uint32_t at = blink.ram_start;
    for (int i = 0; i < n; i++) {
        ck_assert_int_eq(s[i].kind, kinds[i]);
        ck_assert_uint_eq(s[i].lo, at);              /* contiguous, no gaps */
        at = s[i].hi;
    }
    ck_assert_uint_eq(at, blink.ram_start + blink.ram_size);
    ck_assert_str_eq(s[2].name, "Heap");
    ck_assert_uint_eq(s[2].hi, blink.app_break);
    ck_assert_str_eq(s[6].name, "Grant ptrs + upcalls");
}
END_TEST

START_TEST(test_no_hints_one_app_region_and_empty_ones_left_out)
{
    struct proc_layout l = blink;
    l.stack_start = l.heap_start = 0;
    l.mpu_break = l.app_break;                      /* the MPU break at the break: no "above brk" */
    struct ui_seg s[UI_MEMMAP_RAM_SEGS];
    int n = ui_memmap_ram(&l, s);
    ck_assert_int_eq(n, 4);
    ck_assert_str_eq(s[0].name, "App memory");
    ck_assert_uint_eq(s[0].hi, l.app_break);
    ck_assert_str_eq(s[1].name, "Unused");
}
END_TEST

START_TEST(test_flash_and_region_names)
{
    struct ui_seg s[UI_MEMMAP_FLASH_SEGS];
    ck_assert_int_eq(ui_memmap_flash(&blink, s), 2);
    ck_assert_str_eq(s[0].name, "Protected (TBF header)");
    ck_assert_uint_eq(s[0].hi - s[0].lo, 0x4c);
    char buf[64];
    ck_assert(ui_memmap_region_name(&blink, 0x20002410, buf, sizeof(buf)));
    ck_assert_str_eq(buf, "Data (offset 16)");
    ck_assert(ui_memmap_region_name(&blink, 0x40100, buf, sizeof(buf)));
    ck_assert_str_eq(buf, "App flash (offset 180)");
    ck_assert(!ui_memmap_region_name(&blink, 0, buf, sizeof(buf)));       /* outside */
    ck_assert_str_eq(buf, "");
    ck_assert(!ui_memmap_region_name(&blink, 0x20004000, buf, sizeof(buf)));  /* just past the block */
}
END_TEST

START_TEST(test_y_to_scale)
{
    ck_assert_int_eq(ui_memmap_y(0, 1000, 10, 100, 0), 110);        /* bottom */
    ck_assert_int_eq(ui_memmap_y(0, 1000, 10, 100, 1000), 10);      /* top */
    ck_assert_int_eq(ui_memmap_y(0, 1000, 10, 100, 250), 85);
    ck_assert_int_eq(ui_memmap_y(0, 0, 10, 100, 5), 110);           /* empty: no division */
}
END_TEST

Suite *ui_memmap_suite(void)
{
    Suite *s = suite_create("ui_memmap");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_ram_regions_bottom_up_as_the_report);
    tcase_add_test(tc, test_no_hints_one_app_region_and_empty_ones_left_out);
    tcase_add_test(tc, test_flash_and_region_names);
    tcase_add_test(tc, test_y_to_scale);
    suite_add_tcase(s, tc);
    return s;
}

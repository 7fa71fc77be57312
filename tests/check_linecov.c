/* Unit tests of line coverage (sim/dwarf/linecov.c, srclines.c) on the kernels of the build
 * tree: all code run reaches every line and function, none reaches none, one instruction
 * reaches one line (the function's first), inputs are counted once each however often they
 * run a line, and the lcov tracefile's totals are the text report's. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/loader.h"
#include "sim/dwarf/linecov.h"

#define KERNEL_CM4 "build/kernel/cm4/kernel.elf"
#define KERNEL_RV32 "build/kernel/rv32/kernel.elf"

static struct linecov *open_kernel(const char *path)
{
    char err[300];
    struct linecov *c = linecov_open(path, err, sizeof(err));
    ck_assert_msg(c, "%s", err);
    return c;
}

static uint32_t symbol(const char *elf, const char *name)
{
    const char *names[1] = { name };
    uint32_t v = 0;
    ck_assert_msg(loader_elf_symbols(elf, names, &v, 1) == 1, "%s: no symbol %s", elf, name);
    return v & ~1u;
}

/* The text report (or the tracefile), in memory: the caller frees it. */
static char *report(const struct linecov *c, bool lcov)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert(lcov ? linecov_write_lcov(c, f, "t") : linecov_write_text(c, f, "test"));
    fclose(f);
    return buf;
}

START_TEST(test_all_code_reaches_every_line_and_function)
{
    const char *elf = _i ? KERNEL_RV32 : KERNEL_CM4;
    struct linecov *c = open_kernel(elf);
    linecov_mark(c, 0, 0xffffffffu);
    linecov_end_input(c);
    struct linecov_totals t;
    linecov_totals(c, &t);
    ck_assert_uint_eq(t.inputs, 1);
    ck_assert_uint_gt(t.lines, 1000);
    ck_assert_uint_eq(t.lines_hit, t.lines);
    ck_assert_uint_gt(t.functions, 100);
    ck_assert_uint_eq(t.functions_hit, t.functions);
    linecov_free(c);
}
END_TEST

START_TEST(test_no_code_reaches_nothing)
{
    struct linecov *c = open_kernel(KERNEL_CM4);
    linecov_end_input(c);
    struct linecov_totals t;
    linecov_totals(c, &t);
    ck_assert_uint_eq(t.lines_hit, 0);
    ck_assert_uint_eq(t.functions_hit, 0);
    char *text = report(c, false);
    ck_assert_msg(strstr(text, "\nreached lines (file:line, then how many inputs reached it):\n") &&
                  strstr(text, "inputs reached it):\n")[strlen("inputs reached it):\n")] == 0,
                  "reached lines listed:\n%s", text);
    free(text);
    linecov_free(c);
}
END_TEST

/* One instruction at syscall_handle's address, run six times in each of two inputs: one
 * line, the function's first, reached by 2 inputs. */
START_TEST(test_one_instruction_reaches_one_line_counted_per_input)
{
    struct linecov *c = open_kernel(KERNEL_CM4);
    uint32_t at = symbol(KERNEL_CM4, "syscall_handle");
    for (int input = 0; input < 2; input++) {
        for (uint32_t bytes = 1; bytes <= 2; bytes++)        /* not one cached range */
            for (int i = 0; i < 3; i++)
                linecov_mark(c, at, bytes);
        linecov_end_input(c);
    }
    struct linecov_totals t;
    linecov_totals(c, &t);
    ck_assert_uint_eq(t.lines_hit, 1);
    ck_assert_uint_eq(t.functions_hit, 1);
    char *text = report(c, false);
    char *reached = strstr(text, "inputs reached it):\n");
    ck_assert_ptr_nonnull(reached);
    reached += strlen("inputs reached it):\n");
    ck_assert_msg(strncmp(reached, "kernel/core/syscall.c:", 22) == 0 && strstr(reached, " 2\n") &&
                  strchr(reached, '\n')[1] == 0, "reached: %s", reached);
    ck_assert_msg(strstr(text, "\nkernel/core/syscall.c\n"), "%s", text);
    char *fn = strstr(text, "\n  syscall_handle ");
    ck_assert_msg(fn && strstr(fn, " 1/") && strstr(fn, " 1/") < strchr(fn + 1, '\n'), "%s", text);
    free(text);
    linecov_free(c);
}
END_TEST

static unsigned sum_of(const char *info, const char *key)
{
    unsigned sum = 0;
    size_t n = strlen(key);
    for (const char *p = info; (p = strstr(p, key)) != NULL; p += n)
        if (p == info || p[-1] == '\n')
            sum += (unsigned)strtoul(p + n, NULL, 10);
    return sum;
}

START_TEST(test_tracefile_totals_are_the_reports)
{
    struct linecov *c = open_kernel(KERNEL_CM4);
    uint32_t at = symbol(KERNEL_CM4, "syscall_handle");
    linecov_mark(c, at, 64);
    linecov_end_input(c);
    struct linecov_totals t;
    linecov_totals(c, &t);
    char *info = report(c, true);
    ck_assert_uint_eq(sum_of(info, "LF:"), t.lines);
    ck_assert_uint_eq(sum_of(info, "LH:"), t.lines_hit);
    ck_assert_uint_eq(sum_of(info, "FNF:"), t.functions);
    ck_assert_uint_eq(sum_of(info, "FNH:"), t.functions_hit);
    ck_assert_uint_gt(t.lines_hit, 1);
    ck_assert_msg(strstr(info, "FNDA:1,syscall_handle\n"), "%s", info);
    free(info);
    linecov_free(c);
}
END_TEST

START_TEST(test_a_missing_file_is_an_error)
{
    char err[300];
    ck_assert_ptr_null(linecov_open("build/no-such.elf", err, sizeof(err)));
    ck_assert_msg(strstr(err, "build/no-such.elf") && strstr(err, "No such file"), "%s", err);
}
END_TEST

Suite *linecov_suite(void)
{
    Suite *s = suite_create("linecov");
    TCase *tc = tcase_create("linecov");
    tcase_set_timeout(tc, 30);
    tcase_add_loop_test(tc, test_all_code_reaches_every_line_and_function, 0, 2);
    tcase_add_test(tc, test_no_code_reaches_nothing);
    tcase_add_test(tc, test_one_instruction_reaches_one_line_counted_per_input);
    tcase_add_test(tc, test_tracefile_totals_are_the_reports);
    tcase_add_test(tc, test_a_missing_file_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}

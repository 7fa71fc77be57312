/* Unit tests of the DWARF module (sim/dwarf/srcloc.c) and of run-time addresses in source
 * terms (srcsyms.c), on the kernel and fault-null ELFs of the build tree: functions, files and
 * lines; the symbol table when the DWARF is stripped; missing and non-ELF files; a
 * position-independent cm4 app placed in flash; --app-elf that names a missing file. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/core/loader.h"
#include "sim/dwarf/srcloc.h"
#include "sim/dwarf/srcsyms.h"

#define KERNEL "build/kernel/cm4/kernel.elf"
#define FAULT_NULL_ELF "build/apps/fault-null.elf"
#define FAULT_NULL_TBF "build/apps/fault-null.tbf"
#define FAULT_NULL_SRC "apps/fault-null/main.c"

static uint32_t symbol(const char *elf, const char *name)
{
    const char *names[1] = { name };
    uint32_t v = 0;
    ck_assert_msg(loader_elf_symbols(elf, names, &v, 1) == 1, "%s: no symbol %s", elf, name);
    return v;
}

/* The line of the first line of src that contains text (1-based). */
static unsigned line_of(const char *src, const char *text)
{
    FILE *f = fopen(src, "r");
    ck_assert_msg(f, "cannot open %s", src);
    char buf[512];
    unsigned n = 0, found = 0;
    while (!found && fgets(buf, sizeof(buf), f)) {
        n++;
        if (strstr(buf, text))
            found = n;
    }
    fclose(f);
    ck_assert_msg(found, "%s has no line with %s", src, text);
    return found;
}

/* The line gcc gives main's first instruction: its opening brace, on the line after
 * "int main(void)" in apps/fault-null/main.c. */
static unsigned main_entry_line(void)
{
    return line_of(FAULT_NULL_SRC, "int main(void)") + 1;
}

START_TEST(test_function_file_and_line_of_the_kernel)
{
    char err[300];
    struct srcloc_file *f = srcloc_open(KERNEL, err, sizeof(err));
    ck_assert_msg(f, "%s", err);
    ck_assert(srcloc_has_dwarf(f));
    struct srcloc l;
    uint32_t at = symbol(KERNEL, "syscall_handle");
    ck_assert(srcloc_lookup(f, at + 4, &l));
    ck_assert_str_eq(l.function, "syscall_handle");
    ck_assert_str_eq(l.file, "kernel/core/syscall.c");
    unsigned decl = line_of("kernel/core/syscall.c", "int syscall_handle(");
    ck_assert_uint_ge(l.line, decl);
    ck_assert_uint_lt(l.line, decl + 40);
    ck_assert(!l.from_symtab);
    char text[400];
    srcloc_format(&l, text, sizeof(text));
    char want[100];
    snprintf(want, sizeof(want), "syscall_handle at kernel/core/syscall.c:%u", l.line);
    ck_assert_str_eq(text, want);
    srcloc_close(f);
}
END_TEST

START_TEST(test_an_app_linked_at_its_pic_base)
{
    char err[300];
    struct srcloc_file *f = srcloc_open(FAULT_NULL_ELF, err, sizeof(err));
    ck_assert_msg(f, "%s", err);
    struct srcloc l;
    uint32_t main_at = symbol(FAULT_NULL_ELF, "main");
    ck_assert_uint_ge(main_at, 0x80000000u);                /* apps/libtock/app.ld */
    ck_assert(srcloc_lookup(f, main_at, &l));               /* the Thumb bit is ignored */
    ck_assert_str_eq(l.function, "main");
    ck_assert_str_eq(l.file, FAULT_NULL_SRC);
    ck_assert_uint_eq(l.line, main_entry_line());
    ck_assert(!srcloc_lookup(f, 0x10, &l));                 /* nothing is there */
    srcloc_close(f);
}
END_TEST

START_TEST(test_without_dwarf_the_symbol_table_names_the_function)
{
    const char *stripped = "build/tests/srcloc-stripped.elf";
    ck_assert_int_eq(system("arm-none-eabi-objcopy --strip-debug " FAULT_NULL_ELF " build/tests/srcloc-stripped.elf"), 0);
    char err[300], text[200];
    struct srcloc_file *f = srcloc_open(stripped, err, sizeof(err));
    ck_assert_msg(f, "%s", err);
    ck_assert(!srcloc_has_dwarf(f));
    struct srcloc l;
    uint32_t main_at = symbol(stripped, "main") & ~1u;
    ck_assert(srcloc_lookup(f, main_at + 6, &l));
    ck_assert(l.from_symtab);
    srcloc_format(&l, text, sizeof(text));
    ck_assert_str_eq(text, "main+0x6");
    srcloc_close(f);
    remove(stripped);
}
END_TEST

START_TEST(test_missing_and_foreign_files_are_errors_not_crashes)
{
    char err[300];
    ck_assert_ptr_null(srcloc_open("build/no-such.elf", err, sizeof(err)));
    ck_assert_str_eq(err, "cannot open build/no-such.elf: No such file or directory");
    ck_assert_ptr_null(srcloc_open(FAULT_NULL_TBF, err, sizeof(err)));
    ck_assert_str_eq(err, FAULT_NULL_TBF ": not an ELF file");
}
END_TEST

START_TEST(test_format_of_inlined_code)
{
    struct srcloc l = { .function = "helper", .file = "a.c", .line = 3, .caller = "main",
                        .caller_file = "a.c", .caller_line = 9 };
    char text[200];
    srcloc_format(&l, text, sizeof(text));
    ck_assert_str_eq(text, "helper at a.c:3 inlined in main at a.c:9");
}
END_TEST

static struct machine *fault_null_machine(void)
{
    char err[300];
    char *apps[1] = { FAULT_NULL_TBF };
    struct machine_config cfg = { .board = "cm4" };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m, "%s", err);
    ck_assert_msg(machine_load_images(m, KERNEL, apps, 1, err, sizeof(err)), "%s", err);
    return m;
}

/* main's run-time address: the ELF's, moved from the PIC flash base to the binary's start. */
static uint32_t main_at_run_time(struct machine *m)
{
    struct appelf a[2];
    ck_assert_int_eq(appelf_scan(m, a, 2), 1);
    ck_assert(!a[0].fixed);
    return appelf_runtime(&a[0], symbol(FAULT_NULL_ELF, "main") & ~1u, 0);
}

START_TEST(test_run_time_addresses_of_an_app_and_the_kernel)
{
    struct machine *m = fault_null_machine();
    struct srcsyms s;
    srcsyms_init(&s, m);
    char text[400], want[200];
    uint32_t main_at = main_at_run_time(m);
    ck_assert(srcsyms_describe(&s, main_at, false, text, sizeof(text)));
    snprintf(want, sizeof(want), "main at " FAULT_NULL_SRC ":%u (fault-null.elf)", main_entry_line());
    ck_assert_str_eq(text, want);
    uint32_t k = symbol(KERNEL, "syscall_handle") & ~1u;
    ck_assert(srcsyms_describe(&s, k + 4, false, text, sizeof(text)));
    ck_assert_msg(strncmp(text, "syscall_handle at kernel/core/syscall.c:", 40) == 0, "%s", text);
    ck_assert(strstr(text, " (kernel.elf)"));
    ck_assert(!srcsyms_describe(&s, 0x20001000u, false, text, sizeof(text)));
    ck_assert_str_eq(text, "not in the kernel's or an app's code");
    ck_assert(!srcsyms_take_note(&s, text, sizeof(text)));  /* both files were fine */
    srcsyms_free(&s);
    machine_destroy(m);
}
END_TEST

START_TEST(test_an_app_elf_that_cannot_be_opened_degrades_with_one_note)
{
    struct machine *m = fault_null_machine();
    ck_assert(machine_add_app_elf(m, "build/gone/fault-null.elf"));
    struct srcsyms s;
    srcsyms_init(&s, m);
    char text[400];
    uint32_t main_at = main_at_run_time(m);
    ck_assert(!srcsyms_describe(&s, main_at, false, text, sizeof(text)));
    char want[100];
    snprintf(want, sizeof(want), "+0x%x in app fault-null (no symbols)", main_at - m->layout.apps_base);
    ck_assert_str_eq(text, want);
    ck_assert(srcsyms_take_note(&s, text, sizeof(text)));
    ck_assert_str_eq(text, "tocksim: no source locations from cannot open build/gone/fault-null.elf: "
                           "No such file or directory");
    ck_assert(!srcsyms_take_note(&s, text, sizeof(text)));  /* once */
    srcsyms_free(&s);
    machine_destroy(m);
}
END_TEST

Suite *srcloc_suite(void)
{
    Suite *s = suite_create("srcloc");
    TCase *tc = tcase_create("dwarf");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_function_file_and_line_of_the_kernel);
    tcase_add_test(tc, test_an_app_linked_at_its_pic_base);
    tcase_add_test(tc, test_without_dwarf_the_symbol_table_names_the_function);
    tcase_add_test(tc, test_missing_and_foreign_files_are_errors_not_crashes);
    tcase_add_test(tc, test_format_of_inlined_code);
    tcase_add_test(tc, test_run_time_addresses_of_an_app_and_the_kernel);
    tcase_add_test(tc, test_an_app_elf_that_cannot_be_opened_degrades_with_one_note);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests of elf2tbf's command line (tools/elf2tbf/cmdline.c): elf2tab's, as libtock-c's
 * Makefiles pass it, and elf2tbf's own options. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "tools/elf2tbf/cmdline.h"
#include "tools/elf2tbf/credentials.h"
#include "tools/elf2tbf/pack.h"

static struct elf2tbf_cmdline c;
static char err[512];

/* Parses a NULL-terminated list of arguments (after the program name). */
static int parse(const char *const *args)
{
    static char *argv[64];
    int argc = 0;
    argv[argc++] = "elf2tab";
    while (*args && argc < 63)
        argv[argc++] = (char *)*args++;
    argv[argc] = NULL;
    elf2tbf_cmdline_free(&c);
    err[0] = 0;
    return elf2tbf_cmdline_parse(argc, argv, &c, err, sizeof(err));
}

static void parse_fails(const char *const *args, const char *needle)
{
    ck_assert_int_eq(parse(args), -1);
    ck_assert_msg(strstr(err, needle) != NULL, "error \"%s\" lacks \"%s\"", err, needle);
}

static void teardown(void)
{
    elf2tbf_cmdline_free(&c);
}

/* What libtock-c's AppMakefile.mk runs: $(ELF2TAB) $(ELF2TAB_ARGS) -o $@ $^, with the
 * arguments of its Configuration.mk and an app's extras. */
START_TEST(libtock_c_command_line)
{
    const char *args[] = {
        "--kernel-major", "2", "--kernel-minor", "0", "-n", "blink", "-o", "build/blink.tab",
        "--stack", "2048", "--app-heap", "1024", "--kernel-heap", "1024",
        "--protected-region-size", "64", "--minimum-footer-size", "3000", "--deterministic",
        "-v", "build/cortex-m4/cortex-m4.elf", "build/rv32imac/rv32imac.0x80080080.0x80040000.elf",
        "build/cortex-m0/cortex-m0.elf,cortex-m0", NULL,
    };
    ck_assert_msg(parse(args) == 0, "%s", err);
    ck_assert_str_eq(c.output, "build/blink.tab");
    ck_assert_str_eq(c.opts.tbf.package_name, "blink");
    ck_assert(c.opts.tbf.has_kernel_version);
    ck_assert_uint_eq(c.opts.tbf.kernel_major, 2);
    ck_assert_uint_eq(c.opts.tbf.kernel_minor, 0);
    ck_assert_uint_eq(c.opts.stack, 2048);
    ck_assert_uint_eq(c.opts.app_heap, 1024);
    ck_assert_uint_eq(c.opts.kernel_heap, 1024);
    ck_assert_uint_eq(c.opts.protected_region, 64);
    ck_assert_uint_eq(c.opts.tbf.minimum_footer, 3000);
    ck_assert(c.deterministic && c.verbose);
    ck_assert_int_eq(c.n_inputs, 3);
    ck_assert_str_eq(c.inputs[0].path, "build/cortex-m4/cortex-m4.elf");
    ck_assert_ptr_null(c.inputs[0].arch);
    ck_assert_str_eq(c.inputs[1].path, "build/rv32imac/rv32imac.0x80080080.0x80040000.elf");
    ck_assert_str_eq(c.inputs[2].path, "build/cortex-m0/cortex-m0.elf");
    ck_assert_str_eq(c.inputs[2].arch, "cortex-m0");
}
END_TEST

/* Multi-value options take values until the next option or file; --opt=value works. */
START_TEST(multi_value_and_inline_options)
{
    const char *args[] = {
        "--permissions", "1,0", "1,1", "2,64", "--write_id=5", "--read_ids", "1", "0x2",
        "--access_ids", "3", "app.elf", "--short-id", "7", "--sha256", "--sha512", "-oout.tab",
        "--disable", "--app-version=3", "--supported-boards", "hail,imix", NULL,
    };
    ck_assert_msg(parse(args) == 0, "%s", err);
    const struct tbfimg_params *p = &c.opts.tbf;
    ck_assert_uint_eq(p->n_perms, 2);                   /* driver 1 offset 0, driver 2 offset 1 */
    ck_assert_uint_eq(p->perms[0].allowed, 0x3);
    ck_assert_uint_eq(p->perms[1].driver, 2);
    ck_assert_uint_eq(p->perms[1].offset, 1);
    ck_assert(p->has_acl);
    ck_assert_uint_eq(p->write_id, 5);
    ck_assert_uint_eq(p->n_read_ids, 2);
    ck_assert_uint_eq(p->read_ids[1], 2);
    ck_assert_uint_eq(p->n_access_ids, 1);
    ck_assert(p->has_short_id && p->short_id == 7);
    ck_assert_uint_eq(c.opts.hashes, CRED_SHA256 | CRED_SHA512);
    ck_assert_str_eq(c.output, "out.tab");
    ck_assert(!p->enabled);
    ck_assert_uint_eq(p->app_version, 3);
    ck_assert_str_eq(c.boards, "hail,imix");
    ck_assert_int_eq(c.n_inputs, 1);
    ck_assert_str_eq(c.inputs[0].path, "app.elf");
}
END_TEST

/* The options tocksim's own build passes keep working. */
START_TEST(elf2tbf_own_options)
{
    const char *args[] = {
        "-n", "hello", "--kernel-version", "2.0", "--app-heap", "1024", "--protected-region-size",
        "0x80", "--fixed-flash", "0x80100080", "--fixed-ram", "0x80210000", "--permission", "1,2",
        "--headers", "program", "--sticky", "-o", "x.tbf", "x.elf", NULL,
    };
    ck_assert_msg(parse(args) == 0, "%s", err);
    ck_assert_str_eq(c.output, "x.tbf");
    ck_assert(c.opts.fixed_flash_given && c.opts.fixed_ram_given);
    ck_assert_uint_eq(c.opts.tbf.fixed_flash, 0x80100080u);
    ck_assert_uint_eq(c.opts.protected_region, 0x80);
    ck_assert_uint_eq(c.opts.tbf.headers, TBFIMG_HDR_PROGRAM);
    ck_assert(c.opts.tbf.sticky);
    ck_assert_uint_eq(c.opts.tbf.perms[0].allowed, 1u << 2);
    const char *dump[] = { "--dump", "a.tab", NULL };
    ck_assert_int_eq(parse(dump), 0);
    ck_assert_str_eq(c.dump, "a.tab");
    const char *none[] = { "x.elf", NULL };
    ck_assert_int_eq(parse(none), 0);
    ck_assert_str_eq(c.output, "TockApp.tab");          /* elf2tab's default */
    ck_assert_uint_eq(c.opts.stack, 2048);
}
END_TEST

START_TEST(refused_and_malformed)
{
    const char *sign[] = { "--rsa4096-private", "key.der", "a.elf", NULL };
    parse_fails(sign, "--rsa4096-private: signing credentials are not supported");
    const char *ecdsa[] = { "--ecdsa-nist-p256-private=k.p8", "a.elf", NULL };
    parse_fails(ecdsa, "not supported");
    const char *unknown[] = { "--frobnicate", "a.elf", NULL };
    parse_fails(unknown, "unknown option '--frobnicate'");
    const char *nan[] = { "--stack", "lots", "a.elf", NULL };
    parse_fails(nan, "--stack: 'lots' is not a number");
    const char *missing[] = { "a.elf", "--app-heap", NULL };
    parse_fails(missing, "--app-heap: needs a value");
    const char *minor[] = { "--kernel-minor", "1", "a.elf", NULL };
    parse_fails(minor, "--kernel-minor needs --kernel-major");
    const char *perm[] = { "--permissions", "7", "a.elf", NULL };
    parse_fails(perm, "--permissions: '7' is not DRIVER,COMMAND");
    const char *flag[] = { "--sha256=yes", NULL };
    parse_fails(flag, "--sha256: takes no value");
    const char *big[] = { "--kernel-major", "70000", NULL };
    parse_fails(big, "'70000' is not a number in 0..0xffff");
    const char *arch[] = { "a.elf,", NULL };
    parse_fails(arch, "is not ELF or ELF,ARCHITECTURE");
}
END_TEST

/* elf2tab writes each TBF beside its ELF: the last extension becomes .tbf. */
START_TEST(side_paths)
{
    const char *cases[][2] = {
        { "build/cortex-m4/cortex-m4.elf", "build/cortex-m4/cortex-m4.tbf" },
        { "rv32imac.0x80080080.0x80040000.elf", "rv32imac.0x80080080.0x80040000.tbf" },
        { "dir.d/app", "dir.d/app.tbf" },
        { ".hidden", ".hidden.tbf" },
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *p = pack_side_path(cases[i][0]);
        ck_assert_str_eq(p, cases[i][1]);
        free(p);
    }
}
END_TEST

Suite *elf2tbf_cmdline_suite(void)
{
    Suite *s = suite_create("elf2tbf_cmdline");
    TCase *t = tcase_create("cmdline");
    tcase_add_checked_fixture(t, NULL, teardown);
    tcase_add_test(t, libtock_c_command_line);
    tcase_add_test(t, multi_value_and_inline_options);
    tcase_add_test(t, elf2tbf_own_options);
    tcase_add_test(t, refused_and_malformed);
    tcase_add_test(t, side_paths);
    suite_add_tcase(s, t);
    return s;
}

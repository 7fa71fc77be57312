/* cmdline: elf2tbf's command line. Option names and meanings follow elf2tab's README and
 * src/cmdline.rs (Tock's elf2tab 0.13); the ones marked "elf2tbf" are this tool's own. */
#include "tools/elf2tbf/cmdline.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/elf2tbf/credentials.h"

const char elf2tbf_usage[] =
    "usage: elf2tbf [options] -o OUT.tab ELF[,ARCH]...   a Tock Application Bundle (as elf2tab)\n"
    "       elf2tbf [options] -o OUT.tbf ELF             one TBF\n"
    "       elf2tbf --dump FILE.tbf|FILE.tab             print headers, check checksums\n"
    "elf2tab's options:\n"
    "  -o, --output-file FILE          output (default " ELF2TBF_DEFAULT_OUTPUT "); a .tab also\n"
    "                                  writes each ELF's TBF beside it (ELF name, .tbf)\n"
    "  -n, --package-name NAME         PackageName TLV and the TAB's name\n"
    "      --stack BYTES               stack size if the ELF has no .stack section (2048)\n"
    "      --app-heap BYTES            heap reserved in minimum RAM (1024)\n"
    "      --kernel-heap BYTES         grant memory reserved in minimum RAM (1024)\n"
    "      --minimum-ram-size BYTES    use this minimum RAM size instead of computing it\n"
    "      --kernel-major N            KernelVersion TLV, with --kernel-minor N (default 0)\n"
    "      --app-version N             version field of the Program TLV (0)\n"
    "      --disable                   clear the enabled flag (process not started at boot)\n"
    "      --protected-region-size N   header + protected trailer bytes (default: the header;\n"
    "                                  a fixed-address app's TBF starts on a 256-byte boundary)\n"
    "      --permissions DRV,CMD...    Permissions TLV: allow command CMD of driver DRV\n"
    "      --write_id N, --read_ids N..., --access_ids N...   Persistent ACL TLV\n"
    "      --short-id N                ShortId TLV\n"
    "      --supported-boards LIST     TAB metadata only-for-boards\n"
    "      --minimum-footer-size N     footers at least N bytes (reserved credentials space)\n"
    "      --sha256, --sha384, --sha512  add hash credentials footers\n"
    "      --deterministic             no build date in the TAB, tar times 0\n"
    "  -v, --verbose                   print the headers written\n"
    "  -V, --version                   print the elf2tab version this tool follows\n"
    "  Signing (--rsa4096-private, --rsa4096-public, --ecdsa-nist-p256-private) is not supported.\n"
    "elf2tbf's own options:\n"
    "      --kernel-version MAJ.MIN    KernelVersion TLV (same as --kernel-major/--kernel-minor)\n"
    "      --sticky                    set the sticky flag\n"
    "      --fixed-ram ADDR, --fixed-flash ADDR  FixedAddresses TLV (default: from the ELF)\n"
    "      --permission DRV,CMD        one permission (repeatable)\n"
    "      --headers both|main|program which of Main/Program TLVs to write (both)\n"
    "      --dump FILE                 parse and print a TBF or TAB, check its headers\n";

struct ctx {
    struct elf2tbf_cmdline *c;
    const char *opt;            /* the option's name, for messages */
    char *err;
    size_t errlen;
};

/* A message not tied to an option; returns -1. */
static int error(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static int fail(struct ctx *x, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(x->err, x->errlen, "--%s: ", x->opt);
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < x->errlen)
        vsnprintf(x->err + n, x->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* An unsigned number (decimal, 0x hex, 0 octal) no larger than max. */
static int number(struct ctx *x, const char *s, unsigned long long max, uint32_t *v)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 0);
    if (errno || end == s || *end || n > max || s[0] == '-')
        return fail(x, "'%s' is not a number in 0..%#llx", s, max);
    *v = (uint32_t)n;
    return 0;
}

/* ---- option handlers: set(x, value) --------------------------------------------------------- */

static int set_output(struct ctx *x, const char *v) { x->c->output = v; return 0; }
static int set_name(struct ctx *x, const char *v) { x->c->opts.tbf.package_name = v; return 0; }
static int set_verbose(struct ctx *x, const char *v) { (void)v; x->c->verbose = 1; return 0; }
static int set_help(struct ctx *x, const char *v) { (void)v; x->c->help = 1; return 0; }
static int set_version(struct ctx *x, const char *v) { (void)v; x->c->version = 1; return 0; }
static int set_determ(struct ctx *x, const char *v) { (void)v; x->c->deterministic = 1; return 0; }
static int set_disable(struct ctx *x, const char *v)
{
    (void)v;
    x->c->opts.tbf.enabled = 0;
    return 0;
}

static int set_sticky(struct ctx *x, const char *v)
{
    (void)v;
    x->c->opts.tbf.sticky = 1;
    return 0;
}

static int set_boards(struct ctx *x, const char *v) { x->c->boards = v; return 0; }
static int set_dump(struct ctx *x, const char *v) { x->c->dump = v; return 0; }

static int set_app_version(struct ctx *x, const char *v)
{
    return number(x, v, 0xffffffffu, &x->c->opts.tbf.app_version);
}

static int set_min_ram(struct ctx *x, const char *v)
{
    return number(x, v, 0xffffffffu, &x->c->opts.minimum_ram);
}

static int set_stack(struct ctx *x, const char *v)
{
    return number(x, v, 0xffffffffu, &x->c->opts.stack);
}

static int set_app_heap(struct ctx *x, const char *v)
{
    return number(x, v, 0xffffffffu, &x->c->opts.app_heap);
}

static int set_kernel_heap(struct ctx *x, const char *v)
{
    return number(x, v, 0xffffffffu, &x->c->opts.kernel_heap);
}

static int set_prot(struct ctx *x, const char *v)
{
    return number(x, v, 0xffffu, &x->c->opts.protected_region);
}

static int set_min_footer(struct ctx *x, const char *v)
{
    return number(x, v, 0x7fffffffu, &x->c->opts.tbf.minimum_footer);
}

static int set_short_id(struct ctx *x, const char *v)
{
    x->c->opts.tbf.has_short_id = 1;
    return number(x, v, 0xffffffffu, &x->c->opts.tbf.short_id);
}

static int set_kernel_major(struct ctx *x, const char *v)
{
    uint32_t n;
    if (number(x, v, 0xffffu, &n))
        return -1;
    x->c->opts.tbf.has_kernel_version = 1;
    x->c->opts.tbf.kernel_major = (uint16_t)n;
    x->c->kernel_major_given = 1;
    return 0;
}

static int set_kernel_minor(struct ctx *x, const char *v)
{
    uint32_t n;
    if (number(x, v, 0xffffu, &n))
        return -1;
    x->c->opts.tbf.kernel_minor = (uint16_t)n;
    x->c->kernel_minor_given = 1;
    return 0;
}

static int set_kernel_version(struct ctx *x, const char *v)
{
    unsigned maj, min;
    char extra;
    if (sscanf(v, "%u.%u%c", &maj, &min, &extra) != 2 || maj > 0xffff || min > 0xffff)
        return fail(x, "'%s' is not MAJOR.MINOR", v);
    x->c->opts.tbf.has_kernel_version = 1;
    x->c->opts.tbf.kernel_major = (uint16_t)maj;
    x->c->opts.tbf.kernel_minor = (uint16_t)min;
    return 0;
}

static int set_fixed_ram(struct ctx *x, const char *v)
{
    x->c->opts.fixed_ram_given = x->c->opts.tbf.has_fixed = 1;
    return number(x, v, 0xffffffffu, &x->c->opts.tbf.fixed_ram);
}

static int set_fixed_flash(struct ctx *x, const char *v)
{
    x->c->opts.fixed_flash_given = x->c->opts.tbf.has_fixed = 1;
    return number(x, v, 0xffffffffu, &x->c->opts.tbf.fixed_flash);
}

static int set_headers(struct ctx *x, const char *v)
{
    struct tbfimg_params *p = &x->c->opts.tbf;
    if (!strcmp(v, "both"))
        p->headers = TBFIMG_HDR_BOTH;
    else if (!strcmp(v, "main"))
        p->headers = TBFIMG_HDR_MAIN;
    else if (!strcmp(v, "program"))
        p->headers = TBFIMG_HDR_PROGRAM;
    else
        return fail(x, "'%s' is not both, main or program", v);
    return 0;
}

/* Adds command CMD of driver DRV (one entry per driver and 64-command offset, as elf2tab). */
static int set_permission(struct ctx *x, const char *v)
{
    struct tbfimg_params *p = &x->c->opts.tbf;
    const char *comma = strchr(v, ',');
    char drv_s[32];
    uint32_t drv, cmd;
    if (!comma || (size_t)(comma - v) >= sizeof(drv_s))
        return fail(x, "'%s' is not DRIVER,COMMAND", v);
    memcpy(drv_s, v, (size_t)(comma - v));
    drv_s[comma - v] = 0;
    if (number(x, drv_s, 0xffffffffu, &drv) || number(x, comma + 1, 0xffffffffu, &cmd))
        return -1;
    for (size_t i = 0; i < p->n_perms; i++)
        if (p->perms[i].driver == drv && p->perms[i].offset == cmd / 64) {
            p->perms[i].allowed |= 1ull << (cmd % 64);
            return 0;
        }
    if (p->n_perms == TBFIMG_MAX_PERMS)
        return fail(x, "more than %d driver/offset pairs", TBFIMG_MAX_PERMS);
    p->perms[p->n_perms++] = (struct tbfimg_perm){ drv, cmd / 64, 1ull << (cmd % 64) };
    return 0;
}

static int set_write_id(struct ctx *x, const char *v)
{
    x->c->opts.tbf.has_acl = 1;
    return number(x, v, 0xffffffffu, &x->c->opts.tbf.write_id);
}

static int add_id(struct ctx *x, const char *v, uint32_t *ids, size_t *n)
{
    x->c->opts.tbf.has_acl = 1;
    if (*n == TBFIMG_MAX_STORAGE_IDS)
        return fail(x, "more than %d IDs", TBFIMG_MAX_STORAGE_IDS);
    return number(x, v, 0xffffffffu, &ids[(*n)++]);
}

static int set_read_id(struct ctx *x, const char *v)
{
    return add_id(x, v, x->c->opts.tbf.read_ids, &x->c->opts.tbf.n_read_ids);
}

static int set_access_id(struct ctx *x, const char *v)
{
    return add_id(x, v, x->c->opts.tbf.access_ids, &x->c->opts.tbf.n_access_ids);
}

static int set_sha256(struct ctx *x, const char *v)
{
    (void)v;
    x->c->opts.hashes |= CRED_SHA256;
    return 0;
}

static int set_sha384(struct ctx *x, const char *v)
{
    (void)v;
    x->c->opts.hashes |= CRED_SHA384;
    return 0;
}

static int set_sha512(struct ctx *x, const char *v)
{
    (void)v;
    x->c->opts.hashes |= CRED_SHA512;
    return 0;
}

static int set_signing(struct ctx *x, const char *v)
{
    return fail(x, "signing credentials are not supported by elf2tbf (key '%s'); it adds hash "
                "credentials only (--sha256, --sha384, --sha512): sign the TAB with tockloader "
                "('tockloader tbf credential add')", v);
}

/* ---- the option table --------------------------------------------------------------------- */

enum kind { FLAG, VALUE, MULTI_PAIR, MULTI_NUMBER };

static const struct opt {
    const char *name;
    char short_name;
    enum kind kind;
    int (*set)(struct ctx *x, const char *value);
} options[] = {
    { "output-file", 'o', VALUE, set_output },
    { "output", 0, VALUE, set_output },
    { "package-name", 'n', VALUE, set_name },
    { "verbose", 'v', FLAG, set_verbose },
    { "help", 'h', FLAG, set_help },
    { "version", 'V', FLAG, set_version },
    { "deterministic", 0, FLAG, set_determ },
    { "disable", 0, FLAG, set_disable },
    { "sticky", 0, FLAG, set_sticky },
    { "app-version", 0, VALUE, set_app_version },
    { "minimum-ram-size", 0, VALUE, set_min_ram },
    { "stack", 0, VALUE, set_stack },
    { "app-heap", 0, VALUE, set_app_heap },
    { "kernel-heap", 0, VALUE, set_kernel_heap },
    { "protected-region-size", 0, VALUE, set_prot },
    { "minimum-footer-size", 0, VALUE, set_min_footer },
    { "short-id", 0, VALUE, set_short_id },
    { "kernel-major", 0, VALUE, set_kernel_major },
    { "kernel-minor", 0, VALUE, set_kernel_minor },
    { "kernel-version", 0, VALUE, set_kernel_version },
    { "supported-boards", 0, VALUE, set_boards },
    { "fixed-ram", 0, VALUE, set_fixed_ram },
    { "fixed-flash", 0, VALUE, set_fixed_flash },
    { "headers", 0, VALUE, set_headers },
    { "dump", 0, VALUE, set_dump },
    { "permission", 0, VALUE, set_permission },
    { "permissions", 0, MULTI_PAIR, set_permission },
    { "write_id", 0, VALUE, set_write_id },
    { "read_ids", 0, MULTI_NUMBER, set_read_id },
    { "access_ids", 0, MULTI_NUMBER, set_access_id },
    { "sha256", 0, FLAG, set_sha256 },
    { "sha384", 0, FLAG, set_sha384 },
    { "sha512", 0, FLAG, set_sha512 },
    { "rsa4096-private", 0, VALUE, set_signing },
    { "rsa4096-public", 0, VALUE, set_signing },
    { "rsa-private", 0, VALUE, set_signing },
    { "ecdsa-nist-p256-private", 0, VALUE, set_signing },
};
#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

static const struct opt *find_long(const char *name, size_t len)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (strlen(options[i].name) == len && strncmp(options[i].name, name, len) == 0)
            return &options[i];
    return NULL;
}

static const struct opt *find_short(char c)
{
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (options[i].short_name == c)
            return &options[i];
    return NULL;
}

/* True if s can be one more value of a multi-value option (elf2tab's --permissions 1,0 1,1
 * and --read_ids 1 2 take values until the next option or file). */
static int more_value(enum kind kind, const char *s)
{
    size_t digits = strspn(s, "0123456789xXabcdefABCDEF");
    if (s[0] < '0' || s[0] > '9')
        return 0;
    if (kind == MULTI_NUMBER)
        return s[digits] == 0;
    return s[digits] == ',' && s[digits + 1] >= '0' && s[digits + 1] <= '9' &&
           s[digits + 1 + strspn(s + digits + 1, "0123456789xXabcdefABCDEF")] == 0;
}

/* Finds the option argv[*i] names and its inline value ("--name=v", "-ov"). */
static const struct opt *lookup(const char *a, const char **inline_value)
{
    *inline_value = NULL;
    if (a[1] == '-') {
        const char *eq = strchr(a + 2, '=');
        if (eq)
            *inline_value = eq + 1;
        return find_long(a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2));
    }
    const struct opt *o = find_short(a[1]);
    if (o && a[2])
        *inline_value = a + 2;
    return o;
}

/* Applies the option at argv[*i], consuming its values; advances *i past them. */
static int take_option(int argc, char **argv, int *i, struct ctx *x)
{
    const char *a = argv[*i], *v;
    const struct opt *o = lookup(a, &v);
    x->opt = a + strspn(a, "-");
    if (!o)
        return error(x->err, x->errlen, "unknown option '%s' (elf2tbf --help lists them)", a);
    x->opt = o->name;
    if (o->kind == FLAG) {
        if (v)
            return fail(x, "takes no value");
        return o->set(x, NULL);
    }
    if (!v && *i + 1 >= argc)
        return fail(x, "needs a value");
    if (o->set(x, v ? v : argv[++*i]))
        return -1;
    while ((o->kind == MULTI_PAIR || o->kind == MULTI_NUMBER) && *i + 1 < argc &&
           more_value(o->kind, argv[*i + 1]))
        if (o->set(x, argv[++*i]))
            return -1;
    return 0;
}

/* Records "ELF" or "ELF,ARCH" (split at the last comma). */
static int add_input(struct elf2tbf_cmdline *c, const char *a, char *err, size_t errlen)
{
    if (c->n_inputs == ELF2TBF_MAX_INPUTS)
        return error(err, errlen, "more than %d ELF files", ELF2TBF_MAX_INPUTS);
    struct elf2tbf_input *in = &c->inputs[c->n_inputs++];
    const char *comma = strrchr(a, ',');
    in->path = comma ? strndup(a, (size_t)(comma - a)) : strdup(a);
    in->arch = comma ? strdup(comma + 1) : NULL;
    if (!in->path || (comma && !in->arch))
        return error(err, errlen, "out of memory");
    if (in->path[0] == 0 || (in->arch && in->arch[0] == 0))
        return error(err, errlen, "'%s' is not ELF or ELF,ARCHITECTURE", a);
    return 0;
}

int elf2tbf_cmdline_parse(int argc, char **argv, struct elf2tbf_cmdline *c, char *err,
                          size_t errlen)
{
    memset(c, 0, sizeof(*c));
    elf2tbf_options_init(&c->opts);
    c->output = ELF2TBF_DEFAULT_OUTPUT;
    struct ctx x = { .c = c, .err = err, .errlen = errlen };
    int only_files = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_files && strcmp(a, "--") == 0)
            only_files = 1;
        else if (!only_files && a[0] == '-' && a[1]) {
            if (take_option(argc, argv, &i, &x))
                return -1;
        } else if (add_input(c, a, err, errlen)) {
            return -1;
        }
    }
    if (c->kernel_minor_given && !c->kernel_major_given)
        return error(err, errlen, "--kernel-minor needs --kernel-major");
    return 0;
}

void elf2tbf_cmdline_free(struct elf2tbf_cmdline *c)
{
    for (int i = 0; i < c->n_inputs; i++) {
        free(c->inputs[i].path);
        free(c->inputs[i].arch);
    }
    c->n_inputs = 0;
}

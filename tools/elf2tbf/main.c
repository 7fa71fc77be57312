/* elf2tbf command line: pack an app ELF into a TBF file, or dump a TBF header. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/elf2tbf/elf2tbf.h"
#include "lib/tbf/tbfimg.h"

static const char usage[] =
    "usage: elf2tbf [options] -o OUT.tbf IN.elf\n"
    "       elf2tbf --dump IN.tbf\n"
    "  -o, --output FILE              TBF file to write\n"
    "  -n, --package-name NAME        PackageName TLV (default: none)\n"
    "      --stack BYTES              stack size if the ELF has no .stack section (2048)\n"
    "      --app-heap BYTES           heap reserved in minimum RAM (1024)\n"
    "      --kernel-heap BYTES        grant memory reserved in minimum RAM (1024)\n"
    "      --minimum-ram-size BYTES   use this minimum RAM size instead of computing it\n"
    "      --kernel-version MAJ.MIN   KernelVersion TLV (e.g. 2.0)\n"
    "      --app-version N            version field of the Program TLV (0)\n"
    "      --disable                  clear the enabled flag (process not started at boot)\n"
    "      --sticky                   set the sticky flag\n"
    "      --protected-region-size N  header + protected trailer bytes (default: header)\n"
    "      --fixed-ram ADDR           FixedAddresses TLV: required RAM start\n"
    "      --fixed-flash ADDR         FixedAddresses TLV: required binary address in flash\n"
    "      --permission DRV,CMD       allow command CMD of driver DRV (repeatable)\n"
    "      --headers both|main|program  which of Main/Program TLVs to write (both)\n"
    "  -v, --verbose                  print the header written\n"
    "      --dump FILE                parse and print a TBF header, check its checksum\n";

enum { O_STACK = 256, O_APP_HEAP, O_KERNEL_HEAP, O_MIN_RAM, O_KVER, O_APP_VER, O_DISABLE,
       O_STICKY, O_PROT, O_FIXED_RAM, O_FIXED_FLASH, O_PERM, O_HEADERS, O_DUMP };

static const struct option long_opts[] = {
    { "output", required_argument, 0, 'o' },
    { "package-name", required_argument, 0, 'n' },
    { "verbose", no_argument, 0, 'v' },
    { "help", no_argument, 0, 'h' },
    { "stack", required_argument, 0, O_STACK },
    { "app-heap", required_argument, 0, O_APP_HEAP },
    { "kernel-heap", required_argument, 0, O_KERNEL_HEAP },
    { "minimum-ram-size", required_argument, 0, O_MIN_RAM },
    { "kernel-version", required_argument, 0, O_KVER },
    { "app-version", required_argument, 0, O_APP_VER },
    { "disable", no_argument, 0, O_DISABLE },
    { "sticky", no_argument, 0, O_STICKY },
    { "protected-region-size", required_argument, 0, O_PROT },
    { "fixed-ram", required_argument, 0, O_FIXED_RAM },
    { "fixed-flash", required_argument, 0, O_FIXED_FLASH },
    { "permission", required_argument, 0, O_PERM },
    { "headers", required_argument, 0, O_HEADERS },
    { "dump", required_argument, 0, O_DUMP },
    { 0, 0, 0, 0 },
};

/* Parses an unsigned 32-bit number (decimal, 0x hex, 0 octal) or exits with a message. */
static uint32_t number(const char *opt, const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end || v > 0xffffffffull || s[0] == '-') {
        fprintf(stderr, "elf2tbf: --%s: '%s' is not a number in 0..0xffffffff\n", opt, s);
        exit(2);
    }
    return (uint32_t)v;
}

static void kernel_version(struct tbfimg_params *p, const char *s)
{
    unsigned maj, min;
    char extra;
    if (sscanf(s, "%u.%u%c", &maj, &min, &extra) != 2 || maj > 0xffff || min > 0xffff) {
        fprintf(stderr, "elf2tbf: --kernel-version: '%s' is not MAJOR.MINOR\n", s);
        exit(2);
    }
    p->has_kernel_version = 1;
    p->kernel_major = (uint16_t)maj;
    p->kernel_minor = (uint16_t)min;
}

/* Adds command cmd of driver drv to the permission list (one entry per driver and offset). */
static void permission(struct tbfimg_params *p, const char *s)
{
    char *comma = strchr(s, ',');
    if (!comma) {
        fprintf(stderr, "elf2tbf: --permission: '%s' is not DRIVER,COMMAND\n", s);
        exit(2);
    }
    *comma = 0;
    uint32_t drv = number("permission", s), cmd = number("permission", comma + 1);
    for (size_t i = 0; i < p->n_perms; i++)
        if (p->perms[i].driver == drv && p->perms[i].offset == cmd / 64) {
            p->perms[i].allowed |= 1ull << (cmd % 64);
            return;
        }
    if (p->n_perms == TBFIMG_MAX_PERMS) {
        fprintf(stderr, "elf2tbf: --permission: more than %d driver/offset pairs\n",
                TBFIMG_MAX_PERMS);
        exit(2);
    }
    p->perms[p->n_perms++] = (struct tbfimg_perm){ drv, cmd / 64, 1ull << (cmd % 64) };
}

static void headers(struct tbfimg_params *p, const char *s)
{
    if (!strcmp(s, "both"))
        p->headers = TBFIMG_HDR_BOTH;
    else if (!strcmp(s, "main"))
        p->headers = TBFIMG_HDR_MAIN;
    else if (!strcmp(s, "program"))
        p->headers = TBFIMG_HDR_PROGRAM;
    else {
        fprintf(stderr, "elf2tbf: --headers: '%s' is not both, main or program\n", s);
        exit(2);
    }
}

/* Reads a whole file; exits with a message on failure. */
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "elf2tbf: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    if (!buf || ferror(f)) {
        fprintf(stderr, "elf2tbf: %s: read error\n", path);
        exit(1);
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Writes buf to path through a temporary file, so a failed run leaves no half file. */
static int write_file(const char *path, const uint8_t *buf, size_t len)
{
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0 || rename(tmp, path) != 0) {
        fprintf(stderr, "elf2tbf: %s: %s\n", path, strerror(errno));
        remove(tmp);
        return -1;
    }
    return 0;
}

static void print_info(const char *path, const struct tbfimg_info *i)
{
    printf("%s: TBF v%u, header %u bytes, total %u bytes, flags 0x%x (%s%s), checksum 0x%08x\n",
           path, i->version, i->header_size, (unsigned)i->total_size, (unsigned)i->flags,
           i->flags & TBFIMG_FLAG_ENABLED ? "enabled" : "disabled",
           i->flags & TBFIMG_FLAG_STICKY ? ", sticky" : "", (unsigned)i->checksum);
    if (i->has_main || i->has_program)
        printf("  %s: init_fn_offset 0x%x, protected_size %u, minimum_ram_size %u\n",
               i->has_program ? (i->has_main ? "main+program" : "program") : "main",
               (unsigned)i->init_fn_offset, (unsigned)i->protected_size,
               (unsigned)i->minimum_ram_size);
    if (i->has_program)
        printf("  binary_end_offset %u, app_version %u, %u footer(s)\n",
               (unsigned)i->binary_end_offset, (unsigned)i->app_version, i->n_footers);
    if (i->package_name[0])
        printf("  package_name \"%s\"\n", i->package_name);
    if (i->has_kernel_version)
        printf("  kernel_version %u.%u\n", i->kernel_major, i->kernel_minor);
    if (i->has_fixed)
        printf("  fixed_addresses ram 0x%08x flash 0x%08x\n", (unsigned)i->fixed_ram,
               (unsigned)i->fixed_flash);
    if (i->n_perms)
        printf("  permissions: %u entries\n", i->n_perms);
}

static int dump(const char *path)
{
    size_t len;
    uint8_t *buf = slurp(path, &len);
    struct tbfimg_info info;
    char err[256];
    int rc = tbfimg_parse(buf, len, &info, err, sizeof(err));
    if (rc)
        fprintf(stderr, "elf2tbf: %s: %s\n", path, err);
    else
        print_info(path, &info);
    free(buf);
    return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
    struct elf2tbf_options o;
    elf2tbf_options_init(&o);
    const char *out = NULL;
    uint32_t prot = 0;
    int verbose = 0, c;
    while ((c = getopt_long(argc, argv, "o:n:vh", long_opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'n': o.tbf.package_name = optarg; break;
        case 'v': verbose = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        case O_STACK: o.stack = number("stack", optarg); break;
        case O_APP_HEAP: o.app_heap = number("app-heap", optarg); break;
        case O_KERNEL_HEAP: o.kernel_heap = number("kernel-heap", optarg); break;
        case O_MIN_RAM: o.minimum_ram = number("minimum-ram-size", optarg); break;
        case O_KVER: kernel_version(&o.tbf, optarg); break;
        case O_APP_VER: o.tbf.app_version = number("app-version", optarg); break;
        case O_DISABLE: o.tbf.enabled = 0; break;
        case O_STICKY: o.tbf.sticky = 1; break;
        case O_PROT: prot = number("protected-region-size", optarg); break;
        case O_FIXED_RAM: o.tbf.has_fixed = 1; o.tbf.fixed_ram = number("fixed-ram", optarg); break;
        case O_FIXED_FLASH:
            o.tbf.has_fixed = 1;
            o.tbf.fixed_flash = number("fixed-flash", optarg);
            break;
        case O_PERM: permission(&o.tbf, optarg); break;
        case O_HEADERS: headers(&o.tbf, optarg); break;
        case O_DUMP: return dump(optarg);
        default: fputs(usage, stderr); return 2;
        }
    }
    if (!out || optind != argc - 1) {
        fputs(usage, stderr);
        return 2;
    }
    const char *in = argv[optind];
    size_t hdr = tbfimg_header_size(&o.tbf);
    if (prot && prot < hdr) {
        fprintf(stderr, "elf2tbf: --protected-region-size %u is smaller than the %zu-byte "
                "header\n", (unsigned)prot, hdr);
        return 2;
    }
    o.tbf.protected_trailer = prot ? prot - (uint32_t)hdr : 0;

    size_t elf_len, tbf_len;
    uint8_t *elf = slurp(in, &elf_len);
    char err[512];
    uint8_t *tbf = elf2tbf_convert(elf, elf_len, &o, &tbf_len, err, sizeof(err));
    free(elf);
    if (!tbf) {
        fprintf(stderr, "elf2tbf: %s: %s\n", in, err);
        return 1;
    }
    int rc = write_file(out, tbf, tbf_len);
    if (rc == 0 && verbose) {
        struct tbfimg_info info;
        if (tbfimg_parse(tbf, tbf_len, &info, err, sizeof(err)) == 0)
            print_info(out, &info);
    }
    free(tbf);
    return rc ? 1 : 0;
}

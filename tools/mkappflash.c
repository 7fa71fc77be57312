/* mkappflash: lay TBF apps out in one raw flash blob for the apps region (cm4: 0x40000). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boards-virtual/cm4/memmap.h"
#include "lib/tbf/tbfimg.h"

/*
 * The rule, shared with the kernel's loader and the simulator's --app option (tbfimg_place):
 * apps are placed in the order given, each at the next address (from --base) that is a
 * multiple of its total_size, a power of two, so one MPU region covers it; an app linked for a
 * fixed flash address (FixedAddresses TLV: RISC-V apps, per slot) goes exactly there. The kernel walks the list header by
 * header (next = this + total_size), so an alignment gap is filled with a padding object (a
 * bare TBF base header, no Main/Program TLV: Tock skips it), as tockloader does; after the last
 * app comes a zero word, where the walk stops.
 */

static const char usage[] =
    "usage: mkappflash [-v] [--base ADDR] [--size BYTES] -o BLOB app.tbf...\n"
    "  -o, --output FILE   raw image to load at ADDR (QEMU: -device loader,file=FILE,\n"
    "                      addr=ADDR,force-raw=on)\n"
    "      --base ADDR     flash address of the apps region (default 0x40000)\n"
    "      --size BYTES    size of the apps region (default 0x40000)\n"
    "  -v, --verbose       print where each app goes\n";

struct app {
    const char *path;
    uint8_t *buf;
    size_t len;
    struct tbfimg_info info;
    uint32_t addr;
};

static uint32_t number(const char *opt, const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *end || v > 0xffffffffull || s[0] == '-') {
        fprintf(stderr, "mkappflash: --%s: '%s' is not a number in 0..0xffffffff\n", opt, s);
        exit(2);
    }
    return (uint32_t)v;
}

/* Reads and checks one TBF file. Returns 0, or -1 after printing why. */
static int load_app(struct app *a)
{
    FILE *f = fopen(a->path, "rb");
    if (!f) {
        fprintf(stderr, "mkappflash: %s: %s\n", a->path, strerror(errno));
        return -1;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    a->len = n > 0 ? (size_t)n : 0;
    a->buf = malloc(a->len ? a->len : 1);
    if (!a->buf || fread(a->buf, 1, a->len, f) != a->len) {
        fprintf(stderr, "mkappflash: %s: read error\n", a->path);
        fclose(f);
        return -1;
    }
    fclose(f);
    char err[256];
    if (tbfimg_parse(a->buf, a->len, &a->info, err, sizeof(err))) {
        fprintf(stderr, "mkappflash: %s: not a valid TBF: %s\n", a->path, err);
        return -1;
    }
    uint32_t total = a->info.total_size;
    if (a->len != total) {
        fprintf(stderr, "mkappflash: %s: file is %zu bytes but its header says total_size "
                "%u%s\n", a->path, a->len, (unsigned)total,
                a->len < total ? " (truncated)" : "");
        return -1;
    }
    if (total < TBFIMG_MIN_TOTAL || (total & (total - 1))) {
        fprintf(stderr, "mkappflash: %s: total_size %u is not a power of two >= %u, so no "
                "MPU region can cover it (repack it with elf2tbf)\n", a->path,
                (unsigned)total, TBFIMG_MIN_TOTAL);
        return -1;
    }
    return 0;
}

/* Assigns addresses; returns the blob length or 0 after printing why it does not fit. */
static size_t place(struct app *apps, int n, uint32_t base, uint32_t size, int verbose)
{
    uint64_t cur = base, end = (uint64_t)base + size;
    for (int i = 0; i < n; i++) {
        uint32_t total = apps[i].info.total_size, at;
        char err[300];
        if (tbfimg_place(&apps[i].info, (uint32_t)cur, &at, err, sizeof(err))) {
            fprintf(stderr, "mkappflash: %s: %s\n", apps[i].path, err);
            return 0;
        }
        uint64_t addr = at;
        if (addr + total > end) {
            fprintf(stderr, "mkappflash: %s: does not fit: it would occupy 0x%08llx..0x%08llx "
                    "but the apps region ends at 0x%08llx\n", apps[i].path,
                    (unsigned long long)addr, (unsigned long long)(addr + total),
                    (unsigned long long)end);
            return 0;
        }
        if (verbose && addr > cur)
            printf("0x%08llx %7llu (padding)\n", (unsigned long long)cur,
                   (unsigned long long)(addr - cur));
        apps[i].addr = (uint32_t)addr;
        cur = addr + total;
        if (verbose)
            printf("0x%08x %7u %s (%s)\n", (unsigned)addr, (unsigned)total,
                   apps[i].info.package_name[0] ? apps[i].info.package_name : "-",
                   apps[i].path);
    }
    /* A zero word after the last app ends the list, if the region has room for it. */
    if (cur + 4 <= end)
        cur += 4;
    return (size_t)(cur - base);
}

static int write_blob(const char *path, struct app *apps, int n, uint32_t base, size_t len)
{
    uint8_t *blob = calloc(1, len);
    if (!blob) {
        fprintf(stderr, "mkappflash: out of memory\n");
        return -1;
    }
    uint32_t cur = base;
    for (int i = 0; i < n; i++) {
        if (apps[i].addr > cur)
            tbfimg_padding(blob + (cur - base), apps[i].addr - cur);
        memcpy(blob + (apps[i].addr - base), apps[i].buf, apps[i].len);
        cur = apps[i].addr + apps[i].info.total_size;
    }
    char tmp[4096];
    snprintf(tmp, sizeof(tmp), "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(blob, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        fprintf(stderr, "mkappflash: %s: %s\n", path, strerror(errno));
        remove(tmp);
        ok = 0;
    }
    free(blob);
    return ok ? 0 : -1;
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "output", required_argument, 0, 'o' }, { "base", required_argument, 0, 'b' },
        { "size", required_argument, 0, 's' }, { "verbose", no_argument, 0, 'v' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
    };
    const char *out = NULL;
    uint32_t base = CM4_APPS_BASE, size = CM4_APPS_SIZE;
    int verbose = 0, c;
    while ((c = getopt_long(argc, argv, "o:vh", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'b': base = number("base", optarg); break;
        case 's': size = number("size", optarg); break;
        case 'v': verbose = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    int n = argc - optind;
    if ((uint64_t)base + size > 0x100000000ull) {       /* addresses are 32-bit */
        fprintf(stderr, "mkappflash: --base 0x%08x + --size 0x%08x goes past 4 GiB\n", (unsigned)base,
                (unsigned)size);
        return 2;
    }
    if (!out || n < 1) {
        fputs(n < 1 && out ? "mkappflash: no TBF files given\n" : usage, stderr);
        return 2;
    }
    struct app *apps = calloc((size_t)n, sizeof(*apps));
    int rc = apps ? 0 : 1;
    for (int i = 0; i < n && rc == 0; i++) {
        apps[i].path = argv[optind + i];
        rc = load_app(&apps[i]) ? 1 : 0;
    }
    size_t len = rc ? 0 : place(apps, n, base, size, verbose);
    if (rc == 0)
        rc = len == 0 || write_blob(out, apps, n, base, len) ? 1 : 0;
    for (int i = 0; apps && i < n; i++)
        free(apps[i].buf);
    free(apps);
    return rc;
}

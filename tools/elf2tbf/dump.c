/* dump: print a TBF's header, or every TBF of a TAB (elf2tbf --dump, -v). */
#include "tools/elf2tbf/dump.h"

#include <stdlib.h>

#include "lib/tab/tab.h"
#include "lib/tab/ustar.h"
#include "tools/elf2tbf/fileio.h"

/* The optional TLVs and footers. */
static void dump_extras(FILE *f, const struct tbfimg_info *i)
{
    if (i->package_name[0])
        fprintf(f, "  package_name \"%s\"\n", i->package_name);
    if (i->has_kernel_version)
        fprintf(f, "  kernel_version %u.%u\n", i->kernel_major, i->kernel_minor);
    if (i->n_wfr)
        fprintf(f, "  writeable_flash_regions: %u, the first at offset 0x%x, %u bytes\n", i->n_wfr,
                (unsigned)i->wfr_offset, (unsigned)i->wfr_size);
    if (i->has_fixed)
        fprintf(f, "  fixed_addresses ram 0x%08x flash 0x%08x\n", (unsigned)i->fixed_ram,
                (unsigned)i->fixed_flash);
    if (i->n_perms)
        fprintf(f, "  permissions: %u entries\n", i->n_perms);
    if (i->has_acl)
        fprintf(f, "  storage: write_id %u, %u read id(s), %u access id(s)\n",
                (unsigned)i->write_id, i->n_read_ids, i->n_access_ids);
    if (i->has_short_id)
        fprintf(f, "  short_id 0x%08x\n", (unsigned)i->short_id);
    static const char *const formats[] = { [TBFIMG_CRED_SHA256] = "sha256",
                                           [TBFIMG_CRED_SHA384] = "sha384",
                                           [TBFIMG_CRED_SHA512] = "sha512" };
    for (unsigned k = 0; k < sizeof(formats) / sizeof(formats[0]); k++)
        if (formats[k] && (i->footer_formats & (1u << k)))
            fprintf(f, "  credentials: %s\n", formats[k]);
}

void dump_tbf_info(FILE *f, const char *label, const struct tbfimg_info *i)
{
    fprintf(f, "%s: TBF v%u, header %u bytes, total %u bytes, flags 0x%x (%s%s), checksum 0x%08x\n",
            label, i->version, i->header_size, (unsigned)i->total_size, (unsigned)i->flags,
            i->flags & TBFIMG_FLAG_ENABLED ? "enabled" : "disabled",
            i->flags & TBFIMG_FLAG_STICKY ? ", sticky" : "", (unsigned)i->checksum);
    if (i->has_main || i->has_program)
        fprintf(f, "  %s: init_fn_offset 0x%x, protected_size %u, minimum_ram_size %u\n",
                i->has_program ? (i->has_main ? "main+program" : "program") : "main",
                (unsigned)i->init_fn_offset, (unsigned)i->protected_size,
                (unsigned)i->minimum_ram_size);
    if (i->has_program)
        fprintf(f, "  binary_end_offset %u, app_version %u, %u footer(s)\n",
                (unsigned)i->binary_end_offset, (unsigned)i->app_version, i->n_footers);
    dump_extras(f, i);
}

static int dump_tab(const char *path, const uint8_t *buf, size_t len)
{
    static struct tab t;
    char err[512], label[600];
    if (tab_read(buf, len, &t, err, sizeof(err))) {
        fprintf(stderr, "elf2tbf: %s: %s\n", path, err);
        return 1;
    }
    printf("%s: TAB \"%s\", %d TBF(s)%s%s%s%s\n", path, t.name, t.n,
           t.kernel_version[0] ? ", minimum kernel " : "", t.kernel_version,
           t.boards[0] ? ", only for " : "", t.boards);
    int rc = 0;
    for (int k = 0; k < t.n; k++) {
        snprintf(label, sizeof(label), "%s[%s] (%s)", path, t.tbf[k].name, t.tbf[k].arch);
        if (t.tbf[k].header_ok) {
            dump_tbf_info(stdout, label, &t.tbf[k].info);
        } else {
            fprintf(stderr, "elf2tbf: %s: %s\n", label, t.tbf[k].why);
            rc = 1;
        }
    }
    return rc;
}

int dump_file(const char *path)
{
    size_t len;
    char err[512];
    uint8_t *buf = fileio_read(path, &len, err, sizeof(err));
    if (!buf) {
        fprintf(stderr, "elf2tbf: %s\n", err);
        return 1;
    }
    int rc = 0;
    struct tbfimg_info info;
    if (ustar_is_tar(buf, len)) {
        rc = dump_tab(path, buf, len);
    } else if (tbfimg_parse(buf, len, &info, err, sizeof(err))) {
        fprintf(stderr, "elf2tbf: %s: %s\n", path, err);
        rc = 1;
    } else {
        dump_tbf_info(stdout, path, &info);
    }
    free(buf);
    return rc;
}

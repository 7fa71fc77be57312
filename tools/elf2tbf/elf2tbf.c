/* elf2tbf: convert an app's ELF executable into a TBF image (the tool's core, no I/O). */
#include "tools/elf2tbf/elf2tbf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/elf2tbf/credentials.h"
#include "tools/elf2tbf/elfimg.h"

#define ALIGN(x, a) (((x) + ((a) - 1)) & ~(uint64_t)((a) - 1))
#define FIXED_TBF_ALIGN 256u    /* elf2tab: a fixed-address app's TBF starts on this boundary */

void elf2tbf_options_init(struct elf2tbf_options *o)
{
    memset(o, 0, sizeof(*o));
    tbfimg_params_init(&o->tbf);
    o->stack = ELF2TBF_DEFAULT_STACK;
    o->app_heap = ELF2TBF_DEFAULT_APP_HEAP;
    o->kernel_heap = ELF2TBF_DEFAULT_KERNEL_HEAP;
}

/* The app binary: flash image, 4-byte pad, relocation byte count, relocation entries. */
static uint8_t *make_binary(const struct elfimg *img, size_t *len)
{
    size_t flash = (size_t)ALIGN(img->flash_len, 4);
    *len = flash + 4 + img->rel_len;
    uint8_t *bin = calloc(1, *len);
    if (!bin)
        return NULL;
    memcpy(bin, img->flash, img->flash_len);
    tbfimg_put32(bin + flash, img->rel_len);
    if (img->rel_len)
        memcpy(bin + flash + 4, img->rel, img->rel_len);
    return bin;
}

/* Minimum RAM the process asks for; 0 with a message if the request cannot hold the ELF. */
static uint32_t minimum_ram(const struct elfimg *img, const struct elf2tbf_options *o,
                            char *err, size_t errlen)
{
    uint64_t span = img->ram_end - img->ram_start;
    uint64_t need = ALIGN(span, 8);
    if (!img->has_stack_section)
        need += ALIGN(o->stack, 8);
    if (o->minimum_ram) {
        if (o->minimum_ram < need) {
            snprintf(err, errlen, "--minimum-ram-size %u is smaller than the %llu bytes the "
                     "app's stack and data need", (unsigned)o->minimum_ram,
                     (unsigned long long)need);
            return 0;
        }
        return o->minimum_ram;
    }
    need += ALIGN(o->app_heap, 4) + ALIGN(o->kernel_heap, 4);
    if (need > 0x7fffffffu) {
        snprintf(err, errlen, "minimum RAM size overflows");
        return 0;
    }
    return (uint32_t)(need ? need : 4);
}

/* The FixedAddresses TLV: given fields win, the others come from the ELF. */
static void fixed_addresses(const struct elfimg *img, const struct elf2tbf_options *o,
                            struct tbfimg_params *p)
{
    if (!o->fixed_flash_given && p->fixed_flash == TBFIMG_NO_FIXED_ADDRESS && img->has_fixed_flash)
        p->fixed_flash = img->fixed_flash;
    if (!o->fixed_ram_given && p->fixed_ram == TBFIMG_NO_FIXED_ADDRESS && img->has_fixed_ram)
        p->fixed_ram = img->fixed_ram;
    if (p->fixed_flash != TBFIMG_NO_FIXED_ADDRESS || p->fixed_ram != TBFIMG_NO_FIXED_ADDRESS)
        p->has_fixed = 1;
}

/* The protected trailer after the header (needs the final header size). */
static int protected_trailer(const struct elf2tbf_options *o, struct tbfimg_params *p,
                             char *err, size_t errlen)
{
    uint32_t hdr = (uint32_t)tbfimg_header_size(p);
    if (o->protected_region) {
        if (o->protected_region < hdr) {
            snprintf(err, errlen, "--protected-region-size %u is smaller than the %u-byte header",
                     (unsigned)o->protected_region, (unsigned)hdr);
            return -1;
        }
        p->protected_trailer = o->protected_region - hdr;
    } else if (p->protected_trailer == 0 && p->fixed_flash != TBFIMG_NO_FIXED_ADDRESS) {
        uint32_t room = p->fixed_flash % FIXED_TBF_ALIGN;
        p->protected_trailer = room > hdr ? room - hdr : 0;
    }
    if (p->protected_trailer % 4) {
        snprintf(err, errlen, "the protected region (%u bytes with the %u-byte header) must "
                 "leave the binary 4-byte aligned", (unsigned)(hdr + p->protected_trailer),
                 (unsigned)hdr);
        return -1;
    }
    return 0;
}

/* Header parameters for this ELF: options, derived addresses, protected region, footers. */
static int header_params(const struct elfimg *img, const struct elf2tbf_options *o,
                         struct tbfimg_params *p, char *err, size_t errlen)
{
    *p = o->tbf;
    fixed_addresses(img, o, p);
    p->n_wfr = img->n_wfr;                  /* before the header size is known */
    if (protected_trailer(o, p, err, errlen))
        return -1;
    uint32_t bin_start = (uint32_t)tbfimg_header_size(p) + p->protected_trailer;
    for (unsigned i = 0; i < img->n_wfr; i++) {
        p->wfr[i].offset = bin_start + img->wfr[i].offset;     /* from the TBF's start */
        p->wfr[i].size = img->wfr[i].size;
    }
    p->footer_reserved = credentials_size(o->hashes);
    p->minimum_ram_size = minimum_ram(img, o, err, errlen);
    return p->minimum_ram_size ? 0 : -1;
}

uint8_t *elf2tbf_convert(const uint8_t *elf, size_t elf_len, const struct elf2tbf_options *o,
                         size_t *tbf_len, char *err, size_t errlen)
{
    struct elfimg img;
    struct tbfimg_params p;
    if (elfimg_load(&img, elf, elf_len, err, errlen))
        return NULL;
    uint8_t *out = NULL, *bin = NULL;
    size_t bin_len = 0;
    if (header_params(&img, o, &p, err, errlen) == 0 && !(bin = make_binary(&img, &bin_len)))
        snprintf(err, errlen, "out of memory");
    if (bin) {
        /* init_fn_offset counts from the end of the header, so it includes the trailer. */
        out = tbfimg_build(&p, bin, bin_len, p.protected_trailer + img.entry_offset,
                           tbf_len, err, errlen);
    }
    if (out && o->hashes) {
        size_t end = tbfimg_header_size(&p) + p.protected_trailer + (size_t)ALIGN(bin_len, 4);
        credentials_write(out, (uint32_t)end, o->hashes);
    }
    free(bin);
    elfimg_free(&img);
    return out;
}

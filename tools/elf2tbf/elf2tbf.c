/* elf2tbf: convert an app's ELF executable into a TBF image (the tool's core, no I/O). */
#include "tools/elf2tbf/elf2tbf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/elf2tbf/elfimg.h"

#define ALIGN(x, a) (((x) + ((a) - 1)) & ~(uint64_t)((a) - 1))

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

uint8_t *elf2tbf_convert(const uint8_t *elf, size_t elf_len, const struct elf2tbf_options *o,
                         size_t *tbf_len, char *err, size_t errlen)
{
    struct elfimg img;
    if (elfimg_load(&img, elf, elf_len, err, errlen))
        return NULL;
    struct tbfimg_params p = o->tbf;
    p.minimum_ram_size = minimum_ram(&img, o, err, errlen);
    uint8_t *out = NULL;
    size_t bin_len;
    uint8_t *bin = p.minimum_ram_size ? make_binary(&img, &bin_len) : NULL;
    if (bin) {
        /* init_fn_offset counts from the end of the header, so it includes the trailer. */
        out = tbfimg_build(&p, bin, bin_len, p.protected_trailer + img.entry_offset,
                           tbf_len, err, errlen);
    } else if (p.minimum_ram_size) {
        snprintf(err, errlen, "out of memory");
    }
    free(bin);
    elfimg_free(&img);
    return out;
}

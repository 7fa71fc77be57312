/* elf2tbf: convert an app's ELF executable into a TBF image (the tool's core, no I/O). */
#ifndef TOOLS_ELF2TBF_H
#define TOOLS_ELF2TBF_H

#include <stddef.h>
#include <stdint.h>

#include "lib/tbf/tbfimg.h"

#define ELF2TBF_DEFAULT_STACK       2048u   /* as elf2tab, when the ELF has no .stack */
#define ELF2TBF_DEFAULT_APP_HEAP    1024u
#define ELF2TBF_DEFAULT_KERNEL_HEAP 1024u

struct elf2tbf_options {
    struct tbfimg_params tbf;       /* header contents; minimum_ram_size is computed unless: */
    uint32_t minimum_ram;           /* nonzero: use this minimum RAM size as given */
    uint32_t stack;                 /* stack bytes if the ELF has no .stack section */
    uint32_t app_heap;              /* heap the app may grow with brk/sbrk */
    uint32_t kernel_heap;           /* grant memory the kernel allocates in the app's RAM */
    /* Header + protected trailer (--protected-region-size); 0: tbf.protected_trailer as set,
     * or for an app linked at a fixed flash address, elf2tab's choice: the trailer that puts
     * the TBF's start on a 256-byte boundary below the binary, if the header leaves room. */
    uint32_t protected_region;
    /* The FixedAddresses TLV: a field given here (or set in tbf) wins; else it is derived
     * from the ELF as elf2tab does (elfimg.h). */
    int fixed_flash_given, fixed_ram_given;
    unsigned hashes;                /* credentials footers to add (CRED_* of credentials.h) */
};

void elf2tbf_options_init(struct elf2tbf_options *o);

/*
 * Converts the ELF in elf (elf_len bytes) into a TBF: binary = flash image, padded to 4 bytes,
 * then a u32 byte count and the relocation entries (elf2tab's layout, which crt0 reads);
 * minimum RAM = RAM span of the ELF (+ stack if no .stack section) + app heap + kernel heap;
 * fixed addresses and protected region as the options say; hash footers after the binary.
 * Returns a malloc'd image of *tbf_len bytes, or NULL with a message in err.
 */
uint8_t *elf2tbf_convert(const uint8_t *elf, size_t elf_len, const struct elf2tbf_options *o,
                         size_t *tbf_len, char *err, size_t errlen);

#endif

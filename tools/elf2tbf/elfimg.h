/* elfimg: read an app's ELF32 executable into the pieces a TBF needs. */
#ifndef TOOLS_ELFIMG_H
#define TOOLS_ELFIMG_H

#include <stddef.h>
#include <stdint.h>

#define ELFIMG_EM_ARM       40
#define ELFIMG_EM_RISCV     243
#define ELFIMG_MAX_FLASH    (1u << 20)      /* sanity bound on an app's flash image */
#define ELFIMG_MAX_WFR      8

/* Tock's PIC convention (libtock-c, elf2tab): flash linked at 0x80000000, RAM at 0. */
#define ELFIMG_PIC_FLASH    0x80000000u

/*
 * The flash image is every PT_LOAD segment with file contents, placed at its load (physical)
 * address relative to the lowest one ("flash origin"), gaps zero-filled. The relocation data is
 * what elf2tab appends after it: the raw 8-byte Elf32_Rel entries (r_offset, r_info) of every
 * writable loaded section that has a SHT_REL section (link with --emit-relocs).
 */
struct elfimg {
    uint16_t machine;
    uint32_t entry;             /* e_entry (Thumb bit kept) */
    uint32_t flash_origin;      /* lowest load address */
    uint8_t *flash;             /* malloc'd image, flash_len bytes */
    uint32_t flash_len;
    uint32_t entry_offset;      /* entry - flash_origin */
    uint8_t *rel;               /* malloc'd relocation entries, rel_len bytes (8 per entry) */
    uint32_t rel_len;
    uint32_t ram_start, ram_end;        /* span of writable sections outside flash (0,0: none) */
    int has_stack_section;
    uint32_t stack_size;        /* size of a ".stack" section, if any */
    /* Fixed addresses, found as elf2tab finds them (its src/convert.rs): the app is linked for
     * a fixed flash address unless an executable loadable segment (with file contents and a
     * section in it) is linked at ELFIMG_PIC_FLASH; the address is the lowest load address of
     * those segments, where the app binary (after the TBF header and protected region) must
     * sit. A fixed RAM address is the value of the symbol _sram_origin when it is not 0;
     * without that symbol, a fixed-flash app's RAM is the start of its writable sections
     * outside flash (ram_start), if not 0. */
    int has_fixed_flash, has_fixed_ram;
    uint32_t fixed_flash, fixed_ram;
    /* Writeable flash regions: sections whose name contains ".wfr" (elf2tab's convention),
     * as offset in the flash image and size. */
    unsigned n_wfr;
    struct { uint32_t offset, size; } wfr[ELFIMG_MAX_WFR];
};

/* Parses the ELF file in buf. name is used in messages only. Returns 0, or -1 with a message
 * naming the problem in err (not an ELF, wrong class/endianness/machine, truncated, no entry,
 * no loadable contents, unsupported relocations, ...). */
int elfimg_load(struct elfimg *img, const uint8_t *buf, size_t len, char *err, size_t errlen);

/* Frees what elfimg_load allocated. */
void elfimg_free(struct elfimg *img);

#endif

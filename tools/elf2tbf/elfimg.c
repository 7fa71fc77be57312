/* elfimg: read an app's ELF32 executable into the pieces a TBF needs. */
#include "tools/elf2tbf/elfimg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ELF32 constants (System V ABI, ELF for the ARM Architecture). */
#define EI_NIDENT       16
#define ELFCLASS32      1
#define ELFDATA2LSB     1
#define ET_EXEC         2
#define ET_DYN          3
#define PT_LOAD         1
#define SHT_NOBITS      8
#define SHT_REL         9
#define SHT_RELA        4
#define SHF_WRITE       0x1
#define SHF_ALLOC       0x2
#define EHDR_SIZE       52
#define PHDR_SIZE       32
#define SHDR_SIZE       40
#define R_ARM_NONE      0
#define R_ARM_ABS32     2
#define R_ARM_TARGET1   38
#define R_RISCV_32      1

struct phdr { uint32_t type, offset, vaddr, paddr, filesz, memsz, flags; };
struct shdr { uint32_t name, type, flags, addr, offset, size, link, info, entsize; };

/* A view of the file being parsed. */
struct elf {
    const uint8_t *buf;
    size_t len;
    uint32_t phoff, shoff;
    uint16_t phnum, shnum, shstrndx;
    char *err;
    size_t errlen;
};

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int fail(struct elf *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (e->err && e->errlen)
        vsnprintf(e->err, e->errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* True if [off, off+size) lies inside the file. */
static int in_file(const struct elf *e, uint64_t off, uint64_t size)
{
    return off <= e->len && size <= e->len - off;
}

static struct phdr get_phdr(const struct elf *e, unsigned i)
{
    const uint8_t *p = e->buf + e->phoff + (size_t)i * PHDR_SIZE;
    struct phdr h = { rd32(p), rd32(p + 4), rd32(p + 8), rd32(p + 12), rd32(p + 16),
                      rd32(p + 20), rd32(p + 24) };
    return h;
}

static struct shdr get_shdr(const struct elf *e, unsigned i)
{
    const uint8_t *p = e->buf + e->shoff + (size_t)i * SHDR_SIZE;
    struct shdr h = { rd32(p), rd32(p + 4), rd32(p + 8), rd32(p + 12), rd32(p + 16),
                      rd32(p + 20), rd32(p + 24), rd32(p + 28), rd32(p + 36) };
    return h;
}

/* Section name from the section-header string table, or "?" if out of range. */
static const char *sec_name(const struct elf *e, const struct shdr *s)
{
    if (e->shstrndx == 0 || e->shstrndx >= e->shnum)
        return "?";
    struct shdr str = get_shdr(e, e->shstrndx);
    if (s->name >= str.size || !in_file(e, str.offset, str.size))
        return "?";
    const char *name = (const char *)e->buf + str.offset + s->name;
    return memchr(name, 0, str.size - s->name) ? name : "?";
}

/* Checks the ELF identification and header; fills the table locations. */
static int check_header(struct elf *e, struct elfimg *img)
{
    const uint8_t *b = e->buf;
    if (e->len < 4 || memcmp(b, "\177ELF", 4) != 0)
        return fail(e, "not an ELF file (bad magic)");
    if (e->len < EHDR_SIZE)
        return fail(e, "truncated: %zu bytes, an ELF32 header needs %d", e->len, EHDR_SIZE);
    if (b[4] != ELFCLASS32)
        return fail(e, "ELF class %u is not 32-bit (ELFCLASS32)", b[4]);
    if (b[5] != ELFDATA2LSB)
        return fail(e, "ELF is not little-endian (EI_DATA %u)", b[5]);
    uint16_t type = rd16(b + 16);
    img->machine = rd16(b + 18);
    if (img->machine != ELFIMG_EM_ARM && img->machine != ELFIMG_EM_RISCV)
        return fail(e, "ELF machine %u is neither ARM (40) nor RISC-V (243)", img->machine);
    if (type == ET_DYN)
        return fail(e, "ELF is a shared object or PIE (ET_DYN): link a static executable");
    if (type != ET_EXEC)
        return fail(e, "ELF type %u is not an executable (ET_EXEC)", type);
    img->entry = rd32(b + 24);
    e->phoff = rd32(b + 28);
    e->shoff = rd32(b + 32);
    e->phnum = rd16(b + 44);
    e->shnum = rd16(b + 48);
    e->shstrndx = rd16(b + 50);
    if (e->phnum == 0)
        return fail(e, "ELF has no program headers");
    if (rd16(b + 42) != PHDR_SIZE || (e->shnum && rd16(b + 46) != SHDR_SIZE))
        return fail(e, "unexpected program/section header entry size");
    if (!in_file(e, e->phoff, (uint64_t)e->phnum * PHDR_SIZE))
        return fail(e, "truncated: program headers at offset %u run past the end (%zu bytes)",
                    (unsigned)e->phoff, e->len);
    if (e->shnum && !in_file(e, e->shoff, (uint64_t)e->shnum * SHDR_SIZE))
        return fail(e, "truncated: section headers at offset %u run past the end (%zu bytes)",
                    (unsigned)e->shoff, e->len);
    return 0;
}

/* Finds the span of load addresses of segments with file contents. */
static int flash_span(struct elf *e, uint32_t *lo, uint32_t *hi)
{
    uint64_t l = UINT64_MAX, h = 0;
    for (unsigned i = 0; i < e->phnum; i++) {
        struct phdr p = get_phdr(e, i);
        if (p.type != PT_LOAD || p.filesz == 0)
            continue;
        if (!in_file(e, p.offset, p.filesz))
            return fail(e, "truncated: segment %u (offset %u, %u bytes) runs past the end "
                        "of the file (%zu bytes)", i, (unsigned)p.offset,
                        (unsigned)p.filesz, e->len);
        if (p.paddr < l)
            l = p.paddr;
        if ((uint64_t)p.paddr + p.filesz > h)
            h = (uint64_t)p.paddr + p.filesz;
    }
    if (h == 0)
        return fail(e, "no loadable segment with contents (nothing to put in flash)");
    if (h - l > ELFIMG_MAX_FLASH)
        return fail(e, "loadable segments span 0x%llx bytes from 0x%08x (more than %u): is a "
                    "RAM section missing its flash load address (AT> FLASH)?",
                    (unsigned long long)(h - l), (unsigned)l, ELFIMG_MAX_FLASH);
    *lo = (uint32_t)l;
    *hi = (uint32_t)h;
    return 0;
}

/* Copies the loadable contents into one flash image and locates the entry point. */
static int build_flash(struct elf *e, struct elfimg *img)
{
    uint32_t lo = 0, hi = 0;
    if (flash_span(e, &lo, &hi))
        return -1;
    img->flash_origin = lo;
    img->flash_len = hi - lo;
    img->flash = calloc(1, img->flash_len ? img->flash_len : 1);
    if (!img->flash)
        return fail(e, "out of memory");
    int entry_found = 0;
    for (unsigned i = 0; i < e->phnum; i++) {
        struct phdr p = get_phdr(e, i);
        if (p.type != PT_LOAD || p.filesz == 0)
            continue;
        memcpy(img->flash + (p.paddr - lo), e->buf + p.offset, p.filesz);
        if (img->entry >= p.vaddr && img->entry - p.vaddr < p.filesz) {
            img->entry_offset = p.paddr - lo + (img->entry - p.vaddr);
            entry_found = 1;
        }
    }
    if (img->entry == 0 || !entry_found)
        return fail(e, "entry point 0x%08x is not inside any loadable segment (no entry "
                    "symbol? check ENTRY() in the linker script)", (unsigned)img->entry);
    return 0;
}

/* True if section s's addresses are in flash (inside the loadable image's address range). */
static int in_flash(const struct elfimg *img, const struct shdr *s)
{
    return s->addr >= img->flash_origin && s->addr - img->flash_origin < img->flash_len;
}

/* Records the RAM span (writable sections outside flash) and the .stack size. */
static void ram_span(struct elf *e, struct elfimg *img)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    for (unsigned i = 1; i < e->shnum; i++) {
        struct shdr s = get_shdr(e, i);
        if ((s.flags & (SHF_ALLOC | SHF_WRITE)) != (SHF_ALLOC | SHF_WRITE) || s.size == 0)
            continue;
        if (strcmp(sec_name(e, &s), ".stack") == 0) {
            img->has_stack_section = 1;
            img->stack_size = s.size;
        }
        if (in_flash(img, &s))
            continue;
        if (s.addr < lo)
            lo = s.addr;
        if ((uint64_t)s.addr + s.size > hi)
            hi = (uint64_t)s.addr + s.size;
    }
    if (hi) {
        img->ram_start = (uint32_t)lo;
        img->ram_end = (uint32_t)hi;
    }
}

/* Relocation types a writable data word may carry: an absolute address. */
static int abs_reloc(uint16_t machine, uint32_t type)
{
    if (machine == ELFIMG_EM_ARM)
        return type == R_ARM_ABS32 || type == R_ARM_TARGET1;
    return type == R_RISCV_32;
}

/* Checks one SHT_REL section; appends its entries if its target is writable data. */
static int take_relocs(struct elf *e, struct elfimg *img, const struct shdr *rs)
{
    if (rs->info == 0 || rs->info >= e->shnum)
        return 0;
    struct shdr t = get_shdr(e, rs->info);
    if (!(t.flags & SHF_ALLOC))
        return 0;                               /* debug sections */
    if (!in_file(e, rs->offset, rs->size) || rs->size % 8)
        return fail(e, "truncated or malformed relocation section %s", sec_name(e, rs));
    int writable = (t.flags & SHF_WRITE) && t.type != SHT_NOBITS;
    for (uint32_t off = 0; off < rs->size; off += 8) {
        uint32_t r_offset = rd32(e->buf + rs->offset + off);
        uint32_t r_info = rd32(e->buf + rs->offset + off + 4);
        uint32_t type = r_info & 0xff;
        if (!abs_reloc(img->machine, type))
            continue;                           /* PC-relative and GOT-relative: no fixup */
        if (!writable) {
            if (img->flash_origin != ELFIMG_PIC_FLASH)
                continue;                       /* fixed-address app: absolute is fine */
            return fail(e, "absolute relocation (type %u) in read-only section %s at 0x%08x: "
                        "code is not position-independent (an object built without -fPIC?)",
                        (unsigned)type, sec_name(e, &t), (unsigned)r_offset);
        }
        uint8_t *n = realloc(img->rel, img->rel_len + 8);
        if (!n)
            return fail(e, "out of memory");
        img->rel = n;
        memcpy(img->rel + img->rel_len, e->buf + rs->offset + off, 8);
        img->rel_len += 8;
    }
    return 0;
}

/* Walks the section headers for relocation sections. */
static int collect_relocs(struct elf *e, struct elfimg *img)
{
    for (unsigned i = 1; i < e->shnum; i++) {
        struct shdr s = get_shdr(e, i);
        if (s.type == SHT_RELA && s.info && s.info < e->shnum &&
            (get_shdr(e, s.info).flags & SHF_ALLOC))
            return fail(e, "RELA relocation section %s is not supported", sec_name(e, &s));
        if (s.type == SHT_REL && take_relocs(e, img, &s))
            return -1;
    }
    return 0;
}

int elfimg_load(struct elfimg *img, const uint8_t *buf, size_t len, char *err, size_t errlen)
{
    struct elf e = { .buf = buf, .len = len, .err = err, .errlen = errlen };
    memset(img, 0, sizeof(*img));
    if (check_header(&e, img) || build_flash(&e, img) || collect_relocs(&e, img)) {
        elfimg_free(img);
        return -1;
    }
    ram_span(&e, img);
    return 0;
}

void elfimg_free(struct elfimg *img)
{
    free(img->flash);
    free(img->rel);
    img->flash = img->rel = NULL;
    img->flash_len = img->rel_len = 0;
}

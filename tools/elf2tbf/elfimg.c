/* elfimg: read an app's ELF32 executable into the pieces a TBF needs. */
#include "tools/elf2tbf/elfimg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <elf.h>

/* ELF structures and constants from glibc's <elf.h> (System V gABI, ELF for the ARM and
 * RISC-V architectures). Fields are copied out with memcpy: the file's byte order (checked to be
 * little-endian) is the host's on every platform this project builds on. */
_Static_assert(sizeof(Elf32_Ehdr) == 52 && sizeof(Elf32_Phdr) == 32 && sizeof(Elf32_Shdr) == 40,
               "ELF32 header sizes");

/* A view of the file being parsed. */
struct elf {
    const uint8_t *buf;
    size_t len;
    uint32_t phoff, shoff;
    uint16_t phnum, shnum, shstrndx;
    char *err;
    size_t errlen;
};


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

static Elf32_Phdr get_phdr(const struct elf *e, unsigned i)
{
    Elf32_Phdr h;
    memcpy(&h, e->buf + e->phoff + (size_t)i * sizeof(h), sizeof(h));
    return h;
}

static Elf32_Shdr get_shdr(const struct elf *e, unsigned i)
{
    Elf32_Shdr h;
    memcpy(&h, e->buf + e->shoff + (size_t)i * sizeof(h), sizeof(h));
    return h;
}

/* Section name from the section-header string table, or "?" if out of range. */
static const char *sec_name(const struct elf *e, const Elf32_Shdr *s)
{
    if (e->shstrndx == 0 || e->shstrndx >= e->shnum)
        return "?";
    Elf32_Shdr str = get_shdr(e, e->shstrndx);
    if (s->sh_name >= str.sh_size || !in_file(e, str.sh_offset, str.sh_size))
        return "?";
    const char *name = (const char *)e->buf + str.sh_offset + s->sh_name;
    return memchr(name, 0, str.sh_size - s->sh_name) ? name : "?";
}

/* Checks the ELF identification and header; fills the table locations. */
static int check_header(struct elf *e, struct elfimg *img)
{
    const uint8_t *b = e->buf;
    if (e->len < SELFMAG || memcmp(b, ELFMAG, SELFMAG) != 0)
        return fail(e, "not an ELF file (bad magic)");
    if (e->len < sizeof(Elf32_Ehdr))
        return fail(e, "truncated: %zu bytes, an ELF32 header needs %zu", e->len, sizeof(Elf32_Ehdr));
    if (b[EI_CLASS] != ELFCLASS32)
        return fail(e, "ELF class %u is not 32-bit (ELFCLASS32)", b[EI_CLASS]);
    if (b[EI_DATA] != ELFDATA2LSB)
        return fail(e, "ELF is not little-endian (EI_DATA %u)", b[EI_DATA]);
    Elf32_Ehdr eh;
    memcpy(&eh, b, sizeof(eh));
    uint16_t type = eh.e_type;
    img->machine = eh.e_machine;
    if (img->machine != ELFIMG_EM_ARM && img->machine != ELFIMG_EM_RISCV)
        return fail(e, "ELF machine %u is neither ARM (40) nor RISC-V (243)", img->machine);
    if (type == ET_DYN)
        return fail(e, "ELF is a shared object or PIE (ET_DYN): link a static executable");
    if (type != ET_EXEC)
        return fail(e, "ELF type %u is not an executable (ET_EXEC)", type);
    img->entry = eh.e_entry;
    e->phoff = eh.e_phoff;
    e->shoff = eh.e_shoff;
    e->phnum = eh.e_phnum;
    e->shnum = eh.e_shnum;
    e->shstrndx = eh.e_shstrndx;
    if (e->phnum == 0)
        return fail(e, "ELF has no program headers");
    if (eh.e_phentsize != sizeof(Elf32_Phdr) || (e->shnum && eh.e_shentsize != sizeof(Elf32_Shdr)))
        return fail(e, "unexpected program/section header entry size");
    if (!in_file(e, e->phoff, (uint64_t)e->phnum * sizeof(Elf32_Phdr)))
        return fail(e, "truncated: program headers at offset %u run past the end (%zu bytes)",
                    (unsigned)e->phoff, e->len);
    if (e->shnum && !in_file(e, e->shoff, (uint64_t)e->shnum * sizeof(Elf32_Shdr)))
        return fail(e, "truncated: section headers at offset %u run past the end (%zu bytes)",
                    (unsigned)e->shoff, e->len);
    return 0;
}

/* Finds the span of load addresses of segments with file contents. */
static int flash_span(struct elf *e, uint32_t *lo, uint32_t *hi)
{
    uint64_t l = UINT64_MAX, h = 0;
    for (unsigned i = 0; i < e->phnum; i++) {
        Elf32_Phdr p = get_phdr(e, i);
        if (p.p_type != PT_LOAD || p.p_filesz == 0)
            continue;
        if (!in_file(e, p.p_offset, p.p_filesz))
            return fail(e, "truncated: segment %u (offset %u, %u bytes) runs past the end "
                        "of the file (%zu bytes)", i, (unsigned)p.p_offset,
                        (unsigned)p.p_filesz, e->len);
        if (p.p_paddr < l)
            l = p.p_paddr;
        if ((uint64_t)p.p_paddr + p.p_filesz > h)
            h = (uint64_t)p.p_paddr + p.p_filesz;
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
        Elf32_Phdr p = get_phdr(e, i);
        if (p.p_type != PT_LOAD || p.p_filesz == 0)
            continue;
        memcpy(img->flash + (p.p_paddr - lo), e->buf + p.p_offset, p.p_filesz);
        if (img->entry >= p.p_vaddr && img->entry - p.p_vaddr < p.p_filesz) {
            img->entry_offset = p.p_paddr - lo + (img->entry - p.p_vaddr);
            entry_found = 1;
        }
    }
    if (img->entry == 0 || !entry_found)
        return fail(e, "entry point 0x%08x is not inside any loadable segment (no entry "
                    "symbol? check ENTRY() in the linker script)", (unsigned)img->entry);
    return 0;
}

/* True if section s's addresses are in flash (inside the loadable image's address range). */
static int in_flash(const struct elfimg *img, const Elf32_Shdr *s)
{
    return s->sh_addr >= img->flash_origin && s->sh_addr - img->flash_origin < img->flash_len;
}

/* Records the RAM span (writable sections outside flash) and the .stack size. */
static void ram_span(struct elf *e, struct elfimg *img)
{
    uint64_t lo = UINT64_MAX, hi = 0;
    for (unsigned i = 1; i < e->shnum; i++) {
        Elf32_Shdr s = get_shdr(e, i);
        if ((s.sh_flags & (SHF_ALLOC | SHF_WRITE)) != (SHF_ALLOC | SHF_WRITE) || s.sh_size == 0)
            continue;
        if (strcmp(sec_name(e, &s), ".stack") == 0) {
            img->has_stack_section = 1;
            img->stack_size = s.sh_size;
        }
        if (in_flash(img, &s))
            continue;
        if (s.sh_addr < lo)
            lo = s.sh_addr;
        if ((uint64_t)s.sh_addr + s.sh_size > hi)
            hi = (uint64_t)s.sh_addr + s.sh_size;
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

/* True if the relocation's symbol is absolute (SHN_ABS, e.g. a --defsym constant such as
 * STACK_SIZE): its value does not move with the app, so flash may hold it. */
static int absolute_symbol(const struct elf *e, const Elf32_Shdr *rs, uint32_t r_info)
{
    uint32_t sym = ELF32_R_SYM(r_info);
    if (sym == 0 || rs->sh_link == 0 || rs->sh_link >= e->shnum)
        return 0;
    Elf32_Shdr tab = get_shdr(e, rs->sh_link);
    uint64_t at = (uint64_t)tab.sh_offset + (uint64_t)sym * sizeof(Elf32_Sym);
    if (tab.sh_type != SHT_SYMTAB || at + sizeof(Elf32_Sym) > (uint64_t)tab.sh_offset + tab.sh_size ||
        !in_file(e, at, sizeof(Elf32_Sym)))
        return 0;
    Elf32_Sym s;
    memcpy(&s, e->buf + at, sizeof(s));
    return s.st_shndx == SHN_ABS;
}

/* Checks one SHT_REL section; appends its entries if its target is writable data. */
static int take_relocs(struct elf *e, struct elfimg *img, const Elf32_Shdr *rs)
{
    if (rs->sh_info == 0 || rs->sh_info >= e->shnum)
        return 0;
    Elf32_Shdr t = get_shdr(e, rs->sh_info);
    if (!(t.sh_flags & SHF_ALLOC))
        return 0;                               /* debug sections */
    if (!in_file(e, rs->sh_offset, rs->sh_size) || rs->sh_size % sizeof(Elf32_Rel))
        return fail(e, "truncated or malformed relocation section %s", sec_name(e, rs));
    int writable = (t.sh_flags & SHF_WRITE) && t.sh_type != SHT_NOBITS;
    for (uint32_t off = 0; off < rs->sh_size; off += sizeof(Elf32_Rel)) {
        Elf32_Rel rel;
        memcpy(&rel, e->buf + rs->sh_offset + off, sizeof(rel));
        uint32_t r_offset = rel.r_offset, type = ELF32_R_TYPE(rel.r_info);
        if (!abs_reloc(img->machine, type))
            continue;                           /* PC-relative and GOT-relative: no fixup */
        if (!writable) {
            if (img->flash_origin != ELFIMG_PIC_FLASH || absolute_symbol(e, rs, rel.r_info))
                continue;                       /* fixed-address app, or a constant: fine */
            return fail(e, "absolute relocation (type %u) in read-only section %s at 0x%08x: "
                        "code is not position-independent (an object built without -fPIC?)",
                        (unsigned)type, sec_name(e, &t), (unsigned)r_offset);
        }
        uint8_t *n = realloc(img->rel, img->rel_len + 8);
        if (!n)
            return fail(e, "out of memory");
        img->rel = n;
        memcpy(img->rel + img->rel_len, e->buf + rs->sh_offset + off, 8);
        img->rel_len += 8;
    }
    return 0;
}

/* Walks the section headers for relocation sections. */
static int collect_relocs(struct elf *e, struct elfimg *img)
{
    for (unsigned i = 1; i < e->shnum; i++) {
        Elf32_Shdr s = get_shdr(e, i);
        if (s.sh_type == SHT_RELA && s.sh_info && s.sh_info < e->shnum &&
            (get_shdr(e, s.sh_info).sh_flags & SHF_ALLOC))
            return fail(e, "RELA relocation section %s is not supported", sec_name(e, &s));
        if (s.sh_type == SHT_REL && take_relocs(e, img, &s))
            return -1;
    }
    return 0;
}

/* True if a nonempty allocated section lies inside segment p (elf2tab skips segments without
 * one: linkers sometimes emit empty loadable segments outside the linker script's regions).
 * An ELF without section headers is taken at its word. */
static int segment_has_section(const struct elf *e, const Elf32_Phdr *p)
{
    if (e->shnum == 0)
        return 1;
    for (unsigned i = 1; i < e->shnum; i++) {
        Elf32_Shdr s = get_shdr(e, i);
        if ((s.sh_flags & SHF_ALLOC) && s.sh_size && s.sh_addr >= p->p_vaddr &&
            (uint64_t)s.sh_addr + s.sh_size <= (uint64_t)p->p_vaddr + p->p_memsz)
            return 1;
    }
    return 0;
}

/* Value of the symbol `name` in the ELF's symbol table; 0 if absent. */
static int find_symbol(const struct elf *e, const char *name, uint32_t *value)
{
    for (unsigned i = 1; i < e->shnum; i++) {
        Elf32_Shdr sym = get_shdr(e, i);
        if (sym.sh_type != SHT_SYMTAB || sym.sh_link >= e->shnum || !in_file(e, sym.sh_offset, sym.sh_size))
            continue;
        Elf32_Shdr str = get_shdr(e, sym.sh_link);
        if (!in_file(e, str.sh_offset, str.sh_size))
            continue;
        for (uint32_t off = 0; off + sizeof(Elf32_Sym) <= sym.sh_size; off += sizeof(Elf32_Sym)) {
            Elf32_Sym s;
            memcpy(&s, e->buf + sym.sh_offset + off, sizeof(s));
            const char *n = (const char *)e->buf + str.sh_offset + s.st_name;
            if (s.st_name < str.sh_size && strnlen(n, str.sh_size - s.st_name) == strlen(name) &&
                strcmp(n, name) == 0) {
                *value = s.st_value;
                return 1;
            }
        }
    }
    return 0;
}

/* Fills the fixed flash and RAM addresses (see elfimg.h); after ram_span. */
static void fixed_addresses(const struct elf *e, struct elfimg *img)
{
    int pic = 0;
    uint64_t lowest = UINT64_MAX;
    for (unsigned i = 0; i < e->phnum; i++) {
        Elf32_Phdr p = get_phdr(e, i);
        if (p.p_type != PT_LOAD || p.p_filesz == 0 || !(p.p_flags & PF_X) || !segment_has_section(e, &p))
            continue;
        if (p.p_vaddr == ELFIMG_PIC_FLASH)
            pic = 1;
        else if (p.p_paddr < lowest)
            lowest = p.p_paddr;
    }
    img->has_fixed_flash = !pic && lowest != UINT64_MAX;
    img->fixed_flash = img->has_fixed_flash ? (uint32_t)lowest : 0;
    uint32_t origin = 0;
    if (find_symbol(e, "_sram_origin", &origin))
        img->fixed_ram = origin;
    else if (img->has_fixed_flash)
        img->fixed_ram = img->ram_start;
    img->has_fixed_ram = img->fixed_ram != 0;
}

/* Records the ".wfr" sections: each must lie in a loaded segment's file contents. */
static int writeable_flash(struct elf *e, struct elfimg *img)
{
    for (unsigned i = 1; i < e->shnum; i++) {
        Elf32_Shdr s = get_shdr(e, i);
        const char *name = sec_name(e, &s);
        if (!(s.sh_flags & SHF_ALLOC) || s.sh_size == 0 || !strstr(name, ".wfr"))
            continue;
        int found = 0;
        for (unsigned k = 0; k < e->phnum && !found; k++) {
            Elf32_Phdr p = get_phdr(e, k);
            if (p.p_type == PT_LOAD && s.sh_addr >= p.p_vaddr &&
                (uint64_t)s.sh_addr + s.sh_size <= (uint64_t)p.p_vaddr + p.p_filesz) {
                if (img->n_wfr == ELFIMG_MAX_WFR)
                    return fail(e, "more than %d writeable flash regions (.wfr sections)",
                                ELFIMG_MAX_WFR);
                img->wfr[img->n_wfr].offset = p.p_paddr - img->flash_origin + (s.sh_addr - p.p_vaddr);
                img->wfr[img->n_wfr++].size = s.sh_size;
                found = 1;
            }
        }
        if (!found)
            return fail(e, "writeable flash region %s (0x%08x, %u bytes) is not in a loaded "
                        "segment's contents", name, (unsigned)s.sh_addr, (unsigned)s.sh_size);
    }
    return 0;
}

int elfimg_load(struct elfimg *img, const uint8_t *buf, size_t len, char *err, size_t errlen)
{
    struct elf e = { .buf = buf, .len = len, .err = err, .errlen = errlen };
    memset(img, 0, sizeof(*img));
    if (check_header(&e, img) || build_flash(&e, img) || collect_relocs(&e, img) ||
        writeable_flash(&e, img)) {
        elfimg_free(img);
        return -1;
    }
    ram_span(&e, img);
    fixed_addresses(&e, img);
    return 0;
}

void elfimg_free(struct elfimg *img)
{
    free(img->flash);
    free(img->rel);
    img->flash = img->rel = NULL;
    img->flash_len = img->rel_len = 0;
}

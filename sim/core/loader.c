/* Image loaders (see loader.h). ELF structures from <elf.h> (the System V gABI); TBF header
 * fields from Tock's "Tock Binary Format" documentation. */
#include "sim/core/loader.h"

#include "lib/tab/tab.h"
#include "lib/tab/ustar.h"
#include "lib/tbf/tbfimg.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads a whole file; NULL with a message on failure. */
static uint8_t *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        snprintf(err, errlen, "%s: cannot read", path);
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static const char *machine_name(uint16_t m)
{
    return m == EM_ARM ? "ARM" : m == EM_RISCV ? "RISC-V" : m == EM_X86_64 ? "x86-64" : "another architecture";
}

static bool check_header(const uint8_t *buf, size_t len, const char *path, uint16_t want,
                         char *err, size_t errlen)
{
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)buf;
    if (len < EI_NIDENT || memcmp(buf, ELFMAG, SELFMAG) != 0) {
        snprintf(err, errlen, "%s: not an ELF file (bad magic at byte offset 0)", path);
        return false;
    }
    /* e_machine sits at byte 18 in 32- and 64-bit headers alike: report it first. */
    uint16_t machine = len >= 20 ? (uint16_t)(buf[18] | buf[19] << 8) : 0;
    if (machine != want) {
        snprintf(err, errlen, "%s: ELF is for %s (e_machine %u at byte offset 18), this board needs %s",
                 path, machine_name(machine), machine, machine_name(want));
        return false;
    }
    if (buf[EI_CLASS] != ELFCLASS32 || buf[EI_DATA] != ELFDATA2LSB || len < sizeof(*eh)) {
        snprintf(err, errlen, "%s: not a 32-bit little-endian ELF (byte offset %d)", path, EI_CLASS);
        return false;
    }
    if (eh->e_phentsize != sizeof(Elf32_Phdr) ||
        (uint64_t)eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf32_Phdr) > len) {
        snprintf(err, errlen, "%s: program header table (offset %u) lies outside the file", path, eh->e_phoff);
        return false;
    }
    return true;
}

static bool load_segment(struct bus *bus, const uint8_t *buf, size_t len, const Elf32_Phdr *ph,
                         int idx, const char *path, char *err, size_t errlen)
{
    if (ph->p_filesz > ph->p_memsz || (uint64_t)ph->p_offset + ph->p_filesz > len) {
        snprintf(err, errlen, "%s: segment %d: file range 0x%x+0x%x is outside the file", path, idx,
                 ph->p_offset, ph->p_filesz);
        return false;
    }
    enum bus_status st = bus_load(bus, ph->p_paddr, buf + ph->p_offset, ph->p_filesz);
    struct bus_region *r = bus_find(bus, ph->p_paddr);
    if (st == BUS_OK && ph->p_memsz > ph->p_filesz && r && r->kind == REGION_RAM) {
        uint8_t *zeros = calloc(1, ph->p_memsz - ph->p_filesz);
        st = zeros ? bus_load(bus, ph->p_paddr + ph->p_filesz, zeros, ph->p_memsz - ph->p_filesz) : BUS_UNMAPPED;
        free(zeros);
    }
    if (st != BUS_OK) {
        snprintf(err, errlen, "%s: segment %d (0x%08x..0x%08x) is not inside the board's flash or RAM",
                 path, idx, ph->p_paddr, ph->p_paddr + ph->p_memsz);
        return false;
    }
    return true;
}

bool loader_load_elf(struct bus *bus, const char *path, uint16_t e_machine, uint32_t *entry,
                     char *err, size_t errlen)
{
    size_t len;
    uint8_t *buf = read_file(path, &len, err, errlen);
    if (!buf)
        return false;
    bool ok = check_header(buf, len, path, e_machine, err, errlen);
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)buf;
    int loaded = 0;
    for (int i = 0; ok && i < eh->e_phnum; i++) {
        Elf32_Phdr ph;
        memcpy(&ph, buf + eh->e_phoff + (size_t)i * sizeof(ph), sizeof(ph));
        if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
            continue;
        ok = load_segment(bus, buf, len, &ph, i, path, err, errlen);
        loaded++;
    }
    if (ok && loaded == 0) {
        snprintf(err, errlen, "%s: no loadable segments", path);
        ok = false;
    }
    if (ok && entry)
        *entry = eh->e_entry;
    free(buf);
    return ok;
}

/* The section header i into *out, if the file holds all of it. Copied: the table may sit at
 * any offset, and a header read in place there was a misaligned access (found by
 * tocksim-fuzz-parsers --target=elf with UBSan). */
static bool section(const uint8_t *buf, size_t len, const Elf32_Ehdr *eh, unsigned i, Elf32_Shdr *out)
{
    size_t at = (size_t)eh->e_shoff + (size_t)i * sizeof(Elf32_Shdr);
    if (eh->e_shentsize != sizeof(Elf32_Shdr) || i >= eh->e_shnum || at + sizeof(Elf32_Shdr) > len)
        return false;
    memcpy(out, buf + at, sizeof(*out));
    return true;
}

/* Looks each name up in the symbol table of symtab section sh (string table: its sh_link). */
static int lookup_symbols(const uint8_t *buf, size_t len, const Elf32_Ehdr *eh, const Elf32_Shdr *sh,
                          const char *const names[], uint32_t values[], int n)
{
    Elf32_Shdr st;
    const Elf32_Shdr *strs = &st;
    if (!section(buf, len, eh, sh->sh_link, &st) || strs->sh_offset > len ||
        strs->sh_size > len - strs->sh_offset || sh->sh_offset > len || sh->sh_size > len - sh->sh_offset)
        return 0;
    const char *str = (const char *)buf + strs->sh_offset;
    int found = 0;
    for (size_t k = 0; k + sizeof(Elf32_Sym) <= sh->sh_size; k += sizeof(Elf32_Sym)) {
        Elf32_Sym sym;
        memcpy(&sym, buf + sh->sh_offset + k, sizeof(sym));
        if (sym.st_name >= strs->sh_size || !memchr(str + sym.st_name, '\0', strs->sh_size - sym.st_name))
            continue;
        for (int i = 0; i < n; i++)
            if (strcmp(str + sym.st_name, names[i]) == 0) {
                values[i] = sym.st_value;
                found++;
            }
    }
    return found;
}

int loader_elf_symbols(const char *path, const char *const names[], uint32_t values[], int n)
{
    char err[8];
    size_t len;
    uint8_t *buf = read_file(path, &len, err, sizeof(err));
    if (!buf)
        return 0;
    int found = 0;
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)buf;
    if (len >= sizeof(*eh) && memcmp(buf, ELFMAG, SELFMAG) == 0 && buf[EI_CLASS] == ELFCLASS32)
        for (unsigned i = 0; i < eh->e_shnum; i++) {
            Elf32_Shdr sh;
            if (section(buf, len, eh, i, &sh) && sh.sh_type == SHT_SYMTAB)
                found += lookup_symbols(buf, len, eh, &sh, names, values, n);
        }
    free(buf);
    return found;
}

/* ---- symbol tables for addresses (the window's fault view) -------------------------------- */

/* Whether sym names code or data worth showing: functions, objects and untyped labels, not
 * sections, files, ARM mapping symbols ($t, $d) or assembler-local labels (.L...). */
static bool useful_symbol(const Elf32_Sym *sym, const char *name)
{
    unsigned type = ELF32_ST_TYPE(sym->st_info);
    if (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)
        return false;
    return name[0] && name[0] != '$' && strncmp(name, ".L", 2) != 0 && sym->st_shndx != SHN_UNDEF &&
           sym->st_shndx != SHN_ABS;
}

static int by_address(const void *a, const void *b)
{
    const struct loader_sym *x = a, *y = b;
    if (x->addr != y->addr)
        return x->addr < y->addr ? -1 : 1;
    return strcmp(x->name, y->name);       /* the same order on every host */
}

/* Appends the useful symbols of symtab section sh to t (strings copied into t->strings). */
static void collect_symbols(const uint8_t *buf, size_t len, const Elf32_Ehdr *eh, const Elf32_Shdr *sh,
                            struct loader_symtab *t)
{
    Elf32_Shdr st;
    const Elf32_Shdr *strs = &st;
    if (!section(buf, len, eh, sh->sh_link, &st) || strs->sh_offset > len ||
        strs->sh_size > len - strs->sh_offset || sh->sh_offset > len || sh->sh_size > len - sh->sh_offset)
        return;
    size_t count = sh->sh_size / sizeof(Elf32_Sym);
    struct loader_sym *grown = realloc(t->syms, (t->n + count) * sizeof(*grown) + 1);
    char *strings = malloc(strs->sh_size + 1);
    if (!grown || !strings) {
        t->syms = grown ? grown : t->syms;
        free(strings);
        return;
    }
    t->syms = grown;
    memcpy(strings, buf + strs->sh_offset, strs->sh_size);
    strings[strs->sh_size] = '\0';
    free(t->strings);               /* one symbol table per file in practice: keep the last */
    t->strings = strings;
    t->n = 0;
    for (size_t k = 0; k < count; k++) {
        Elf32_Sym sym;
        memcpy(&sym, buf + sh->sh_offset + k * sizeof(sym), sizeof(sym));
        if (sym.st_name < strs->sh_size && useful_symbol(&sym, strings + sym.st_name))
            t->syms[t->n++] = (struct loader_sym){ sym.st_value & ~(eh->e_machine == EM_ARM &&
                                                   ELF32_ST_TYPE(sym.st_info) == STT_FUNC ? 1u : 0u),
                                                   sym.st_size, strings + sym.st_name };
    }
}

bool loader_symtab_read(const char *path, struct loader_symtab *t)
{
    char err[8];
    size_t len;
    memset(t, 0, sizeof(*t));
    uint8_t *buf = read_file(path, &len, err, sizeof(err));
    if (!buf)
        return false;
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)buf;
    if (len >= sizeof(*eh) && memcmp(buf, ELFMAG, SELFMAG) == 0 && buf[EI_CLASS] == ELFCLASS32) {
        t->entry = eh->e_entry & ~1u;
        for (unsigned i = 0; i < eh->e_shnum; i++) {
            Elf32_Shdr sh;
            if (section(buf, len, eh, i, &sh) && sh.sh_type == SHT_SYMTAB)
                collect_symbols(buf, len, eh, &sh, t);
        }
    }
    free(buf);
    if (t->n)
        qsort(t->syms, (size_t)t->n, sizeof(t->syms[0]), by_address);
    return t->n > 0;
}

const struct loader_sym *loader_symtab_nearest(const struct loader_symtab *t, uint32_t addr,
                                               uint32_t max_gap)
{
    int lo = 0, hi = t->n;                  /* first symbol above addr: hi */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (t->syms[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return NULL;
    const struct loader_sym *s = &t->syms[lo - 1];
    uint32_t end = s->addr + s->size;
    return addr - s->addr < max_gap || addr < end ? s : NULL;
}

void loader_symtab_free(struct loader_symtab *t)
{
    free(t->syms);
    free(t->strings);
    memset(t, 0, sizeof(*t));
}

/* Fills an alignment gap with a padding object as tockloader does: a bare TBF v2 base header
 * (no Main/Program TLV) whose total_size spans the gap, so the kernel's header walk goes on. */
static enum bus_status write_padding(struct bus *bus, uint32_t at, uint32_t gap)
{
    uint32_t w[4] = { 0x00100002u, gap, 0, 0 };     /* version 2, header_size 16 */
    w[3] = w[0] ^ w[1] ^ w[2];                       /* checksum: XOR of the other words */
    return bus_load(bus, at, w, sizeof(w));
}

/* Where the image goes (tbfimg_place: its fixed flash address, else the next multiple of its
 * size rounded up to a power of two). A header tbfimg cannot parse (a broken checksum, say)
 * is still placed, by its size: rejecting such images is the kernel's job, and tests hand it
 * broken ones on purpose. */
static bool place(const uint8_t *buf, size_t len, uint32_t total, uint32_t cursor, uint32_t *at,
                  const char *path, char *err, size_t errlen)
{
    struct tbfimg_info info;
    char why[300];
    if (tbfimg_parse(buf, len, &info, why, sizeof(why)) != 0)
        memset(&info, 0, sizeof(info));
    info.total_size = total;                    /* aligned as the power of two above it */
    while (info.total_size & (info.total_size - 1))
        info.total_size += info.total_size & -info.total_size;
    if (tbfimg_place(&info, cursor, at, why, sizeof(why)) == 0)
        return true;
    snprintf(err, errlen, "%s: %s", path, why);
    return false;
}

/* Places one TBF image (buf, len bytes; name for messages) at the next address >= *cursor
 * its header allows, with a padding object before it if needed, and advances *cursor. */
static bool place_image(struct bus *bus, const uint8_t *buf, size_t len, const char *name,
                        struct loader_apps *apps, char *err, size_t errlen)
{
    uint32_t *cursor = &apps->cursor, region_end = apps->region_end;
    uint16_t version = len >= 8 ? (uint16_t)(buf[0] | buf[1] << 8) : 0;
    uint32_t total = len >= 8 ? (uint32_t)buf[4] | buf[5] << 8 | buf[6] << 16 | (uint32_t)buf[7] << 24 : 0;
    uint32_t at = 0;
    if (len < 16 || version != 2) {
        snprintf(err, errlen, "%s: not a TBF v2 image (version field at byte offset 0 is %u)", name, version);
    } else if (total < len || total == 0) {
        snprintf(err, errlen, "%s: TBF total_size %u (byte offset 4) is smaller than the file (%zu bytes)",
                 name, total, len);
    } else if (total > 0x80000000u) {
        snprintf(err, errlen, "%s: TBF total_size %u (byte offset 4) is over 2 GiB", name, total);
    } else if (!place(buf, len, total, *cursor, &at, name, err, errlen)) {
        return false;                   /* err says why */
    } else if (at > *cursor && at - *cursor < 16) {
        snprintf(err, errlen, "%s: placed at 0x%08x, it leaves a %u-byte gap after the app before it (which "
                 "ends at 0x%08x): too small for the padding object the kernel's walk needs", name, at,
                 at - *cursor, *cursor);
    } else if ((uint64_t)at + total > region_end) {
        snprintf(err, errlen, "%s: %u-byte app does not fit in the apps region (it would start at 0x%08x, "
                 "next free 0x%08x, end 0x%08x)", name, total, at, *cursor, region_end);
    } else if ((at - *cursor >= 16 && write_padding(bus, *cursor, at - *cursor) != BUS_OK) ||
               bus_load(bus, at, buf, len) != BUS_OK) {
        snprintf(err, errlen, "%s: cannot place the app at 0x%08x", name, at);
    } else {
        *cursor = at + total;
        apps->placed = at;
        return true;
    }
    return false;
}

/* A TAB: the TBF for the board's architectures that fits at the cursor (tab_pick). */
static bool place_tab(struct bus *bus, const uint8_t *buf, size_t len, const char *path,
                      struct loader_apps *apps, char *err, size_t errlen)
{
    static struct tab t;                /* large; loading is single-threaded */
    char why[700], name[600];
    struct tab_target target = { apps->tab_archs ? apps->tab_archs : "", apps->cursor, apps->region_end };
    if (tab_read(buf, len, &t, why, sizeof(why)) != 0) {
        snprintf(err, errlen, "%s: %s", path, why);
        return false;
    }
    int k = tab_pick(&t, &target, why, sizeof(why));
    if (k < 0) {
        snprintf(err, errlen, "%s: %s", path, why);
        return false;
    }
    snprintf(name, sizeof(name), "%s[%s]", path, t.tbf[k].name);
    return place_image(bus, t.tbf[k].data, t.tbf[k].len, name, apps, err, errlen);
}

bool loader_load_app(struct bus *bus, const char *path, struct loader_apps *apps, char *err, size_t errlen)
{
    size_t len;
    uint8_t *buf = read_file(path, &len, err, errlen);
    if (!buf)
        return false;
    bool ok = ustar_is_tar(buf, len) ? place_tab(bus, buf, len, path, apps, err, errlen)
                                     : place_image(bus, buf, len, path, apps, err, errlen);
    free(buf);
    return ok;
}

bool loader_load_tbf(struct bus *bus, const char *path, uint32_t *cursor, uint32_t region_end,
                     char *err, size_t errlen)
{
    struct loader_apps apps = { .cursor = *cursor, .region_end = region_end, .tab_archs = NULL };
    bool ok = loader_load_app(bus, path, &apps, err, errlen);
    *cursor = apps.cursor;
    return ok;
}

/* Source locations from DWARF with elfutils' libdw (srcloc.h); the symbol table through
 * libelf when DWARF does not name the function. */
#include "sim/dwarf/srcloc.h"
#include "sim/dwarf/srcloc_dw.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


struct srcloc_file *srcloc_open(const char *path, char *err, size_t errlen)
{
    elf_version(EV_CURRENT);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    if (!elf || elf_kind(elf) != ELF_K_ELF) {
        snprintf(err, errlen, "%s: not an ELF file", path);
        if (elf)
            elf_end(elf);
        close(fd);
        return NULL;
    }
    struct srcloc_file *f = calloc(1, sizeof(*f));
    if (!f) {
        snprintf(err, errlen, "%s: out of memory", path);
        elf_end(elf);
        close(fd);
        return NULL;
    }
    f->fd = fd;
    f->elf = elf;
    f->dw = dwarf_begin_elf(elf, DWARF_C_READ, NULL);
    return f;
}

void srcloc_close(struct srcloc_file *f)
{
    if (!f)
        return;
    if (f->dw)
        dwarf_end(f->dw);
    elf_end(f->elf);
    close(f->fd);
    free(f);
}

bool srcloc_has_dwarf(const struct srcloc_file *f)
{
    return f->dw != NULL;
}

/* The compilation unit whose code holds addr. dwarf_addrdie needs .debug_aranges, which not
 * every toolchain writes: walk the units' own ranges when it finds nothing. */
static bool unit_of(Dwarf *dw, Dwarf_Addr addr, Dwarf_Die *cu)
{
    if (dwarf_addrdie(dw, addr, cu))
        return true;
    Dwarf_Off off = 0, next;
    size_t hsize;
    while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
        if (dwarf_offdie(dw, off + hsize, cu) && dwarf_haspc(cu, addr) > 0)
            return true;
        off = next;
    }
    return false;
}

/* path relative to the unit's build directory when it lies below it (the paths the build
 * used: "apps/fault-null/main.c"), else as recorded. */
void srcloc_dw_path(Dwarf_Die *cu, const char *path, char *out, size_t n)
{
    Dwarf_Attribute a;
    const char *dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &a));
    size_t dl = dir ? strlen(dir) : 0;
    if (path && dl && strncmp(path, dir, dl) == 0 && path[dl] == '/')
        path += dl + 1;
    snprintf(out, n, "%s", path ? path : "");
}

const char *srcloc_dw_name(Dwarf_Die *d)
{
    Dwarf_Attribute a;
    const char *s = dwarf_formstring(dwarf_attr_integrate(d, DW_AT_name, &a));
    return s ? s : "";
}

static unsigned udata(Dwarf_Die *d, unsigned attr)
{
    Dwarf_Attribute a;
    Dwarf_Word w = 0;
    if (!dwarf_attr(d, attr, &a) || dwarf_formudata(&a, &w) != 0)
        return 0;
    return (unsigned)w;
}

/* The source file numbered idx in the unit's line program header (DW_AT_call_file). */
static void unit_file(Dwarf_Die *cu, unsigned idx, char *out, size_t n)
{
    Dwarf_Files *files;
    size_t nfiles;
    out[0] = 0;
    if (dwarf_getsrcfiles(cu, &files, &nfiles) == 0 && idx < nfiles)
        srcloc_dw_path(cu, dwarf_filesrc(files, idx, NULL, NULL), out, n);
}

static bool is_function(Dwarf_Die *d)
{
    int tag = dwarf_tag(d);
    return tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine;
}

/* The function an inlined instance was inlined into: its parent in the DIE tree (the scopes
 * dwarf_getscopes gives after an inlined instance are its abstract origin's). */
static void caller_of(Dwarf_Die *inlined, struct srcloc *out)
{
    Dwarf_Die *up = NULL;
    int n = dwarf_getscopes_die(inlined, &up);
    for (int i = 1; i < n && !out->caller[0]; i++)
        if (is_function(&up[i]))
            snprintf(out->caller, sizeof(out->caller), "%s", srcloc_dw_name(&up[i]));
    free(up);
}

/* Whether a function's code starts at address 0: where the linker leaves the DWARF of the
 * functions it dropped (--gc-sections). */
static bool starts_at_zero(Dwarf_Die *d)
{
    Dwarf_Addr base, start, end;
    return dwarf_ranges(d, 0, &base, &start, &end) > 0 && start == 0;
}

/* The innermost function around addr, and if it was inlined, the one it was inlined into
 * with the line of the call. False if that function is one the linker dropped. */
static bool functions(Dwarf_Die *cu, Dwarf_Addr addr, bool zero_is_code, struct srcloc *out)
{
    Dwarf_Die *scopes = NULL;
    int n = dwarf_getscopes(cu, addr, &scopes);
    int inner = -1;
    for (int i = 0; i < n && inner < 0; i++)
        if (is_function(&scopes[i]))
            inner = i;
    if (inner >= 0 && !zero_is_code && starts_at_zero(&scopes[inner])) {
        free(scopes);
        return false;
    }
    if (inner >= 0) {
        snprintf(out->function, sizeof(out->function), "%s", srcloc_dw_name(&scopes[inner]));
        if (dwarf_tag(&scopes[inner]) == DW_TAG_inlined_subroutine) {
            unit_file(cu, udata(&scopes[inner], DW_AT_call_file), out->caller_file, sizeof(out->caller_file));
            out->caller_line = udata(&scopes[inner], DW_AT_call_line);
            caller_of(&scopes[inner], out);
        }
    }
    free(scopes);
    return true;
}


static bool from_dwarf(struct srcloc_file *f, Dwarf_Addr addr, struct srcloc *out)
{
    Dwarf_Die cu;
    if (!f->dw || !unit_of(f->dw, addr, &cu))
        return false;
    if (!functions(&cu, addr, srcloc_dw_zero_is_code(f), out)) {
        memset(out, 0, sizeof(*out));
        return false;
    }
    Dwarf_Line *line = dwarf_getsrc_die(&cu, addr);
    int lineno = 0;
    if (line && dwarf_lineno(line, &lineno) == 0) {
        srcloc_dw_path(&cu, dwarf_linesrc(line, NULL, NULL), out->file, sizeof(out->file));
        out->line = lineno > 0 ? (unsigned)lineno : 0;
    }
    return out->function[0] || out->line;
}

/* The function symbol holding addr (or, for symbols without a size, the nearest below). */
bool srcloc_dw_symbol(struct srcloc_file *f, uint32_t addr, struct srcloc *out)
{
    Elf_Scn *scn = NULL;
    uint32_t best = 0;
    bool found = false;
    while ((scn = elf_nextscn(f->elf, scn))) {
        GElf_Shdr sh;
        Elf_Data *d;
        if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !(d = elf_getdata(scn, NULL)))
            continue;
        size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
        for (size_t i = 0; i < n; i++) {
            GElf_Sym s;
            if (!gelf_getsym(d, (int)i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC)
                continue;
            uint32_t start = (uint32_t)s.st_value & ~1u;
            if (addr < start || (s.st_size && addr - start >= s.st_size) || (found && start < best))
                continue;
            const char *name = elf_strptr(f->elf, sh.sh_link, s.st_name);
            snprintf(out->function, sizeof(out->function), "%s", name ? name : "?");
            out->offset = addr - start;
            best = start;
            found = true;
        }
    }
    out->from_symtab = found;
    return found;
}

bool srcloc_dw_zero_is_code(struct srcloc_file *f)
{
    struct srcloc at_zero;
    return srcloc_dw_symbol(f, 0, &at_zero) && at_zero.offset == 0;
}

/* Whether addr is in the file's code. The DWARF of functions the linker dropped
 * (--gc-sections) still describes them, at address 0: only code the file has is looked up. */
bool srcloc_dw_in_code(struct srcloc_file *f, uint32_t addr)
{
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(f->elf, scn))) {
        GElf_Shdr sh;
        if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_PROGBITS && (sh.sh_flags & SHF_EXECINSTR) &&
            addr >= sh.sh_addr && addr - sh.sh_addr < sh.sh_size)
            return true;
    }
    return false;
}

bool srcloc_lookup(struct srcloc_file *f, uint32_t linked, struct srcloc *out)
{
    memset(out, 0, sizeof(*out));
    uint32_t addr = linked & ~1u;
    if (!srcloc_dw_in_code(f, addr))
        return false;
    bool dwarf = from_dwarf(f, addr, out);
    if (!out->function[0])
        return srcloc_dw_symbol(f, addr, out) || dwarf;
    return true;
}

void srcloc_format(const struct srcloc *l, char *buf, size_t n)
{
    int k = 0;
    if (l->function[0] && l->from_symtab && !l->line)
        k = snprintf(buf, n, l->offset ? "%s+0x%x" : "%s", l->function, l->offset);
    else if (l->function[0] && l->line)
        k = snprintf(buf, n, "%s at %s:%u", l->function, l->file, l->line);
    else if (l->line)
        k = snprintf(buf, n, "%s:%u", l->file, l->line);
    else
        k = snprintf(buf, n, "%s", l->function);
    if (l->caller[0] && k >= 0 && (size_t)k < n)
        snprintf(buf + k, n - (size_t)k, " inlined in %s at %s:%u", l->caller, l->caller_file, l->caller_line);
}

/* Section headers of an ELF file (elfsect.h). Hand-written like sim/core/loader.c's reader:
 * a few bounds checks, no library load for every start. */
#include "sim/gdb/elfsect.h"

#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads [off, off+len) of f into out; false if the file is shorter. */
static bool read_at(FILE *f, long off, void *out, size_t len)
{
    return fseek(f, off, SEEK_SET) == 0 && fread(out, 1, len, f) == len;
}

/* The section name table (malloc'd, NUL-terminated), or NULL. */
static char *read_names(FILE *f, const Elf32_Ehdr *eh, size_t *len)
{
    Elf32_Shdr sh;
    if (eh->e_shstrndx == SHN_UNDEF || eh->e_shstrndx >= eh->e_shnum ||
        !read_at(f, (long)(eh->e_shoff + (Elf32_Off)eh->e_shstrndx * sizeof(sh)), &sh, sizeof(sh)) ||
        sh.sh_size > (1u << 20))
        return NULL;
    char *names = calloc(1, sh.sh_size + 1);
    if (names && !read_at(f, (long)sh.sh_offset, names, sh.sh_size)) {
        free(names);
        return NULL;
    }
    *len = sh.sh_size;
    return names;
}

static int collect(FILE *f, const Elf32_Ehdr *eh, const char *names, size_t nlen,
                   struct gdb_elf_section *out, int max)
{
    int n = 0;
    for (unsigned i = 1; i < eh->e_shnum && n < max; i++) {
        Elf32_Shdr sh;
        if (!read_at(f, (long)(eh->e_shoff + i * sizeof(sh)), &sh, sizeof(sh)))
            return -1;
        if (!(sh.sh_flags & SHF_ALLOC) || sh.sh_size == 0 || sh.sh_name >= nlen)
            continue;
        snprintf(out[n].name, sizeof(out[n].name), "%s", names + sh.sh_name);
        out[n].addr = sh.sh_addr;
        out[n].size = sh.sh_size;
        n++;
    }
    return n;
}

int gdb_elf_sections(const char *path, struct gdb_elf_section *out, int max, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    Elf32_Ehdr eh;
    if (!f) {
        snprintf(err, errlen, "cannot open %s", path);
        return -1;
    }
    int n = -1;
    size_t nlen = 0;
    char *names = NULL;
    if (!read_at(f, 0, &eh, sizeof(eh)) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
        eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_shentsize != sizeof(Elf32_Shdr))
        snprintf(err, errlen, "%s is not a 32-bit ELF file", path);
    else if (!(names = read_names(f, &eh, &nlen)))
        snprintf(err, errlen, "%s has no readable section names", path);
    else if ((n = collect(f, &eh, names, nlen, out, max)) < 0)
        snprintf(err, errlen, "%s: section headers cut short", path);
    free(names);
    fclose(f);
    return n;
}

/* add-symbol-file commands for the apps (apps.h). */
#include "sim/gdb/apps.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "sim/dwarf/appelf.h"
#include "sim/gdb/elfsect.h"

#define MAX_SECTIONS 32

/* The app's ELF: one given with --app-elf named after it, else the one next to its TBF
 * (absolute, so the commands work from any folder); false if no TBF path is known for it. */
static bool elf_path(const struct gdb_procs *p, const struct gdb_app *a, int index, char *const *tbfs, int ntbfs,
                     char *out, size_t cap)
{
    if (appelf_given(p->m, a->img.name, out, cap))
        return true;
    const char *tbf = index < ntbfs ? tbfs[index] : NULL;
    for (int i = 0; i < ntbfs; i++) {
        const char *base = strrchr(tbfs[i], '/') ? strrchr(tbfs[i], '/') + 1 : tbfs[i];
        size_t n = strlen(a->img.name);
        if (strncmp(base, a->img.name, n) == 0 && strcmp(base + n, ".tbf") == 0)
            tbf = tbfs[i];
    }
    if (!tbf)
        return false;
    appelf_next_to_tbf(tbf, out, cap);
    return true;
}

/* Where a section of a position-independent app is: flash ones from the binary's start, RAM
 * ones from the process's RAM (0 while unknown: left out). */
static uint32_t pic_address(const struct gdb_app *a, uint32_t linked)
{
    struct appelf place = { .img = a->img, .bin_start = a->bin_start, .fixed = false };
    return appelf_runtime(&place, linked, a->started ? a->ram_start : 0);
}

static void write_pic(const struct gdb_app *a, const char *elf, FILE *out)
{
    struct gdb_elf_section s[MAX_SECTIONS];
    char err[300];
    int n = gdb_elf_sections(elf, s, MAX_SECTIONS, err, sizeof(err));
    if (n < 0) {
        fprintf(out, "# %s: %s\n", a->img.name, err);
        return;
    }
    if (!a->started)
        fprintf(out, "# %s has not started yet: its RAM is unknown, so its data symbols are not placed "
                "(run `monitor apps` again once it runs)\n", a->img.name);
    /* .text first, as the classic positional text address: GDB takes the first section's
     * offset as the code's, and with another one there it loses line tables in CUs that have
     * address ranges ("pc ... in read in CU, but not in symtab"). */
    fprintf(out, "add-symbol-file %s", elf);
    for (int i = 0; i < n; i++)
        if (strcmp(s[i].name, ".text") == 0)
            fprintf(out, " 0x%08x", pic_address(a, s[i].addr));
    for (int i = 0; i < n; i++) {
        uint32_t at = pic_address(a, s[i].addr);
        if (strcmp(s[i].name, ".text") != 0 && (at || s[i].addr >= APPELF_PIC_FLASH_BASE))
            fprintf(out, " -s %s 0x%08x", s[i].name, at);
    }
    fputc('\n', out);
}

void gdb_apps_write(const struct gdb_procs *p, char *const *tbfs, int ntbfs, FILE *out)
{
    if (p->napps == 0)
        fprintf(out, "# no apps in flash\n");
    for (int i = 0; i < p->napps; i++) {
        const struct gdb_app *a = &p->apps[i];
        char elf[PATH_MAX + 8];
        fprintf(out, "# %s: flash 0x%08x-0x%08x, binary at 0x%08x", a->img.name, a->img.flash_start,
                a->img.flash_end, a->bin_start);
        if (a->started)
            fprintf(out, ", RAM at 0x%08x", a->ram_start);
        fprintf(out, "%s\n", a->fixed ? ", linked for these addresses" : "");
        if (!elf_path(p, a, i, tbfs, ntbfs, elf, sizeof(elf)))
            fprintf(out, "# %s: no ELF known (it was not loaded from a .tbf file)\n", a->img.name);
        else if (a->fixed)
            fprintf(out, "add-symbol-file %s\n", elf);
        else
            write_pic(a, elf, out);
    }
}

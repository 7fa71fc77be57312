/* Symbol lookups (symbols.h). An app's ELF is linked where its TBF does not run
 * (cm4 apps: flash at 0x80000000 and RAM at 0, position-independent), so its code symbols are
 * moved by the difference between the run-time entry point (TBF header) and the ELF's entry, and
 * its data symbols by the process's RAM start; rv32 apps are linked where they run and nothing
 * moves. */
#include "sim/core/symbols.h"

#include <stdio.h>
#include <string.h>

#define MAX_GAP 0x10000u        /* farther than this past a sized-0 symbol: not inside it */

static struct sym_table *kernel_tab(struct symbols *s, struct machine *m)
{
    if (!s->kernel.tried && m->kernel_path)
        loader_symtab_read(m->kernel_path, &s->kernel.tab);
    s->kernel.tried = true;
    return &s->kernel;
}

/* The app image i's table: NAME.elf next to NAME.tbf, moved to the run-time entry. */
static struct sym_table *app_tab(struct symbols *s, struct machine *m, int i, uint32_t entry)
{
    struct sym_table *t = &s->apps[i];
    if (t->tried)
        return t;
    t->tried = true;
    char path[1024];
    const char *tbf = m->images[i].path;
    size_t len = strlen(tbf);
    if (len > 4 && !strcmp(tbf + len - 4, ".tbf"))
        len -= 4;
    snprintf(path, sizeof(path), "%.*s.elf", (int)len, tbf);
    if (loader_symtab_read(path, &t->tab))
        t->bias = (int64_t)entry - (int64_t)t->tab.entry;
    return t;
}

static const char *lookup(const struct sym_table *t, int64_t bias, uint32_t pc, uint32_t *off)
{
    uint32_t at = (uint32_t)((int64_t)pc - bias);
    const struct loader_sym *sym = loader_symtab_nearest(&t->tab, at, MAX_GAP);
    if (!sym)
        return NULL;
    *off = at - sym->addr;
    return sym->name;
}

const char *symbols_lookup(struct symbols *s, struct machine *m, uint32_t pc, const struct proc_layout *l,
                           uint32_t app_entry, uint32_t *off)
{
    bool in_flash = pc >= l->flash_start && pc - l->flash_start < l->flash_size;
    bool in_ram = pc >= l->ram_start && pc - l->ram_start < l->ram_size;
    *off = 0;
    for (int i = 0; (in_flash || in_ram) && i < m->nimages && i < SYMBOLS_APPS; i++)
        if (m->images[i].base == l->flash_start && app_entry) {
            const struct sym_table *t = app_tab(s, m, i, app_entry);
            return lookup(t, in_flash ? t->bias : t->bias ? (int64_t)l->ram_start : 0, pc, off);
        }
    return lookup(kernel_tab(s, m), 0, pc, off);
}

bool symbols_describe(struct symbols *s, struct machine *m, uint32_t pc, const struct proc_layout *l,
                      uint32_t app_entry, char *buf, size_t n)
{
    uint32_t off;
    const char *name = symbols_lookup(s, m, pc, l, app_entry, &off);
    if (n)
        buf[0] = '\0';
    if (!name)
        return false;
    if (off)
        snprintf(buf, n, "%s+0x%x", name, off);
    else
        snprintf(buf, n, "%s", name);
    return true;
}

bool symbols_kernel_values(struct machine *m, const char *const names[], uint32_t values[], int n)
{
    return m->kernel_path && loader_elf_symbols(m->kernel_path, names, values, n) == n;
}

void symbols_free(struct symbols *s)
{
    loader_symtab_free(&s->kernel.tab);
    for (int i = 0; i < SYMBOLS_APPS; i++)
        loader_symtab_free(&s->apps[i].tab);
    memset(s, 0, sizeof(*s));
}

/* Symbol lookups for the window (symbols.h). An app's ELF is linked where its TBF does not run
 * (cm4 apps at 0x80000000, position-independent), so its symbols are moved by the difference
 * between the run-time entry point (TBF header) and the ELF's entry; rv32 apps are linked where
 * they run and the difference is 0. */
#include "sim/ui/symbols.h"

#include <stdio.h>
#include <string.h>

#define MAX_GAP 0x10000u        /* farther than this past a sized-0 symbol: not inside it */

static struct ui_symtab *kernel_tab(struct ui_symbols *s, struct machine *m)
{
    if (!s->kernel.tried && m->kernel_path)
        loader_symtab_read(m->kernel_path, &s->kernel.tab);
    s->kernel.tried = true;
    return &s->kernel;
}

/* The app image i's table: NAME.elf next to NAME.tbf, moved to the run-time entry. */
static struct ui_symtab *app_tab(struct ui_symbols *s, struct machine *m, int i, uint32_t entry)
{
    struct ui_symtab *t = &s->apps[i];
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

static bool describe(const struct ui_symtab *t, uint32_t pc, char *buf, size_t n)
{
    const struct loader_sym *sym = loader_symtab_nearest(&t->tab, (uint32_t)((int64_t)pc - t->bias), MAX_GAP);
    if (!sym)
        return false;
    uint32_t off = (uint32_t)((int64_t)pc - t->bias) - sym->addr;
    if (off)
        snprintf(buf, n, "%s+0x%x", sym->name, off);
    else
        snprintf(buf, n, "%s", sym->name);
    return true;
}

bool ui_symbols_describe(struct ui_symbols *s, struct machine *m, uint32_t pc, uint32_t app_base,
                         uint32_t app_entry, char *buf, size_t n)
{
    if (n)
        buf[0] = '\0';
    for (int i = 0; i < m->nimages && i < UI_SYMBOLS_APPS; i++)
        if (m->images[i].base == app_base && app_entry)
            return describe(app_tab(s, m, i, app_entry), pc, buf, n);
    return describe(kernel_tab(s, m), pc, buf, n);
}

bool ui_symbols_kernel_values(struct machine *m, const char *const names[], uint32_t values[], int n)
{
    return m->kernel_path && loader_elf_symbols(m->kernel_path, names, values, n) == n;
}

void ui_symbols_free(struct ui_symbols *s)
{
    loader_symtab_free(&s->kernel.tab);
    for (int i = 0; i < UI_SYMBOLS_APPS; i++)
        loader_symtab_free(&s->apps[i].tab);
    memset(s, 0, sizeof(*s));
}

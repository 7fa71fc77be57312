/* Run-time addresses to source locations (srcsyms.h). */
#include "sim/dwarf/srcsyms.h"

#include <stdio.h>
#include <string.h>

void srcsyms_init(struct srcsyms *s, struct machine *m)
{
    memset(s, 0, sizeof(*s));
    s->m = m;
}

void srcsyms_free(struct srcsyms *s)
{
    srcloc_close(s->kernel.file);
    for (int i = 0; i < STRACE_MAX_APPS; i++)
        srcloc_close(s->app_elf[i].file);
    memset(s, 0, sizeof(*s));
}

/* Opens e->path once; a problem becomes e's note. */
static struct srcloc_file *open_once(struct srcsyms_elf *e)
{
    if (e->tried)
        return e->file;
    e->tried = true;
    char err[PATH_MAX + 64];
    e->file = srcloc_open(e->path, err, sizeof(err));
    if (!e->file)
        snprintf(e->note, sizeof(e->note), "tocksim: no source locations from %s", err);
    else if (!srcloc_has_dwarf(e->file))
        snprintf(e->note, sizeof(e->note), "tocksim: %s has no DWARF: functions from its symbol table only", e->path);
    return e->file;
}

static void scan(struct srcsyms *s)
{
    if (s->scanned)
        return;
    s->scanned = true;
    s->napps = appelf_scan(s->m, s->apps, STRACE_MAX_APPS);
    for (int i = 0; i < s->napps; i++)
        if (!appelf_path(s->m, &s->apps[i], s->app_elf[i].path, sizeof(s->app_elf[i].path))) {
            s->app_elf[i].tried = true;
            snprintf(s->app_elf[i].note, sizeof(s->app_elf[i].note),
                     "tocksim: no ELF known for app %s (it was not loaded from a .tbf file): give --app-elf",
                     s->apps[i].img.name);
        }
    if (s->m->kernel_path)
        snprintf(s->kernel.path, sizeof(s->kernel.path), "%s", s->m->kernel_path);
    else
        s->kernel.tried = true;
}

static int app_at(struct srcsyms *s, uint32_t addr)
{
    for (int i = 0; i < s->napps; i++)
        if (addr >= s->apps[i].img.flash_start && addr < s->apps[i].img.flash_end)
            return i;
    return -1;
}

bool srcsyms_lookup(struct srcsyms *s, uint32_t addr, struct srcloc *out, const char **elf_path)
{
    scan(s);
    int app = app_at(s, addr);
    struct srcsyms_elf *e = app >= 0 ? &s->app_elf[app] : &s->kernel;
    struct srcloc_file *f = open_once(e);
    uint32_t linked = app >= 0 ? appelf_linked_code(&s->apps[app], addr) : addr;
    *elf_path = e->path;
    return f && srcloc_lookup(f, linked, out);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

bool srcsyms_describe(struct srcsyms *s, uint32_t addr, bool return_address, char *buf, size_t n)
{
    uint32_t at = return_address ? (addr & ~1u) - 1 : addr;
    struct srcloc l;
    const char *elf;
    if (srcsyms_lookup(s, at, &l, &elf)) {
        char where[512];
        srcloc_format(&l, where, sizeof(where));
        snprintf(buf, n, "%s (%s)", where, base_name(elf));
        return true;
    }
    int app = app_at(s, at);
    if (app >= 0)
        snprintf(buf, n, "+0x%x in app %s (no symbols)", at - s->apps[app].img.flash_start, s->apps[app].img.name);
    else
        snprintf(buf, n, "not in the kernel's or an app's code");
    return false;
}

bool srcsyms_take_note(struct srcsyms *s, char *buf, size_t n)
{
    struct srcsyms_elf *all[STRACE_MAX_APPS + 1] = { &s->kernel };
    for (int i = 0; i < s->napps; i++)
        all[i + 1] = &s->app_elf[i];
    for (int i = 0; i <= s->napps; i++)
        if (all[i]->note[0]) {
            snprintf(buf, n, "%s", all[i]->note);
            all[i]->note[0] = 0;
            return true;
        }
    return false;
}

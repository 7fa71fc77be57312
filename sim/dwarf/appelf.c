/* Apps' places and ELF files (appelf.h). */
#include "sim/dwarf/appelf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tbf/tbfimg.h"

void appelf_read_header(struct machine *m, uint32_t flash_start, uint32_t *bin_start, bool *fixed)
{
    uint8_t h[512];
    struct tbfimg_info info;
    char err[128];
    size_t n = bus_debug_read(&m->bus, flash_start, h, sizeof(h));
    *bin_start = flash_start;
    *fixed = false;
    if (n >= 16 && tbfimg_parse(h, n, &info, err, sizeof(err)) == 0) {
        *bin_start += info.header_size + info.protected_size;
        *fixed = info.has_fixed && info.fixed_flash != TBFIMG_NO_FIXED_ADDRESS;
    }
}

int appelf_scan(struct machine *m, struct appelf *out, int max)
{
    struct strace_app imgs[STRACE_MAX_APPS];
    int n = strace_scan_apps(m, imgs, max < STRACE_MAX_APPS ? max : STRACE_MAX_APPS);
    for (int i = 0; i < n; i++) {
        out[i].img = imgs[i];
        appelf_read_header(m, imgs[i].flash_start, &out[i].bin_start, &out[i].fixed);
    }
    return n;
}

uint32_t appelf_runtime(const struct appelf *a, uint32_t linked, uint32_t ram_start)
{
    if (a->fixed)
        return linked;
    if (linked >= APPELF_PIC_FLASH_BASE)
        return a->bin_start + (linked - APPELF_PIC_FLASH_BASE);
    return ram_start ? ram_start + linked : 0;
}

uint32_t appelf_linked_code(const struct appelf *a, uint32_t pc)
{
    return a->fixed ? pc : pc - a->bin_start + APPELF_PIC_FLASH_BASE;
}

void appelf_next_to_tbf(const char *tbf, char *out, size_t cap)
{
    char abs[PATH_MAX];
    const char *p = realpath(tbf, abs) ? abs : tbf;
    size_t n = strlen(p);
    n = n > 4 && strcmp(p + n - 4, ".tbf") == 0 ? n - 4 : n;
    snprintf(out, cap, "%.*s.elf", (int)n, p);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

bool appelf_given(const struct machine *m, const char *name, char *out, size_t cap)
{
    size_t len = strlen(name);
    for (int i = 0; i < m->napp_elfs; i++) {
        const char *b = base_name(m->app_elfs[i]);
        if (strncmp(b, name, len) == 0 && strcmp(b + len, ".elf") == 0) {
            snprintf(out, cap, "%s", m->app_elfs[i]);
            return true;
        }
    }
    return false;
}

bool appelf_path(const struct machine *m, const struct appelf *a, char *out, size_t cap)
{
    if (appelf_given(m, a->img.name, out, cap))
        return true;
    for (int i = 0; i < m->nimages; i++)
        if (m->images[i].base == a->img.flash_start) {
            appelf_next_to_tbf(m->images[i].path, out, cap);
            return true;
        }
    return false;
}

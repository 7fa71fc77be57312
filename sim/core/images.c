/* The images a machine runs: the kernel ELF and the apps' TBFs, loaded and remembered by path,
 * so that later readers (the window's fault view) find each app's ELF next to its TBF and the
 * symbol before a faulting instruction. */
#include "sim/core/machine.h"

#include <stdlib.h>
#include <string.h>

#include "boards-virtual/sim_boards.h"
#include "sim/core/loader.h"

/* Remembers path as an image placed at base; false only when memory runs out. */
static bool note_image(struct machine *m, const char *path, uint32_t base)
{
    struct machine_image *grown = realloc(m->images, (size_t)(m->nimages + 1) * sizeof(*grown));
    if (!grown)
        return false;
    m->images = grown;
    m->images[m->nimages] = (struct machine_image){ strdup(path), base };
    return m->images[m->nimages++].path != NULL;
}

/* The kernel's driver table, if its ELF names one (--strace reads driver names from it). */
static void find_driver_table(struct machine *m, const char *kernel)
{
    static const char *const table[] = { "board_drivers", "board_num_drivers" };
    uint32_t at[2] = { 0, 0 };
    if (loader_elf_symbols(kernel, table, at, 2) == 2) {
        m->kernel_drivers = at[0];
        m->kernel_num_drivers = at[1];
    }
}

bool machine_load_images(struct machine *m, const char *kernel, char *const *apps, int napps,
                         char *err, size_t errlen)
{
    if (!loader_load_elf(&m->bus, kernel, m->cpu.ops->elf_machine, NULL, err, errlen))
        return false;
    free(m->kernel_path);
    m->kernel_path = strdup(kernel);
    find_driver_table(m, kernel);
    struct loader_apps where = { .cursor = m->layout.apps_base,
                                 .region_end = m->layout.apps_base + m->layout.apps_size,
                                 .tab_archs = m->desc ? m->desc->tab_archs : NULL };
    for (int i = 0; i < napps; i++) {
        if (!loader_load_app(&m->bus, apps[i], &where, err, errlen))
            return false;
        if (!note_image(m, apps[i], where.placed)) {
            snprintf(err, errlen, "%s: out of memory", apps[i]);
            return false;
        }
    }
    return true;
}

bool machine_add_app_elf(struct machine *m, const char *path)
{
    char **grown = realloc(m->app_elfs, (size_t)(m->napp_elfs + 1) * sizeof(*grown));
    if (!grown)
        return false;
    m->app_elfs = grown;
    m->app_elfs[m->napp_elfs] = strdup(path);
    return m->app_elfs[m->napp_elfs++] != NULL;
}

/* Where the harness's images come from by default: the build tree. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boards-virtual/sim_boards.h"
#include "sim/fuzz/fuzz.h"

/* *path = given if set, else the build's copy (made by make), which must exist. */
static bool pick(const char **path, char *buf, size_t len, const char *built, const char *what,
                 char *err, size_t errlen)
{
    if (!*path) {
        snprintf(buf, len, "%s", built);
        *path = buf;
    }
    if (access(*path, R_OK) != 0) {
        snprintf(err, errlen, "%s: cannot read the %s (run make?)", *path, what);
        return false;
    }
    return true;
}

bool fuzz_config_fill(struct fuzz_config *cfg, const char *build_dir, struct fuzz_paths *st,
                      char *err, size_t errlen)
{
    const struct board_desc *d = board_find(cfg->board);
    if (!d) {
        snprintf(err, errlen, "unknown board '%s' (boards: %s)", cfg->board, board_names());
        return false;
    }
    char kernel[512];
    char *drv = board_app_path(d, build_dir, "fuzz-driver", 0);
    char *vic = board_app_path(d, build_dir, "fuzz-victim", 1);
    snprintf(kernel, sizeof(kernel), "%s/kernel/%s/kernel.elf", build_dir, d->name);
    bool ok = drv && vic &&
              pick(&cfg->kernel, st->kernel, sizeof(st->kernel), kernel, "kernel", err, errlen) &&
              pick(&cfg->driver, st->driver, sizeof(st->driver), drv, "fuzz-driver app", err,
                   errlen) &&
              pick(&cfg->victim, st->victim, sizeof(st->victim), vic, "fuzz-victim app", err,
                   errlen);
    free(drv);
    free(vic);
    return ok;
}

/* The window, loaded on first use: the SDL2 and PNG part of the UI lives in libtocksim-ui.so
 * beside the tocksim executable, so a headless run (tests, CI, scenarios) never loads SDL2,
 * SDL2_ttf, libpng and the sixty libraries they pull in (that tripled tocksim's start-up). This
 * file gives the executable the sim/ui/window/window.h functions; each forwards to the library, opened
 * with dlopen. Test programs (check_runner, ui_demo) link the UI objects directly instead. */
#include <dlfcn.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sim/ui/window/window.h"
#include "sim/ui/window/api.h"

/* No globals in sim/ otherwise; this one caches a process-wide fact (is the library there?). */
static const struct ui_api *loaded;
static char load_error[PATH_MAX + 200];

static const struct ui_api *ui_library(void)
{
    if (loaded || load_error[0])
        return loaded;
    char exe[PATH_MAX], path[PATH_MAX + 32];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    exe[n > 0 ? n : 0] = '\0';
    snprintf(path, sizeof(path), "%s/libtocksim-ui.so", n > 0 ? dirname(exe) : ".");
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    const struct ui_api *api = lib ? dlsym(lib, "tocksim_ui_api") : NULL;
    if (!api || api->version != UI_API_VERSION)
        snprintf(load_error, sizeof(load_error), "the window is not available: %s",
                 lib ? "libtocksim-ui.so is from another build" : dlerror());
    loaded = api && api->version == UI_API_VERSION ? api : NULL;
    return loaded;
}

bool ui_available(void)
{
    return ui_library() && loaded->available();
}

bool ui_attach(struct machine *m)
{
    return ui_library() ? loaded->attach(m) : true;     /* nothing to record without a view */
}

void ui_detach(struct machine *m)
{
    if (ui_library())
        loaded->detach(m);
}

int ui_run(struct machine *m, const struct ui_options *o)
{
    if (!ui_library()) {
        fprintf(stderr, "tocksim: %s\n", load_error);
        return UI_EXIT_ERROR;
    }
    return loaded->run(m, o);
}

bool ui_screenshot_sized(struct machine *m, const char *png_path, int width, int height, float scale,
                         char *err, size_t errlen)
{
    if (!ui_library()) {
        snprintf(err, errlen, "%s", load_error);
        return false;
    }
    return loaded->screenshot_sized(m, png_path, width, height, scale, err, errlen);
}

bool ui_screenshot_with(struct machine *m, const char *png_path, const struct ui_shot *o, char *err, size_t errlen)
{
    if (!ui_library()) {
        snprintf(err, errlen, "%s", load_error);
        return false;
    }
    return loaded->screenshot_with(m, png_path, o, err, errlen);
}

bool ui_net_screenshot(struct ui_net *net, uint64_t now_ns, const char *png_path, const struct ui_shot *o,
                       char *err, size_t errlen)
{
    if (!ui_library()) {
        snprintf(err, errlen, "%s", load_error);
        return false;
    }
    return loaded->net_screenshot(net, now_ns, png_path, o, err, errlen);
}

struct ui_live *ui_live_open(struct ui_net *net, const struct ui_live_options *o, char *err, size_t errlen)
{
    if (!ui_library()) {
        snprintf(err, errlen, "%s", load_error);
        return NULL;
    }
    return loaded->live_open(net, o, err, errlen);
}

/* A window exists only if the library opened it. */
bool ui_live_sync(struct ui_live *lv, uint64_t now_ns, const char *status)
{
    return loaded->live_sync(lv, now_ns, status);
}

void ui_live_idle(struct ui_live *lv, const char *status)
{
    loaded->live_idle(lv, status);
}

void ui_live_close(struct ui_live *lv)
{
    if (lv)
        loaded->live_close(lv);
}

bool ui_screenshot(struct machine *m, const char *png_path, char *err, size_t errlen)
{
    return ui_screenshot_sized(m, png_path, 0, 0, 0, err, errlen);
}

bool ui_screenshot_compare(const char *png, const char *ref, double tolerance, int channel_tolerance,
                           char *msg, size_t n)
{
    if (!ui_library()) {
        snprintf(msg, n, "%s", load_error);
        return false;
    }
    return loaded->compare(png, ref, tolerance, channel_tolerance, msg, n);
}

/* Glue from the command line and the scenarios to the window (see window.h): sim/ui/ does the
 * work; whether SDL2 can be loaded is decided at run time by sim/ui/loader.c. */
#include "sim/ui/glue.h"

#include <stdio.h>

#include "sim/ui/window.h"
#include "sim/ui/png.h"

bool ui_glue_available(void) { return ui_available(); }

int ui_glue_run(struct machine *m, double speed, uint64_t until_ns)
{
    struct ui_options o = { .speed = speed, .until_ns = until_ns };
    return ui_run(m, &o);
}

bool ui_glue_attach(struct machine *m) { return ui_attach(m); }

void ui_glue_detach(struct machine *m) { ui_detach(m); }

static bool compare(const char *png, const char *ref, double tolerance, char *msg, size_t n)
{
    struct ui_image a = { 0 }, b = { 0 };
    size_t bad = 0;
    bool ok = ui_png_read(png, &a, msg, n) && ui_png_read(ref, &b, msg, n);
    if (ok && !ui_png_compare(&a, &b, UI_GLUE_CHANNEL_TOLERANCE, &bad)) {
        snprintf(msg, n, "%s is %dx%d, reference %s is %dx%d", png, a.w, a.h, ref, b.w, b.h);
        ok = false;
    } else if (ok) {
        double frac = a.w && a.h ? (double)bad / ((double)a.w * a.h) : 0;
        ok = frac <= tolerance;
        snprintf(msg, n, "%.3f%% of the pixels differ from %s (tolerance %.3f%%)", frac * 100, ref, tolerance * 100);
    }
    ui_image_free(&a);
    ui_image_free(&b);
    return ok;
}

bool ui_glue_screenshot(struct machine *m, const char *png, const char *ref, double tolerance, char *msg, size_t n)
{
    if (!ui_screenshot(m, png, msg, n))
        return false;
    return !ref || compare(png, ref, tolerance, msg, n);
}

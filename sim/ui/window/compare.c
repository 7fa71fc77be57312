/* A screenshot compared with a reference picture (the scenario verb `screenshot` with
 * `compare`). Lives in the window library with the PNG codec, so a headless run that takes no
 * screenshot never loads libpng (sim/ui/loader.c). */
#include "sim/ui/window/window.h"

#include <stdio.h>

#include "sim/ui/window/png.h"

bool ui_screenshot_compare(const char *png, const char *ref, double tolerance, int channel_tolerance,
                           char *msg, size_t n)
{
    struct ui_image a = { 0 }, b = { 0 };
    size_t bad = 0;
    bool ok = ui_png_read(png, &a, msg, n) && ui_png_read(ref, &b, msg, n);
    if (ok && !ui_png_compare(&a, &b, channel_tolerance, &bad)) {
        snprintf(msg, n, "%s is %dx%d, reference %s is %dx%d", png, a.w, a.h, ref, b.w, b.h);
        ok = false;
    } else if (ok) {
        double frac = a.w && a.h ? (double)bad / ((double)a.w * a.h) : 0;
        ok = frac <= tolerance;
        snprintf(msg, n, "%.3f%% of the pixels differ from %s (tolerance %.3f%%)", frac * 100, ref,
                 tolerance * 100);
    }
    ui_image_free(&a);
    ui_image_free(&b);
    return ok;
}

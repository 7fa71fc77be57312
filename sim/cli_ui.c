/* Glue to the window (see cli_ui.h). The window (sim/ui.c, another module) may be absent from a
 * build; then these report "not built" instead of failing to link. mk/scenarios.mk rebuilds
 * this file when sim/ui.c appears. */
#include "cli_ui.h"

#include <stdio.h>

#if __has_include("ui.c") && __has_include("ui.h") && __has_include("ui_png.h")
#include "ui.h"
#include "ui_png.h"

bool cli_ui_built(void) { return true; }

bool cli_ui_available(void) { return ui_available(); }

int cli_ui_run(struct machine *m, double speed, uint64_t until_ns)
{
    struct ui_options o = { .speed = speed, .until_ns = until_ns };
    return ui_run(m, &o);
}

bool cli_ui_attach(struct machine *m) { return ui_attach(m); }

void cli_ui_detach(struct machine *m) { ui_detach(m); }

static bool compare(const char *png, const char *ref, double tolerance, char *msg, size_t n)
{
    struct ui_image a = { 0 }, b = { 0 };
    size_t bad = 0;
    bool ok = ui_png_read(png, &a, msg, n) && ui_png_read(ref, &b, msg, n);
    if (ok && !ui_png_compare(&a, &b, CLI_UI_CHANNEL_TOLERANCE, &bad)) {
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

bool cli_ui_screenshot(struct machine *m, const char *png, const char *ref, double tolerance, char *msg, size_t n)
{
    if (!ui_screenshot(m, png, msg, n))
        return false;
    return !ref || compare(png, ref, tolerance, msg, n);
}

#else

bool cli_ui_built(void) { return false; }

bool cli_ui_available(void) { return false; }

int cli_ui_run(struct machine *m, double speed, uint64_t until_ns)
{
    (void)m, (void)speed, (void)until_ns;
    return 125;
}

bool cli_ui_attach(struct machine *m)
{
    (void)m;
    return true;
}

void cli_ui_detach(struct machine *m) { (void)m; }

bool cli_ui_screenshot(struct machine *m, const char *png, const char *ref, double tolerance, char *msg, size_t n)
{
    (void)m, (void)png, (void)ref, (void)tolerance;
    snprintf(msg, n, "screenshots are not available: this tocksim has no window");
    return false;
}

#endif

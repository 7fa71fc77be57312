/* Glue from the command line and the scenarios to the window (see window.h): sim/ui/ does the
 * work; whether SDL2 can be loaded is decided at run time by sim/ui/loader.c. */
#include "sim/ui/glue.h"

#include <stdio.h>

#include "sim/ui/window.h"

bool ui_glue_available(void) { return ui_available(); }

int ui_glue_run(struct machine *m, double speed, uint64_t until_ns)
{
    struct ui_options o = { .speed = speed, .until_ns = until_ns };
    return ui_run(m, &o);
}

bool ui_glue_attach(struct machine *m) { return ui_attach(m); }

void ui_glue_detach(struct machine *m) { ui_detach(m); }

bool ui_glue_screenshot(struct machine *m, const char *png, const struct ui_shot *shot, const char *ref,
                        double tolerance, char *msg, size_t n)
{
    static const struct ui_shot defaults;
    if (!ui_screenshot_with(m, png, shot ? shot : &defaults, msg, n))
        return false;
    return !ref || ui_screenshot_compare(png, ref, tolerance, UI_GLUE_CHANNEL_TOLERANCE, msg, n);
}

/* An SDL window with a renderer and fonts at the screen's scale: what the board window
 * (window.c) and a scenario's live network window (live.c) both open. */
#ifndef SIM_UI_WINSYS_H
#define SIM_UI_WINSYS_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "sim/ui/draw/text.h"

struct window {
    SDL_Window *win;
    SDL_Renderer *r;
    struct ui_text text;
    float content_scale;            /* user/DPI scale (TOCKSIM_UI_SCALE) */
    float pixel_ratio;              /* renderer pixels per window coordinate (HiDPI) */
    int w, h;                       /* renderer output size */
};

/* Opens a resizable window titled `title`, width x height logical pixels (0: 1100 x 720) at the
 * content scale, within the screen. False with err set (no display, SDL failure, no fonts). */
bool ui_win_open(struct window *w, const char *title, int width, int height, char *err, size_t n);
/* Re-reads the output size; rebuilds the fonts when the scale changed (moved to a HiDPI
 * screen). False with err set if the fonts cannot be built. */
bool ui_win_sync(struct window *w, char *err, size_t n);
void ui_win_close(struct window *w);
/* The physical pixels per logical pixel the layout uses. */
float ui_win_scale(const struct window *w);
/* Wall-clock seconds (monotonic). */
double ui_win_wall_now(void);

#endif

/* The SDL window, its renderer and fonts at the screen's scale (see winsys.h). */
#include "sim/ui/window/winsys.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_W 1100
#define DEFAULT_H 720

double ui_win_wall_now(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

static float env_scale(void)
{
    const char *s = getenv("TOCKSIM_UI_SCALE");
    float f = s ? strtof(s, NULL) : 1.0f;
    return f >= 0.5f && f <= 4.0f ? f : 1.0f;
}

/* The window's content scale: $TOCKSIM_UI_SCALE, else on X11 (which reports HiDPI screens only
 * through their DPI, not through a larger drawable) the display's DPI / 96 in quarter steps.
 * Wayland and macOS report HiDPI through the renderer's output size instead (pixel_ratio). */
static float window_scale(void)
{
    float ddpi = 0;
    if (getenv("TOCKSIM_UI_SCALE"))
        return env_scale();
    const char *drv = SDL_GetCurrentVideoDriver();
    if (!drv || strcmp(drv, "x11") != 0 || SDL_GetDisplayDPI(0, &ddpi, NULL, NULL) != 0 || ddpi < 120)
        return 1.0f;
    float f = roundf(ddpi / 96.0f * 4.0f) / 4.0f;
    return f > 3.0f ? 3.0f : f;
}

/* The initial window size: the requested logical size at the scale, within the screen. */
static void window_size(int width, int height, float scale, int *w, int *h)
{
    SDL_Rect usable;
    *w = (int)((width > 0 ? width : DEFAULT_W) * scale);
    *h = (int)((height > 0 ? height : DEFAULT_H) * scale);
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
        *w = *w > usable.w * 95 / 100 ? usable.w * 95 / 100 : *w;
        *h = *h > usable.h * 95 / 100 ? usable.h * 95 / 100 : *h;
    }
}

bool ui_win_sync(struct window *w, char *err, size_t errlen)
{
    int ww, wh;
    SDL_GetWindowSize(w->win, &ww, &wh);
    SDL_GetRendererOutputSize(w->r, &w->w, &w->h);
    float ratio = ww > 0 ? (float)w->w / (float)ww : 1.0f;
    if (w->text.renderer && fabsf(ratio - w->pixel_ratio) < 0.01f)
        return true;
    w->pixel_ratio = ratio;
    ui_text_close(&w->text);
    return ui_text_open(&w->text, w->r, w->content_scale * ratio, err, errlen);
}

void ui_win_close(struct window *w)
{
    ui_text_close(&w->text);
    if (w->r)
        SDL_DestroyRenderer(w->r);
    if (w->win)
        SDL_DestroyWindow(w->win);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
}

bool ui_win_open(struct window *w, const char *title, int width, int height, char *err, size_t n)
{
    memset(w, 0, sizeof(*w));
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        snprintf(err, n, "cannot open a window: %s (no display? use --screenshot headless)", SDL_GetError());
        return false;
    }
    w->content_scale = window_scale();
    int cw, ch;
    window_size(width, height, w->content_scale, &cw, &ch);
    w->win = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              cw, ch, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (w->win)
        w->r = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_ACCELERATED);
    if (w->win && !w->r)
        w->r = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_SOFTWARE);
    if (!w->r) {
        snprintf(err, n, "cannot open a window: %s", SDL_GetError());
        ui_win_close(w);
        return false;
    }
    int min_w = (int)(800 * w->content_scale), min_h = (int)(560 * w->content_scale);
    SDL_SetWindowMinimumSize(w->win, min_w < cw ? min_w : cw, min_h < ch ? min_h : ch);
    if (!ui_win_sync(w, err, n)) {
        ui_win_close(w);
        return false;
    }
    return true;
}


float ui_win_scale(const struct window *w)
{
    return w->content_scale * w->pixel_ratio;
}

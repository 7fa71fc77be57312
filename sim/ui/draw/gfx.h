/* Drawing primitives for the window: rectangles, rounded rectangles, discs and glows. */
#ifndef SIM_UI_GFX_H
#define SIM_UI_GFX_H

#include <SDL.h>

#include "sim/ui/layout.h"

void ui_gfx_fill(SDL_Renderer *r, struct ui_rect rc, SDL_Color c);
/* A filled disc with a one-pixel soft edge. */
void ui_gfx_disc(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c);
/* A radial glow: colour c at the centre fading to transparent at radius. */
void ui_gfx_glow(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c);
/* A filled rectangle with rounded corners. */
void ui_gfx_round(SDL_Renderer *r, struct ui_rect rc, int radius, SDL_Color c);
/* A rounded rectangle with a border of the given thickness. */
void ui_gfx_frame(SDL_Renderer *r, struct ui_rect rc, int radius, int thickness, SDL_Color fill,
                  SDL_Color border);
/* A rectangle's border only, thickness pixels wide, inside rc. */
void ui_gfx_outline(SDL_Renderer *r, struct ui_rect rc, int thickness, SDL_Color c);
/* Diagonal stripes in c across rc, every step pixels (memory the process may not use). */
void ui_gfx_hatch(SDL_Renderer *r, struct ui_rect rc, int step, SDL_Color c);
/* A filled triangle. */
void ui_gfx_triangle(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, SDL_FPoint c, SDL_Color col);

/* A circle's outline, thickness pixels wide, smooth enough for a radius of hundreds of pixels. */
void ui_gfx_circle(SDL_Renderer *r, float cx, float cy, float radius, float thickness, SDL_Color c);
/* A straight line width pixels wide. */
void ui_gfx_line(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, float width, SDL_Color c);

#endif

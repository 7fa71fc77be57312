/* Drawing primitives on an SDL_Renderer. Curves are triangle fans drawn with
 * SDL_RenderGeometry (SDL >= 2.0.18), with an outer ring fading to transparent as a cheap
 * anti-aliasing that works the same on the GPU and on the software renderer of screenshots. */
#include "sim/ui/draw/gfx.h"

#include <math.h>

#define SEGMENTS 48
#define MAX_SEGMENTS 160

void ui_gfx_fill(SDL_Renderer *r, struct ui_rect rc, SDL_Color c)
{
    SDL_Rect s = { rc.x, rc.y, rc.w, rc.h };
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &s);
}

static SDL_Vertex vertex(float x, float y, SDL_Color c)
{
    return (SDL_Vertex){ { x, y }, c, { 0, 0 } };
}

/* A ring between radii r0 and r1 of `segments` pieces (at most MAX_SEGMENTS), colour c0 inside
 * and c1 outside (r0 = 0: a fan). */
static void ring_of(SDL_Renderer *r, float cx, float cy, float r0, float r1, SDL_Color c0, SDL_Color c1,
                    int segments)
{
    SDL_Vertex v[MAX_SEGMENTS * 6];
    int n = 0;
    for (int i = 0; i < segments; i++) {
        float a0 = (float)(2 * M_PI * i / segments), a1 = (float)(2 * M_PI * (i + 1) / segments);
        SDL_Vertex i0 = vertex(cx + r0 * cosf(a0), cy + r0 * sinf(a0), c0);
        SDL_Vertex i1 = vertex(cx + r0 * cosf(a1), cy + r0 * sinf(a1), c0);
        SDL_Vertex o0 = vertex(cx + r1 * cosf(a0), cy + r1 * sinf(a0), c1);
        SDL_Vertex o1 = vertex(cx + r1 * cosf(a1), cy + r1 * sinf(a1), c1);
        v[n++] = i0, v[n++] = o0, v[n++] = o1;
        if (r0 > 0)
            v[n++] = i0, v[n++] = o1, v[n++] = i1;
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(r, NULL, v, n, NULL, 0);
}

static void ring(SDL_Renderer *r, float cx, float cy, float r0, float r1, SDL_Color c0, SDL_Color c1)
{
    ring_of(r, cx, cy, r0, r1, c0, c1, SEGMENTS);
}

void ui_gfx_disc(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c)
{
    SDL_Color clear = { c.r, c.g, c.b, 0 };
    ring(r, cx, cy, 0, radius - 0.5f, c, c);
    ring(r, cx, cy, radius - 0.5f, radius + 0.75f, c, clear);
}

void ui_gfx_glow(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c)
{
    SDL_Color clear = { c.r, c.g, c.b, 0 };
    ring(r, cx, cy, 0, radius, c, clear);
}

void ui_gfx_round(SDL_Renderer *r, struct ui_rect rc, int radius, SDL_Color c)
{
    if (radius * 2 > rc.w)
        radius = rc.w / 2;
    if (radius * 2 > rc.h)
        radius = rc.h / 2;
    if (radius <= 0) {
        ui_gfx_fill(r, rc, c);
        return;
    }
    ui_gfx_fill(r, (struct ui_rect){ rc.x + radius, rc.y, rc.w - 2 * radius, rc.h }, c);
    ui_gfx_fill(r, (struct ui_rect){ rc.x, rc.y + radius, radius, rc.h - 2 * radius }, c);
    ui_gfx_fill(r, (struct ui_rect){ rc.x + rc.w - radius, rc.y + radius, radius, rc.h - 2 * radius }, c);
    float rad = (float)radius, x0 = rc.x + rad, y0 = rc.y + rad;
    float x1 = rc.x + rc.w - rad, y1 = rc.y + rc.h - rad;
    ui_gfx_disc(r, x0, y0, rad, c);
    ui_gfx_disc(r, x1, y0, rad, c);
    ui_gfx_disc(r, x0, y1, rad, c);
    ui_gfx_disc(r, x1, y1, rad, c);
}

void ui_gfx_frame(SDL_Renderer *r, struct ui_rect rc, int radius, int thickness, SDL_Color fill,
                  SDL_Color border)
{
    ui_gfx_round(r, rc, radius, border);
    struct ui_rect in = { rc.x + thickness, rc.y + thickness, rc.w - 2 * thickness, rc.h - 2 * thickness };
    ui_gfx_round(r, in, radius > thickness ? radius - thickness : 0, fill);
}

void ui_gfx_triangle(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, SDL_FPoint c, SDL_Color col)
{
    SDL_Vertex v[3] = { vertex(a.x, a.y, col), vertex(b.x, b.y, col), vertex(c.x, c.y, col) };
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(r, NULL, v, 3, NULL, 0);
}

void ui_gfx_outline(SDL_Renderer *r, struct ui_rect rc, int t, SDL_Color c)
{
    if (rc.w <= 0 || rc.h <= 0)
        return;
    t = t < 1 ? 1 : t;
    ui_gfx_fill(r, (struct ui_rect){ rc.x, rc.y, rc.w, t }, c);
    ui_gfx_fill(r, (struct ui_rect){ rc.x, rc.y + rc.h - t, rc.w, t }, c);
    ui_gfx_fill(r, (struct ui_rect){ rc.x, rc.y, t, rc.h }, c);
    ui_gfx_fill(r, (struct ui_rect){ rc.x + rc.w - t, rc.y, t, rc.h }, c);
}

void ui_gfx_hatch(SDL_Renderer *r, struct ui_rect rc, int step, SDL_Color c)
{
    if (rc.w <= 0 || rc.h <= 0 || step <= 0)
        return;
    SDL_Rect clip = { rc.x, rc.y, rc.w, rc.h }, old;
    SDL_bool had = SDL_RenderIsClipEnabled(r);
    SDL_RenderGetClipRect(r, &old);
    SDL_RenderSetClipRect(r, &clip);
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    for (int x = rc.x - rc.h; x < rc.x + rc.w; x += step)
        SDL_RenderDrawLine(r, x, rc.y + rc.h - 1, x + rc.h - 1, rc.y);
    SDL_RenderSetClipRect(r, had ? &old : NULL);
}

void ui_gfx_circle(SDL_Renderer *r, float cx, float cy, float radius, float thickness, SDL_Color c)
{
    /* Range circles are large: more pieces than a LED's disc, so they stay round. */
    ring_of(r, cx, cy, radius - thickness / 2, radius + thickness / 2, c, c, MAX_SEGMENTS);
}

void ui_gfx_line(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, float width, SDL_Color c)
{
    float dx = b.x - a.x, dy = b.y - a.y, len = sqrtf(dx * dx + dy * dy);
    if (len < 0.01f)
        return;
    float nx = -dy / len * width / 2, ny = dx / len * width / 2;
    SDL_Vertex v[6] = { vertex(a.x + nx, a.y + ny, c), vertex(b.x + nx, b.y + ny, c), vertex(b.x - nx, b.y - ny, c),
                        vertex(a.x + nx, a.y + ny, c), vertex(b.x - nx, b.y - ny, c), vertex(a.x - nx, a.y - ny, c) };
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(r, NULL, v, 6, NULL, 0);
}

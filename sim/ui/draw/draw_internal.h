/* What the drawing files share (draw.c, draw_board.c, draw_procs.c, draw_console.c,
 * draw_memory.c, draw_timeline.c): the frame being drawn, the dark theme's colours, helpers. */
#ifndef SIM_UI_DRAW_INTERNAL_H
#define SIM_UI_DRAW_INTERNAL_H

#include <SDL.h>

#include "sim/ui/draw/draw.h"
#include "sim/ui/draw/gfx.h"

struct frame {
    SDL_Renderer *r;
    struct ui_text *t;
    struct ui_view *v;
    const struct ui_layout *l;
};

/* The theme (unused ones in a file draw no warning: they are defined in a header). */
static const SDL_Color bg = { 0x16, 0x19, 0x1e, 255 }, panel = { 0x21, 0x25, 0x2b, 255 },
    panel_border = { 0x33, 0x39, 0x42, 255 }, bar = { 0x1b, 0x1f, 0x25, 255 },
    text = { 0xdc, 0xdf, 0xe4, 255 }, dim = { 0x8a, 0x93, 0xa1, 255 },
    accent = { 0x61, 0xaf, 0xef, 255 }, control = { 0x2f, 0x35, 0x3e, 255 },
    control_border = { 0x45, 0x4d, 0x59, 255 }, pressed = { 0x2b, 0x5d, 0x8a, 255 },
    pin_high = { 0xf2, 0xb8, 0x4b, 255 }, pin_low = { 0x2c, 0x31, 0x3a, 255 },
    alarm = { 0x6e, 0x1f, 0x26, 255 }, alarm_text = { 0xff, 0xb4, 0xb4, 255 },
    fault_text = { 0xe5, 0x9a, 0x6b, 255 }, good = { 0x7e, 0xd3, 0x8f, 255 },
    console_bg = { 0x10, 0x12, 0x16, 255 }, stripe = { 0x26, 0x2a, 0x31, 255 };


static inline int px(const struct frame *f, int logical)
{
    return ui_layout_px(f->l, logical);
}

/* The colour of process slot's lane, dot and memory highlights. */
SDL_Color ui_draw_proc_color(unsigned slot);
/* The colour of a system call class on the timeline (and its legend). */
SDL_Color ui_draw_class_color(int cls);

/* Text centred in rect rc. */
void ui_draw_text_center(const struct frame *f, enum ui_font font, struct ui_rect rc, const char *s, SDL_Color c);
/* A panel with a bold title and a dim subtitle (may be NULL). */
void ui_draw_panel_box(const struct frame *f, struct ui_rect rc, const char *title, const char *sub);
void ui_draw_push_button(const struct frame *f, struct ui_rect rc, const char *label, bool down);

void ui_draw_board(const struct frame *f);
void ui_draw_procs(const struct frame *f);
void ui_draw_console(const struct frame *f);
void ui_draw_memory_view(const struct frame *f);
void ui_draw_timeline(const struct frame *f);
void ui_draw_cpu(const struct frame *f);

#endif

/* Drawing the board window: the frame, toolbar and footer, in a dark theme; the panels are
 * drawn by draw_board.c, draw_procs.c, draw_memory.c, draw_console.c and draw_timeline.c.
 * Everything is derived from the view and the machine each frame; nothing here changes state. */
#include "sim/ui/draw/draw_internal.h"

#include <stdio.h>
#include <string.h>

#include "boards-virtual/sim_boards.h"

const SDL_Color ui_draw_led_on = { 0x4c, 0xf0, 0x7a, 255 };
const SDL_Color ui_draw_led_off = { 0x24, 0x3a, 0x2d, 255 };

/* Text centred in rect rc. */
void ui_draw_text_center(const struct frame *f, enum ui_font font, struct ui_rect rc, const char *s, SDL_Color c)
{
    int w = ui_text_width(f->t, font, s), h = ui_text_height(f->t, font);
    ui_text_draw(f->t, font, rc.x + (rc.w - w) / 2, rc.y + (rc.h - h) / 2, s, c, rc.w);
}

/* A panel with a bold title; returns the y below the title. */
void ui_draw_panel_box(const struct frame *f, struct ui_rect rc, const char *title, const char *sub)
{
    ui_gfx_frame(f->r, rc, px(f, 8), px(f, 1) > 0 ? px(f, 1) : 1, panel, panel_border);
    int x = rc.x + f->l->pad, y = rc.y + f->l->pad;
    int w = ui_text_draw(f->t, UI_FONT_BOLD, x, y, title, text, rc.w - 2 * f->l->pad);
    if (sub)
        ui_text_draw(f->t, UI_FONT_SANS, x + w + px(f, 10), y, sub, dim, rc.w - 2 * f->l->pad - w - px(f, 10));
}

void ui_draw_push_button(const struct frame *f, struct ui_rect rc, const char *label, bool down)
{
    ui_gfx_frame(f->r, rc, px(f, 6), px(f, 1), down ? pressed : control, down ? accent : control_border);
    ui_draw_text_center(f, UI_FONT_SANS, rc, label, text);
}

SDL_Color ui_draw_proc_color(unsigned slot)
{
    static const SDL_Color c[] = { { 0x4c, 0xc9, 0x7a, 255 }, { 0x61, 0xaf, 0xef, 255 }, { 0xe5, 0xc0, 0x7b, 255 },
                                   { 0xc6, 0x78, 0xdd, 255 }, { 0x56, 0xb6, 0xc2, 255 }, { 0xd1, 0x9a, 0x66, 255 },
                                   { 0x98, 0xc3, 0x79, 255 }, { 0xe0, 0x6c, 0x75, 255 } };
    return c[slot % (sizeof(c) / sizeof(c[0]))];
}

SDL_Color ui_draw_class_color(int cls)
{
    static const SDL_Color c[8] = {
        { 0x9a, 0xa0, 0xa6, 255 },      /* 0 yield */
        { 0xc6, 0x78, 0xdd, 255 },      /* 1 subscribe */
        { 0x61, 0xaf, 0xef, 255 },      /* 2 command */
        { 0x56, 0xb6, 0xc2, 255 },      /* 3 allow-rw */
        { 0x8f, 0xd8, 0xe0, 255 },      /* 4 allow-ro */
        { 0xe5, 0xc0, 0x7b, 255 },      /* 5 memop */
        { 0xe0, 0x6c, 0x75, 255 },      /* 6 exit */
        { 0x3e, 0x8e, 0x99, 255 },      /* 7 allow-ur */
    };
    return cls >= 0 && cls < 8 ? c[cls] : (SDL_Color){ 0x70, 0x70, 0x70, 255 };
}

/* ---- toolbar ------------------------------------------------------------------------------ */

static void status_text(const struct frame *f, char *buf, size_t n, SDL_Color *c)
{
    struct machine *m = f->v->m;
    *c = dim;
    if (f->v->status == MACHINE_EXITED) {
        snprintf(buf, n, "guest exited with code %d", m->exit_code);
        *c = m->exit_code ? alarm_text : good;
    } else if (f->v->status == MACHINE_ERROR) {
        snprintf(buf, n, "error: %s", m->error);
        *c = alarm_text;
    } else if (f->v->status == MACHINE_TIMEOUT) {
        snprintf(buf, n, "time limit reached");
    } else if (f->v->paused) {
        snprintf(buf, n, "paused");
        *c = fault_text;
    } else {
        snprintf(buf, n, "running");
        *c = good;
    }
}

static void draw_pause_icon(const struct frame *f, struct ui_rect rc, bool paused)
{
    int s = px(f, 10), x = rc.x + px(f, 12), y = rc.y + (rc.h - s) / 2;
    if (paused) {       /* shows what a click does: run */
        SDL_FPoint a = { (float)x, (float)y }, b = { (float)x, (float)(y + s) }, c = { (float)(x + s), y + s / 2.0f };
        ui_gfx_triangle(f->r, a, b, c, text);
    } else {
        ui_gfx_fill(f->r, (struct ui_rect){ x, y, s * 3 / 10 + 1, s }, text);
        ui_gfx_fill(f->r, (struct ui_rect){ x + s * 6 / 10, y, s * 3 / 10 + 1, s }, text);
    }
    struct ui_rect label = { rc.x + px(f, 18), rc.y, rc.w - px(f, 18), rc.h };
    ui_draw_text_center(f, UI_FONT_SANS, label, paused ? "Run" : "Pause", text);
}

static void draw_plus_minus(const struct frame *f, struct ui_rect rc, bool plus)
{
    int len = px(f, 12), th = px(f, 2) > 1 ? px(f, 2) : 2;
    int cx = rc.x + rc.w / 2, cy = rc.y + rc.h / 2;
    ui_gfx_fill(f->r, (struct ui_rect){ cx - len / 2, cy - th / 2, len, th }, text);
    if (plus)
        ui_gfx_fill(f->r, (struct ui_rect){ cx - th / 2, cy - len / 2, th, len }, text);
}

static void draw_toolbar(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    ui_gfx_fill(f->r, l->toolbar, bar);
    ui_gfx_fill(f->r, (struct ui_rect){ 0, l->toolbar.h - 1, l->w, 1 }, panel_border);
    int y = l->toolbar.y + (l->toolbar.h - ui_text_height(f->t, UI_FONT_BOLD)) / 2;
    int w = ui_text_draw(f->t, UI_FONT_BOLD, l->pad, y, "tocksim", accent, 0);
    ui_text_draw(f->t, UI_FONT_SANS, l->pad + w + px(f, 8), y, f->v->m->desc->name, dim, 0);
    char buf[320];
    uint64_t ns = ui_view_now_ns(f->v);
    snprintf(buf, sizeof(buf), "%llu.%06llu s", (unsigned long long)(ns / 1000000000ull),
             (unsigned long long)(ns / 1000 % 1000000));
    char st[320];
    SDL_Color sc;
    status_text(f, st, sizeof(st), &sc);
    const char *label = "virtual time ";
    int need = ui_text_width(f->t, UI_FONT_SANS, label) + ui_text_width(f->t, UI_FONT_MONO, buf) + px(f, 14) +
               ui_text_width(f->t, UI_FONT_SANS, st);
    if (need > l->time.w)
        label = "";                 /* a narrow window: the state matters more than the label */
    int ty = l->time.y + (l->time.h - ui_text_height(f->t, UI_FONT_MONO)) / 2;
    int tx = l->time.x + ui_text_draw(f->t, UI_FONT_SANS, l->time.x, ty, label, dim, 0);
    tx += ui_text_draw(f->t, UI_FONT_MONO, tx, ty, buf, text, 0) + px(f, 14);
    ui_text_draw(f->t, UI_FONT_SANS, tx, ty, st, sc, l->time.x + l->time.w - tx);
    ui_draw_push_button(f, l->pause, "", f->v->paused);
    draw_pause_icon(f, l->pause, f->v->paused);
    ui_draw_push_button(f, l->step, "Step", false);
    if (l->step_insn.w)
        ui_draw_push_button(f, l->step_insn, "Step insn", f->v->cpu.shown);
    ui_draw_push_button(f, l->slower, "", false);
    ui_draw_push_button(f, l->faster, "", false);
    draw_plus_minus(f, l->slower, false);
    draw_plus_minus(f, l->faster, true);
    ui_view_speed_label(f->v, buf, sizeof(buf));
    ui_draw_text_center(f, UI_FONT_BOLD, l->speed, buf, text);
}

/* ---- footer and frame --------------------------------------------------------------------- */

/* The footer's panel toggles: lit while the panel is shown; a click collapses or restores it. */
static void draw_toggles(const struct frame *f)
{
    for (int i = 0; i < UI_PANELS; i++) {
        bool on = !(f->v->hidden & (1u << i));
        struct ui_rect rc = f->l->panel_toggles[i];
        ui_gfx_frame(f->r, rc, px(f, 5), px(f, 1), on ? pressed : control, on ? accent : control_border);
        ui_draw_text_center(f, UI_FONT_SANS, rc, ui_layout_panel_name((enum ui_panel)i), on ? text : dim);
    }
}

static void draw_footer(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    ui_gfx_fill(f->r, l->footer, bar);
    draw_toggles(f);
    int y = l->footer.y + (l->footer.h - ui_text_height(f->t, UI_FONT_SANS)) / 2;
    char buf[96] = "";
    if (f->v->behind)
        snprintf(buf, sizeof(buf), "host too slow: running at %.3g\u00d7", f->v->actual_speed);
    else if (f->v->actual_speed > 0)
        snprintf(buf, sizeof(buf), "actual speed %.3g\u00d7", f->v->actual_speed);
    int w = ui_text_width(f->t, UI_FONT_SANS, buf);
    ui_text_draw(f->t, UI_FONT_SANS, l->w - l->pad - w, y, buf, f->v->behind ? fault_text : dim, 0);
    struct ui_rect last = l->panel_toggles[UI_PANELS - 1];
    int x = last.x + last.w + px(f, 14);
    ui_text_draw(f->t, UI_FONT_SANS, x, y,
                 "Space pause \u00b7 S step \u00b7 \u2013/+ speed \u00b7 1\u20139 buttons \u00b7 Tab console \u00b7 "
                 "click a process for its memory \u00b7 Ctrl+Q quit", dim, l->w - 2 * l->pad - w - x);
}

void ui_draw_layout(struct ui_view *v, struct ui_text *t, int w, int h, float scale)
{
    struct ui_layout_input in = {
        .w = w, .h = h, .scale = scale, .leds = machine_num_leds(v->m),
        .buttons = machine_num_buttons(v->m), .pins = machine_num_pins(v->m), .procs = v->procs.n,
        .text_h = ui_text_height(t, UI_FONT_SANS), .hidden = v->hidden, .paused = v->paused,
        .cpu = v->cpu.shown,
    };
    ui_layout_compute(&v->layout, &in);
}

void ui_draw_frame(SDL_Renderer *r, struct ui_text *t, struct ui_view *v)
{
    struct frame f = { r, t, v, &v->layout };
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(r);
    draw_toolbar(&f);
    if (v->layout.board.h)
        ui_draw_board(&f);
    if (v->layout.procs.h)
        ui_draw_procs(&f);
    if (v->layout.memory_view.h)
        ui_draw_memory_view(&f);
    if (v->layout.console.h)
        ui_draw_console(&f);
    if (v->layout.timeline.h)
        ui_draw_timeline(&f);
    if (v->layout.cpu.h)
        ui_draw_cpu(&f);
    draw_footer(&f);
}

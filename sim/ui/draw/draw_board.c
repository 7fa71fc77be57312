/* The board panel: LEDs, buttons, GPIO pins, their legend and the memory map. */
#include "sim/ui/draw/draw_internal.h"

#include <stdio.h>
#include <string.h>

#include "boards-virtual/sim_boards.h"

/* ---- board -------------------------------------------------------------------------------- */

static void draw_leds(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    ui_text_draw(f->t, UI_FONT_SANS, l->leds_title.x, l->leds_title.y, "LEDs", dim, 0);
    for (unsigned i = 0; i < l->nleds; i++) {
        struct ui_rect rc = l->leds[i];
        float cx = rc.x + rc.w / 2.0f, cy = rc.y + rc.h / 2.0f, rad = rc.w / 2.0f;
        bool on = machine_led(f->v->m, i);
        if (on)
            ui_gfx_glow(f->r, cx, cy, rad * 2.1f, (SDL_Color){ 0x4c, 0xf0, 0x7a, 90 });
        ui_gfx_disc(f->r, cx, cy, rad + px(f, 2), on ? (SDL_Color){ 0x9c, 0xff, 0xb8, 255 } : panel_border);
        ui_gfx_disc(f->r, cx, cy, rad, on ? ui_draw_led_on : ui_draw_led_off);
        char name[16];
        snprintf(name, sizeof(name), "LED%u", i);
        struct ui_rect lab = { rc.x - px(f, 16), rc.y + rc.h + px(f, 6), rc.w + px(f, 32), ui_text_height(f->t, UI_FONT_SANS) };
        ui_draw_text_center(f, UI_FONT_SANS, lab, name, on ? text : dim);
    }
}

static void draw_buttons(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    ui_text_draw(f->t, UI_FONT_SANS, l->buttons_title.x, l->buttons_title.y,
                 "Buttons \u00b7 click or hold keys 1\u20139", dim, l->buttons_title.w);
    for (unsigned i = 0; i < l->nbuttons; i++) {
        struct ui_rect rc = l->buttons[i];
        bool down = machine_button(f->v->m, i);     /* held here or by a scenario, the terminal */
        ui_gfx_frame(f->r, rc, px(f, 8), px(f, 2), down ? pressed : control, down ? accent : control_border);
        char name[16], key[16];
        snprintf(name, sizeof(name), "BTN%u", i);
        snprintf(key, sizeof(key), "key %u", i + 1);
        int h = ui_text_height(f->t, UI_FONT_BOLD);
        ui_draw_text_center(f, UI_FONT_BOLD, (struct ui_rect){ rc.x, rc.y + px(f, 3), rc.w, h }, name, text);
        ui_draw_text_center(f, UI_FONT_SANS, (struct ui_rect){ rc.x, rc.y + rc.h - h - px(f, 3), rc.w, h }, key, dim);
    }
}

static void draw_pins(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    ui_text_draw(f->t, UI_FONT_SANS, l->pins_title.x, l->pins_title.y,
                 "GPIO pins \u00b7 click to drive an input", dim, l->pins_title.w);
    for (unsigned i = 0; i < l->npins; i++) {
        struct ui_rect rc = l->pins[i];
        bool high = machine_pin(f->v->m, i), driven = (f->v->driven >> i) & 1;
        ui_gfx_frame(f->r, rc, px(f, 4), px(f, 2), high ? pin_high : pin_low, driven ? accent : control_border);
        char num[8];
        snprintf(num, sizeof(num), "%u", i);
        struct ui_rect lab = { rc.x - px(f, 8), rc.y + rc.h + px(f, 2), rc.w + px(f, 16), ui_text_height(f->t, UI_FONT_MONO) };
        ui_draw_text_center(f, UI_FONT_MONO, lab, num, high ? text : dim);
    }
}

/* A legend below the pins: what the colours mean. */
static void draw_pin_legend(const struct frame *f)
{
    struct ui_rect lg = f->l->pins_legend;
    if (!lg.h)
        return;
    int s = px(f, 14), x = lg.x, y = lg.y + (lg.h - s) / 2;
    const struct { SDL_Color fill, border; const char *what; } items[] = {
        { pin_high, control_border, "high" }, { pin_low, control_border, "low" },
        { pin_low, accent, "driven by you" } };
    for (size_t i = 0; i < 3; i++) {
        ui_gfx_frame(f->r, (struct ui_rect){ x, y, s, s }, px(f, 3), px(f, 2), items[i].fill, items[i].border);
        x += s + px(f, 6);
        x += ui_text_draw(f->t, UI_FONT_SANS, x, lg.y, items[i].what, dim, 0) + px(f, 16);
    }
}

/* The board's memory map, as the loader placed kernel and apps. */
static void draw_memory(const struct frame *f)
{
    struct ui_rect rc = f->l->memory;
    if (!rc.h)
        return;
    const struct machine_layout *ml = &f->v->m->layout;
    int th = ui_text_height(f->t, UI_FONT_SANS), y = rc.y + px(f, 8), x = rc.x + px(f, 10);
    ui_gfx_round(f->r, rc, px(f, 6), stripe);
    ui_text_draw(f->t, UI_FONT_SANS, x, y, "Memory map", dim, rc.w);
    char lines[3][96];
    snprintf(lines[0], 96, "flash  0x%08x  %4u KiB", ml->flash_base, ml->flash_size / 1024);
    snprintf(lines[1], 96, " apps  0x%08x  %4u KiB", ml->apps_base, ml->apps_size / 1024);
    snprintf(lines[2], 96, "  RAM  0x%08x  %4u KiB", ml->ram_base, ml->ram_size / 1024);
    for (int i = 0; i < 3; i++)
        ui_text_draw(f->t, UI_FONT_MONO, x, y + (i + 1) * th + px(f, 4), lines[i], text, rc.w - px(f, 20));
}

void ui_draw_board(const struct frame *f)
{
    char sub[64];
    snprintf(sub, sizeof(sub), "%s \u00b7 %llu MHz", f->v->m->desc->name,
             (unsigned long long)(f->v->m->desc->cpu_hz / 1000000));
    ui_draw_panel_box(f, f->l->board, "Board", sub);
    draw_leds(f);
    draw_buttons(f);
    draw_pins(f);
    draw_pin_legend(f);
    draw_memory(f);
}


/* Drawing the board window: toolbar, board (LEDs, buttons, GPIO pins), process table, console
 * and footer, in a dark theme. Everything is derived from the view and the machine each frame;
 * nothing here changes state. */
#include "sim/ui/draw.h"

#include <stdio.h>
#include <string.h>

#include "boards-virtual/sim_boards.h"
#include "sim/ui/gfx.h"

const SDL_Color ui_draw_led_on = { 0x4c, 0xf0, 0x7a, 255 };
const SDL_Color ui_draw_led_off = { 0x24, 0x3a, 0x2d, 255 };

static const SDL_Color bg = { 0x16, 0x19, 0x1e, 255 }, panel = { 0x21, 0x25, 0x2b, 255 },
    panel_border = { 0x33, 0x39, 0x42, 255 }, bar = { 0x1b, 0x1f, 0x25, 255 },
    text = { 0xdc, 0xdf, 0xe4, 255 }, dim = { 0x8a, 0x93, 0xa1, 255 },
    accent = { 0x61, 0xaf, 0xef, 255 }, control = { 0x2f, 0x35, 0x3e, 255 },
    control_border = { 0x45, 0x4d, 0x59, 255 }, pressed = { 0x2b, 0x5d, 0x8a, 255 },
    pin_high = { 0xf2, 0xb8, 0x4b, 255 }, pin_low = { 0x2c, 0x31, 0x3a, 255 },
    alarm = { 0x6e, 0x1f, 0x26, 255 }, alarm_text = { 0xff, 0xb4, 0xb4, 255 },
    fault_text = { 0xe5, 0x9a, 0x6b, 255 }, good = { 0x7e, 0xd3, 0x8f, 255 },
    console_bg = { 0x10, 0x12, 0x16, 255 }, stripe = { 0x26, 0x2a, 0x31, 255 };

struct frame {
    SDL_Renderer *r;
    struct ui_text *t;
    struct ui_view *v;
    const struct ui_layout *l;
};

static int px(const struct frame *f, int logical)
{
    return ui_layout_px(f->l, logical);
}

/* Text centred in rect rc. */
static void text_center(const struct frame *f, enum ui_font font, struct ui_rect rc, const char *s, SDL_Color c)
{
    int w = ui_text_width(f->t, font, s), h = ui_text_height(f->t, font);
    ui_text_draw(f->t, font, rc.x + (rc.w - w) / 2, rc.y + (rc.h - h) / 2, s, c, rc.w);
}

/* A panel with a bold title; returns the y below the title. */
static void panel_box(const struct frame *f, struct ui_rect rc, const char *title, const char *sub)
{
    ui_gfx_frame(f->r, rc, px(f, 8), px(f, 1) > 0 ? px(f, 1) : 1, panel, panel_border);
    int x = rc.x + f->l->pad, y = rc.y + f->l->pad;
    int w = ui_text_draw(f->t, UI_FONT_BOLD, x, y, title, text, rc.w - 2 * f->l->pad);
    if (sub)
        ui_text_draw(f->t, UI_FONT_SANS, x + w + px(f, 10), y, sub, dim, rc.w - 2 * f->l->pad - w - px(f, 10));
}

static void push_button(const struct frame *f, struct ui_rect rc, const char *label, bool down)
{
    ui_gfx_frame(f->r, rc, px(f, 6), px(f, 1), down ? pressed : control, down ? accent : control_border);
    text_center(f, UI_FONT_SANS, rc, label, text);
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
    text_center(f, UI_FONT_SANS, label, paused ? "Run" : "Pause", text);
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
    push_button(f, l->pause, "", f->v->paused);
    draw_pause_icon(f, l->pause, f->v->paused);
    push_button(f, l->step, "Step", false);
    push_button(f, l->slower, "", false);
    push_button(f, l->faster, "", false);
    draw_plus_minus(f, l->slower, false);
    draw_plus_minus(f, l->faster, true);
    ui_view_speed_label(f->v, buf, sizeof(buf));
    text_center(f, UI_FONT_BOLD, l->speed, buf, text);
}

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
        text_center(f, UI_FONT_SANS, lab, name, on ? text : dim);
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
        text_center(f, UI_FONT_BOLD, (struct ui_rect){ rc.x, rc.y + px(f, 3), rc.w, h }, name, text);
        text_center(f, UI_FONT_SANS, (struct ui_rect){ rc.x, rc.y + rc.h - h - px(f, 3), rc.w, h }, key, dim);
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
        text_center(f, UI_FONT_MONO, lab, num, high ? text : dim);
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

static void draw_board(const struct frame *f)
{
    char sub[64];
    snprintf(sub, sizeof(sub), "%s \u00b7 %llu MHz", f->v->m->desc->name,
             (unsigned long long)(f->v->m->desc->cpu_hz / 1000000));
    panel_box(f, f->l->board, "Board", sub);
    draw_leds(f);
    draw_buttons(f);
    draw_pins(f);
    draw_pin_legend(f);
    draw_memory(f);
}

/* ---- processes ---------------------------------------------------------------------------- */

/* Columns: fixed logical widths, or 0 for a share of what is left (name 1/3, fault 2/3). */
static const struct { const char *title; int width; } columns[] = {
    { "process", 0 }, { "state", 96 }, { "restarts", 80 }, { "memory", 120 }, { "last fault", 0 },
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static void column_widths(const struct frame *f, int w, int out[NCOLUMNS])
{
    int fixed = 0;
    for (size_t i = 0; i < NCOLUMNS; i++)
        fixed += px(f, columns[i].width);
    int rest = w - fixed > 0 ? w - fixed : 0;
    int name = rest / 3 > px(f, 120) ? rest / 3 : px(f, 120) < rest / 2 ? px(f, 120) : rest / 2;
    for (size_t i = 0; i < NCOLUMNS; i++)
        out[i] = columns[i].width ? px(f, columns[i].width) : i == 0 ? name : rest - name;
}

static void proc_cells(const struct ui_proc *p, char cells[NCOLUMNS][80])
{
    snprintf(cells[0], 80, "%s", p->name[0] ? p->name : "?");
    snprintf(cells[1], 80, "%s", ui_procs_state_name(p->state));
    snprintf(cells[2], 80, "%u", p->restarts);
    if (p->mem_size)
        snprintf(cells[3], 80, "%.1f/%u KiB", p->mem_used / 1024.0, (unsigned)(p->mem_size / 1024));
    else
        snprintf(cells[3], 80, "\u2014");
    snprintf(cells[4], 80, "%s", p->has_fault ? p->fault : "\u2014");
}

/* One table row; the fault column in fault_c (the others in c). */
static void draw_row(const struct frame *f, int y, char cells[NCOLUMNS][80], SDL_Color c, SDL_Color fault_c,
                     enum ui_font font)
{
    const struct ui_layout *l = f->l;
    int x = l->procs.x + l->pad, widths[NCOLUMNS];
    column_widths(f, l->procs.w - 2 * l->pad, widths);
    int ty = y + (l->row_h - ui_text_height(f->t, font)) / 2;
    for (size_t i = 0; i < NCOLUMNS; i++) {
        ui_text_draw(f->t, font, x + px(f, 6), ty, cells[i], i == NCOLUMNS - 1 ? fault_c : c, widths[i] - px(f, 10));
        x += widths[i];
    }
}

static void draw_procs(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    const struct ui_procs *t = &f->v->procs;
    panel_box(f, l->procs, "Processes", NULL);
    int y = l->procs.y + ui_text_height(f->t, UI_FONT_BOLD) + 2 * l->pad;
    int x = l->procs.x + l->pad, w = l->procs.w - 2 * l->pad;
    if (!t->events) {
        ui_text_draw(f->t, UI_FONT_SANS, x + px(f, 6), y + (l->row_h - ui_text_height(f->t, UI_FONT_SANS)) / 2,
                     "no kernel process info", dim, w);
        return;
    }
    char cells[NCOLUMNS][80];
    for (size_t i = 0; i < NCOLUMNS; i++)
        snprintf(cells[i], 80, "%s", columns[i].title);
    draw_row(f, y, cells, dim, dim, UI_FONT_SANS);
    uint64_t now = ui_view_now_ns(f->v);
    int bottom = l->procs.y + l->procs.h - l->pad / 2;
    for (unsigned i = 0; i < t->n && (y += l->row_h) + l->row_h <= bottom; i++) {
        const struct ui_proc *p = &t->rows[i];
        bool red = ui_procs_alarm(p, now);
        if (red || i % 2 == 0)
            ui_gfx_round(f->r, (struct ui_rect){ x, y, w, l->row_h }, px(f, 4), red ? alarm : stripe);
        proc_cells(p, cells);
        /* a fault stays visible in amber after the process restarted */
        draw_row(f, y, cells, red ? alarm_text : text, red ? alarm_text : p->has_fault ? fault_text : dim,
                 UI_FONT_MONO);
    }
}

/* ---- console ------------------------------------------------------------------------------ */

/* Rows line i takes when wrapped at cols characters. */
static unsigned wrapped_rows(unsigned len, unsigned cols)
{
    return len == 0 ? 1 : (len + cols - 1) / cols;
}

static void console_header(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    panel_box(f, l->console, "Console", "UART0");
    const char *hint = f->v->console_focus ? "typing goes to UART0 \u00b7 Esc to leave"
                                           : "click here or press Tab to type";
    char buf[96];
    if (f->v->scroll)
        snprintf(buf, sizeof(buf), "scrolled back %u lines \u00b7 End to follow", f->v->scroll), hint = buf;
    int w = ui_text_width(f->t, UI_FONT_SANS, hint);
    ui_text_draw(f->t, UI_FONT_SANS, l->console.x + l->console.w - l->pad - w, l->console.y + l->pad, hint,
                 f->v->console_focus ? accent : dim, 0);
}

/* Draws one logical line as rows, bottom row at y_bottom; returns the top y used. */
static int console_line(const struct frame *f, const char *s, unsigned len, unsigned cols, int y_bottom,
                        int line_h, bool caret)
{
    const struct ui_layout *l = f->l;
    int char_w = f->t->faces[UI_FONT_MONO].glyphs['M' - ' '].advance;
    unsigned rows = wrapped_rows(len, cols);
    int top = y_bottom - (int)rows * line_h;
    for (unsigned r = 0; r < rows; r++) {
        int y = top + (int)r * line_h;
        if (y < l->console_text.y)
            continue;
        char row[UI_CONSOLE_COLS + 1];
        unsigned n = len - r * cols < cols ? len - r * cols : cols;
        memcpy(row, s + r * cols, n);
        row[n] = 0;
        ui_text_draw(f->t, UI_FONT_MONO, l->console_text.x + px(f, 6), y, row, text, 0);
    }
    if (caret) {
        unsigned col = f->v->console.col;
        int y = top + (int)(col / cols < rows ? col / cols : rows - 1) * line_h;
        ui_gfx_fill(f->r, (struct ui_rect){ l->console_text.x + px(f, 6) + (int)(col % cols) * char_w, y,
                                            char_w, line_h }, accent);
    }
    return top;
}

static void draw_console(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    console_header(f);
    ui_gfx_round(f->r, l->console_text, px(f, 6), console_bg);
    int char_w = f->t->faces[UI_FONT_MONO].glyphs['M' - ' '].advance, line_h = ui_text_height(f->t, UI_FONT_MONO);
    if (char_w <= 0 || line_h <= 0)
        return;
    unsigned cols = (unsigned)((l->console_text.w - px(f, 12)) / char_w);
    cols = cols < 1 ? 1 : cols > UI_CONSOLE_COLS ? UI_CONSOLE_COLS : cols;
    const struct ui_console *c = &f->v->console;
    unsigned count = ui_console_count(c);
    int y = l->console_text.y + l->console_text.h - px(f, 6);
    SDL_Rect clip = { l->console_text.x, l->console_text.y, l->console_text.w, l->console_text.h };
    SDL_RenderSetClipRect(f->r, &clip);
    for (unsigned i = count - (f->v->scroll < count ? f->v->scroll : count - 1); i-- > 0 && y > l->console_text.y;) {
        unsigned len;
        const char *s = ui_console_line(c, i, &len);
        y = console_line(f, s, len, cols, y, line_h, f->v->console_focus && !f->v->scroll && i == count - 1);
    }
    SDL_RenderSetClipRect(f->r, NULL);
}

/* ---- footer and frame --------------------------------------------------------------------- */

static void draw_footer(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    ui_gfx_fill(f->r, l->footer, bar);
    int y = l->footer.y + (l->footer.h - ui_text_height(f->t, UI_FONT_SANS)) / 2;
    char buf[96] = "";
    if (f->v->behind)
        snprintf(buf, sizeof(buf), "host too slow: running at %.3g\u00d7", f->v->actual_speed);
    else if (f->v->actual_speed > 0)
        snprintf(buf, sizeof(buf), "actual speed %.3g\u00d7", f->v->actual_speed);
    int w = ui_text_width(f->t, UI_FONT_SANS, buf);
    ui_text_draw(f->t, UI_FONT_SANS, l->w - l->pad - w, y, buf, f->v->behind ? fault_text : dim, 0);
    ui_text_draw(f->t, UI_FONT_SANS, l->pad, y,
                 "Space pause \u00b7 S step \u00b7 \u2013/+ speed \u00b7 1\u20139 buttons (right-click latches) \u00b7 "
                 "Tab console \u00b7 PgUp/PgDn scroll \u00b7 Ctrl+Q quit", dim, l->w - 3 * l->pad - w);
}

void ui_draw_layout(struct ui_view *v, struct ui_text *t, int w, int h, float scale)
{
    struct ui_layout_input in = {
        .w = w, .h = h, .scale = scale, .leds = machine_num_leds(v->m),
        .buttons = machine_num_buttons(v->m), .pins = machine_num_pins(v->m), .procs = v->procs.n,
        .text_h = ui_text_height(t, UI_FONT_SANS),
    };
    ui_layout_compute(&v->layout, &in);
}

void ui_draw_frame(SDL_Renderer *r, struct ui_text *t, struct ui_view *v)
{
    struct frame f = { r, t, v, &v->layout };
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(r);
    draw_toolbar(&f);
    draw_board(&f);
    draw_procs(&f);
    draw_console(&f);
    draw_footer(&f);
}

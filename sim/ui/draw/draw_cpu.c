/* The CPU panel ("Step insn" while paused, sim/ui/cpuview.h): the disassembly around the PC on
 * the left, the current instruction on a highlighted row; the core registers on the right, the
 * ones the last step changed in amber on a highlighted cell. The panel's contents are read again
 * each frame at the size it is drawn (as many instructions as fit). */
#include "sim/ui/draw/draw_internal.h"

#include <stdio.h>

static const SDL_Color current_row = { 0x2b, 0x5d, 0x8a, 255 }, changed_cell = { 0x4a, 0x3a, 0x1c, 255 };

static void cpu_header(const struct frame *f, const struct ui_cpu *c)
{
    char sub[224];
    snprintf(sub, sizeof(sub), "pc 0x%08x %s \u00b7 %llu instruction%s stepped", (unsigned)c->pc,
             c->where[0] ? c->where : "(no symbol)", (unsigned long long)c->steps, c->steps == 1 ? "" : "s");
    ui_draw_panel_box(f, f->l->cpu, "CPU", sub);
}

/* The disassembly in [x, x+w) from y, a row per instruction; returns nothing drawn beyond y_end. */
static void draw_lines(const struct frame *f, const struct ui_cpu *c, int x, int y, int w, int line_h)
{
    for (int i = 0; i < c->nlines; i++, y += line_h) {
        const struct ui_cpu_line *ln = &c->lines[i];
        char row[160];
        if (ln->current)
            ui_gfx_fill(f->r, (struct ui_rect){ x, y, w, line_h }, current_row);
        snprintf(row, sizeof(row), "%s %08x  %-10s %s", ln->current ? ">" : " ", (unsigned)ln->addr, ln->hex, ln->text);
        ui_text_draw(f->t, UI_FONT_MONO, x + px(f, 4), y, row, ln->current ? text : dim, w - px(f, 8));
    }
}

/* The registers in columns of `rows` from (x, y), each col_w wide. */
static void draw_regs(const struct frame *f, const struct ui_cpu *c, int x, int y, int col_w, int rows, int line_h)
{
    for (int i = 0; i < c->nregs; i++) {
        const struct ui_cpu_reg *r = &c->regs[i];
        int cx = x + (i / rows) * col_w, cy = y + (i % rows) * line_h;
        char cell[48];
        snprintf(cell, sizeof(cell), "%-5s %08x", r->name, (unsigned)r->value);
        if (r->changed)
            ui_gfx_fill(f->r, (struct ui_rect){ cx, cy, col_w - px(f, 6), line_h }, changed_cell);
        ui_text_draw(f->t, UI_FONT_MONO, cx + px(f, 3), cy, cell, r->changed ? pin_high : text, col_w - px(f, 6));
    }
}

void ui_draw_cpu(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    struct ui_view *v = f->v;
    struct ui_cpu *c = &v->cpu;
    int line_h = ui_text_height(f->t, UI_FONT_MONO), title = ui_text_height(f->t, UI_FONT_SANS) + 2 * l->pad;
    int body_y = l->cpu.y + title, body_h = l->cpu.h - title - l->pad;
    int fit = line_h > 0 ? body_h / line_h - 1 : 0;         /* a line for the source */
    fit = fit < 1 ? 1 : fit > UI_CPU_MAX_LINES ? UI_CPU_MAX_LINES : fit;
    ui_cpu_refresh(v, (fit - 1) * 2 / 5, fit - 1 - (fit - 1) * 2 / 5);
    cpu_header(f, c);
    int char_w = f->t->faces[UI_FONT_MONO].glyphs['M' - ' '].advance;
    int col_w = 15 * char_w, rows = fit + 1, cols = (c->nregs + rows - 1) / (rows > 0 ? rows : 1);
    int regs_w = cols * col_w, x = l->cpu.x + l->pad, w = l->cpu.w - 2 * l->pad - regs_w - l->pad;
    SDL_Rect clip = { l->cpu.x, body_y, l->cpu.w, body_h };
    SDL_RenderSetClipRect(f->r, &clip);
    ui_gfx_round(f->r, (struct ui_rect){ x, body_y, w, body_h }, px(f, 6), console_bg);
    const char *src = c->note[0] ? c->note : c->source[0] ? c->source : "no source line";
    ui_text_draw(f->t, UI_FONT_SANS, x + px(f, 4), body_y, src, c->note[0] ? fault_text : dim, w - px(f, 8));
    draw_lines(f, c, x, body_y + line_h, w, line_h);
    draw_regs(f, c, x + w + l->pad, body_y, col_w, rows, line_h);
    SDL_RenderSetClipRect(f->r, NULL);
}

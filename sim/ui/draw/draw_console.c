/* The console panel: UART0's scrollback, wrapped to the panel, with the typing caret. */
#include "sim/ui/draw/draw_internal.h"

#include <stdio.h>
#include <string.h>

/* ---- console ------------------------------------------------------------------------------ */

/* Rows line i takes when wrapped at cols characters. */
static unsigned wrapped_rows(unsigned len, unsigned cols)
{
    return len == 0 ? 1 : (len + cols - 1) / cols;
}

static void console_header(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    ui_draw_panel_box(f, l->console, "Console", "UART0");
    const char *hint = f->v->console_focus ? "typing goes to UART0 \u00b7 Esc to leave"
                                           : "click here or press Tab to type";
    char buf[96];
    if (f->v->scroll)
        snprintf(buf, sizeof(buf), "scrolled back %u lines \u00b7 End to follow", f->v->scroll), hint = buf;
    int w = ui_text_width(f->t, UI_FONT_SANS, hint);
    int title_w = ui_text_width(f->t, UI_FONT_BOLD, "Console") + ui_text_width(f->t, UI_FONT_SANS, "UART0") + px(f, 24);
    int room = l->console.w - 2 * l->pad - title_w;
    if (room <= px(f, 40))
        return;                 /* a narrow console: the title only */
    w = w < room ? w : room;
    ui_text_draw(f->t, UI_FONT_SANS, l->console.x + l->console.w - l->pad - w, l->console.y + l->pad, hint,
                 f->v->console_focus ? accent : dim, room);
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

void ui_draw_console(const struct frame *f)
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


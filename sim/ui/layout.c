/* The window's layout. All sizes are logical pixels multiplied by the scale (2 on a HiDPI
 * display), so the picture is the same at any density:
 *
 *   +-------------------------------------------------------------------------+
 *   | toolbar: title, virtual time           [Pause] [Step]   [-] 1x [+]       |
 *   +----------------------+--------------------------------------------------+
 *   | board: LEDs          | processes (name, state, restarts, memory, fault) |
 *   |        buttons       +--------------------------------------------------+
 *   |        GPIO pins     | console (UART0)                                  |
 *   +----------------------+--------------------------------------------------+
 *   | footer: key hints, status                                                |
 *   +-------------------------------------------------------------------------+
 */
#include "sim/ui/layout.h"

static struct ui_rect rect(int x, int y, int w, int h)
{
    return (struct ui_rect){ x, y, w < 0 ? 0 : w, h < 0 ? 0 : h };
}

static unsigned clip(unsigned n, unsigned max)
{
    return n < max ? n : max;
}

int ui_layout_px(const struct ui_layout *l, int logical)
{
    return (int)(logical * l->scale + 0.5f);
}

bool ui_rect_contains(struct ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* Toolbar controls, right-aligned: [Pause] [Step]  [-] speed [+]. */
static void layout_toolbar(struct ui_layout *l)
{
    int h = ui_layout_px(l, 32), y = l->toolbar.y + (l->toolbar.h - h) / 2, gap = ui_layout_px(l, 8);
    int x = l->w - l->pad;
    x -= ui_layout_px(l, 36);
    l->faster = rect(x, y, ui_layout_px(l, 36), h);
    x -= ui_layout_px(l, 84);
    l->speed = rect(x, y, ui_layout_px(l, 84), h);
    x -= ui_layout_px(l, 36);
    l->slower = rect(x, y, ui_layout_px(l, 36), h);
    x -= 3 * gap + ui_layout_px(l, 76);
    l->step = rect(x, y, ui_layout_px(l, 76), h);
    x -= gap + ui_layout_px(l, 92);
    l->pause = rect(x, y, ui_layout_px(l, 92), h);
    int time_x = l->pad + ui_layout_px(l, 250);
    l->time = rect(time_x, y, l->pause.x - 2 * gap - time_x, h);
}

/* LEDs in a row of circles, each in a square cell with its label below. */
static int layout_leds(struct ui_layout *l, const struct ui_layout_input *in, int x, int y, int w)
{
    l->nleds = clip(in->leds, UI_MAX_LEDS);
    l->leds_title = rect(x, y, w, in->text_h);
    y += in->text_h + ui_layout_px(l, 8);
    int cell = ui_layout_px(l, 64), d = ui_layout_px(l, 30);
    int per_row = w / cell > 0 ? w / cell : 1;
    for (unsigned i = 0; i < l->nleds; i++) {
        int cx = x + (int)(i % (unsigned)per_row) * cell, cy = y + (int)(i / (unsigned)per_row) * (d + in->text_h + l->pad);
        l->leds[i] = rect(cx + (cell - d) / 2, cy, d, d);
    }
    unsigned rows = (l->nleds + (unsigned)per_row - 1) / (unsigned)per_row;
    return y + (int)rows * (d + in->text_h + l->pad) + l->pad;
}

/* Push buttons, as many per row as fit. */
static int layout_buttons(struct ui_layout *l, const struct ui_layout_input *in, int x, int y, int w)
{
    l->nbuttons = clip(in->buttons, UI_MAX_BUTTONS);
    l->buttons_title = rect(x, y, w, in->text_h);
    y += in->text_h + ui_layout_px(l, 8);
    int bw = ui_layout_px(l, 100), bh = ui_layout_px(l, 44), gap = ui_layout_px(l, 12);
    int per_row = (w + gap) / (bw + gap) > 0 ? (w + gap) / (bw + gap) : 1;
    for (unsigned i = 0; i < l->nbuttons; i++)
        l->buttons[i] = rect(x + (int)(i % (unsigned)per_row) * (bw + gap),
                             y + (int)(i / (unsigned)per_row) * (bh + gap), bw, bh);
    unsigned rows = (l->nbuttons + (unsigned)per_row - 1) / (unsigned)per_row;
    return y + (int)rows * (bh + gap) + l->pad;
}

/* GPIO pins: 8 per row, a square per pin with its number below; returns the y below them. */
static int layout_pins(struct ui_layout *l, const struct ui_layout_input *in, int x, int y, int w)
{
    l->npins = clip(in->pins, UI_MAX_PINS);
    l->pins_title = rect(x, y, w, in->text_h);
    y += in->text_h + ui_layout_px(l, 8);
    int cell = w / 8, sq = ui_layout_px(l, 24);
    if (sq > cell - ui_layout_px(l, 4))
        sq = cell - ui_layout_px(l, 4);
    int row = sq + in->text_h + ui_layout_px(l, 8);
    for (unsigned i = 0; i < l->npins; i++)
        l->pins[i] = rect(x + (int)(i % 8) * cell + (cell - sq) / 2, y + (int)(i / 8) * row, sq, sq);
    return y + (int)((l->npins + 7) / 8) * row;
}

static void layout_board(struct ui_layout *l, const struct ui_layout_input *in)
{
    int x = l->board.x + l->pad, w = l->board.w - 2 * l->pad;
    int y = l->board.y + in->text_h + 2 * l->pad;     /* below the panel's title */
    y = layout_leds(l, in, x, y, w);
    y = layout_buttons(l, in, x, y, w);
    y = layout_pins(l, in, x, y, w) + ui_layout_px(l, 4);
    int bottom = l->board.y + l->board.h - l->pad;
    if (l->npins && y + in->text_h <= bottom)
        l->pins_legend = rect(x, y, w, in->text_h);
    int mem_h = 4 * in->text_h + ui_layout_px(l, 20);
    if (bottom - mem_h >= y + in->text_h + l->pad)
        l->memory = rect(x, bottom - mem_h, w, mem_h);
}

/* The right column: the process table sized to its rows, the console below. */
static void layout_right(struct ui_layout *l, const struct ui_layout_input *in, int x, int y, int w, int h)
{
    l->proc_rows = in->procs ? clip(in->procs, 16) : 1;
    int title = in->text_h + 2 * l->pad;
    int procs_h = title + (int)(l->proc_rows + 1) * l->row_h + l->pad;
    if (procs_h > h / 2)
        procs_h = h / 2;
    l->procs = rect(x, y, w, procs_h);
    l->console = rect(x, y + procs_h + l->pad, w, h - procs_h - l->pad);
    l->console_text = rect(l->console.x + l->pad, l->console.y + title,
                           l->console.w - 2 * l->pad, l->console.h - title - l->pad);
}

void ui_layout_compute(struct ui_layout *l, const struct ui_layout_input *in)
{
    *l = (struct ui_layout){ .w = in->w, .h = in->h, .scale = in->scale > 0 ? in->scale : 1 };
    l->pad = ui_layout_px(l, 12);
    l->row_h = in->text_h + ui_layout_px(l, 8);
    l->toolbar = rect(0, 0, in->w, ui_layout_px(l, 52));
    int footer_h = in->text_h + ui_layout_px(l, 10);
    l->footer = rect(0, in->h - footer_h, in->w, footer_h);
    layout_toolbar(l);
    int top = l->toolbar.h + l->pad, body_h = l->footer.y - l->pad - top;
    int bw = in->w * 32 / 100;
    if (bw < ui_layout_px(l, 320))
        bw = ui_layout_px(l, 320);
    if (bw > ui_layout_px(l, 400))
        bw = ui_layout_px(l, 400);
    l->board = rect(l->pad, top, bw, body_h);
    layout_board(l, in);
    int rx = l->board.x + bw + l->pad;
    layout_right(l, in, rx, top, in->w - rx - l->pad, body_h);
}

enum ui_control ui_layout_hit(const struct ui_layout *l, int x, int y, unsigned *index)
{
    if (ui_rect_contains(l->pause, x, y))
        return UI_HIT_PAUSE;
    if (ui_rect_contains(l->step, x, y))
        return UI_HIT_STEP;
    if (ui_rect_contains(l->slower, x, y))
        return UI_HIT_SLOWER;
    if (ui_rect_contains(l->faster, x, y))
        return UI_HIT_FASTER;
    for (unsigned i = 0; i < l->nbuttons; i++)
        if (ui_rect_contains(l->buttons[i], x, y)) {
            *index = i;
            return UI_HIT_BUTTON;
        }
    int slack = ui_layout_px(l, 4);     /* pins are small: accept a click just beside one */
    for (unsigned i = 0; i < l->npins; i++) {
        struct ui_rect r = l->pins[i];
        if (ui_rect_contains(rect(r.x - slack, r.y - slack, r.w + 2 * slack, r.h + 2 * slack), x, y)) {
            *index = i;
            return UI_HIT_PIN;
        }
    }
    return ui_rect_contains(l->console, x, y) ? UI_HIT_CONSOLE : UI_HIT_NONE;
}

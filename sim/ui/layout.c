/* The window's layout. All sizes are logical pixels multiplied by the scale (2 on a HiDPI
 * display), so the picture is the same at any density:
 *
 *   +-------------------------------------------------------------------------+
 *   | toolbar: title, virtual time           [Pause] [Step]   [-] 1x [+]       |
 *   +----------------------+--------------------------------------------------+
 *   | board: LEDs          | processes (name, state, restarts, faults, ...)   |
 *   |        buttons       +-------------------------+------------------------+
 *   |        GPIO pins     | memory of the selected  | console (UART0)        |
 *   |                      | process                 |                        |
 *   |                      +-------------------------+------------------------+
 *   |                      | timeline: kernel and process lanes, time axis    |
 *   +----------------------+--------------------------------------------------+
 *   | footer: panel toggles, key hints, status                                  |
 *   +-------------------------------------------------------------------------+
 *
 * Every panel but the toolbar and footer can be collapsed (the footer's toggles): the others
 * take its room.
 */
#include "sim/ui/layout.h"

#include <string.h>

#include "sim/ui/window/window.h"

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

/* Toolbar controls, right-aligned: [Step insn] [Pause] [Step]  [-] speed [+] ("Step insn" only
 * while paused: the running window's picture stays as it was without it). */
static void layout_toolbar(struct ui_layout *l, bool paused)
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
    if (paused) {
        x -= gap + ui_layout_px(l, 92);
        l->step_insn = rect(x, y, ui_layout_px(l, 92), h);
    }
    int time_x = l->pad + ui_layout_px(l, 250);
    l->time = rect(time_x, y, x - 2 * gap - time_x, h);
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

static bool shown(const struct ui_layout *l, enum ui_panel p)
{
    return !(l->hidden & (1u << p));
}

unsigned ui_panel_bit(const char *name)
{
    static const char *const names[UI_PANELS] = { "board", "processes", "memory", "timeline", "console" };
    for (unsigned i = 0; i < UI_PANELS; i++)
        if (!strcmp(name, names[i]))
            return 1u << i;
    return 0;
}

const char *ui_layout_panel_name(enum ui_panel p)
{
    static const char *const names[UI_PANELS] = { "Board", "Processes", "Memory", "Timeline", "Console" };
    return (unsigned)p < UI_PANELS ? names[p] : "?";
}

/* The process table's rows, below its title and header row. */
static void layout_rows(struct ui_layout *l, int title)
{
    struct ui_rect p = l->procs;
    int y = p.y + title + l->row_h, bottom = p.y + p.h - l->pad / 2;
    for (unsigned i = 0; i < l->proc_rows && y + l->row_h <= bottom; i++, y += l->row_h)
        l->rows[i] = rect(p.x + l->pad, y, p.w - 2 * l->pad, l->row_h);
}

/* The timeline: controls in its title row, lane names on the left, lanes, the time axis. */
static void layout_timeline(struct ui_layout *l, int text_h, int title)
{
    struct ui_rect t = l->timeline;
    static const int widths[UI_TL_CONTROLS] = { 30, 30, 30, 30, 48 };
    int h = ui_layout_px(l, 24), gap = ui_layout_px(l, 4), x = t.x + t.w - l->pad;
    for (int i = UI_TL_CONTROLS - 1; i >= 0; i--) {
        x -= ui_layout_px(l, widths[i]);
        l->tl_controls[i] = rect(x, t.y + (title - h) / 2, ui_layout_px(l, widths[i]), h);
        x -= i == UI_TL_CTL_LIVE || i == UI_TL_CTL_BACK ? 2 * gap : gap;
    }
    int axis_h = text_h + ui_layout_px(l, 4), labels_w = ui_layout_px(l, 110);
    int lanes_h = t.h - title - axis_h - l->pad / 2;
    l->lane_h = l->nlanes ? lanes_h / (int)l->nlanes : 0;
    if (l->lane_h > ui_layout_px(l, 20))
        l->lane_h = ui_layout_px(l, 20);
    int y = t.y + title;
    l->tl_labels = rect(t.x + l->pad, y, labels_w, l->lane_h * (int)l->nlanes);
    l->tl_track = rect(t.x + l->pad + labels_w, y, t.w - 2 * l->pad - labels_w, l->lane_h * (int)l->nlanes);
    l->tl_axis = rect(l->tl_track.x, y + l->tl_track.h, l->tl_track.w, axis_h);
}

/* Heights of the process table and the timeline in a column of height h. */
static void right_heights(struct ui_layout *l, const struct ui_layout_input *in, int h, int *procs_h, int *tl_h)
{
    int title = in->text_h + 2 * l->pad;
    bool middle = in->cpu || shown(l, UI_PANEL_MEMORY) || shown(l, UI_PANEL_CONSOLE);
    *procs_h = *tl_h = 0;
    if (shown(l, UI_PANEL_PROCS)) {
        *procs_h = title + (int)(l->proc_rows + 1) * l->row_h + l->pad;
        if (*procs_h > h / 3 && (middle || shown(l, UI_PANEL_TIMELINE)))
            *procs_h = h / 3;
    }
    if (shown(l, UI_PANEL_TIMELINE)) {
        *tl_h = title + (int)l->nlanes * ui_layout_px(l, 20) + in->text_h + ui_layout_px(l, 4) + l->pad;
        if (*tl_h > h * 2 / 5 && middle)
            *tl_h = h * 2 / 5;
    }
    int rest = h - *procs_h - *tl_h - (*procs_h ? l->pad : 0) - (*tl_h ? l->pad : 0);
    if (!middle && rest > 0 && shown(l, UI_PANEL_TIMELINE))
        *tl_h += rest;
    else if (!middle && rest > 0 && shown(l, UI_PANEL_PROCS))
        *procs_h += rest;
}

/* The right column: the process table sized to its rows; memory view and console side by side;
 * the timeline at the bottom. Collapsed panels give their room to the others. */
static void layout_right(struct ui_layout *l, const struct ui_layout_input *in, int x, int y, int w, int h)
{
    int title = in->text_h + 2 * l->pad, procs_h, tl_h;
    l->proc_rows = in->procs ? clip(in->procs, UI_MAX_ROWS) : 1;
    l->nlanes = 1 + clip(in->procs, UI_MAX_LANES - 1);
    right_heights(l, in, h, &procs_h, &tl_h);
    l->procs = rect(x, y, w, procs_h);
    layout_rows(l, title);
    l->timeline = rect(x, y + h - tl_h, w, tl_h);
    if (tl_h)
        layout_timeline(l, in->text_h, title);
    int my = y + (procs_h ? procs_h + l->pad : 0), mh = h - (my - y) - (tl_h ? tl_h + l->pad : 0);
    if (in->cpu) {                  /* stepping instructions: the CPU takes the middle row */
        l->cpu = rect(x, my, w, mh);
        return;
    }
    bool mem = shown(l, UI_PANEL_MEMORY), con = shown(l, UI_PANEL_CONSOLE);
    int mw = mem && con ? w * 52 / 100 : mem ? w : 0;
    if (mem) {
        l->memory_view = rect(x, my, mw, mh);
        l->memory_body = rect(x + l->pad, my + title, mw - 2 * l->pad, mh - title - l->pad);
    }
    if (con) {
        l->console = rect(x + (mem ? mw + l->pad : 0), my, w - (mem ? mw + l->pad : 0), mh);
        l->console_text = rect(l->console.x + l->pad, my + title, l->console.w - 2 * l->pad, mh - title - l->pad);
    }
}

/* The footer's panel toggles, from the left. */
static void layout_footer(struct ui_layout *l)
{
    static const int widths[UI_PANELS] = { 58, 84, 70, 74, 70 };
    int x = l->pad, h = l->footer.h - ui_layout_px(l, 8), gap = ui_layout_px(l, 6);
    for (int i = 0; i < UI_PANELS; i++) {
        l->panel_toggles[i] = rect(x, l->footer.y + (l->footer.h - h) / 2, ui_layout_px(l, widths[i]), h);
        x += ui_layout_px(l, widths[i]) + gap;
    }
}

void ui_layout_compute(struct ui_layout *l, const struct ui_layout_input *in)
{
    *l = (struct ui_layout){ .w = in->w, .h = in->h, .scale = in->scale > 0 ? in->scale : 1,
                             .hidden = in->hidden };
    l->pad = ui_layout_px(l, 12);
    l->row_h = in->text_h + ui_layout_px(l, 8);
    l->toolbar = rect(0, 0, in->w, ui_layout_px(l, 52));
    int footer_h = in->text_h + ui_layout_px(l, 14);
    l->footer = rect(0, in->h - footer_h, in->w, footer_h);
    layout_toolbar(l, in->paused);
    layout_footer(l);
    int top = l->toolbar.h + l->pad, body_h = l->footer.y - l->pad - top;
    int bw = in->w * 32 / 100;
    if (bw < ui_layout_px(l, 320))
        bw = ui_layout_px(l, 320);
    if (bw > ui_layout_px(l, 400))
        bw = ui_layout_px(l, 400);
    int rx = l->pad;
    if (shown(l, UI_PANEL_BOARD)) {
        l->board = rect(l->pad, top, bw, body_h);
        layout_board(l, in);
        rx = l->board.x + bw + l->pad;
    }
    layout_right(l, in, rx, top, in->w - rx - l->pad, body_h);
}

/* The timeline's controls and lanes under (x, y), or UI_HIT_NONE. */
static enum ui_control hit_timeline(const struct ui_layout *l, int x, int y, unsigned *index)
{
    if (!l->timeline.h)
        return UI_HIT_NONE;
    for (int i = 0; i < UI_TL_CONTROLS; i++)
        if (ui_rect_contains(l->tl_controls[i], x, y))
            return (enum ui_control)(UI_HIT_TL_ZOOM_OUT + i);
    if (ui_rect_contains(l->tl_track, x, y) && l->lane_h > 0) {
        *index = (unsigned)((y - l->tl_track.y) / l->lane_h);
        return UI_HIT_TL_TRACK;
    }
    return UI_HIT_NONE;
}

/* The board's buttons and pins under (x, y), or UI_HIT_NONE. */
static enum ui_control hit_board(const struct ui_layout *l, int x, int y, unsigned *index)
{
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
    return UI_HIT_NONE;
}

/* A row of the process table or a footer toggle under (x, y), or UI_HIT_NONE. */
static enum ui_control hit_lists(const struct ui_layout *l, int x, int y, unsigned *index)
{
    for (unsigned i = 0; i < l->proc_rows && i < UI_MAX_ROWS; i++)
        if (l->rows[i].h && ui_rect_contains(l->rows[i], x, y)) {
            *index = i;
            return UI_HIT_PROC_ROW;
        }
    for (unsigned i = 0; i < UI_PANELS; i++)
        if (ui_rect_contains(l->panel_toggles[i], x, y)) {
            *index = i;
            return UI_HIT_PANEL;
        }
    return UI_HIT_NONE;
}

enum ui_control ui_layout_hit(const struct ui_layout *l, int x, int y, unsigned *index)
{
    if (ui_rect_contains(l->pause, x, y))
        return UI_HIT_PAUSE;
    if (ui_rect_contains(l->step_insn, x, y))
        return UI_HIT_STEP_INSN;
    if (ui_rect_contains(l->step, x, y))
        return UI_HIT_STEP;
    if (ui_rect_contains(l->slower, x, y))
        return UI_HIT_SLOWER;
    if (ui_rect_contains(l->faster, x, y))
        return UI_HIT_FASTER;
    enum ui_control c = hit_board(l, x, y, index);
    if (c == UI_HIT_NONE)
        c = hit_lists(l, x, y, index);
    if (c == UI_HIT_NONE)
        c = hit_timeline(l, x, y, index);
    if (c == UI_HIT_NONE && ui_rect_contains(l->console, x, y))
        c = UI_HIT_CONSOLE;
    return c;
}

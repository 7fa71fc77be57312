/* The timeline: a strip of virtual time, one lane for the kernel and one per process. A lane
 * shows when its code ran (a bar), the system calls (ticks coloured by class), upcalls (green
 * triangles), alarms armed and fired (amber), context switches (white lines), faults (red),
 * restarts (green lines); the kernel lane its interrupts. Under the lanes, the time axis; over
 * them, where the mouse is, the event it points at in --strace's words. */
#include "sim/ui/draw/draw_internal.h"

#include <stdio.h>
#include <string.h>

const SDL_Color ui_draw_switch_color = { 0xf4, 0xf8, 0xff, 255 };
static const SDL_Color upcall_c = { 0x4c, 0xf0, 0x7a, 255 }, alarm_c = { 0xf2, 0xb8, 0x4b, 255 },
                       irq_c = { 0xb0, 0x9b, 0xff, 255 }, fault_c = { 0xff, 0x4d, 0x5e, 255 },
                       start_c = { 0x4c, 0xf0, 0x7a, 255 }, kernel_c = { 0x7a, 0x82, 0x8e, 255 };

/* The strip as drawn this frame: its window and lanes. */
struct strip {
    const struct frame *f;
    const struct ui_timeline *tl;
    uint64_t t0, t1, now;
    struct ui_rect track;
    int lane_h;
    unsigned nlanes;
    uint8_t lane_of[UI_TL_LANES];       /* timeline lane -> strip row + 1 (0: not shown) */
};

static int time_x(const struct strip *s, uint64_t t)
{
    if (t <= s->t0)
        return s->track.x;
    if (t >= s->t1)
        return s->track.x + s->track.w;
    return s->track.x + (int)((double)(t - s->t0) * s->track.w / (double)(s->t1 - s->t0));
}

/* Row r's rectangle in the track. */
static struct ui_rect lane_rect(const struct strip *s, unsigned row)
{
    return (struct ui_rect){ s->track.x, s->track.y + (int)row * s->lane_h, s->track.w, s->lane_h };
}

/* The bar of code running in a lane from a to b. */
static void draw_run(const struct strip *s, unsigned lane, uint64_t a, uint64_t b)
{
    if (lane >= UI_TL_LANES || !s->lane_of[lane] || b <= a)
        return;
    struct ui_rect lr = lane_rect(s, s->lane_of[lane] - 1u);
    int x0 = time_x(s, a), x1 = time_x(s, b);
    SDL_Color c = lane == UI_TL_KERNEL ? kernel_c : ui_draw_proc_color(lane - 1u);
    ui_gfx_fill(s->f->r, (struct ui_rect){ x0, lr.y + lr.h * 2 / 5, x1 - x0 > 1 ? x1 - x0 : 1, lr.h * 2 / 5 }, c);
}

/* The bars: who ran when, from the running lane at t0 through every RUN/IDLE in the window. */
static void draw_runs(const struct strip *s)
{
    unsigned lane = ui_tl_running_at(s->tl, s->t0);
    uint64_t from = s->t0, end = s->now < s->t1 ? s->now : s->t1;
    for (uint64_t k = ui_tl_find(s->tl, s->t0); k < s->tl->total; k++) {
        const struct ui_tl_event *e = ui_tl_get(s->tl, k);
        if (e->t_ns >= end)
            break;
        if (e->kind != UI_TL_RUN && e->kind != UI_TL_IDLE)
            continue;
        draw_run(s, lane, from, e->t_ns);
        lane = e->kind == UI_TL_IDLE ? UI_TL_LANES : e->lane;
        from = e->t_ns;
    }
    draw_run(s, lane, from, end);
}

/* One marker at x in lane rectangle lr. */
static void draw_marker(const struct strip *s, const struct ui_tl_event *e, struct ui_rect lr, int x)
{
    SDL_Renderer *r = s->f->r;
    int w = px(s->f, 1) > 0 ? px(s->f, 1) : 1, tri = lr.h / 4;
    switch (e->kind) {
    case UI_TL_SYSCALL:
        ui_gfx_fill(r, (struct ui_rect){ x, lr.y + 3, w, lr.h * 2 / 5 - 3 }, ui_draw_class_color(e->cls));
        break;
    case UI_TL_UPCALL:
        ui_gfx_triangle(r, (SDL_FPoint){ (float)(x - tri), (float)(lr.y + lr.h - tri - 1) },
                        (SDL_FPoint){ (float)(x + tri), (float)(lr.y + lr.h - tri - 1) },
                        (SDL_FPoint){ (float)x, (float)(lr.y + lr.h - 1) }, upcall_c);
        break;
    case UI_TL_ALARM_SET:
        ui_gfx_fill(r, (struct ui_rect){ x - 1, lr.y + lr.h - tri - 1, 3, tri }, alarm_c);
        break;
    case UI_TL_ALARM_FIRED: ui_gfx_disc(r, (float)x, (float)(lr.y + lr.h - tri), tri / 1.5f, alarm_c); break;
    case UI_TL_IRQ: ui_gfx_fill(r, (struct ui_rect){ x, lr.y + 3, w, lr.h - 6 }, irq_c); break;
    case UI_TL_SWITCH: ui_gfx_fill(r, (struct ui_rect){ x, lr.y, 2 * w, lr.h }, ui_draw_switch_color); break;
    case UI_TL_FAULT: ui_gfx_fill(r, (struct ui_rect){ x - w, lr.y, 3 * w, lr.h }, fault_c); break;
    case UI_TL_START: ui_gfx_fill(r, (struct ui_rect){ x, lr.y + lr.h / 4, 2 * w, lr.h / 2 }, start_c); break;
    default: break;
    }
}

/* Every marker in the window; one per lane, kind and pixel column (a zoomed-out strip would
 * otherwise draw thousands on the same pixel). Switches and faults come last, on top. */
static void draw_markers(const struct strip *s, bool top)
{
    int last[UI_TL_LANES][UI_TL_KINDS];
    memset(last, 0xff, sizeof(last));
    for (uint64_t k = ui_tl_find(s->tl, s->t0); k < s->tl->total; k++) {
        const struct ui_tl_event *e = ui_tl_get(s->tl, k);
        if (e->t_ns >= s->t1)
            break;
        bool on_top = e->kind == UI_TL_SWITCH || e->kind == UI_TL_FAULT || e->kind == UI_TL_START;
        if (on_top != top || e->lane >= UI_TL_LANES || !s->lane_of[e->lane] || e->kind >= UI_TL_KINDS)
            continue;
        int x = time_x(s, e->t_ns);
        if (last[e->lane][e->kind] == x)
            continue;
        last[e->lane][e->kind] = x;
        draw_marker(s, e, lane_rect(s, s->lane_of[e->lane] - 1u), x);
    }
}

/* ---- axis, labels, hover ------------------------------------------------------------------- */

/* The smallest 1-2-5 step giving at most n ticks across span. */
static uint64_t tick_step(uint64_t span, int n)
{
    uint64_t want = span / (uint64_t)(n > 0 ? n : 1), step = 1;
    while (step * 10 <= want)
        step *= 10;
    return want <= step ? step : want <= 2 * step ? 2 * step : want <= 5 * step ? 5 * step : 10 * step;
}

/* "1.250 s", "12.5 ms", "340 µs": a tick's time, as precise as the step needs. */
static void time_label(uint64_t t, uint64_t step, char *buf, size_t n)
{
    if (step >= 100000000ull)
        snprintf(buf, n, "%.1f s", (double)t / 1e9);
    else if (step >= 1000000ull)
        snprintf(buf, n, "%.3f s", (double)t / 1e9);
    else if (step >= 1000ull)
        snprintf(buf, n, "%.3f ms", (double)t / 1e6);
    else
        snprintf(buf, n, "%.3f \u00b5s", (double)t / 1e3);
}

static void draw_axis(const struct strip *s)
{
    const struct frame *f = s->f;
    struct ui_rect ax = f->l->tl_axis;
    uint64_t step = tick_step(s->t1 - s->t0, s->track.w / px(f, 90) > 0 ? s->track.w / px(f, 90) : 1);
    for (uint64_t t = (s->t0 + step - 1) / step * step; t < s->t1; t += step) {
        int x = time_x(s, t);
        ui_gfx_fill(f->r, (struct ui_rect){ x, s->track.y, 1, s->track.h }, (SDL_Color){ 255, 255, 255, 18 });
        ui_gfx_fill(f->r, (struct ui_rect){ x, ax.y, 1, px(f, 4) }, dim);
        char buf[32];
        time_label(t, step, buf, sizeof(buf));
        int w = ui_text_width(f->t, UI_FONT_SANS, buf);
        if (x + px(f, 3) + w <= ax.x + ax.w)
            ui_text_draw(f->t, UI_FONT_SANS, x + px(f, 3), ax.y + px(f, 2), buf, dim, 0);
    }
    if (s->now > s->t0 && s->now < s->t1)           /* the present, early in a run */
        ui_gfx_fill(f->r, (struct ui_rect){ time_x(s, s->now), s->track.y, px(f, 1), s->track.h }, accent);
}

/* Lane names, each with its colour, and the lane backgrounds. */
static void draw_lanes(const struct strip *s)
{
    const struct frame *f = s->f;
    struct ui_rect lab = f->l->tl_labels;
    const struct ui_procs *t = &f->v->procs;
    for (unsigned row = 0; row < s->nlanes; row++) {
        struct ui_rect lr = lane_rect(s, row);
        ui_gfx_fill(f->r, (struct ui_rect){ lab.x, lr.y, lab.w + lr.w, lr.h }, row % 2 ? panel : stripe);
        const char *name = row == 0 ? "kernel" : t->rows[row - 1].name;
        SDL_Color c = row == 0 ? kernel_c : ui_draw_proc_color(t->rows[row - 1].slot);
        int d = px(f, 8), ty = lr.y + (lr.h - ui_text_height(f->t, UI_FONT_SANS)) / 2;
        ui_gfx_disc(f->r, lab.x + px(f, 6), lr.y + lr.h / 2.0f, d / 2.0f, c);
        ui_text_draw(f->t, UI_FONT_SANS, lab.x + px(f, 14), ty, name[0] ? name : "?", text, lab.w - px(f, 18));
    }
}

/* Where the mouse points in the track: a line there, and the nearest event in words. */
static void draw_hover(const struct strip *s)
{
    const struct frame *f = s->f;
    int mx = f->v->mouse_x, my = f->v->mouse_y;
    if (!ui_rect_contains(s->track, mx, my) || !s->lane_h)
        return;
    unsigned row = (unsigned)((my - s->track.y) / s->lane_h);
    double ns_per_px = (double)(s->t1 - s->t0) / s->track.w;
    uint64_t t = s->t0 + (uint64_t)((mx - s->track.x) * ns_per_px);
    unsigned lane = row == 0 ? UI_TL_KERNEL : f->v->procs.rows[row - 1].slot + 1u;
    uint64_t k = row < s->nlanes ? ui_tl_nearest(s->tl, lane, t, (uint64_t)(4 * ns_per_px) + 1) : UINT64_MAX;
    char buf[320];
    if (k == UINT64_MAX) {
        snprintf(buf, sizeof(buf), "%.6f s", (double)t / 1e9);
    } else {
        const struct ui_tl_event *e = ui_tl_get(s->tl, k);
        ui_tl_describe(e, row ? f->v->procs.rows[row - 1].name : "kernel", &f->v->strace.drivers, buf, sizeof(buf));
    }
    ui_gfx_fill(f->r, (struct ui_rect){ mx, s->track.y, 1, s->track.h }, (SDL_Color){ 255, 255, 255, 90 });
    int w = ui_text_width(f->t, UI_FONT_MONO, buf) + px(f, 12), h = ui_text_height(f->t, UI_FONT_MONO) + px(f, 6);
    int x = mx + px(f, 12) + w > f->l->w ? mx - px(f, 12) - w : mx + px(f, 12), y = my - h - px(f, 6);
    x = x < 0 ? 0 : x;
    ui_gfx_frame(f->r, (struct ui_rect){ x, y, w, h }, px(f, 4), 1, (SDL_Color){ 0x10, 0x12, 0x16, 240 }, accent);
    ui_text_draw(f->t, UI_FONT_MONO, x + px(f, 6), y + px(f, 3), buf, text, 0);
}

/* ---- the panel ---------------------------------------------------------------------------- */

static void draw_controls(const struct frame *f)
{
    static const char *const labels[UI_TL_CONTROLS] = { "\u2013", "+", "\u25c0", "\u25b6", "Live" };
    for (int i = 0; i < UI_TL_CONTROLS; i++)
        ui_draw_push_button(f, f->l->tl_controls[i], labels[i], i == UI_TL_CTL_LIVE && f->v->tl.follow);
}

/* The title's subtitle (span and scale) and, as far as they fit, the colours' legend. */
static void draw_title(const struct frame *f, const struct strip *s)
{
    char span[32], sub[96];
    ui_tl_span_label(f->v->tl.span_ns, span, sizeof(span));
    snprintf(sub, sizeof(sub), "%s across%s", span, f->v->tl.follow ? "" : " \u00b7 scrolled back");
    ui_draw_panel_box(f, f->l->timeline, "Timeline", sub);
    static const char *const names[] = { "yield", "subscribe", "command", "allow", "memop", "exit", "upcall",
                                         "alarm", "irq", "switch", "fault" };
    const SDL_Color colors[] = { ui_draw_class_color(0), ui_draw_class_color(1), ui_draw_class_color(2),
                                 ui_draw_class_color(3), ui_draw_class_color(5), ui_draw_class_color(6), upcall_c,
                                 alarm_c, irq_c, ui_draw_switch_color, fault_c };
    int x = f->l->timeline.x + f->l->pad + ui_text_width(f->t, UI_FONT_BOLD, "Timeline") + px(f, 10) +
            ui_text_width(f->t, UI_FONT_SANS, sub) + px(f, 18), y = f->l->timeline.y + f->l->pad;
    int end = f->l->tl_controls[0].x - px(f, 8), sw = px(f, 8);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        int w = sw + px(f, 4) + ui_text_width(f->t, UI_FONT_SANS, names[i]);
        if (x + w > end)
            break;
        ui_gfx_fill(f->r, (struct ui_rect){ x, y + (ui_text_height(f->t, UI_FONT_SANS) - sw) / 2, sw, sw }, colors[i]);
        ui_text_draw(f->t, UI_FONT_SANS, x + sw + px(f, 4), y, names[i], dim, 0);
        x += w + px(f, 10);
    }
    (void)s;
}

void ui_draw_timeline(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    struct strip s = { .f = f, .tl = &f->v->tl, .now = ui_view_now_ns(f->v), .track = l->tl_track,
                       .lane_h = l->lane_h, .nlanes = l->nlanes };
    ui_tl_window(s.tl, s.now, &s.t0, &s.t1);
    for (unsigned row = 1; row < s.nlanes && row - 1 < f->v->procs.n; row++)
        if (f->v->procs.rows[row - 1].slot + 1u < UI_TL_LANES)
            s.lane_of[f->v->procs.rows[row - 1].slot + 1u] = (uint8_t)(row + 1);
    s.lane_of[UI_TL_KERNEL] = 1;
    draw_title(f, &s);
    draw_controls(f);
    if (!s.lane_h || s.track.w <= 0)
        return;
    draw_lanes(&s);
    SDL_Rect clip = { s.track.x, s.track.y, s.track.w, s.track.h };
    SDL_RenderSetClipRect(f->r, &clip);
    draw_runs(&s);
    draw_markers(&s, false);
    draw_markers(&s, true);
    SDL_RenderSetClipRect(f->r, NULL);
    draw_axis(&s);
    draw_hover(&s);
}

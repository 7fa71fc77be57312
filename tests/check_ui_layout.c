/* Unit tests: the window's layout at different sizes and scales, and hit testing. */
#include <check.h>
#include <string.h>
#include <stdlib.h>

#include "sim/ui/layout.h"
#include "sim/ui/window/window.h"

static struct ui_layout_input cm4_input(int w, int h, float scale)
{
    return (struct ui_layout_input){ .w = w, .h = h, .scale = scale, .leds = 2, .buttons = 2,
                                     .pins = 32, .procs = 4, .text_h = (int)(17 * scale) };
}

static bool inside(struct ui_rect in, struct ui_rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

static bool disjoint(struct ui_rect a, struct ui_rect b)
{
    return a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
}

static void check_sane(const struct ui_layout *l)
{
    struct ui_rect win = { 0, 0, l->w, l->h };
    struct ui_rect panels[] = { l->toolbar, l->board, l->procs, l->console, l->footer, l->memory_view, l->timeline };
    for (int i = 0; i < 7; i++) {
        ck_assert_msg(inside(panels[i], win), "panel %d outside the window", i);
        for (int j = i + 1; j < 7; j++)
            ck_assert_msg(panels[i].h == 0 || panels[j].h == 0 || disjoint(panels[i], panels[j]),
                          "panels %d and %d overlap", i, j);
    }
    for (unsigned i = 0; i < l->proc_rows; i++)
        ck_assert_msg(l->rows[i].h == 0 || inside(l->rows[i], l->procs), "row %u outside the table", i);
    if (l->timeline.h) {
        ck_assert(inside(l->tl_track, l->timeline));
        ck_assert(inside(l->tl_axis, l->timeline));
        for (int i = 0; i < UI_TL_CONTROLS; i++)
            ck_assert(inside(l->tl_controls[i], l->timeline));
        ck_assert_int_gt(l->lane_h, 0);
    }
    for (int i = 0; i < UI_PANELS; i++)
        ck_assert(inside(l->panel_toggles[i], l->footer));
    struct ui_rect controls[] = { l->pause, l->step, l->slower, l->speed, l->faster };
    for (int i = 0; i < 5; i++) {
        ck_assert(inside(controls[i], l->toolbar));
        ck_assert(i == 0 || disjoint(controls[i - 1], controls[i]));
    }
    ck_assert(!l->console.h || inside(l->console_text, l->console));
    ck_assert(!l->memory_view.h || inside(l->memory_body, l->memory_view));
    if (!l->board.h)
        return;                             /* collapsed: no LEDs, buttons or pins */
    ck_assert_uint_eq(l->nleds, 2);
    ck_assert_uint_eq(l->npins, 32);
    for (unsigned i = 0; i < l->npins; i++)
        ck_assert_msg(inside(l->pins[i], l->board), "pin %u outside the board panel", i);
    for (unsigned i = 0; i < l->nbuttons; i++)
        ck_assert(inside(l->buttons[i], l->board));
    ck_assert(l->memory.h == 0 || disjoint(l->memory, l->pins[31]));
}

START_TEST(test_default_small_and_large_windows_are_sane)
{
    struct ui_layout l;
    int sizes[][2] = { { 1100, 720 }, { 800, 560 }, { 1920, 1080 } };
    for (int i = 0; i < 3; i++) {
        struct ui_layout_input in = cm4_input(sizes[i][0], sizes[i][1], 1);
        ui_layout_compute(&l, &in);
        check_sane(&l);
    }
    ck_assert_int_gt(l.memory.h, 0);            /* a tall window has room for the memory map */
}
END_TEST

START_TEST(test_hidpi_is_the_same_picture_scaled)
{
    struct ui_layout a, b;
    struct ui_layout_input in1 = cm4_input(1100, 720, 1), in2 = cm4_input(2200, 1440, 2);
    ui_layout_compute(&a, &in1);
    ui_layout_compute(&b, &in2);
    check_sane(&b);
    struct ui_rect ra[] = { a.pause, a.faster, a.board, a.console, a.leds[1], a.buttons[1], a.pins[31] };
    struct ui_rect rb[] = { b.pause, b.faster, b.board, b.console, b.leds[1], b.buttons[1], b.pins[31] };
    for (int i = 0; i < 7; i++) {
        ck_assert_msg(abs(rb[i].x - 2 * ra[i].x) <= 3 && abs(rb[i].y - 2 * ra[i].y) <= 3, "rect %d moved", i);
        ck_assert_msg(abs(rb[i].w - 2 * ra[i].w) <= 3 && abs(rb[i].h - 2 * ra[i].h) <= 3, "rect %d resized", i);
    }
}
END_TEST

START_TEST(test_hits)
{
    struct ui_layout l;
    struct ui_layout_input in = cm4_input(1100, 720, 1);
    ui_layout_compute(&l, &in);
    unsigned idx = 99;
    struct ui_rect b = l.buttons[1], p = l.pins[17];
    ck_assert_int_eq(ui_layout_hit(&l, b.x + b.w / 2, b.y + b.h / 2, &idx), UI_HIT_BUTTON);
    ck_assert_uint_eq(idx, 1);
    ck_assert_int_eq(ui_layout_hit(&l, p.x + p.w / 2, p.y + p.h / 2, &idx), UI_HIT_PIN);
    ck_assert_uint_eq(idx, 17);
    ck_assert_int_eq(ui_layout_hit(&l, p.x - 2, p.y - 2, &idx), UI_HIT_PIN);   /* just beside */
    ck_assert_int_eq(ui_layout_hit(&l, l.pause.x + 1, l.pause.y + 1, &idx), UI_HIT_PAUSE);
    ck_assert_int_eq(ui_layout_hit(&l, l.step.x + 1, l.step.y + 1, &idx), UI_HIT_STEP);
    ck_assert_int_eq(ui_layout_hit(&l, l.slower.x + 1, l.slower.y + 1, &idx), UI_HIT_SLOWER);
    ck_assert_int_eq(ui_layout_hit(&l, l.faster.x + 1, l.faster.y + 1, &idx), UI_HIT_FASTER);
    ck_assert_int_eq(ui_layout_hit(&l, l.console.x + 5, l.console.y + 5, &idx), UI_HIT_CONSOLE);
    ck_assert_int_eq(ui_layout_hit(&l, l.speed.x + 2, l.speed.y + 2, &idx), UI_HIT_NONE);
    ck_assert_int_eq(ui_layout_hit(&l, 0, l.h - 1, &idx), UI_HIT_NONE);
    struct ui_rect r = l.rows[2];
    ck_assert_int_eq(ui_layout_hit(&l, r.x + 5, r.y + r.h / 2, &idx), UI_HIT_PROC_ROW);
    ck_assert_uint_eq(idx, 2);
    r = l.panel_toggles[UI_PANEL_MEMORY];
    ck_assert_int_eq(ui_layout_hit(&l, r.x + 2, r.y + 2, &idx), UI_HIT_PANEL);
    ck_assert_uint_eq(idx, UI_PANEL_MEMORY);
    r = l.tl_controls[UI_TL_CTL_BACK];
    ck_assert_int_eq(ui_layout_hit(&l, r.x + 2, r.y + 2, &idx), UI_HIT_TL_BACK);
    r = l.tl_controls[UI_TL_CTL_LIVE];
    ck_assert_int_eq(ui_layout_hit(&l, r.x + 2, r.y + 2, &idx), UI_HIT_TL_LIVE);
    ck_assert_int_eq(ui_layout_hit(&l, l.tl_track.x + 10, l.tl_track.y + l.lane_h + 1, &idx), UI_HIT_TL_TRACK);
    ck_assert_uint_eq(idx, 1);
}
END_TEST

/* "Step insn" is on the toolbar only while paused (the running layout is as it was: pictures
 * keep their bytes); the CPU panel takes the memory view's and the console's row. */
START_TEST(test_step_insn_and_cpu_panel)
{
    struct ui_layout run, paused, cpu;
    struct ui_layout_input in = cm4_input(1100, 720, 1);
    ui_layout_compute(&run, &in);
    ck_assert_int_eq(run.step_insn.w, 0);
    ck_assert_int_eq(run.cpu.h, 0);
    in.paused = true;
    ui_layout_compute(&paused, &in);
    unsigned idx;
    struct ui_rect b = paused.step_insn;
    ck_assert_int_gt(b.w, 0);
    ck_assert_int_lt(b.x + b.w, paused.pause.x);
    ck_assert_int_le(paused.time.x + paused.time.w, b.x);
    ck_assert_int_eq(ui_layout_hit(&paused, b.x + 2, b.y + 2, &idx), UI_HIT_STEP_INSN);
    ck_assert_int_eq(ui_layout_hit(&run, b.x + 2, b.y + 2, &idx), UI_HIT_NONE);
    ck_assert_int_eq(memcmp(&run.board, &paused.board, sizeof(run.board)), 0);
    in.cpu = true;
    ui_layout_compute(&cpu, &in);
    ck_assert_int_eq(cpu.memory_view.h, 0);
    ck_assert_int_eq(cpu.console.h, 0);
    ck_assert_int_eq(cpu.cpu.x, run.memory_view.x);
    ck_assert_int_eq(cpu.cpu.y, run.memory_view.y);
    ck_assert_int_eq(cpu.cpu.x + cpu.cpu.w, run.console.x + run.console.w);
    ck_assert_int_eq(cpu.cpu.h, run.memory_view.h);
}
END_TEST

/* Every panel but the toolbar and footer collapses; the others take its room. */
START_TEST(test_collapsed_panels_give_room)
{
    struct ui_layout all, l;
    struct ui_layout_input in = cm4_input(1100, 720, 1);
    ui_layout_compute(&all, &in);
    ck_assert_int_gt(all.memory_view.h, 0);
    ck_assert_int_gt(all.timeline.h, 0);
    ck_assert_uint_eq(all.nlanes, 5);                       /* the kernel and 4 processes */
    for (unsigned mask = 1; mask < (1u << UI_PANELS); mask++) {
        in.hidden = mask;
        ui_layout_compute(&l, &in);
        check_sane(&l);
        struct ui_rect p[UI_PANELS] = { l.board, l.procs, l.memory_view, l.timeline, l.console };
        for (int i = 0; i < UI_PANELS; i++)
            ck_assert_msg((p[i].h == 0) == ((mask >> i) & 1), "panel %d with mask %u", i, mask);
    }
    in.hidden = 1u << UI_PANEL_BOARD;
    ui_layout_compute(&l, &in);
    ck_assert_int_gt(l.procs.w, all.procs.w);               /* the board's room */
    in.hidden = 1u << UI_PANEL_MEMORY;
    ui_layout_compute(&l, &in);
    ck_assert_int_eq(l.console.w, all.procs.w);             /* the console takes the whole width */
    ck_assert_uint_eq(ui_panel_bit("timeline"), 1u << UI_PANEL_TIMELINE);
    ck_assert_uint_eq(ui_panel_bit("nonsense"), 0);
}
END_TEST

START_TEST(test_counts_are_clipped)
{
    struct ui_layout l;
    struct ui_layout_input in = cm4_input(1100, 720, 1);
    in.leds = 100;
    in.buttons = 20;
    in.pins = 64;
    ui_layout_compute(&l, &in);
    ck_assert_uint_eq(l.nleds, UI_MAX_LEDS);
    ck_assert_uint_eq(l.nbuttons, UI_MAX_BUTTONS);
    ck_assert_uint_eq(l.npins, UI_MAX_PINS);
}
END_TEST

Suite *ui_layout_suite(void)
{
    Suite *s = suite_create("ui_layout");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_default_small_and_large_windows_are_sane);
    tcase_add_test(tc, test_hidpi_is_the_same_picture_scaled);
    tcase_add_test(tc, test_hits);
    tcase_add_test(tc, test_step_insn_and_cpu_panel);
    tcase_add_test(tc, test_counts_are_clipped);
    tcase_add_test(tc, test_collapsed_panels_give_room);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests: the network view's state without SDL (sim/ui/net.c): positions scaled to fit, a
 * click's node, dragging through the move callback, frames kept, faded and coloured. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "sim/ui/net.h"

static struct ui_net *grid(void)
{
    static const double pos[3][2] = { { 0, 0 }, { 40, 0 }, { 40, 20 } };
    struct ui_net *net = ui_net_new(3);
    for (int i = 0; i < 3; i++)
        ui_net_event(net, &(struct net_event){ .kind = NET_EV_POSITION, .node = i, .x = pos[i][0], .y = pos[i][1] });
    return net;
}

START_TEST(fit_keeps_aspect_and_centres)
{
    struct ui_net *net = grid();
    struct ui_rect area = { 100, 50, 1000, 600 };
    struct ui_net_xform xf = ui_net_fit(net, area, 50);
    ck_assert_double_eq_tol(xf.scale, 900.0 / 40, 1e-9);     /* x decides: 900 px for 40 m */
    float x, y;
    ui_net_to_screen(&xf, 0, 0, &x, &y);
    ck_assert_float_eq_tol(x, 150, 1e-3);                    /* the pad from the left */
    ck_assert_float_eq_tol(y, 350 + 10 * 22.5f, 1e-3);      /* centred: y = 10 m at the middle */
    ui_net_to_screen(&xf, 40, 20, &x, &y);
    ck_assert_float_eq_tol(x, 1050, 1e-3);
    ck_assert_float_eq_tol(y, 350 - 10 * 22.5f, 1e-3);      /* y grows upwards */
    double wx, wy;
    ui_net_to_world(&xf, x, y, &wx, &wy);
    ck_assert_double_eq_tol(wx, 40, 1e-3);
    ck_assert_double_eq_tol(wy, 20, 1e-3);
    ui_net_free(net);
}
END_TEST

START_TEST(fit_a_lone_node)
{
    struct ui_net *net = ui_net_new(1);
    struct ui_net_xform xf = ui_net_fit(net, (struct ui_rect){ 0, 0, 500, 300 }, 0);
    ck_assert_double_eq_tol(xf.scale, 3.0, 1e-9);           /* 100 m across the shorter side */
    float x, y;
    ui_net_to_screen(&xf, 0, 0, &x, &y);
    ck_assert_float_eq_tol(x, 250, 1e-3);
    ck_assert_float_eq_tol(y, 150, 1e-3);
    ui_net_free(net);
}
END_TEST

START_TEST(scale_bar_is_round)
{
    struct ui_net_xform xf = { 22.5, 0, 0 };
    int len;
    ck_assert_double_eq(ui_net_scale_bar(&xf, 275, &len), 10);    /* 12.2 m fit: 10 m */
    ck_assert_int_eq(len, 225);
    ck_assert_double_eq(ui_net_scale_bar(&xf, 500, &len), 20);    /* 22.2 m: 20 m */
    xf.scale = 0.5;
    ck_assert_double_eq(ui_net_scale_bar(&xf, 300, &len), 500);   /* 600 m: 500 m */
    ck_assert_int_eq(len, 250);
}
END_TEST

START_TEST(hit_finds_the_nearest_node)
{
    struct ui_net *net = grid();
    struct ui_net_xform xf = ui_net_fit(net, (struct ui_rect){ 100, 50, 1000, 600 }, 50);
    ck_assert_int_eq(ui_net_hit(net, &xf, 1050, 125, 11), 2);
    ck_assert_int_eq(ui_net_hit(net, &xf, 1057, 132, 11), 2);     /* within the disc (9.9 px) */
    ck_assert_int_eq(ui_net_hit(net, &xf, 1062, 137, 11), -1);    /* just outside (17 px) */
    ck_assert_int_eq(ui_net_hit(net, &xf, 152, 572, 11), 0);
    ck_assert_int_eq(ui_net_hit(net, &xf, 600, 300, 11), -1);
    ui_net_free(net);
}
END_TEST

struct moves { int node, n; double x, y; };

static void record_move(void *ctx, int node, double x, double y)
{
    struct moves *m = ctx;
    m->node = node;
    m->x = x;
    m->y = y;
    m->n++;
}

START_TEST(click_selects_drag_moves)
{
    struct ui_net *net = grid();
    struct moves mv = { -1, 0, 0, 0 };
    net->move = record_move;
    net->move_ctx = &mv;
    struct ui_net_xform xf = ui_net_fit(net, (struct ui_rect){ 100, 50, 1000, 600 }, 50);
    ck_assert(ui_net_press(net, &xf, 1051, 126, 11));
    ui_net_motion(net, &xf, 1053, 127);                         /* a jitter, not a drag */
    ui_net_release(net);
    ck_assert_int_eq(net->selected, 2);
    ck_assert_int_eq(mv.n, 0);
    net->selected = -1;
    ck_assert(ui_net_press(net, &xf, 150, 575, 11));
    ui_net_motion(net, &xf, 150 + 225, 575 - 225);              /* 10 m right, 10 m up */
    ui_net_release(net);
    ck_assert_int_eq(net->selected, -1);
    ck_assert_int_eq(mv.n, 1);
    ck_assert_int_eq(mv.node, 0);
    ck_assert_double_eq_tol(mv.x, 10, 1e-3);
    ck_assert_double_eq_tol(mv.y, 10, 1e-3);
    ck_assert(!ui_net_press(net, &xf, 600, 300, 11));           /* nothing there */
    ui_net_motion(net, &xf, 700, 300);
    ui_net_release(net);
    ck_assert_int_eq(mv.n, 1);
    ck_assert_int_eq(net->selected, -1);
    ui_net_free(net);
}
END_TEST

/* The drop callback hears a drag's end with the node's position then, and nothing of a click. */
START_TEST(drop_after_a_drag_only)
{
    struct ui_net *net = grid();
    struct moves drops = { -1, 0, 0, 0 };
    net->drop = record_move;
    net->move_ctx = &drops;
    struct ui_net_xform xf = ui_net_fit(net, (struct ui_rect){ 100, 50, 1000, 600 }, 50);
    ui_net_press(net, &xf, 1051, 126, 11);                      /* a click on node 2 */
    ui_net_release(net);
    ck_assert_int_eq(drops.n, 0);
    ui_net_press(net, &xf, 1050, 125, 11);                      /* a drag of node 2, no mover */
    ui_net_motion(net, &xf, 600, 350);
    ui_net_motion(net, &xf, 600 + 225, 350);
    ck_assert_int_eq(drops.n, 0);
    ui_net_release(net);
    ck_assert_int_eq(drops.n, 1);
    ck_assert_int_eq(drops.node, 2);
    ck_assert_double_eq_tol(drops.x, 30, 1e-3);
    ck_assert_double_eq_tol(drops.y, 10, 1e-3);
    ui_net_free(net);
}
END_TEST

START_TEST(drag_without_a_medium_moves_the_node)
{
    struct ui_net *net = grid();
    struct ui_net_xform xf = ui_net_fit(net, (struct ui_rect){ 100, 50, 1000, 600 }, 50);
    ui_net_press(net, &xf, 1050, 125, 11);
    ui_net_motion(net, &xf, 600, 350);
    ui_net_release(net);
    ck_assert_double_eq_tol(net->nodes[2].x, 20, 1e-3);
    ck_assert_double_eq_tol(net->nodes[2].y, 10, 1e-3);
    ui_net_free(net);
}
END_TEST

START_TEST(frames_fade_after_their_end)
{
    struct net_event e = { .kind = NET_EV_FRAME, .node = 0, .to = 1, .outcome = NET_DELIVERED,
                           .start_ns = 1000000, .end_ns = 2000000 };
    ck_assert_float_eq(ui_net_frame_alpha(&e, 999999), 0);
    ck_assert_float_eq(ui_net_frame_alpha(&e, 1000000), 1);
    ck_assert_float_eq(ui_net_frame_alpha(&e, 2000000), 1);
    ck_assert_float_eq_tol(ui_net_frame_alpha(&e, 2000000 + UI_NET_FADE_NS / 4), 0.75f, 1e-6);
    ck_assert_float_eq_tol(ui_net_frame_alpha(&e, 2000000 + UI_NET_FADE_NS / 2), 0.5f, 1e-6);
    ck_assert_float_eq(ui_net_frame_alpha(&e, 2000000 + UI_NET_FADE_NS), 0);
    ck_assert_float_eq(ui_net_frame_alpha(&e, UINT64_MAX), 0);
}
END_TEST

START_TEST(outcomes_have_distinct_colours)
{
    for (int a = 0; a < NET_OUTCOMES; a++) {
        ck_assert_str_ne(ui_net_outcome_name((enum net_outcome)a), "?");
        for (int b = a + 1; b < NET_OUTCOMES; b++) {
            struct ui_rgb x = ui_net_outcome_color((enum net_outcome)a), y = ui_net_outcome_color((enum net_outcome)b);
            ck_assert_msg(abs(x.r - y.r) + abs(x.g - y.g) + abs(x.b - y.b) > 60, "outcomes %d and %d look alike", a, b);
        }
    }
    struct ui_rgb ok = ui_net_outcome_color(NET_DELIVERED), bad = ui_net_outcome_color(NET_COLLIDED);
    ck_assert(ok.g > ok.r && bad.r > bad.g);                    /* delivered green, collided red */
}
END_TEST

START_TEST(frame_ring_keeps_the_latest)
{
    struct ui_net *net = grid();
    for (unsigned i = 0; i < UI_NET_FRAMES + 10; i++)
        ui_net_event(net, &(struct net_event){ .kind = NET_EV_FRAME, .node = 1, .to = -1, .outcome = NET_TX,
                                               .start_ns = i, .end_ns = i + 1, .t_ns = i });
    ui_net_event(net, &(struct net_event){ .kind = NET_EV_FRAME, .node = 7 });    /* no such node */
    ck_assert_uint_eq(net->count, UI_NET_FRAMES);
    ck_assert_uint_eq(ui_net_frame_at(net, 0)->start_ns, 10);
    ck_assert_uint_eq(ui_net_frame_at(net, UI_NET_FRAMES - 1)->start_ns, UI_NET_FRAMES + 9);
    ck_assert_uint_eq(net->now_ns, UI_NET_FRAMES + 9);
    ui_net_free(net);
}
END_TEST

Suite *ui_net_suite(void)
{
    Suite *s = suite_create("ui_net");
    TCase *tc = tcase_create("net");
    tcase_add_test(tc, fit_keeps_aspect_and_centres);
    tcase_add_test(tc, fit_a_lone_node);
    tcase_add_test(tc, scale_bar_is_round);
    tcase_add_test(tc, hit_finds_the_nearest_node);
    tcase_add_test(tc, click_selects_drag_moves);
    tcase_add_test(tc, drag_without_a_medium_moves_the_node);
    tcase_add_test(tc, drop_after_a_drag_only);
    tcase_add_test(tc, frames_fade_after_their_end);
    tcase_add_test(tc, outcomes_have_distinct_colours);
    tcase_add_test(tc, frame_ring_keeps_the_latest);
    suite_add_tcase(s, tc);
    return s;
}

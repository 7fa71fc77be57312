/* The network view's state and geometry (see net.h): no SDL, so it is tested on its own. */
#include "sim/ui/net.h"

#include <math.h>
#include <stdlib.h>

#define DRAG_THRESHOLD_PX 4
#define LONE_SPAN_M 100.0           /* the width shown around a single node */

struct ui_net *ui_net_new(int nnodes)
{
    struct ui_net *net = calloc(1, sizeof(*net));
    if (!net || !(net->nodes = calloc((size_t)(nnodes > 0 ? nnodes : 1), sizeof(*net->nodes)))) {
        free(net);
        return NULL;
    }
    net->n = nnodes;
    net->selected = net->pressed = -1;
    for (int i = 0; i < nnodes; i++)
        net->nodes[i].name = "?";
    return net;
}

void ui_net_free(struct ui_net *net)
{
    if (net)
        free(net->nodes);
    free(net);
}

void ui_net_set_node(struct ui_net *net, int i, const char *name, struct machine *m)
{
    net->nodes[i].name = name;
    net->nodes[i].m = m;
}

void ui_net_set_ranges(struct ui_net *net, double tx_m, double interference_m)
{
    net->tx_range = tx_m;
    net->interference_range = interference_m;
}

void ui_net_event(void *ctx, const struct net_event *e)
{
    struct ui_net *net = ctx;
    if (e->node < 0 || e->node >= net->n)
        return;
    if (e->kind == NET_EV_POSITION) {
        net->nodes[e->node].x = e->x;
        net->nodes[e->node].y = e->y;
        return;
    }
    net->frames[(net->head + net->count) % UI_NET_FRAMES] = *e;
    if (net->count < UI_NET_FRAMES)
        net->count++;
    else
        net->head = (net->head + 1) % UI_NET_FRAMES;
    net->now_ns = e->t_ns > net->now_ns ? e->t_ns : net->now_ns;
}

const struct net_event *ui_net_frame_at(const struct ui_net *net, size_t i)
{
    return &net->frames[(net->head + i) % UI_NET_FRAMES];
}

/* ---- geometry ------------------------------------------------------------------------------ */

struct ui_net_xform ui_net_fit(const struct ui_net *net, struct ui_rect area, int pad)
{
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    for (int i = 0; i < net->n; i++) {
        const struct ui_net_node *nd = &net->nodes[i];
        x0 = i == 0 || nd->x < x0 ? nd->x : x0;
        x1 = i == 0 || nd->x > x1 ? nd->x : x1;
        y0 = i == 0 || nd->y < y0 ? nd->y : y0;
        y1 = i == 0 || nd->y > y1 ? nd->y : y1;
    }
    double span_x = x1 - x0, span_y = y1 - y0;
    if (span_x < 1e-9 && span_y < 1e-9)
        span_x = span_y = LONE_SPAN_M;
    double w = area.w - 2 * pad, h = area.h - 2 * pad;
    w = w < 1 ? 1 : w;
    h = h < 1 ? 1 : h;
    double sx = span_x > 1e-9 ? w / span_x : INFINITY, sy = span_y > 1e-9 ? h / span_y : INFINITY;
    struct ui_net_xform xf;
    xf.scale = sx < sy ? sx : sy;
    xf.ox = area.x + area.w / 2.0 - (x0 + x1) / 2.0 * xf.scale;
    xf.oy = area.y + area.h / 2.0 + (y0 + y1) / 2.0 * xf.scale;
    return xf;
}

void ui_net_to_screen(const struct ui_net_xform *xf, double x, double y, float *px, float *py)
{
    *px = (float)(xf->ox + x * xf->scale);
    *py = (float)(xf->oy - y * xf->scale);
}

void ui_net_to_world(const struct ui_net_xform *xf, float px, float py, double *x, double *y)
{
    *x = (px - xf->ox) / xf->scale;
    *y = (xf->oy - py) / xf->scale;
}

int ui_net_hit(const struct ui_net *net, const struct ui_net_xform *xf, int px, int py, int radius_px)
{
    int best = -1;
    double best_d2 = (double)radius_px * radius_px;
    for (int i = 0; i < net->n; i++) {
        float nx, ny;
        ui_net_to_screen(xf, net->nodes[i].x, net->nodes[i].y, &nx, &ny);
        double dx = px - nx, dy = py - ny, d2 = dx * dx + dy * dy;
        if (d2 <= best_d2) {
            best = i;
            best_d2 = d2;
        }
    }
    return best;
}

double ui_net_scale_bar(const struct ui_net_xform *xf, int max_px, int *len_px)
{
    double most = max_px / xf->scale, unit = pow(10.0, floor(log10(most))), m = unit;
    if (5 * unit <= most)
        m = 5 * unit;
    else if (2 * unit <= most)
        m = 2 * unit;
    *len_px = (int)lround(m * xf->scale);
    return m;
}

/* ---- frames -------------------------------------------------------------------------------- */

float ui_net_frame_alpha(const struct net_event *e, uint64_t now_ns)
{
    if (now_ns < e->start_ns)
        return 0;
    if (now_ns <= e->end_ns)
        return 1;
    uint64_t after = now_ns - e->end_ns;
    return after >= UI_NET_FADE_NS ? 0 : 1.0f - (float)after / (float)UI_NET_FADE_NS;
}

struct ui_rgb ui_net_outcome_color(enum net_outcome o)
{
    static const struct ui_rgb c[NET_OUTCOMES] = {
        [NET_TX] = { 0x61, 0xaf, 0xef },        /* blue: on the air */
        [NET_DELIVERED] = { 0x4c, 0xf0, 0x7a }, /* green */
        [NET_COLLIDED] = { 0xef, 0x4f, 0x5a },  /* red */
        [NET_LOST] = { 0xe5, 0xc0, 0x7b },      /* amber */
        [NET_RANGE] = { 0x7a, 0x80, 0x8c },     /* grey: only interference */
        [NET_CORRUPT] = { 0xc6, 0x78, 0xdd },   /* purple */
        [NET_IGNORED] = { 0x56, 0xb6, 0xc2 },   /* teal: not listening */
    };
    return o < NET_OUTCOMES ? c[o] : c[NET_RANGE];
}

const char *ui_net_outcome_name(enum net_outcome o)
{
    static const char *const names[NET_OUTCOMES] = { "on air", "delivered", "collided", "lost",
                                                     "out of range", "bad FCS", "not listening" };
    return o < NET_OUTCOMES ? names[o] : "?";
}

/* ---- the mouse ----------------------------------------------------------------------------- */

bool ui_net_press(struct ui_net *net, const struct ui_net_xform *xf, int px, int py, int radius_px)
{
    net->pressed = ui_net_hit(net, xf, px, py, radius_px);
    net->dragged = false;
    net->press_x = px;
    net->press_y = py;
    return net->pressed >= 0;
}

void ui_net_motion(struct ui_net *net, const struct ui_net_xform *xf, int px, int py)
{
    if (net->pressed < 0)
        return;
    if (!net->dragged && abs(px - net->press_x) <= DRAG_THRESHOLD_PX && abs(py - net->press_y) <= DRAG_THRESHOLD_PX)
        return;
    net->dragged = true;
    double x, y;
    ui_net_to_world(xf, (float)px, (float)py, &x, &y);
    if (net->move)
        net->move(net->move_ctx, net->pressed, x, y);     /* the medium publishes the position */
    else
        ui_net_event(net, &(struct net_event){ .kind = NET_EV_POSITION, .node = net->pressed, .x = x, .y = y });
}

void ui_net_release(struct ui_net *net)
{
    if (net->pressed >= 0 && !net->dragged)
        net->selected = net->pressed;
    else if (net->pressed >= 0 && net->drop)
        net->drop(net->move_ctx, net->pressed, net->nodes[net->pressed].x, net->nodes[net->pressed].y);
    net->pressed = -1;
    net->dragged = false;
}

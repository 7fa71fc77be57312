/* The window's network view of a scenario's boards (doc/window.md, "Network view"): where the
 * nodes are, the model's ranges, the frames that flew recently and what became of them, which
 * node is selected or dragged. No SDL here: the layout (metres to pixels), hit testing, fading
 * and colours are unit-tested (tests/check_ui_net.c); sim/ui/draw/draw_net.c draws from it. */
#ifndef SIM_UI_NET_H
#define SIM_UI_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/core/netobs.h"
#include "sim/ui/layout.h"

#define UI_NET_FRAMES 1024          /* frame events kept (the oldest go first) */
#define UI_NET_FADE_NS 40000000ull  /* a frame's line fades out over 40 ms of virtual time */
#define UI_NET_NODE_R 11            /* a node's disc, logical pixels */

/* From metres to pixels: px = ox + x * scale, py = oy - y * scale (y grows upwards). */
struct ui_net_xform {
    double scale, ox, oy;
};

struct ui_net_node {
    const char *name;
    struct machine *m;
    double x, y;                    /* metres */
};

/* Moves a node in the medium (the window's drag), at the current virtual time. */
typedef void (*ui_net_move_fn)(void *ctx, int node, double x, double y);

struct ui_net {
    int n;
    struct ui_net_node *nodes;
    double tx_range, interference_range;    /* metres; 0: the model has no geometry */
    struct net_event frames[UI_NET_FRAMES]; /* a ring of NET_EV_FRAME events */
    size_t head, count;
    uint64_t now_ns;                        /* the latest time the view knows of */
    int selected;                           /* the node whose board is shown; -1: the network */
    int pressed;                            /* the node the mouse pressed on, or -1 */
    bool dragged;                           /* ... and has moved it since */
    int press_x, press_y;
    ui_net_move_fn move;
    ui_net_move_fn drop;                    /* a drag ended: the node's position then (optional) */
    void *move_ctx;                         /* for both */
    /* of the last frame drawn (sim/ui/draw/draw_net.c) */
    struct ui_layout layout;                /* its toolbar and footer, as the board window's */
    struct ui_rect map, plot;               /* the map panel, where nodes go in it (beside the legend) */
    struct ui_net_xform xf;                 /* kept while a node is dragged */
};

/* From metres to pixels: px = ox + x * scale, py = oy - y * scale (y grows upwards). */

struct ui_rgb {
    uint8_t r, g, b;
};

struct ui_net *ui_net_new(int nnodes);
void ui_net_free(struct ui_net *net);
/* Node i's name (kept, not copied) and machine (its LEDs; its board view on a click). */
void ui_net_set_node(struct ui_net *net, int i, const char *name, struct machine *m);
void ui_net_set_ranges(struct ui_net *net, double tx_m, double interference_m);
/* The medium's observer (net_observer_fn): positions and frames. */
void ui_net_event(void *ctx, const struct net_event *e);

/* Fits every node into area (physical pixels) with a margin of pad, the same scale on both axes,
 * centred; a single node (or all in one place) gets 100 m across. */
struct ui_net_xform ui_net_fit(const struct ui_net *net, struct ui_rect area, int pad);
void ui_net_to_screen(const struct ui_net_xform *xf, double x, double y, float *px, float *py);
void ui_net_to_world(const struct ui_net_xform *xf, float px, float py, double *x, double *y);
/* The node whose disc (radius_px) is under (px, py), the nearest if several; -1: none. */
int ui_net_hit(const struct ui_net *net, const struct ui_net_xform *xf, int px, int py, int radius_px);
/* The scale bar: a round length (1, 2 or 5 times a power of ten metres) at most max_px long. */
double ui_net_scale_bar(const struct ui_net_xform *xf, int max_px, int *len_px);

/* How visible frame event e is at now_ns: 1 while on the air and until its end, then fading
 * linearly to 0 over UI_NET_FADE_NS; 0 before it started. */
float ui_net_frame_alpha(const struct net_event *e, uint64_t now_ns);
/* The colour of an outcome (NET_TX: the on-air ring); its name for the legend. */
struct ui_rgb ui_net_outcome_color(enum net_outcome o);
const char *ui_net_outcome_name(enum net_outcome o);
/* The i-th kept frame event, oldest first (i < net->count). */
const struct net_event *ui_net_frame_at(const struct ui_net *net, size_t i);

/* The window's mouse on the network: a press on a node takes it (true); motion of more than a few
 * pixels drags it (moved through net->move, or here without one); the release lets go, and
 * selects the node (its board is shown) if it was not dragged, else tells net->drop. */
bool ui_net_press(struct ui_net *net, const struct ui_net_xform *xf, int px, int py, int radius_px);
void ui_net_motion(struct ui_net *net, const struct ui_net_xform *xf, int px, int py);
void ui_net_release(struct ui_net *net);

#endif

/* Glue from the command line and the scenarios to the window (see window.h): sim/ui/ does the
 * work; whether SDL2 can be loaded is decided at run time by sim/ui/loader.c. */
#include "sim/ui/glue.h"

#include <stdio.h>
#include <stdlib.h>

#include "sim/ui/net.h"
#include "sim/ui/window/window.h"

bool ui_glue_available(void) { return ui_available(); }

int ui_glue_run(struct machine *m, double speed, uint64_t until_ns)
{
    struct ui_options o = { .speed = speed, .until_ns = until_ns };
    return ui_run(m, &o);
}

bool ui_glue_attach(struct machine *m) { return ui_attach(m); }

void ui_glue_detach(struct machine *m) { ui_detach(m); }

bool ui_glue_screenshot(struct machine *m, const char *png, const struct ui_shot *shot, const char *ref,
                        double tolerance, char *msg, size_t n)
{
    static const struct ui_shot defaults;
    if (!ui_screenshot_with(m, png, shot ? shot : &defaults, msg, n))
        return false;
    return !ref || ui_screenshot_compare(png, ref, tolerance, UI_GLUE_CHANNEL_TOLERANCE, msg, n);
}

struct ui_net *ui_glue_net_new(int nnodes) { return ui_net_new(nnodes); }

void ui_glue_net_node(struct ui_net *net, int i, const char *name, struct machine *m, double x, double y)
{
    ui_net_set_node(net, i, name, m);
    ui_net_event(net, &(struct net_event){ .kind = NET_EV_POSITION, .node = i, .x = x, .y = y, .to = -1 });
}

void ui_glue_net_ranges(struct ui_net *net, double tx_m, double interference_m)
{
    ui_net_set_ranges(net, tx_m, interference_m);
}

void ui_glue_net_event(void *net, const struct net_event *e) { ui_net_event(net, e); }

void ui_glue_net_free(struct ui_net *net) { ui_net_free(net); }

bool ui_glue_net_screenshot(struct ui_net *net, uint64_t now_ns, const char *png, const struct ui_shot *shot,
                            const char *ref, double tolerance, char *msg, size_t n)
{
    if (!ui_net_screenshot(net, now_ns, png, shot, msg, n))
        return false;
    return !ref || ui_screenshot_compare(png, ref, tolerance, UI_GLUE_CHANNEL_TOLERANCE, msg, n);
}

struct ui_live *ui_glue_live_open(struct ui_net *net, const char *title, double speed, ui_glue_move_fn move,
                                  ui_glue_move_fn drop, void *ctx, char *err, size_t n)
{
    struct ui_live_options o = { .speed = speed, .title = title, .script = getenv("TOCKSIM_WINDOW_SCRIPT") };
    net->move = move;
    net->drop = drop;
    net->move_ctx = ctx;
    return ui_live_open(net, &o, err, n);
}

bool ui_glue_live_sync(struct ui_live *lv, uint64_t now_ns, const char *status)
{
    return ui_live_sync(lv, now_ns, status);
}

void ui_glue_live_idle(struct ui_live *lv, const char *status) { ui_live_idle(lv, status); }

void ui_glue_live_close(struct ui_live *lv) { ui_live_close(lv); }

/* Drawing the network view (sim/ui/net.h): the boards at their positions with the model's
 * ranges, the frames of the last UI_NET_FADE_NS as lines from sender to receiver in the colour
 * of their outcome, rings around senders while on the air, a scale bar and a legend. The
 * toolbar and footer are laid out as the board window's. Nothing here changes state. */
#include "sim/ui/draw/draw_internal.h"

#include <stdio.h>

#include "sim/ui/net.h"

#define LEGEND_W 130                /* logical pixels at the map's right */

static SDL_Color rgba(struct ui_rgb c, float alpha)
{
    return (SDL_Color){ c.r, c.g, c.b, (Uint8)(alpha * 255.0f + 0.5f) };
}

static SDL_FPoint node_at(const struct ui_net *net, int i)
{
    SDL_FPoint p;
    ui_net_to_screen(&net->xf, net->nodes[i].x, net->nodes[i].y, &p.x, &p.y);
    return p;
}

void ui_draw_net_layout(struct ui_net *net, struct ui_text *t, int w, int h, float scale)
{
    struct ui_layout_input in = { .w = w, .h = h, .scale = scale, .text_h = ui_text_height(t, UI_FONT_SANS),
                                  .hidden = (1u << UI_PANELS) - 1 };
    ui_layout_compute(&net->layout, &in);
    const struct ui_layout *l = &net->layout;
    int top = l->toolbar.h + l->pad;
    net->map = (struct ui_rect){ l->pad, top, w - 2 * l->pad, l->footer.y - l->pad - top };
    int title = ui_text_height(t, UI_FONT_BOLD) + 2 * l->pad, legend = ui_layout_px(l, LEGEND_W);
    net->plot = (struct ui_rect){ net->map.x, net->map.y + title, net->map.w - legend - l->pad,
                                  net->map.h - title - 2 * in.text_h };
    if (net->pressed < 0 || !net->dragged)      /* a dragged node moves under a fixed scale */
        net->xf = ui_net_fit(net, net->plot, ui_layout_px(l, 40));
}

/* The model's ranges around every node: faint, the interference range fainter. */
static void draw_ranges(const struct frame *f, const struct ui_net *net)
{
    float tx = (float)(net->tx_range * net->xf.scale), intf = (float)(net->interference_range * net->xf.scale);
    for (int i = 0; i < net->n; i++) {
        SDL_FPoint p = node_at(net, i);
        if (intf > 0 && intf != tx)
            ui_gfx_circle(f->r, p.x, p.y, intf, (float)px(f, 1), (SDL_Color){ 0x8a, 0x93, 0xa1, 28 });
        if (tx > 0)
            ui_gfx_circle(f->r, p.x, p.y, tx, (float)px(f, 1), (SDL_Color){ 0x61, 0xaf, 0xef, 60 });
    }
}

/* A frame event: a ring around the sender on the air, or a line with an arrowhead to the
 * receiver, stopping at the nodes' discs. */
static void draw_frame_event(const struct frame *f, const struct ui_net *net, const struct net_event *e,
                             uint64_t now)
{
    float alpha = ui_net_frame_alpha(e, now), node_r = (float)px(f, UI_NET_NODE_R);
    if (alpha <= 0 || e->node < 0 || e->node >= net->n || e->to >= net->n)
        return;
    SDL_Color c = rgba(ui_net_outcome_color(e->outcome), alpha);
    SDL_FPoint a = node_at(net, e->node);
    if (e->kind != NET_EV_FRAME || e->to < 0) {
        bool on_air = now >= e->start_ns && now <= e->end_ns;
        ui_gfx_circle(f->r, a.x, a.y, node_r + (float)px(f, on_air ? 7 : 5), (float)px(f, on_air ? 3 : 2), c);
        return;
    }
    SDL_FPoint b = node_at(net, e->to);
    float dx = b.x - a.x, dy = b.y - a.y, len = sqrtf(dx * dx + dy * dy);
    if (len <= 2 * node_r)
        return;
    float ux = dx / len, uy = dy / len, head = (float)px(f, 9);
    SDL_FPoint from = { a.x + ux * node_r, a.y + uy * node_r }, tip = { b.x - ux * node_r, b.y - uy * node_r };
    SDL_FPoint base = { tip.x - ux * head, tip.y - uy * head };
    ui_gfx_line(f->r, from, base, (float)px(f, 2), c);
    SDL_FPoint l = { base.x - uy * head / 2, base.y + ux * head / 2 }, r = { base.x + uy * head / 2, base.y - ux * head / 2 };
    ui_gfx_triangle(f->r, tip, l, r, c);
}

static void draw_node(const struct frame *f, const struct ui_net *net, int i)
{
    const struct ui_net_node *nd = &net->nodes[i];
    SDL_FPoint p = node_at(net, i);
    float r = (float)px(f, UI_NET_NODE_R);
    bool marked = i == net->pressed || i == net->selected;
    ui_gfx_disc(f->r, p.x, p.y, r + px(f, 2), marked ? accent : control_border);
    ui_gfx_disc(f->r, p.x, p.y, r, control);
    unsigned leds = nd->m ? machine_num_leds(nd->m) : 0;
    leds = leds > 4 ? 4 : leds;
    float d = (float)px(f, 5), x0 = p.x - (leds - 1) * d / 2 * 1.6f;
    for (unsigned k = 0; k < leds; k++) {           /* the board's first LEDs inside its disc */
        bool on = machine_led(nd->m, k);
        float lx = x0 + k * d * 1.6f;
        if (on)
            ui_gfx_glow(f->r, lx, p.y, d * 1.8f, (SDL_Color){ 0x4c, 0xf0, 0x7a, 110 });
        ui_gfx_disc(f->r, lx, p.y, d / 2 + 0.5f, on ? ui_draw_led_on : ui_draw_led_off);
    }
    int th = ui_text_height(f->t, UI_FONT_SANS), w = ui_text_width(f->t, UI_FONT_SANS, nd->name);
    ui_text_draw(f->t, UI_FONT_SANS, (int)p.x - w / 2, (int)(p.y + r) + px(f, 4), nd->name, marked ? text : dim, 0);
    (void)th;
}

static void draw_scale_bar(const struct frame *f, const struct ui_net *net)
{
    int len;
    double m = ui_net_scale_bar(&net->xf, net->map.w / 4, &len);
    int x = net->map.x + f->l->pad, y = net->map.y + net->map.h - f->l->pad - px(f, 4), t = px(f, 2);
    ui_gfx_fill(f->r, (struct ui_rect){ x, y, len, t }, text);
    ui_gfx_fill(f->r, (struct ui_rect){ x, y - px(f, 6), t, px(f, 6) + t }, text);
    ui_gfx_fill(f->r, (struct ui_rect){ x + len - t, y - px(f, 6), t, px(f, 6) + t }, text);
    char label[32];
    snprintf(label, sizeof(label), m >= 1000 ? "%g km" : m >= 1 ? "%g m" : "%g cm", m >= 1000 ? m / 1000 : m >= 1 ? m : m * 100);
    ui_text_draw(f->t, UI_FONT_SANS, x + len + px(f, 8), y - ui_text_height(f->t, UI_FONT_SANS) / 2, label, text, 0);
}

static void draw_legend(const struct frame *f, const struct ui_net *net)
{
    int th = ui_text_height(f->t, UI_FONT_SANS), sw = px(f, 16), w = px(f, LEGEND_W);
    int x = net->map.x + net->map.w - f->l->pad - w, y = net->map.y + f->l->pad + th + px(f, 8);
    for (int o = 0; o < NET_OUTCOMES; o++, y += th + px(f, 3)) {
        ui_gfx_fill(f->r, (struct ui_rect){ x, y + th / 2 - px(f, 1), sw, px(f, 3) },
                    rgba(ui_net_outcome_color((enum net_outcome)o), 1));
        ui_text_draw(f->t, UI_FONT_SANS, x + sw + px(f, 6), y, ui_net_outcome_name((enum net_outcome)o), dim, 0);
    }
}

static void draw_map(const struct frame *f, const struct ui_net *net, uint64_t now)
{
    char sub[160];
    snprintf(sub, sizeof(sub), "%d boards \u00b7 blue: transmission range, grey: interference range", net->n);
    ui_draw_panel_box(f, net->map, "Network", net->tx_range > 0 ? sub : NULL);
    SDL_Rect clip = { net->map.x + 1, net->map.y + 1, net->map.w - 2, net->map.h - 2 };
    SDL_RenderSetClipRect(f->r, &clip);
    draw_ranges(f, net);
    for (size_t i = 0; i < net->count; i++)
        draw_frame_event(f, net, ui_net_frame_at(net, i), now);
    for (int i = 0; i < net->n; i++)
        draw_node(f, net, i);
    SDL_RenderSetClipRect(f->r, NULL);
    draw_scale_bar(f, net);
    draw_legend(f, net);
}

static void draw_net_toolbar(const struct frame *f, uint64_t now, const char *status,
                             struct ui_view *ctl)
{
    const struct ui_layout *l = f->l;
    ui_gfx_fill(f->r, l->toolbar, bar);
    ui_gfx_fill(f->r, (struct ui_rect){ 0, l->toolbar.h - 1, l->w, 1 }, panel_border);
    int y = l->toolbar.y + (l->toolbar.h - ui_text_height(f->t, UI_FONT_BOLD)) / 2;
    int w = ui_text_draw(f->t, UI_FONT_BOLD, l->pad, y, "tocksim", accent, 0);
    ui_text_draw(f->t, UI_FONT_SANS, l->pad + w + px(f, 8), y, "network", dim, 0);
    char buf[64];
    snprintf(buf, sizeof(buf), "%llu.%06llu s", (unsigned long long)(now / 1000000000ull),
             (unsigned long long)(now / 1000 % 1000000));
    int ty = l->time.y + (l->time.h - ui_text_height(f->t, UI_FONT_MONO)) / 2;
    int tx = l->time.x + ui_text_draw(f->t, UI_FONT_SANS, l->time.x, ty, "virtual time ", dim, 0);
    tx += ui_text_draw(f->t, UI_FONT_MONO, tx, ty, buf, text, 0) + px(f, 14);
    ui_text_draw(f->t, UI_FONT_SANS, tx, ty, status, dim, l->time.x + l->time.w - tx);
    if (!ctl)
        return;
    ui_draw_push_button(f, l->pause, ctl->paused ? "Run" : "Pause", ctl->paused);
    ui_draw_push_button(f, l->step, "Step", false);
    ui_draw_push_button(f, l->slower, "\u2013", false);
    ui_draw_push_button(f, l->faster, "+", false);
    ui_view_speed_label(ctl, buf, sizeof(buf));
    ui_draw_text_center(f, UI_FONT_BOLD, l->speed, buf, text);
}

void ui_draw_net_frame(SDL_Renderer *r, struct ui_text *t, struct ui_net *net, uint64_t now, const char *status,
                       struct ui_view *ctl)
{
    struct frame f = { r, t, NULL, &net->layout };
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(r);
    draw_net_toolbar(&f, now, status, ctl);
    draw_map(&f, net, now);
    const struct ui_layout *l = &net->layout;
    ui_gfx_fill(r, l->footer, bar);
    int y = l->footer.y + (l->footer.h - ui_text_height(t, UI_FONT_SANS)) / 2;
    ui_text_draw(t, UI_FONT_SANS, l->pad, y,
                 "line: a frame, sender to receiver, in the colour of its fate, fading 40 ms after its end "
                 "\u00b7 ring: a sender (bold: on the air)", dim, l->w - 2 * l->pad);
}

struct ui_rect ui_draw_back_button(SDL_Renderer *r, struct ui_text *t, const struct ui_layout *l, const char *name)
{
    struct frame f = { r, t, NULL, l };
    int h = ui_layout_px(l, 32), y = l->toolbar.y + (l->toolbar.h - h) / 2;
    struct ui_rect title = { 0, 0, l->time.x - px(&f, 8), l->toolbar.h - 1 };
    struct ui_rect back = { l->pad, y, ui_layout_px(l, 112), h };
    ui_gfx_fill(r, title, bar);                 /* over the board view's "tocksim cm4" */
    ui_draw_push_button(&f, back, "\u25c0 Network", false);
    int ty = l->toolbar.y + (l->toolbar.h - ui_text_height(t, UI_FONT_BOLD)) / 2, x = back.x + back.w + px(&f, 10);
    ui_text_draw(t, UI_FONT_BOLD, x, ty, name, accent, title.w - x);
    return back;
}

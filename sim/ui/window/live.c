/* A scenario's live window (window.h; doc/window.md, "Watching a scenario live"): the network
 * view of the boards, or one board's view after a click on its node. The scenario engine calls
 * ui_live_sync at each synchronisation point, on its own thread, with every board at the same
 * virtual time: input is handled and frames are drawn only there, and the call waits while
 * virtual time is ahead of the wall clock times the speed (or the window is paused). The wall
 * clock thus decides how far the scenario runs, never what happens in virtual time. */
#include "sim/ui/window/window.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "sim/ui/draw/draw.h"
#include "sim/ui/window/input.h"
#include "sim/ui/window/live_script.h"
#include "sim/ui/net.h"
#include "sim/ui/window/png.h"
#include "sim/ui/view.h"
#include "sim/ui/window/winsys.h"

#define FRAME_S 0.016               /* ~60 frames per second */
#define MAX_DEBT_S 0.2              /* wall seconds of backlog kept when the host is too slow */
#define STEP_NS 10000000ull         /* what Step runs while paused */
#define DRAG_MOTIONS 6              /* motion events of a scripted drag */

struct ui_live {
    struct window w;
    struct ui_net *net;
    struct ui_view *ctl;            /* the controls (paused, speed): a view of no machine */
    bool closed;
    uint64_t now;                   /* the virtual time of the synchronisation point */
    double wall_ref;                /* pacing: virtual time virt_ref was due at wall_ref */
    uint64_t virt_ref;
    uint64_t step_until;            /* paused: a Step runs to here */
    double last_frame;
    struct ui_rect back;            /* the board view's way back (physical pixels) */
    const char *status;
    struct live_script script;
    Uint32 user_event;              /* a scripted print or shot, queued in order with the input */
};

/* The board view shown, or NULL for the network. */
static struct ui_view *shown(const struct ui_live *lv)
{
    int i = lv->net->selected;
    return i >= 0 && i < lv->net->n && lv->net->nodes[i].m ? ui_view_of(lv->net->nodes[i].m) : NULL;
}

static void anchor(struct ui_live *lv)
{
    lv->wall_ref = ui_win_wall_now();
    lv->virt_ref = lv->now;
}

/* ---- drawing -------------------------------------------------------------------------------- */

/* Draws the current view into the renderer (not yet presented); false if it cannot. */
static bool render(struct ui_live *lv)
{
    char err[300];
    if (!ui_win_sync(&lv->w, err, sizeof(err))) {
        fprintf(stderr, "tocksim: %s\n", err);
        lv->closed = true;
        return false;
    }
    float scale = ui_win_scale(&lv->w);
    struct ui_view *v = shown(lv);
    if (v) {
        v->paused = lv->ctl->paused;
        v->speed_idx = lv->ctl->speed_idx;
        ui_draw_layout(v, &lv->w.text, lv->w.w, lv->w.h, scale);
        ui_draw_frame(lv->w.r, &lv->w.text, v);
        lv->back = ui_draw_back_button(lv->w.r, &lv->w.text, &v->layout, lv->net->nodes[lv->net->selected].name);
    } else {
        ui_draw_net_layout(lv->net, &lv->w.text, lv->w.w, lv->w.h, scale);
        ui_draw_net_frame(lv->w.r, &lv->w.text, lv->net, lv->now, lv->status ? lv->status : "", lv->ctl);
    }
    return true;
}

static void present(struct ui_live *lv)
{
    if (render(lv))
        SDL_RenderPresent(lv->w.r);
    lv->last_frame = ui_win_wall_now();
}

/* The window's picture as it is now to a PNG file. */
static void shot(struct ui_live *lv, const char *path)
{
    struct ui_image img = { 0 };
    char err[300] = "";
    bool ok = render(lv) && ui_image_alloc(&img, lv->w.w, lv->w.h) &&
              SDL_RenderReadPixels(lv->w.r, NULL, SDL_PIXELFORMAT_RGB24, img.rgb, lv->w.w * 3) == 0;
    if (!ok)
        snprintf(err, sizeof(err), "cannot read the window's pixels: %s", SDL_GetError());
    if (!ok || !ui_png_write(path, &img, err, sizeof(err)))
        fprintf(stderr, "tocksim: window shot %s: %s\n", path, err);
    ui_image_free(&img);
}

static void print_state(const struct ui_live *lv)
{
    char speed[32];
    ui_view_speed_label(lv->ctl, speed, sizeof(speed));
    fprintf(stderr, "window %llu.%06llu s: showing %s%s, %s, %s\n", (unsigned long long)(lv->now / 1000000000ull),
            (unsigned long long)(lv->now / 1000 % 1000000), shown(lv) ? "the board of " : "the network",
            shown(lv) ? lv->net->nodes[lv->net->selected].name : "", lv->ctl->paused ? "paused" : "running", speed);
}

/* ---- input ---------------------------------------------------------------------------------- */

static void step(struct ui_live *lv)
{
    if (lv->ctl->paused)
        lv->step_until = lv->now + STEP_NS;
}

static void back_to_network(struct ui_live *lv)
{
    struct ui_view *v = shown(lv);
    if (v) {
        ui_view_release_all(v);         /* no button stays held behind the network view */
        v->console_focus = false;
        SDL_StopTextInput();
    }
    lv->net->selected = -1;
}

static void net_key(struct ui_live *lv, const SDL_KeyboardEvent *k)
{
    switch (k->keysym.sym) {
    case SDLK_SPACE: case SDLK_p: case SDLK_F5: lv->ctl->paused = !lv->ctl->paused; break;
    case SDLK_s: case SDLK_PERIOD: case SDLK_F6: step(lv); break;
    case SDLK_MINUS: case SDLK_KP_MINUS: ui_view_speed_step(lv->ctl, -1); break;
    case SDLK_PLUS: case SDLK_EQUALS: case SDLK_KP_PLUS: ui_view_speed_step(lv->ctl, +1); break;
    case SDLK_q: lv->closed |= (k->keysym.mod & KMOD_CTRL) != 0; break;
    default: break;
    }
}

/* The network view: its toolbar's controls, a press/drag/release on a node, keys. */
static void net_event(struct ui_live *lv, const SDL_Event *e)
{
    struct ui_net *net = lv->net;
    float ratio = lv->w.pixel_ratio;
    unsigned idx;
    if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT) {
        int x = (int)(e->button.x * ratio), y = (int)(e->button.y * ratio);
        switch (ui_layout_hit(&net->layout, x, y, &idx)) {
        case UI_HIT_PAUSE: lv->ctl->paused = !lv->ctl->paused; break;
        case UI_HIT_STEP: step(lv); break;
        case UI_HIT_SLOWER: ui_view_speed_step(lv->ctl, -1); break;
        case UI_HIT_FASTER: ui_view_speed_step(lv->ctl, +1); break;
        default: ui_net_press(net, &net->xf, x, y, ui_layout_px(&net->layout, UI_NET_NODE_R + 4)); break;
        }
    } else if (e->type == SDL_MOUSEMOTION) {
        ui_net_motion(net, &net->xf, (int)(e->motion.x * ratio), (int)(e->motion.y * ratio));
    } else if (e->type == SDL_MOUSEBUTTONUP && e->button.button == SDL_BUTTON_LEFT) {
        ui_net_release(net);            /* a click selects: the next frame shows its board */
    } else if (e->type == SDL_KEYDOWN) {
        net_key(lv, &e->key);
    }
}

/* A board's view: the way back (the button, Esc), else the board window's own handling with the
 * scenario's controls (pause and speed are the window's, not the board's). */
static void board_event(struct ui_live *lv, struct ui_view *v, const SDL_Event *e)
{
    float ratio = lv->w.pixel_ratio;
    if (e->type == SDL_MOUSEBUTTONDOWN && e->button.button == SDL_BUTTON_LEFT &&
        ui_rect_contains(lv->back, (int)(e->button.x * ratio), (int)(e->button.y * ratio))) {
        back_to_network(lv);
        return;
    }
    if (e->type == SDL_KEYDOWN && e->key.keysym.sym == SDLK_ESCAPE && !v->console_focus) {
        back_to_network(lv);
        return;
    }
    v->paused = lv->ctl->paused;
    v->speed_idx = lv->ctl->speed_idx;
    enum ui_action a = ui_input_event(v, e, ratio);
    lv->ctl->paused = v->paused;
    lv->ctl->speed_idx = v->speed_idx;
    if (a == UI_ACT_QUIT)
        lv->closed = true;
    else if (a == UI_ACT_STEP)
        step(lv);
}

static void handle_events(struct ui_live *lv)
{
    SDL_Event e;
    while (!lv->closed && SDL_PollEvent(&e)) {
        struct ui_view *v = shown(lv);
        if (e.type == SDL_QUIT || (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE))
            lv->closed = true;
        else if (e.type == lv->user_event && e.user.code == LIVE_PRINT)
            print_state(lv);
        else if (e.type == lv->user_event && e.user.code == LIVE_SHOT)
            shot(lv, e.user.data1);
        else if (v)
            board_event(lv, v, &e);
        else
            net_event(lv, &e);
    }
}

/* ---- scripted input: SDL events as a user's, queued at virtual times -------------------------- */

static void push_mouse(struct ui_live *lv, Uint32 type, float px, float py)
{
    SDL_Event e = { .type = type };
    int x = (int)lroundf(px / lv->w.pixel_ratio), y = (int)lroundf(py / lv->w.pixel_ratio);
    if (type == SDL_MOUSEMOTION) {
        e.motion = (SDL_MouseMotionEvent){ .type = type, .windowID = SDL_GetWindowID(lv->w.win), .state = SDL_BUTTON_LMASK,
                                           .x = x, .y = y };
    } else {
        e.button = (SDL_MouseButtonEvent){ .type = type, .windowID = SDL_GetWindowID(lv->w.win), .button = SDL_BUTTON_LEFT,
                                           .state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED,
                                           .clicks = 1, .x = x, .y = y };
    }
    SDL_PushEvent(&e);
}

static int node_named(const struct ui_net *net, const char *name)
{
    for (int i = 0; i < net->n; i++)
        if (!strcmp(net->nodes[i].name, name))
            return i;
    return -1;
}

/* A click or drag's events, at the node's place in the last frame drawn; false: no such node. */
static bool push_pointer(struct ui_live *lv, const struct live_action *a)
{
    float px, py, tx, ty;
    if (a->act == LIVE_CLICK && !strcmp(a->arg, "back")) {
        px = (float)lv->back.x + lv->back.w / 2.0f;
        py = (float)lv->back.y + lv->back.h / 2.0f;
    } else {
        int i = node_named(lv->net, a->arg);
        if (i < 0)
            return false;
        ui_net_to_screen(&lv->net->xf, lv->net->nodes[i].x, lv->net->nodes[i].y, &px, &py);
    }
    push_mouse(lv, SDL_MOUSEMOTION, px, py);
    push_mouse(lv, SDL_MOUSEBUTTONDOWN, px, py);
    ui_net_to_screen(&lv->net->xf, a->x, a->y, &tx, &ty);
    for (int k = 1; a->act == LIVE_DRAG && k <= DRAG_MOTIONS; k++)
        push_mouse(lv, SDL_MOUSEMOTION, px + (tx - px) * k / DRAG_MOTIONS, py + (ty - py) * k / DRAG_MOTIONS);
    push_mouse(lv, SDL_MOUSEBUTTONUP, a->act == LIVE_DRAG ? tx : px, a->act == LIVE_DRAG ? ty : py);
    return true;
}

static bool push_key(const struct live_action *a)
{
    SDL_Keycode k = SDL_GetKeyFromName(a->arg);
    if (k == SDLK_UNKNOWN)
        return false;
    SDL_Event e = { .key = { .type = SDL_KEYDOWN, .state = SDL_PRESSED,
                             .keysym = { .scancode = SDL_GetScancodeFromKey(k), .sym = k } } };
    SDL_PushEvent(&e);
    e.key.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
    return true;
}

/* Queues the actions due at now; a bad one (no such node or key) closes the window. */
static void run_script(struct ui_live *lv, uint64_t now)
{
    const struct live_action *a;
    while ((a = live_script_due(&lv->script, now))) {
        bool ok = true;
        if (a->act == LIVE_CLICK || a->act == LIVE_DRAG)
            ok = push_pointer(lv, a);
        else if (a->act == LIVE_KEY)
            ok = push_key(a);
        else if (a->act == LIVE_CLOSE)
            SDL_PushEvent(&(SDL_Event){ .type = SDL_QUIT });
        else
            SDL_PushEvent(&(SDL_Event){ .user = { .type = lv->user_event, .code = (Sint32)a->act,
                                                  .data1 = (void *)a->arg } });
        if (!ok) {
            fprintf(stderr, "tocksim: window script line %d: no node or key named '%s'\n", a->line, a->arg);
            lv->closed = true;
        }
    }
}

/* ---- the loop's pieces ---------------------------------------------------------------------- */

/* Wall seconds to wait before virtual time may go on (0: go on). */
static double wait_s(struct ui_live *lv)
{
    if (lv->ctl->paused)
        return lv->now < lv->step_until ? 0 : FRAME_S;
    double speed = ui_view_speed(lv->ctl);
    if (isinf(speed))
        return 0;
    double ahead = lv->wall_ref + (double)(lv->now - lv->virt_ref) * 1e-9 / speed - ui_win_wall_now();
    if (ahead < -MAX_DEBT_S)
        lv->wall_ref += -MAX_DEBT_S - ahead;     /* after a stall, do not race to catch up */
    return ahead > 0 ? ahead : 0;
}

bool ui_live_sync(struct ui_live *lv, uint64_t now_ns, const char *status)
{
    lv->now = now_ns;
    lv->status = status;
    run_script(lv, now_ns);
    for (;;) {
        bool paused = lv->ctl->paused;
        int speed = lv->ctl->speed_idx;
        handle_events(lv);
        if (lv->closed)
            return false;
        if (paused != lv->ctl->paused || speed != lv->ctl->speed_idx)
            anchor(lv);
        double wait = wait_s(lv), since = ui_win_wall_now() - lv->last_frame;
        if (since >= FRAME_S) {
            present(lv);
            since = 0;
        }
        if (wait <= 0)
            return true;
        double nap = fmin(wait, FRAME_S - since);
        SDL_WaitEventTimeout(NULL, (int)ceil(nap * 1000));      /* wakes early on input */
    }
}

void ui_live_idle(struct ui_live *lv, const char *status)
{
    lv->status = status;
    run_script(lv, UINT64_MAX);         /* time stands still: the rest of the script now */
    while (!lv->closed) {
        handle_events(lv);
        if (!lv->closed)
            present(lv);
        SDL_WaitEventTimeout(NULL, (int)(FRAME_S * 1000));
    }
}

struct ui_live *ui_live_open(struct ui_net *net, const struct ui_live_options *o, char *err, size_t errlen)
{
    struct ui_live *lv = calloc(1, sizeof(*lv));
    if (!lv || !(lv->ctl = calloc(1, sizeof(*lv->ctl)))) {
        snprintf(err, errlen, "out of memory for the window");
        free(lv);
        return NULL;
    }
    lv->net = net;
    lv->ctl->speed_idx = ui_view_speed_index(o->speed);
    lv->ctl->step_ns = STEP_NS;
    if ((o->script && !live_script_load(&lv->script, o->script, err, errlen)) ||
        !ui_win_open(&lv->w, o->title ? o->title : "tocksim", 0, 0, err, errlen)) {
        live_script_free(&lv->script);
        free(lv->ctl);
        free(lv);
        return NULL;
    }
    lv->user_event = SDL_RegisterEvents(1);
    anchor(lv);
    present(lv);                        /* a first frame: clicks need its layout */
    return lv;
}

void ui_live_close(struct ui_live *lv)
{
    if (!lv)
        return;
    back_to_network(lv);
    ui_win_close(&lv->w);
    live_script_free(&lv->script);
    free(lv->ctl);
    free(lv);
}

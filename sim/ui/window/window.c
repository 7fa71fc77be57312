/* The board window: opening it, the run loop that paces the machine to the wall clock between
 * frames, and offscreen screenshots. The machine runs on this thread in slices, each at most
 * ~16 ms of virtual time, until the frame's virtual target or its wall-clock budget is reached;
 * the wall clock only decides how far to run, never what happens in virtual time. */
#include "sim/ui/window/window.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "boards-virtual/sim_boards.h"
#include "sim/core/machine.h"
#include "sim/ui/draw/draw.h"
#include "sim/ui/window/input.h"
#include "sim/ui/window/png.h"
#include "sim/ui/draw/text.h"
#include "sim/ui/view.h"
#include "sim/ui/window/winsys.h"

#define DEFAULT_W 1100
#define DEFAULT_H 720
#define FRAME_S 0.016               /* ~60 frames per second */
#define RUN_BUDGET_S 0.012          /* wall time per frame the machine may use */
#define MAX_DEBT_S 0.2              /* wall seconds of backlog kept when the host is too slow */
#define SLICE_CYCLES (1u << 20)     /* ~16 ms at 64 MHz: one machine_run call */
#define EXIT_UNTIL 124


bool ui_available(void)
{
    const char *drv = getenv("SDL_VIDEODRIVER");
    if (drv && (!strcmp(drv, "dummy") || !strcmp(drv, "offscreen")))
        return false;
#ifdef __linux__
    if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY"))
        return false;
#endif
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        return false;
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return true;
}

bool ui_attach(struct machine *m)
{
    return ui_view_of(m) || ui_view_create(m);
}

void ui_detach(struct machine *m)
{
    ui_view_destroy(ui_view_of(m));
}

static double wall_now(void)
{
    return ui_win_wall_now();
}

/* ---- the run loop --------------------------------------------------------------------------- */

struct pacer {
    double wall;                    /* wall time of the last frame */
    double target_ns;               /* virtual time the machine should have reached */
    uint64_t until_ns;              /* 0: none */
};

/* Runs the machine towards target_ns for at most the frame's budget. */
static void run_slices(struct ui_view *v, double target_ns, double deadline)
{
    struct machine *m = v->m;
    uint64_t target = clock_cycles_from_ns(&m->clock, (uint64_t)target_ns);
    while (v->status == MACHINE_RUNNING && m->clock.now < target) {
        uint64_t until = target - m->clock.now > SLICE_CYCLES ? m->clock.now + SLICE_CYCLES : target;
        enum machine_status st = machine_run(m, until);
        if (st == MACHINE_EXITED || st == MACHINE_ERROR)
            v->status = st;
        if (wall_now() >= deadline)
            break;
    }
}

/* "Step insn": while paused, one instruction; while running, it pauses and shows where the CPU
 * is. The panel's window of instructions is redone at its drawn size (draw_cpu.c). */
static void step_insn(struct ui_view *v)
{
    if (!v->paused || v->status != MACHINE_RUNNING) {
        v->paused = true;
        v->cpu.shown = true;
        return;
    }
    enum machine_status st = ui_cpu_step(v, UI_CPU_WAIT_NS, UI_CPU_BEFORE, UI_CPU_AFTER);
    if (st == MACHINE_EXITED || st == MACHINE_ERROR)
        v->status = st;
}

/* One frame's worth of simulation: paced running, or a step when asked. */
static void advance(struct ui_view *v, struct pacer *p, bool step)
{
    double wall = wall_now(), dt = wall - p->wall;
    p->wall = wall;
    dt = dt < 0 ? 0 : dt > 0.1 ? 0.1 : dt;      /* after a stall, do not race to catch up */
    double speed = ui_view_speed(v), now = (double)ui_view_now_ns(v), limit = p->until_ns ? (double)p->until_ns : INFINITY;
    if (step && v->status == MACHINE_RUNNING) {
        run_slices(v, fmin(now + (double)v->step_ns, limit), INFINITY);
        p->target_ns = (double)ui_view_now_ns(v);
    }
    if (!v->paused)
        v->cpu.shown = false;           /* running: the memory view and console come back */
    if (v->paused || v->status != MACHINE_RUNNING) {
        p->target_ns = (double)ui_view_now_ns(v);
        v->actual_speed = 0;
        v->behind = false;
        return;
    }
    p->target_ns = isinf(speed) ? INFINITY : p->target_ns + dt * speed * 1e9;
    run_slices(v, fmin(p->target_ns, limit), wall + RUN_BUDGET_S);
    double after = (double)ui_view_now_ns(v);
    v->behind = !isinf(speed) && after < fmin(p->target_ns, limit) - 1e6;
    if (!isinf(speed) && p->target_ns - after > MAX_DEBT_S * speed * 1e9)
        p->target_ns = after + MAX_DEBT_S * speed * 1e9;
    if (dt > 0)
        v->actual_speed = 0.9 * v->actual_speed + 0.1 * ((after - now) / 1e9 / dt);
}

static bool draw(struct window *w, struct ui_view *v, char *err, size_t n)
{
    if (!ui_win_sync(w, err, n))
        return false;
    ui_draw_layout(v, &w->text, w->w, w->h, w->content_scale * w->pixel_ratio);
    ui_draw_frame(w->r, &w->text, v);
    SDL_RenderPresent(w->r);
    return true;
}

static int exit_status(const struct ui_view *v)
{
    if (v->status == MACHINE_EXITED)
        return v->m->exit_code;
    return v->status == MACHINE_ERROR ? UI_EXIT_ERROR : UI_EXIT_CLOSED;
}

/* The frame loop; returns the exit status. */
static int loop(struct window *w, struct ui_view *v, struct pacer *p)
{
    char err[300];
    if (!draw(w, v, err, sizeof(err))) {      /* a first frame: clicks need its layout */
        fprintf(stderr, "tocksim: %s\n", err);
        return UI_EXIT_ERROR;
    }
    p->wall = wall_now();
    for (;;) {
        double frame_start = wall_now();
        bool step = false;
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            enum ui_action a = ui_input_event(v, &e, w->pixel_ratio);
            if (a == UI_ACT_QUIT)
                return exit_status(v);
            step |= a == UI_ACT_STEP;
            if (a == UI_ACT_STEP_INSN)
                step_insn(v);
        }
        advance(v, p, step);
        if (p->until_ns && ui_view_now_ns(v) >= p->until_ns)
            return EXIT_UNTIL;
        if (!draw(w, v, err, sizeof(err))) {
            fprintf(stderr, "tocksim: %s\n", err);
            return UI_EXIT_ERROR;
        }
        double left = FRAME_S - (wall_now() - frame_start);
        if (left > 0.001)
            SDL_WaitEventTimeout(NULL, (int)(left * 1000));   /* wakes early on input */
    }
}

int ui_run(struct machine *m, const struct ui_options *o)
{
    static const struct ui_options defaults = { 0 };
    o = o ? o : &defaults;
    char err[300];
    struct window w;
    if (!ui_attach(m)) {
        fprintf(stderr, "tocksim: the window cannot observe the machine (too many observers)\n");
        return UI_EXIT_ERROR;
    }
    struct ui_view *v = ui_view_of(m);
    char title[128];
    snprintf(title, sizeof(title), "tocksim \u2014 %s", m->desc->name);
    if (!ui_win_open(&w, o->title ? o->title : title, o->width, o->height, err, sizeof(err))) {
        fprintf(stderr, "tocksim: %s\n", err);
        return UI_EXIT_ERROR;
    }
    v->paused = o->paused;
    v->speed_idx = ui_view_speed_index(o->speed);
    v->step_ns = o->step_ns ? o->step_ns : 10000000;
    v->echo = o->echo_console;
    struct pacer p = { wall_now(), (double)ui_view_now_ns(v), o->until_ns };
    int rc = loop(&w, v, &p);
    ui_view_release_all(v);            /* no button stays held after the window closes */
    v->echo = false;
    ui_win_close(&w);
    return rc;
}

/* ---- screenshots ---------------------------------------------------------------------------- */

/* What an offscreen picture shows: lays out and draws into r at w x h and scale. */
typedef void (*paint_fn)(void *ctx, SDL_Renderer *r, struct ui_text *t, int w, int h, float scale);

/* Paints w x h into img with the software renderer: no window, no display needed. */
static bool render_offscreen(paint_fn paint, void *ctx, int w, int h, float scale, struct ui_image *img,
                             char *err, size_t n)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    struct ui_text text = { 0 };
    bool ok = r && ui_text_open(&text, r, scale, err, n);
    if (!r)
        snprintf(err, n, "cannot create an offscreen renderer: %s", SDL_GetError());
    if (ok) {
        paint(ctx, r, &text, w, h, scale);
        ok = ui_image_alloc(img, w, h) &&
             SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGB24, img->rgb, w * 3) == 0;
        if (!ok)
            snprintf(err, n, "cannot read the offscreen image: %s", SDL_GetError());
    }
    ui_text_close(&text);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    return ok;
}

static void paint_board(void *ctx, SDL_Renderer *r, struct ui_text *t, int w, int h, float scale)
{
    struct ui_view *v = ctx;
    ui_draw_layout(v, t, w, h, scale);
    ui_draw_frame(r, t, v);
}

/* Renders what paint draws and writes it to png_path. */
static bool shoot(paint_fn paint, void *ctx, const char *png_path, int w, int h, float scale, char *err,
                  size_t errlen)
{
    struct ui_image img = { 0 };
    char e[300];
    bool ok = render_offscreen(paint, ctx, w, h, scale, &img, e, sizeof(e));
    if (!ok)
        snprintf(err, errlen, "screenshot %s: %s", png_path, e);
    else
        ok = ui_png_write(png_path, &img, err, errlen);
    ui_image_free(&img);
    return ok;
}

/* The view as a screenshot asks for it; *saved keeps what to put back. */
static void shot_apply(struct ui_view *v, const struct ui_shot *o, float scale, struct ui_view *saved)
{
    saved->procs.selected = v->procs.selected;
    saved->tl = v->tl;
    saved->hidden = v->hidden;
    saved->mouse_x = v->mouse_x;
    saved->mouse_y = v->mouse_y;
    for (unsigned i = 0; o->select && i < v->procs.n; i++)
        if (!strcmp(v->procs.rows[i].name, o->select))
            v->procs.selected = (int)v->procs.rows[i].slot;
    if (o->span_ns)
        v->tl.span_ns = o->span_ns;
    if (o->end_ns) {
        v->tl.follow = false;
        v->tl.end_ns = o->end_ns;
    }
    v->hidden |= o->hide;
    if (o->hover_x > 0 || o->hover_y > 0) {
        v->mouse_x = (int)(o->hover_x * scale);
        v->mouse_y = (int)(o->hover_y * scale);
    }
}

static void shot_restore(struct ui_view *v, const struct ui_view *saved)
{
    v->procs.selected = saved->procs.selected;
    v->tl.span_ns = saved->tl.span_ns;
    v->tl.end_ns = saved->tl.end_ns;
    v->tl.follow = saved->tl.follow;
    v->hidden = saved->hidden;
    v->mouse_x = saved->mouse_x;
    v->mouse_y = saved->mouse_y;
}

bool ui_screenshot_with(struct machine *m, const char *png_path, const struct ui_shot *o, char *err, size_t errlen)
{
    if (!ui_attach(m)) {
        snprintf(err, errlen, "the window cannot observe the machine (too many observers)");
        return false;
    }
    float scale = o->scale > 0 ? o->scale : 1.0f;
    int w = (int)((o->width > 0 ? o->width : DEFAULT_W) * scale), h = (int)((o->height > 0 ? o->height : DEFAULT_H) * scale);
    struct ui_view *v = ui_view_of(m), *saved = malloc(sizeof(*saved));
    if (!saved) {
        snprintf(err, errlen, "screenshot %s: out of memory", png_path);
        return false;
    }
    shot_apply(v, o, scale, saved);
    bool ok = shoot(paint_board, v, png_path, w, h, scale, err, errlen);
    shot_restore(v, saved);
    free(saved);
    return ok;
}

struct net_shot {
    struct ui_net *net;
    uint64_t now_ns;
};

static void paint_net(void *ctx, SDL_Renderer *r, struct ui_text *t, int w, int h, float scale)
{
    struct net_shot *ns = ctx;
    ui_draw_net_layout(ns->net, t, w, h, scale);
    ui_draw_net_frame(r, t, ns->net, ns->now_ns, "", NULL);
}

bool ui_net_screenshot(struct ui_net *net, uint64_t now_ns, const char *png_path, const struct ui_shot *o,
                       char *err, size_t errlen)
{
    float scale = o && o->scale > 0 ? o->scale : 1.0f;
    int w = (int)((o && o->width > 0 ? o->width : DEFAULT_W) * scale);
    int h = (int)((o && o->height > 0 ? o->height : DEFAULT_H) * scale);
    struct net_shot ns = { net, now_ns };
    return shoot(paint_net, &ns, png_path, w, h, scale, err, errlen);
}

bool ui_screenshot_sized(struct machine *m, const char *png_path, int width, int height, float scale,
                         char *err, size_t errlen)
{
    struct ui_shot o = { .width = width, .height = height, .scale = scale };
    return ui_screenshot_with(m, png_path, &o, err, errlen);
}


bool ui_screenshot(struct machine *m, const char *png_path, char *err, size_t errlen)
{
    return ui_screenshot_sized(m, png_path, 0, 0, 0, err, errlen);
}

/* The window's view of a machine: an observer that records console text and process events,
 * and the controls' state (pause, speed, held buttons, driven pins). Hangs off the machine's
 * observer table, so it is found again from the machine alone (no globals). */
#include "sim/ui/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static const double speeds[] = { 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100,
                                 1000, INFINITY };
#define NSPEEDS ((int)(sizeof(speeds) / sizeof(speeds[0])))

static void on_console(void *ctx, const char *s, unsigned len)
{
    struct ui_view *v = ctx;
    ui_console_write(&v->console, s, len);
    if (v->echo) {
        fwrite(s, 1, len, stdout);
        fflush(stdout);
    }
}

static void on_process(void *ctx, const struct proc_event *e)
{
    struct ui_view *v = ctx;
    ui_procs_apply(&v->procs, e, ui_view_now_ns(v));
}

struct ui_view *ui_view_create(struct machine *m)
{
    struct ui_view *v = calloc(1, sizeof(*v));
    if (!v)
        return NULL;
    v->m = m;
    ui_console_init(&v->console);
    v->speed_idx = ui_view_speed_index(1);
    v->step_ns = 10000000;
    v->mouse_button = -1;
    v->status = MACHINE_RUNNING;
    v->actual_speed = 0;
    /* LEDs and pins are read from the machine when drawn; no need to observe them. */
    struct machine_observer o = { .ctx = v, .console = on_console, .process = on_process };
    if (!machine_add_observer(m, &o)) {
        free(v);
        return NULL;
    }
    return v;
}

struct ui_view *ui_view_of(struct machine *m)
{
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].console == on_console)
            return m->observers[i].ctx;
    return NULL;
}

void ui_view_destroy(struct ui_view *v)
{
    if (!v)
        return;
    struct machine *m = v->m;
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].ctx == v && m->observers[i].console == on_console) {
            m->observers[i] = (struct machine_observer){ 0 };   /* callbacks NULL: inert */
            if (i == m->nobservers - 1)
                m->nobservers--;
        }
    free(v);
}

double ui_view_speed(const struct ui_view *v)
{
    return speeds[v->speed_idx];
}

int ui_view_speed_index(double factor)
{
    if (!(factor > 0))
        factor = 1;
    int best = 0;
    for (int i = 1; i < NSPEEDS; i++)
        if (fabs(log(speeds[i] / factor)) < fabs(log(speeds[best] / factor)))
            best = i;
    return best;
}

void ui_view_speed_step(struct ui_view *v, int dir)
{
    int i = v->speed_idx + dir;
    if (i >= 0 && i < NSPEEDS)
        v->speed_idx = i;
}

void ui_view_speed_label(const struct ui_view *v, char *buf, size_t n)
{
    double s = ui_view_speed(v);
    if (isinf(s))
        snprintf(buf, n, "max");
    else
        snprintf(buf, n, "%g\u00d7", s);
}

void ui_view_button(struct ui_view *v, unsigned idx, bool pressed)
{
    if (idx >= machine_num_buttons(v->m) || idx >= 32)
        return;
    bool was = (v->buttons_down >> idx) & 1;
    if (was == pressed)
        return;
    v->buttons_down ^= 1u << idx;
    machine_press_button(v->m, idx, pressed);
}

void ui_view_release_all(struct ui_view *v)
{
    for (unsigned i = 0; i < 32; i++)
        ui_view_button(v, i, false);
    v->mouse_button = -1;
}

void ui_view_toggle_pin(struct ui_view *v, unsigned pin)
{
    if (pin >= machine_num_pins(v->m) || pin >= 32)
        return;
    v->driven ^= 1u << pin;
    machine_drive_pin(v->m, pin, (v->driven >> pin) & 1);
}

uint64_t ui_view_now_ns(const struct ui_view *v)
{
    return clock_ns_from_cycles(&v->m->clock, v->m->clock.now);
}

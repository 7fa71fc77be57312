/* The window's view of a machine: an observer that records console text, process events and
 * what the timeline shows (sim/ui/watch.c), and the controls' state (pause, speed, held
 * buttons, driven pins). Hangs off the machine's observer table, so it is found again from the
 * machine alone (no globals). */
#include "sim/ui/view.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The system call decoder --strace uses, silent, feeding the timeline. */
static bool attach_strace(struct ui_view *v)
{
    if (!strace_attach(&v->strace, v->m, NULL, false, NULL))
        return false;
    v->strace.sink = ui_watch_strace;
    v->strace.sink_ctx = v;
    return true;
}

/* Unregisters every observer whose context is ctx (callbacks NULL: inert). */
static void remove_observers(struct machine *m, const void *ctx)
{
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].ctx == ctx)
            m->observers[i] = (struct machine_observer){ 0 };
    while (m->nobservers > 0 && !m->observers[m->nobservers - 1].ctx)
        m->nobservers--;
}

struct ui_view *ui_view_create(struct machine *m)
{
    struct ui_view *v = calloc(1, sizeof(*v));
    if (!v)
        return NULL;
    if (!ui_tl_init(&v->tl)) {
        free(v);
        return NULL;
    }
    v->m = m;
    srcsyms_init(&v->src, m);
    ui_console_init(&v->console);
    ui_procs_init(&v->procs);
    v->mouse_x = v->mouse_y = -1;
    v->speed_idx = ui_view_speed_index(1);
    v->step_ns = 10000000;
    v->mouse_button = -1;
    v->status = MACHINE_RUNNING;
    v->actual_speed = 0;
    /* LEDs and pins are read from the machine when drawn; no need to observe them. */
    struct machine_observer o = { .ctx = v, .console = on_console, .process = ui_watch_process,
                                  .exception = ui_watch_exception, .thread = ui_watch_thread,
                                  .sleep = ui_watch_sleep };
    if (!machine_add_observer(m, &o) || !attach_strace(v)) {
        remove_observers(m, v);
        ui_tl_free(&v->tl);
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
    remove_observers(v->m, v);
    remove_observers(v->m, &v->strace);
    symbols_free(&v->syms);
    srcsyms_free(&v->src);
    ui_cpu_free(&v->cpu);
    ui_tl_free(&v->tl);
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

void ui_view_select(struct ui_view *v, unsigned slot)
{
    if (ui_procs_row(&v->procs, slot))
        v->procs.selected = (int)slot;
}

const struct ui_kernel_mem *ui_view_kernel_mem(struct ui_view *v)
{
    static const char *const names[] = { "_kernel_flash_end", "_kernel_stack_start", "_estack", "_sdata",
                                         "_ebss", "_app_ram_start" };
    struct ui_kernel_mem *k = &v->kmem;
    if (!k->tried) {
        uint32_t val[6];
        k->tried = true;
        k->known = symbols_kernel_values(v->m, names, val, 6);
        if (k->known)
            *k = (struct ui_kernel_mem){ true, true, val[0], val[1], val[2], val[3], val[4], val[5] };
    }
    return k->known ? k : NULL;
}

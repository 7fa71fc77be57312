/* The machine and its run loop (doc/architecture.md, "Time"): the CPU runs in slices up to the
 * next deadline; a sleeping CPU (wfi) lets time jump to the next event.
 *
 * Entry: machine_run, called by the command line (sim/cli/) and the scenario engine
 * (sim/scenario/run.c). Hot path: none here; per slice it hands over to the CPU backend
 * (cpu_ops.run -> cortexm_run / rv32_run), whose per-block hook is where time is spent. */
#include "sim/core/machine.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boards-virtual/sim_boards.h"

struct machine *machine_create(const struct machine_config *cfg, char *err, size_t errlen)
{
    const struct board_desc *desc = board_find(cfg->board);
    if (!desc) {
        snprintf(err, errlen, "unknown board '%s' (known: %s)", cfg->board, board_names());
        return NULL;
    }
    struct machine *m = calloc(1, sizeof(*m));
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    m->pagemap_fd = MACHINE_PAGEMAP_UNOPENED;
    clock_init(&m->clock, desc->cpu_hz);
    trace_init(&m->trace, &m->clock, cfg->node ? cfg->node : desc->name);
    bus_init(&m->bus);
    bus_dma_init(&m->dma, &m->bus);
    machine_set_console(m, cfg->console);
    m->desc = desc;
    if (!desc->build(m, cfg, err, errlen)) {
        machine_destroy(m);
        return NULL;
    }
    return m;
}

void machine_destroy(struct machine *m)
{
    if (!m)
        return;
    machine_flush_output(m);
    if (m->cpu.ops)
        m->cpu.ops->destroy(m->cpu.impl);
    if (m->board_free)
        m->board_free(m->board);
    bus_free(&m->bus);
    if (m->pagemap_fd >= 0)
        close(m->pagemap_fd);
    for (int i = 0; i < m->nimages; i++)
        free(m->images[i].path);
    free(m->images);
    for (int i = 0; i < m->napp_elfs; i++)
        free(m->app_elfs[i]);
    free(m->app_elfs);
    free(m->kernel_path);
    free(m);
}

void machine_reset(struct machine *m)
{
    m->cpu.ops->reset(m->cpu.impl);
    m->sleeping = false;
    m->exited = false;
    m->exit_code = 0;
}

void machine_stats(struct machine *m, struct cpu_stats *out)
{
    m->cpu.ops->stats(m->cpu.impl, out);
}

void machine_console_write(void *ctx, const char *s, unsigned len)
{
    struct machine *m = ctx;
    lineout_write(&m->console, s, len);
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].console)
            m->observers[i].console(m->observers[i].ctx, s, len);
}

void machine_set_console(struct machine *m, FILE *f)
{
    lineout_init(&m->console, f);
    m->trace.console = &m->console;
}

void machine_flush_output(struct machine *m)
{
    lineout_flush(&m->console);
    trace_flush(&m->trace);
}

void machine_led_changed(void *ctx, unsigned led, bool on)
{
    struct machine *m = ctx;
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].led)
            m->observers[i].led(m->observers[i].ctx, led, on);
}

void machine_pin_changed(void *ctx, unsigned pin, bool level)
{
    struct machine *m = ctx;
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].pin)
            m->observers[i].pin(m->observers[i].ctx, pin, level);
}

void machine_process_event(void *ctx, const struct proc_event *e)
{
    struct machine *m = ctx;
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].process)
            m->observers[i].process(m->observers[i].ctx, e);
}

void machine_thread_crossing(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4])
{
    struct machine *m = ctx;
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].thread)
            m->observers[i].thread(m->observers[i].ctx, svc, pc, psp, r);
}

void machine_exception(void *ctx, const struct cpu_exception *x)
{
    struct machine *m = ctx;
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].exception)
            m->observers[i].exception(m->observers[i].ctx, x);
}

void machine_protection(struct machine *m, struct cpu_protection *out)
{
    out->kind = CPU_PROT_NONE;
    out->control = 0;
    out->n = 0;
    if (m->cpu.ops && m->cpu.ops->protection)
        m->cpu.ops->protection(m->cpu.impl, out);
}

/* Tells the observers the CPU fell asleep or woke (the timeline's idle time). */
static void set_sleeping(struct machine *m, bool sleeping)
{
    m->sleeping = sleeping;
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].sleep)
            m->observers[i].sleep(m->observers[i].ctx, sleeping);
}

void machine_request_stop(struct machine *m)
{
    m->stop_requested = true;
    if (m->cpu.ops && m->cpu.ops->stop_soon)
        m->cpu.ops->stop_soon(m->cpu.impl);
}

bool machine_add_observer(struct machine *m, const struct machine_observer *o)
{
    if (m->nobservers == MACHINE_MAX_OBSERVERS)
        return false;
    m->observers[m->nobservers++] = *o;
    m->thread_watched |= o->thread != NULL;
    return true;
}

void machine_remove_observer(struct machine *m, void *ctx)
{
    int k = 0;
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].ctx != ctx)
            m->observers[k++] = m->observers[i];
    m->nobservers = k;
    m->thread_watched = false;
    for (int i = 0; i < k; i++)
        m->thread_watched |= m->observers[i].thread != NULL;
}

unsigned machine_num_leds(const struct machine *m) { return m->desc->num_leds; }
unsigned machine_num_buttons(const struct machine *m) { return m->desc->num_buttons; }
unsigned machine_num_pins(const struct machine *m) { return m->desc->num_pins; }

void machine_press_button(struct machine *m, unsigned idx, bool pressed)
{
    if (idx >= m->desc->num_buttons)
        return;
    m->desc->press_button(m, idx, pressed);
    /* Kept here, not asked of the board: the window draws what every presser did. */
    if (idx < 32)
        m->buttons_held = pressed ? m->buttons_held | 1u << idx : m->buttons_held & ~(1u << idx);
}

bool machine_button(const struct machine *m, unsigned idx)
{
    return idx < m->desc->num_buttons && idx < 32 && ((m->buttons_held >> idx) & 1);
}

void machine_drive_pin(struct machine *m, unsigned pin, bool level)
{
    if (pin < m->desc->num_pins)
        m->desc->drive_pin(m, pin, level);
}

bool machine_led(struct machine *m, unsigned idx)
{
    return idx < m->desc->num_leds && m->desc->led(m, idx);
}

bool machine_pin(struct machine *m, unsigned pin)
{
    return pin < m->desc->num_pins && m->desc->pin(m, pin);
}

size_t machine_console_input(struct machine *m, const uint8_t *buf, size_t n)
{
    return m->desc->console_input(m, buf, n);
}

struct radio802154 *machine_radio(struct machine *m)
{
    return m->desc->radio ? m->desc->radio(m) : NULL;
}

void machine_reset_all(struct machine *m)
{
    for (int i = 0; i < m->bus.count; i++)
        if (m->bus.regions[i].kind == REGION_DEVICE && m->bus.regions[i].ops->reset)
            m->bus.regions[i].ops->reset(m->bus.regions[i].dev);
    machine_reset(m);
}

uint64_t machine_next_activity(struct machine *m)
{
    if (m->exited)
        return CLOCK_NEVER;
    if (!m->sleeping || m->cpu.ops->wake_pending(m->cpu.impl))
        return m->clock.now;
    return clock_next_deadline(&m->clock);
}

void machine_guest_exit(void *ctx, int code)
{
    struct machine *m = ctx;
    if (!m->exited) {
        m->exited = true;
        m->exit_code = code;
        trace_event(&m->trace, "exit", "\"code\":%d", code);
    }
}

/* Sleeping CPU: wake it, or jump to the next event (or the time limit). */
static void idle(struct machine *m, uint64_t deadline)
{
    if (m->cpu.ops->wake_pending(m->cpu.impl))
        set_sleeping(m, false);
    else
        clock_advance_to(&m->clock, deadline);
}

enum machine_status machine_run(struct machine *m, uint64_t until)
{
    m->stop_requested = false;
    while (!m->exited) {
        clock_run_due(&m->clock);
        if (m->exited)
            break;
        if (m->stop_requested)
            return MACHINE_RUNNING;
        if (m->clock.now >= until)
            return MACHINE_TIMEOUT;
        uint64_t next = clock_next_deadline(&m->clock);
        uint64_t deadline = next < until ? next : until;
        if (m->sleeping) {
            idle(m, deadline);
            continue;
        }
        switch (m->cpu.ops->run(m->cpu.impl, deadline)) {
        case CPU_STOP_SLICE:
            break;
        case CPU_STOP_SLEEP:
            set_sleeping(m, true);
            break;
        case CPU_STOP_EXIT:
            break;
        case CPU_STOP_ERROR:
            snprintf(m->error, sizeof(m->error), "%s", m->cpu.ops->error(m->cpu.impl));
            return MACHINE_ERROR;
        case CPU_STOP_DEBUG:
            return MACHINE_DEBUG;
        }
    }
    return MACHINE_EXITED;
}

/* machine_step's wait: lets a sleeping CPU's time pass to its wake-up or `until`. */
static enum machine_status wait_for_wake(struct machine *m, uint64_t until)
{
    while (m->sleeping && !m->exited) {
        if (m->clock.now >= until)
            return MACHINE_RUNNING;
        uint64_t next = clock_next_deadline(&m->clock);
        idle(m, next < until ? next : until);
        clock_run_due(&m->clock);
    }
    return m->exited ? MACHINE_EXITED : MACHINE_DEBUG;
}

enum machine_status machine_step(struct machine *m, uint64_t until)
{
    clock_run_due(&m->clock);
    enum machine_status st = wait_for_wake(m, until);
    if (st != MACHINE_DEBUG)
        return st;
    switch (m->cpu.ops->debug->step(m->cpu.impl)) {
    case CPU_STOP_SLEEP:
        m->sleeping = true;                 /* the step was a wfi */
        break;
    case CPU_STOP_ERROR:
        snprintf(m->error, sizeof(m->error), "%s", m->cpu.ops->error(m->cpu.impl));
        return MACHINE_ERROR;
    default:
        break;
    }
    return m->exited ? MACHINE_EXITED : MACHINE_DEBUG;
}

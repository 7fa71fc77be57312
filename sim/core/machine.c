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
    return true;
}

void machine_remove_observer(struct machine *m, void *ctx)
{
    int k = 0;
    for (int i = 0; i < m->nobservers; i++)
        if (m->observers[i].ctx != ctx)
            m->observers[k++] = m->observers[i];
    m->nobservers = k;
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
        m->sleeping = false;
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
            m->sleeping = true;
            break;
        case CPU_STOP_EXIT:
            break;
        case CPU_STOP_ERROR:
            snprintf(m->error, sizeof(m->error), "%s", m->cpu.ops->error(m->cpu.impl));
            return MACHINE_ERROR;
        }
    }
    return MACHINE_EXITED;
}

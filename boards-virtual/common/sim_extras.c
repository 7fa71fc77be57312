/* What both virtual boards share, simulator side (sim_extras.h). */
#include "sim_extras.h"

#include <stdio.h>

#include "boards-virtual/sim_boards.h"

void sim_extras_init(struct sim_extras *x, struct machine *m, uint32_t fpgaio_prescale_hz,
                     unsigned button_pin0, uint64_t seed)
{
    struct device_env env = { &m->clock, &m->trace, "fpgaio", NULL };
    fpgaio_init(&x->fpgaio, &env, fpgaio_prescale_hz, machine_led_changed, m);
    env.name = "gpio";
    gpio_init(&x->gpio, &env, machine_pin_changed, m);
    env.name = "rng";
    rng_init(&x->rng, &env, seed);
    env.name = "finisher";
    finisher_init(&x->finisher, &env, machine_guest_exit, m);
    env.name = "kdbg";
    env.dma = &m->dma;              /* kdbg reads event records, the radio frames */
    kdbg_init(&x->kdbg, &env, machine_process_event, m, m->layout.ram_size);   /* layout set first */
    env.name = "radio";
    /* Its own draws (not the RNG's); its factory address 02-00-<the seed's low 48 bits>: a
     * locally administered EUI-64 that differs between the boards of a scenario. */
    radio802154_init(&x->radio, &env, seed ^ 0x524449304f494452ull, 0x0200000000000000ull | (seed & 0xffffffffffffull));
    x->button_pin0 = button_pin0;
}

bool sim_extras_map(struct sim_extras *x, struct machine *m, const struct sim_extras_at *at,
                    char *err, size_t errlen)
{
    const struct { const char *name; uint32_t base; const struct device_ops *ops; void *dev; } devs[] = {
        { "fpgaio", at->fpgaio, at->fpgaio_ops, &x->fpgaio },
        { "gpio", at->gpio, &gpio_ops, &x->gpio },
        { "rng", at->rng, &rng_ops, &x->rng },
        { "finisher", at->finisher, &finisher_ops, &x->finisher },
        { "kdbg", at->kdbg, &kdbg_ops, &x->kdbg },
        { "radio", at->radio, &radio802154_ops, &x->radio },
    };
    for (size_t i = 0; i < sizeof(devs) / sizeof(devs[0]); i++)
        if (!sim_extras_map_device(m, devs[i].name, devs[i].base, 0x1000, devs[i].ops, devs[i].dev,
                                   err, errlen))
            return false;
    return true;
}

bool sim_extras_map_device(struct machine *m, const char *name, uint32_t base, uint32_t size,
                           const struct device_ops *ops, void *dev, char *err, size_t errlen)
{
    if (bus_map_device(&m->bus, name, base, size, ops, dev))
        return true;
    snprintf(err, errlen, "%s: cannot map %s at 0x%08x", m->desc->name, name, base);
    return false;
}

bool sim_extras_memory(struct machine *m, const struct machine_layout *layout, char *err,
                       size_t errlen)
{
    m->layout = *layout;
    if (!bus_map_memory(&m->bus, "flash", REGION_FLASH, layout->flash_base, layout->flash_size) ||
        !bus_map_memory(&m->bus, "ram", REGION_RAM, layout->ram_base, layout->ram_size)) {
        snprintf(err, errlen, "%s: cannot allocate %u bytes of RAM", m->desc->name, layout->ram_size);
        return false;
    }
    return true;
}

void sim_extras_console_tx(void *ctx, uint8_t byte)
{
    struct machine *m = ctx;
    char c = (char)byte;
    machine_console_write(m, &c, 1);
    trace_event(&m->trace, "console", "\"byte\":%u", byte);
}

/* ---- host I/O ------------------------------------------------------------------------- */

static struct sim_extras *extras_of(struct machine *m)
{
    return m->board;        /* every board's state begins with its struct sim_extras */
}

void sim_extras_press_button(struct machine *m, unsigned idx, bool pressed)
{
    struct sim_extras *x = extras_of(m);
    fpgaio_set_button(&x->fpgaio, idx, pressed);
    gpio_set_input(&x->gpio, x->button_pin0 + idx, pressed);
    trace_event(&m->trace, "button", "\"button\":%u,\"pressed\":%s", idx, pressed ? "true" : "false");
}

void sim_extras_drive_pin(struct machine *m, unsigned pin, bool level)
{
    gpio_set_input(&extras_of(m)->gpio, pin, level);
}

bool sim_extras_led(struct machine *m, unsigned idx)
{
    return (extras_of(m)->fpgaio.led0 >> idx) & 1;
}

bool sim_extras_pin(struct machine *m, unsigned pin)
{
    return (extras_of(m)->gpio.level >> pin) & 1;
}

struct radio802154 *sim_extras_radio(struct machine *m)
{
    return &extras_of(m)->radio;
}

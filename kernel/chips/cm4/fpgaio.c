/* cm4 chip: MPS2 FPGA-IO user LEDs and push buttons.
 *
 * FPGA-IO (AN386, doc/devices/fpgaio.md): LED0 [1:0] user LEDs (1 = on), BUTTON [1:0] push
 * buttons (1 = pressed). The block has no interrupt. On tocksim the buttons are also wired to
 * GPIO input pins, whose edges interrupt; on QEMU (no GPIO bank) the driver polls BUTTON with
 * the CMSDK dual-timer's timer 1 while some button is watched.
 */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/chips/cm4/fpgaio.h"

#define LED0    0x000u
#define BUTTON  0x008u

/* Dual-timer timer 1 (doc/devices/cmsdk_dualtimer.md). */
#define DT_LOAD     0x00u
#define DT_CONTROL  0x08u
#define DT_INTCLR   0x0cu
#define DT_32BIT    (1u << 1)
#define DT_INTEN    (1u << 5)
#define DT_PERIODIC (1u << 6)
#define DT_ENABLE   (1u << 7)

static volatile uint32_t *reg(uintptr_t base, uint32_t off)
{
    return (volatile uint32_t *)(base + off);
}

static void led_set(void *dev, unsigned led, int on)
{
    struct fpgaio *f = dev;
    uint32_t v = *reg(f->base, LED0);
    *reg(f->base, LED0) = on ? (v | 1u << led) : (v & ~(1u << led));
}

static int led_get(void *dev, unsigned led)
{
    struct fpgaio *f = dev;
    return (int)((*reg(f->base, LED0) >> led) & 1u);
}

static int button_read(void *dev, unsigned button)
{
    struct fpgaio *f = dev;
    return (int)((*reg(f->base, BUTTON) >> button) & 1u);
}

static void report(struct fpgaio *f, unsigned button, int pressed)
{
    if ((f->watched & (1u << button)) && f->client)
        f->client->changed(f->client->ctx, button, pressed);
}

static void gpio_edge(void *ctx, unsigned pin, int level)
{
    struct fpgaio *f = ctx;
    report(f, pin - f->btn_pin0, level);
}

/* Polling: compares BUTTON with the last sample and reports each change. */
static void poll_irq(void *ctx)
{
    struct fpgaio *f = ctx;
    *reg(f->poll_timer, DT_INTCLR) = 1;
    uint32_t now = *reg(f->base, BUTTON), diff = now ^ f->last;
    f->last = now;
    for (unsigned b = 0; b < f->num_buttons; b++)
        if (diff & (1u << b))
            report(f, b, (int)((now >> b) & 1u));
}

static void button_watch(void *dev, unsigned button, int on)
{
    struct fpgaio *f = dev;
    f->watched = on ? (f->watched | 1u << button) : (f->watched & ~(1u << button));
    if (f->gpio->present) {
        cm4_gpio_claim_irq(f->gpio, f->btn_pin0 + button, on);
        return;
    }
    if (f->watched) {
        f->last = *reg(f->base, BUTTON);
        *reg(f->poll_timer, DT_LOAD) = f->poll_ticks;
        *reg(f->poll_timer, DT_CONTROL) = DT_ENABLE | DT_PERIODIC | DT_INTEN | DT_32BIT;
    } else {
        *reg(f->poll_timer, DT_CONTROL) = 0;
        *reg(f->poll_timer, DT_INTCLR) = 1;
    }
}

static void button_set_client(void *dev, const struct hil_button_client *client)
{
    struct fpgaio *f = dev;
    f->client = client;
}

void fpgaio_init(struct fpgaio *f, uintptr_t base, unsigned num_leds, unsigned num_buttons,
                 struct cm4_gpio *gpio, unsigned btn_pin0, uintptr_t poll_timer,
                 unsigned poll_irq_num, uint32_t poll_ticks)
{
    *f = (struct fpgaio){ .base = base, .num_leds = num_leds, .num_buttons = num_buttons,
                          .gpio = gpio, .btn_pin0 = btn_pin0, .poll_timer = poll_timer,
                          .poll_ticks = poll_ticks };
    f->leds = (struct hil_led){ f, num_leds, led_set, led_get };
    f->buttons = (struct hil_button){ f, num_buttons, button_read, button_watch,
                                      button_set_client };
    *reg(base, LED0) = 0;
    if (gpio->present) {
        cm4_gpio_claim(gpio, ((1u << num_buttons) - 1u) << btn_pin0, gpio_edge, f);
    } else {
        *reg(poll_timer, DT_CONTROL) = 0;
        arch_irq_register(poll_irq_num, poll_irq, f);
        arch_irq_enable(poll_irq_num);
    }
}

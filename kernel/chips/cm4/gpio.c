/* cm4 chip: the tocksim GPIO bank driver (absent on QEMU: detected by its ID register).
 *
 * Register map: doc/devices/gpio.md. Pulls are not modelled by the bank: pull modes configure
 * a plain input. Edges latch in IRQ_STATUS; the interrupt handler clears and reports them.
 */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/chips/cm4/gpio.h"

#define ID          0x000u
#define DIR         0x008u
#define OUT         0x00cu
#define IN          0x010u
#define SET         0x014u
#define CLR         0x018u
#define TOGGLE      0x01cu
#define IRQ_RISE    0x020u
#define IRQ_FALL    0x024u
#define IRQ_STATUS  0x028u

static volatile uint32_t *reg(const struct cm4_gpio *g, uint32_t off)
{
    return (volatile uint32_t *)(g->base + off);
}

static void set_bit(volatile uint32_t *r, unsigned pin, int on)
{
    *r = on ? (*r | 1u << pin) : (*r & ~(1u << pin));
}

static int gpio_configure(void *dev, unsigned pin, enum gpio_mode mode)
{
    struct cm4_gpio *g = dev;
    set_bit(reg(g, DIR), pin, mode == GPIO_OUTPUT);
    if (mode == GPIO_DISABLED) {
        set_bit(reg(g, IRQ_RISE), pin, 0);
        set_bit(reg(g, IRQ_FALL), pin, 0);
    }
    return 0;
}

static void gpio_write(void *dev, unsigned pin, int level)
{
    struct cm4_gpio *g = dev;
    *reg(g, level ? SET : CLR) = 1u << pin;
}

static void gpio_toggle(void *dev, unsigned pin)
{
    struct cm4_gpio *g = dev;
    *reg(g, TOGGLE) = 1u << pin;
}

static int gpio_read(void *dev, unsigned pin)
{
    struct cm4_gpio *g = dev;
    return (int)((*reg(g, IN) >> pin) & 1u);
}

static void gpio_interrupt(void *dev, unsigned pin, enum gpio_edge edge)
{
    struct cm4_gpio *g = dev;
    set_bit(reg(g, IRQ_RISE), pin, edge == GPIO_EDGE_BOTH || edge == GPIO_EDGE_RISING);
    set_bit(reg(g, IRQ_FALL), pin, edge == GPIO_EDGE_BOTH || edge == GPIO_EDGE_FALLING);
    *reg(g, IRQ_STATUS) = 1u << pin;
}

static void gpio_set_client(void *dev, const struct hil_gpio_client *client)
{
    struct cm4_gpio *g = dev;
    g->client = client;
}

static void gpio_irq(void *ctx)
{
    struct cm4_gpio *g = ctx;
    uint32_t st = *reg(g, IRQ_STATUS);
    *reg(g, IRQ_STATUS) = st;
    uint32_t in = *reg(g, IN);
    for (; st; st &= st - 1) {
        unsigned pin = (unsigned)__builtin_ctz(st);
        int level = (int)((in >> pin) & 1u);
        if (g->private_mask & (1u << pin)) {
            g->private_edge(g->private_ctx, pin, level);
        } else if (g->client) {
            g->client->edge(g->client->ctx, pin, level);
        }
    }
}

int cm4_gpio_init(struct cm4_gpio *g, uintptr_t base, unsigned irq, uint32_t id)
{
    g->base = base;
    g->client = NULL;
    g->private_mask = 0;
    g->present = *(volatile uint32_t *)base == id;
    g->hil = (struct hil_gpio){ g, g->present ? 32u : 0u, gpio_configure, gpio_write,
                                gpio_toggle, gpio_read, gpio_interrupt, gpio_set_client };
    if (!g->present)
        return 0;
    *reg(g, IRQ_RISE) = 0;
    *reg(g, IRQ_FALL) = 0;
    *reg(g, IRQ_STATUS) = 0xffffffffu;
    arch_irq_register(irq, gpio_irq, g);
    arch_irq_enable(irq);
    return 1;
}

void cm4_gpio_claim(struct cm4_gpio *g, uint32_t mask,
                    void (*edge)(void *ctx, unsigned pin, int level), void *ctx)
{
    g->private_mask = mask;
    g->private_edge = edge;
    g->private_ctx = ctx;
    *reg(g, DIR) &= ~mask;
}

void cm4_gpio_claim_irq(struct cm4_gpio *g, unsigned pin, int on)
{
    gpio_interrupt(g, pin, on ? GPIO_EDGE_BOTH : GPIO_EDGE_NONE);
}

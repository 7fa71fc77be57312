/* Capsule: GPIO pins (driver 0x4). Tock's capsules/core/gpio.rs (doc/drivers/gpio.md):
 *   command 0 exists, 1 output(pin), 2 set(pin), 3 clear(pin), 4 toggle(pin),
 *   5 input(pin, a1 = 0 no pull / 1 pull-up / 2 pull-down), 6 read(pin) -> level,
 *   7 interrupt(pin, a1 = 0 either edge / 1 rising / 2 falling), 8 no interrupt and
 *   disable(pin), 9 disable(pin), 10 number of pins; a bad pin is INVAL, a bad pull or edge
 *   NOSUPPORT.
 *   upcall 0: (pin, level, 0) to every process subscribed, on an enabled edge. */
#include <stdint.h>

#include "kernel/capsules/gpio.h"
#include "kernel/core/grant.h"
#include "kernel/core/process.h"
#include "kernel/core/upcall.h"

static const struct hil_gpio *hw;
static const uint8_t *pin_map;
static unsigned num_pins;

static void edge(void *ctx, unsigned hw_pin, int level)
{
    (void)ctx;
    for (unsigned i = 0; i < num_pins; i++) {
        if (pin_map[i] != hw_pin)
            continue;
        for (struct process *p = NULL; (p = process_next(p)) != NULL;)
            if (grant_data_peek(p, &gpio_driver))
                upcall_schedule(p, &gpio_driver, 0, i, (uint32_t)level, 0);
    }
}

static const struct hil_gpio_client client = { edge, 0 };

static struct syscall_ret configure(unsigned pin, enum gpio_mode mode)
{
    return hw->configure(hw->dev, pin, mode) ? ret_failure(ERR_NOSUPPORT) : ret_success();
}

static struct syscall_ret gpio_command(struct process *p, uint32_t cmd, uint32_t pin,
                                       uint32_t mode)
{
    (void)p;
    if (cmd == 0)
        return ret_success();
    if (cmd == 10)
        return ret_success_u32(num_pins);
    if (cmd > 9)
        return ret_failure(ERR_NOSUPPORT);
    if (pin >= num_pins)
        return ret_failure(ERR_INVAL);
    unsigned hp = pin_map[pin];
    static const enum gpio_mode pulls[] = { GPIO_INPUT, GPIO_INPUT_PULLUP, GPIO_INPUT_PULLDOWN };
    static const enum gpio_edge edges[] = { GPIO_EDGE_BOTH, GPIO_EDGE_RISING, GPIO_EDGE_FALLING };
    switch (cmd) {
    case 1:
        return configure(hp, GPIO_OUTPUT);
    case 2:
    case 3:
        hw->write(hw->dev, hp, cmd == 2);
        return ret_success();
    case 4:
        hw->toggle(hw->dev, hp);
        return ret_success();
    case 5:
        return mode > 2 ? ret_failure(ERR_NOSUPPORT) : configure(hp, pulls[mode]);
    case 6:
        return ret_success_u32((uint32_t)hw->read(hw->dev, hp));
    case 7:
        if (mode > 2)
            return ret_failure(ERR_NOSUPPORT);
        hw->interrupt(hw->dev, hp, edges[mode]);
        return ret_success();
    case 8:
        hw->interrupt(hw->dev, hp, GPIO_EDGE_NONE);
        return configure(hp, GPIO_DISABLED);
    default:
        return configure(hp, GPIO_DISABLED);
    }
}

const struct driver gpio_driver = {
    .num = GPIO_DRIVER_NUM,
    .name = "gpio",
    .num_upcalls = 1,
    .command = gpio_command,
};

void gpio_capsule_init(const struct hil_gpio *gpio, const uint8_t *pins, unsigned n)
{
    hw = gpio;
    pin_map = pins;
    num_pins = n;
    hw->set_client(hw->dev, &client);
}

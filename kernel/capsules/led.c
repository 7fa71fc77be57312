/* Capsule: LEDs (driver 0x2). Tock's capsules/core/led.rs (doc/drivers/led.md):
 *   command 0 number of LEDs, 1 on(led), 2 off(led), 3 toggle(led); a bad index is INVAL. */
#include <stdint.h>

#include "kernel/capsules/led.h"

static const struct hil_led *hw;

static struct syscall_ret led_command(struct process *p, uint32_t cmd, uint32_t led,
                                      uint32_t unused)
{
    (void)p;
    (void)unused;
    if (cmd == 0)
        return ret_success_u32(hw->count);
    if (cmd > 3)
        return ret_failure(ERR_NOSUPPORT);
    if (led >= hw->count)
        return ret_failure(ERR_INVAL);
    int on = cmd == 1 ? 1 : cmd == 2 ? 0 : !hw->get(hw->dev, led);
    hw->set(hw->dev, led, on);
    return ret_success();
}

const struct driver led_driver = {
    .num = LED_DRIVER_NUM,
    .name = "led",
    .command = led_command,
};

void led_capsule_init(const struct hil_led *leds)
{
    hw = leds;
}

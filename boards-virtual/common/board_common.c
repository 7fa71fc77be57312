/* The kernel side both virtual boards share (see board_common.h). */
#include "boards-virtual/common/board_common.h"

#include <stdbool.h>

#include "kernel/capsules/alarm.h"
#include "kernel/capsules/button.h"
#include "kernel/capsules/console.h"
#include "kernel/capsules/gpio.h"
#include "kernel/capsules/ieee802154.h"
#include "kernel/capsules/led.h"
#include "kernel/capsules/process_console.h"
#include "kernel/capsules/rng.h"
#include "kernel/core/kernel.h"

#define TIMESLICE_US     10000u

/* Symbols of each board's kernel.ld. */
extern uint8_t _app_ram_start[], _app_ram_end[], _kernel_flash_end[], _ebss[];
extern uint8_t _kernel_stack_start[], _estack[];

/* GPIO pins the GPIO driver gives processes: all but the button pins. */
static const uint8_t app_pins[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

/* Apps whose faults should not follow the default policy. */
static const struct fault_policy_rule policy_rules[] = {
    { "panic-on-fault", FAULT_PANIC, 0 },
};

static struct kernel_config config;

/* Each capsule the board offers and how to start it: false if its hardware is absent (then the
 * kernel answers NODEVICE for its number). The driver table below is sized from this list. */
static bool start_alarm(const struct board_hils *h) { alarm_capsule_init(h->alarm); return true; }
static bool start_console(const struct board_hils *h)
{
    console_capsule_init(h->console, process_console_rx);
    return true;
}
static bool start_led(const struct board_hils *h) { led_capsule_init(h->leds); return true; }
static bool start_button(const struct board_hils *h) { button_capsule_init(h->buttons); return true; }
static bool start_gpio(const struct board_hils *h)
{
    if (h->gpio)
        gpio_capsule_init(h->gpio, app_pins, sizeof app_pins);
    return h->gpio != NULL;
}
static bool start_rng(const struct board_hils *h)
{
    if (h->rng)
        rng_capsule_init(h->rng);
    return h->rng != NULL;
}

static bool start_radio(const struct board_hils *h)
{
    if (h->radio)
        ieee802154_capsule_init(h->radio);
    return h->radio != NULL;
}

static const struct capsule_entry {
    const struct driver *driver;
    bool (*start)(const struct board_hils *h);
} capsules[] = {
    { &alarm_driver, start_alarm }, { &console_driver, start_console }, { &led_driver, start_led },
    { &button_driver, start_button }, { &gpio_driver, start_gpio }, { &rng_driver, start_rng },
    { &ieee802154_driver, start_radio },
};
#define NUM_CAPSULES (sizeof capsules / sizeof capsules[0])

/* The kernel's driver table. Not static: the simulator's --strace reads these two symbols to
 * name drivers as this kernel does (doc/cli.md, "--strace"). */
const struct driver *board_drivers[NUM_CAPSULES];
unsigned board_num_drivers;

void board_common_capsules_init(const struct board_hils *hils)
{
    board_num_drivers = 0;
    for (size_t i = 0; i < NUM_CAPSULES; i++)
        if (capsules[i].start(hils))
            board_drivers[board_num_drivers++] = capsules[i].driver;
    process_console_init();
}

/* Processes get RAM from the end of the kernel's data to the end of RAM: the board's actual RAM
 * (layout->ram_size, which the simulator may report larger or smaller than the linked size). */
static size_t app_ram_size(const struct board_layout *layout)
{
    uintptr_t end = layout->ram_start + layout->ram_size;
    (void)_app_ram_end;             /* the linked end: what ram_size is without the simulator */
    return end > (uintptr_t)_app_ram_start ? (size_t)(end - (uintptr_t)_app_ram_start) : 0;
}

void board_common_kernel_init(const struct board_layout *layout)
{
    config = (struct kernel_config){
        .drivers = board_drivers,
        .num_drivers = board_num_drivers,
        .apps_start = layout->apps_start,
        .apps_size = layout->apps_size,
        .app_ram_start = (uintptr_t)_app_ram_start,
        .app_ram_size = app_ram_size(layout),
        .ram_start = layout->ram_start,
        .ram_size = layout->ram_size,
        .kernel_flash_start = layout->kernel_flash_start,
        .kernel_flash_end = (uintptr_t)_kernel_flash_end,
        .kernel_data_end = (uintptr_t)_ebss,
        .kernel_stack_start = (uintptr_t)_kernel_stack_start,
        .kernel_stack_end = (uintptr_t)_estack,
        .sched = SCHED_ROUND_ROBIN,
        .timeslice_us = TIMESLICE_US,
        .fault_policy = FAULT_RESTART,
        .restart_threshold = 3,
        .policy_rules = policy_rules,
        .num_policy_rules = sizeof policy_rules / sizeof policy_rules[0],
        .events = layout->events,   /* process events for the simulator */
        .idle = console_idle,       /* console input nobody reads -> the process console */
    };
    kernel_init(&config);
}

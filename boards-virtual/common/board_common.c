/* The kernel side both virtual boards share (see board_common.h). */
#include "boards-virtual/common/board_common.h"

#include "kernel/capsules/alarm.h"
#include "kernel/capsules/button.h"
#include "kernel/capsules/console.h"
#include "kernel/capsules/gpio.h"
#include "kernel/capsules/led.h"
#include "kernel/capsules/process_console.h"
#include "kernel/capsules/rng.h"
#include "kernel/core/kernel.h"
#include "kernel/core/panic.h"

#define TIMESLICE_US     10000u
#define MAX_DRIVERS      8

/* Symbols of each board's kernel.ld. */
extern uint8_t _app_ram_start[], _app_ram_end[], _kernel_flash_end[], _ebss[];
extern uint8_t _kernel_stack_start[], _estack[];

/* GPIO pins the GPIO driver gives processes: all but the button pins. */
static const uint8_t app_pins[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

static const struct driver *drivers[MAX_DRIVERS];
static unsigned num_drivers;

/* Apps whose faults should not follow the default policy. */
static const struct fault_policy_rule policy_rules[] = {
    { "panic-on-fault", FAULT_PANIC, 0 },
};

static struct kernel_config config;

static void add_driver(const struct driver *d)
{
    if (num_drivers == MAX_DRIVERS)
        panic("board: more than %d drivers", MAX_DRIVERS);
    drivers[num_drivers++] = d;
}

void board_common_capsules_init(const struct board_hils *hils)
{
    alarm_capsule_init(hils->alarm);
    add_driver(&alarm_driver);
    console_capsule_init(hils->console, process_console_rx);
    add_driver(&console_driver);
    led_capsule_init(hils->leds);
    add_driver(&led_driver);
    button_capsule_init(hils->buttons);
    add_driver(&button_driver);
    if (hils->gpio) {
        gpio_capsule_init(hils->gpio, app_pins, sizeof app_pins);
        add_driver(&gpio_driver);
    }
    if (hils->rng) {
        rng_capsule_init(hils->rng);
        add_driver(&rng_driver);
    }
    process_console_init();
}

void board_common_kernel_init(const struct board_layout *layout)
{
    config = (struct kernel_config){
        .drivers = drivers,
        .num_drivers = num_drivers,
        .apps_start = layout->apps_start,
        .apps_size = layout->apps_size,
        .app_ram_start = (uintptr_t)_app_ram_start,
        .app_ram_size = (size_t)(_app_ram_end - _app_ram_start),
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

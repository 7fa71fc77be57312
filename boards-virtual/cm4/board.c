/* cm4 board, kernel side: the devices, capsules and configuration the board main sets up. */
#include <stddef.h>
#include <stdint.h>

#include "kernel/core/board.h"
#include "boards-virtual/cm4/memmap.h"
#include "kernel/capsules/alarm.h"
#include "kernel/capsules/button.h"
#include "kernel/capsules/console.h"
#include "kernel/capsules/gpio.h"
#include "kernel/capsules/led.h"
#include "kernel/capsules/process_console.h"
#include "kernel/capsules/rng.h"
#include "kernel/chips/cm4/finisher.h"
#include "kernel/chips/cm4/fpgaio.h"
#include "kernel/chips/cm4/gpio.h"
#include "kernel/chips/cm4/kdbg.h"
#include "kernel/chips/cm4/rng.h"
#include "kernel/chips/cm4/timer.h"
#include "kernel/chips/cm4/uart.h"
#include "kernel/core/kernel.h"
#include "kernel/core/kprintf.h"
#include "kernel/core/panic.h"

const char *board_name(void)
{
    return "cm4";
}

uint32_t board_cpu_hz(void)
{
    return CM4_CPU_HZ;
}

/* The fastest rate the CMSDK UART allows (BAUDDIV 16 at 25 MHz): polled kernel reports (a
 * fault report is ~2.5 KB) then cost 16 ms of virtual time instead of 220 ms at 115200. */
#define BAUD             (CM4_PCLK_HZ / 16u)
#define BUTTON_POLL_HZ   50u        /* QEMU only: button sampling without a GPIO bank */
#define TIMESLICE_US     10000u
#define MAX_DRIVERS      8

/* Symbols of boards-virtual/cm4/kernel.ld. */
extern uint8_t _app_ram_start[], _app_ram_end[], _kernel_flash_end[], _ebss[];
extern uint8_t _kernel_stack_start[], _estack[];

static struct cmsdk_uart uart0;
static struct cmsdk_alarm alarm;
static struct cm4_gpio gpio;
static struct fpgaio fpgaio;
static struct cm4_rng rng;
static struct cm4_kdbg kdbg;

/* GPIO pins the GPIO driver gives processes: all but the button pins. */
static const uint8_t app_pins[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };

static const struct driver *drivers[MAX_DRIVERS];
static unsigned num_drivers;

/* Apps whose faults should not follow the default policy. */
static const struct fault_policy_rule policy_rules[] = {
    { "panic-on-fault", FAULT_PANIC, 0 },
};

static struct kernel_config config;

static void debug_putc(char c)
{
    uart0.hil.putc_polled(uart0.hil.dev, c);
}

/* On tocksim the finisher ends the run with a failure code; on QEMU this does nothing. */
static void panic_exit(void)
{
    cm4_finisher_exit(1);
}

void board_console_init(void)
{
    cmsdk_uart_init(&uart0, CM4_UART0_BASE, CM4_IRQ_UART0_TX, CM4_IRQ_UART0_RX, CM4_PCLK_HZ,
                    BAUD);
    kprintf_set_output(debug_putc);
}

void board_chips_init(void)
{
    cmsdk_alarm_init(&alarm, CM4_TIMER0_BASE, CM4_TIMER1_BASE, CM4_IRQ_TIMER1, CM4_PCLK_HZ);
    int have_gpio = cm4_gpio_init(&gpio, CM4_GPIO_BASE, CM4_IRQ_GPIO, CM4_ID_GPIO);
    fpgaio_init(&fpgaio, CM4_FPGAIO_BASE, CM4_NUM_LEDS, CM4_NUM_BUTTONS, &gpio,
                CM4_GPIO_PIN_BTN0, CM4_DUALTIMER_BASE, CM4_IRQ_DUALTIMER,
                CM4_PCLK_HZ / BUTTON_POLL_HZ);
    int have_rng = cm4_rng_init(&rng, CM4_RNG_BASE, CM4_ID_RNG);
    int have_finisher = cm4_finisher_init(CM4_FINISHER_BASE, CM4_ID_FINISHER);
    int have_kdbg = cm4_kdbg_init(&kdbg, CM4_KDBG_BASE, CM4_ID_KDBG);
    panic_set_hook(panic_exit);
    kprintf("Devices: GPIO bank %s, RNG %s, finisher %s, kdbg %s\r\n",
            have_gpio ? "yes" : "absent", have_rng ? "yes" : "absent",
            have_finisher ? "yes" : "absent", have_kdbg ? "yes" : "absent");
}

static void add_driver(const struct driver *d)
{
    if (num_drivers == MAX_DRIVERS)
        panic("board: more than %d drivers", MAX_DRIVERS);
    drivers[num_drivers++] = d;
}

void board_capsules_init(void)
{
    alarm_capsule_init(&alarm.hil);
    add_driver(&alarm_driver);
    console_capsule_init(&uart0.hil, process_console_rx);
    add_driver(&console_driver);
    led_capsule_init(&fpgaio.leds);
    add_driver(&led_driver);
    button_capsule_init(&fpgaio.buttons);
    add_driver(&button_driver);
    if (gpio.present) {             /* absent devices: their drivers answer NODEVICE */
        gpio_capsule_init(&gpio.hil, app_pins, sizeof app_pins);
        add_driver(&gpio_driver);
    }
    if (rng.present) {
        rng_capsule_init(&rng.hil);
        add_driver(&rng_driver);
    }
    process_console_init();
}

void board_kernel_init(void)
{
    config = (struct kernel_config){
        .drivers = drivers,
        .num_drivers = num_drivers,
        .apps_start = CM4_APPS_BASE,
        .apps_size = CM4_APPS_SIZE,
        .app_ram_start = (uintptr_t)_app_ram_start,
        .app_ram_size = (size_t)(_app_ram_end - _app_ram_start),
        .ram_start = CM4_RAM_BASE,
        .ram_size = CM4_RAM_SIZE,
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
        .events = kdbg.present ? &kdbg.hil : NULL,  /* process events for the simulator */
        .idle = console_idle,       /* console input nobody reads -> the process console */
    };
    kernel_init(&config);
}

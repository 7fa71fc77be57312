/* cm4 board, kernel side: the devices, capsules and configuration the board main sets up. */
#include <stddef.h>
#include <stdint.h>

#include "kernel/core/board.h"
#include "boards-virtual/common/board_common.h"
#include "boards-virtual/cm4/memmap.h"
#include "kernel/chips/cm4/finisher.h"
#include "kernel/chips/cm4/fpgaio.h"
#include "kernel/chips/cm4/gpio.h"
#include "kernel/chips/cm4/kdbg.h"
#include "kernel/chips/cm4/radio.h"
#include "kernel/chips/cm4/rng.h"
#include "kernel/chips/cm4/timer.h"
#include "kernel/chips/cm4/uart.h"
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

static struct cmsdk_uart uart0;
static struct cmsdk_alarm alarm;
static struct cm4_gpio gpio;
static struct fpgaio fpgaio;
static struct cm4_rng rng;
static struct cm4_kdbg kdbg;
static struct cm4_radio radio;

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
    int have_radio = cm4_radio_init(&radio, CM4_RADIO_BASE, CM4_IRQ_RADIO, CM4_ID_RADIO);
    panic_set_hook(panic_exit);
    kprintf("Devices: GPIO bank %s, RNG %s, finisher %s, kdbg %s, radio %s\r\n",
            have_gpio ? "yes" : "absent", have_rng ? "yes" : "absent",
            have_finisher ? "yes" : "absent", have_kdbg ? "yes" : "absent", have_radio ? "yes" : "absent");
}

void board_capsules_init(void)
{
    const struct board_hils hils = {
        .alarm = &alarm.hil,
        .console = &uart0.hil,
        .leds = &fpgaio.leds,
        .buttons = &fpgaio.buttons,
        .gpio = gpio.present ? &gpio.hil : NULL,
        .rng = rng.present ? &rng.hil : NULL,
        .radio = radio.present ? &radio.hil : NULL,
    };
    board_common_capsules_init(&hils);
}

void board_kernel_init(void)
{
    const struct board_layout layout = {
        .apps_start = CM4_APPS_BASE,
        .apps_size = CM4_APPS_SIZE,
        .ram_start = CM4_RAM_BASE,
        .ram_size = cm4_kdbg_ram_size(&kdbg, CM4_RAM_SIZE),
        .kernel_flash_start = CM4_FLASH_BASE,
        .events = kdbg.present ? &kdbg.hil : NULL,
    };
    board_common_kernel_init(&layout);
}

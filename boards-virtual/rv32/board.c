/* rv32 board, kernel side: the devices, capsules and configuration the board main sets up. */
#include <stddef.h>
#include <stdint.h>

#include "kernel/core/board.h"
#include "boards-virtual/common/board_common.h"
#include "boards-virtual/rv32/memmap.h"
#include "kernel/chips/cm4/fpgaio.h"
#include "kernel/chips/cm4/gpio.h"
#include "kernel/chips/cm4/kdbg.h"
#include "kernel/chips/cm4/radio.h"
#include "kernel/chips/cm4/rng.h"
#include "kernel/chips/rv32/clint.h"
#include "kernel/chips/rv32/ns16550a.h"
#include "kernel/chips/rv32/plic.h"
#include "kernel/chips/rv32/sifive_test.h"
#include "kernel/core/kprintf.h"
#include "kernel/core/panic.h"

/*
 * The QEMU virt devices (PLIC, NS16550A, CLINT, sifive_test) are always there. The tocksim
 * devices (GPIO bank, FPGA-IO LEDs and buttons, RNG, kdbg, radio) are the cm4 board's, at the same
 * addresses, driven by the same drivers (kernel/chips/cm4); on QEMU their ID registers read
 * all ones, so they are found absent and their drivers stay off (no LEDs, no buttons).
 */

const char *board_name(void)
{
    return "rv32";
}

uint32_t board_cpu_hz(void)
{
    return RV32_CPU_HZ;
}

#define UART_DIVISOR     1u         /* the fastest rate: 399193 baud (QEMU virt's baud base) */

static struct plic plic;
static struct ns16550a uart0;
static struct clint_alarm alarm;
static struct cm4_gpio gpio;
static struct fpgaio fpgaio;
static struct cm4_rng rng;
static struct cm4_kdbg kdbg;
static struct cm4_radio radio;

/* Without the FPGA-IO block (QEMU): no LEDs and no buttons, so every LED or button command
 * with an index is INVAL, as on a Tock board that has none. */
static void no_button_client(void *dev, const struct hil_button_client *client)
{
    (void)dev;
    (void)client;
}
static const struct hil_led no_leds;
static const struct hil_button no_buttons = { .set_client = no_button_client };

static void debug_putc(char c)
{
    uart0.hil.putc_polled(uart0.hil.dev, c);
}

/* Ends the machine with a failure status: QEMU exits, and so does tocksim. */
static void panic_exit(void)
{
    sifive_test_exit(1);
}

/* The PLIC first: the UART's interrupt goes through it. */
void board_console_init(void)
{
    plic_init(&plic, RV32_PLIC_BASE, RV32_PLIC_CTX_M, RV32_PLIC_NUM_SOURCES);
    ns16550a_init(&uart0, RV32_UART0_BASE, RV32_IRQ_UART0, UART_DIVISOR);
    kprintf_set_output(debug_putc);
}

static int fpgaio_present(void)
{
    return *(volatile uint32_t *)(RV32_FPGAIO_BASE + RV32_FPGAIO_ID_OFFSET) == RV32_ID_FPGAIO;
}

void board_chips_init(void)
{
    clint_alarm_init(&alarm, RV32_CLINT_BASE, RV32_MTIME_HZ);
    sifive_test_init(RV32_TEST_BASE);
    panic_set_hook(panic_exit);
    int have_gpio = cm4_gpio_init(&gpio, RV32_GPIO_BASE, RV32_IRQ_GPIO, RV32_ID_GPIO);
    /* Button changes interrupt through GPIO pins: without the bank, no buttons either. */
    int have_fpgaio = have_gpio && fpgaio_present();
    if (have_fpgaio)
        fpgaio_init(&fpgaio, RV32_FPGAIO_BASE, RV32_NUM_LEDS, RV32_NUM_BUTTONS, &gpio,
                    RV32_GPIO_PIN_BTN0, 0, 0, 0);
    int have_rng = cm4_rng_init(&rng, RV32_RNG_BASE, RV32_ID_RNG);
    int have_kdbg = cm4_kdbg_init(&kdbg, RV32_KDBG_BASE, RV32_ID_KDBG);
    int have_radio = cm4_radio_init(&radio, RV32_RADIO_BASE, RV32_IRQ_RADIO, RV32_ID_RADIO);
    kprintf("Devices: LEDs/buttons %s, GPIO bank %s, RNG %s, kdbg %s, radio %s\r\n",
            have_fpgaio ? "yes" : "absent", have_gpio ? "yes" : "absent",
            have_rng ? "yes" : "absent", have_kdbg ? "yes" : "absent", have_radio ? "yes" : "absent");
}

void board_capsules_init(void)
{
    const struct board_hils hils = {
        .alarm = &alarm.hil,
        .console = &uart0.hil,
        .leds = fpgaio.leds.count ? &fpgaio.leds : &no_leds,
        .buttons = fpgaio.buttons.count ? &fpgaio.buttons : &no_buttons,
        .gpio = gpio.present ? &gpio.hil : NULL,
        .rng = rng.present ? &rng.hil : NULL,
        .radio = radio.present ? &radio.hil : NULL,
    };
    board_common_capsules_init(&hils);
}

void board_kernel_init(void)
{
    const struct board_layout layout = {
        .apps_start = RV32_APPS_BASE,
        .apps_size = RV32_APPS_SIZE,
        .ram_start = RV32_RAM_BASE,
        .ram_size = cm4_kdbg_ram_size(&kdbg, RV32_RAM_SIZE),
        .kernel_flash_start = RV32_KERNEL_BASE,
        .events = kdbg.present ? &kdbg.hil : NULL,
    };
    board_common_kernel_init(&layout);
}

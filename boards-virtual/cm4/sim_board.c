/* The cm4 board, simulator side: builds the memory map of memmap.h on a machine and wires the
 * device interrupt lines to the NVIC. The buttons are wired both to the FPGA-IO BUTTON register
 * (as on MPS2) and to GPIO pins CM4_GPIO_PIN_BTN0.. so that they can interrupt. */
#include "sim_board.h"

#include <stdlib.h>

#include "memmap.h"
#include "sim/cpu_cortexm.h"
#include "sim/machine.h"

static void uart0_tx(void *ctx, uint8_t byte)
{
    struct machine *m = ctx;
    char c = (char)byte;
    machine_console_write(m, &c, 1);
    trace_event(&m->trace, "console", "\"byte\":%u", byte);
}


static bool map(struct machine *m, const char *name, uint32_t base, const struct device_ops *ops,
                void *dev, char *err, size_t errlen)
{
    if (bus_map_device(&m->bus, name, base, 0x1000, ops, dev))
        return true;
    snprintf(err, errlen, "cm4: cannot map %s at 0x%08x", name, base);
    return false;
}

static void init_devices(struct machine *m, struct cm4_board *b, uint64_t seed)
{
    static const char *uart_names[] = { "uart0", "uart1", "uart2" };
    static const char *timer_names[] = { "timer0", "timer1" };
    for (int i = 0; i < 3; i++) {
        struct device_env env = { &m->clock, &m->trace, uart_names[i] };
        cmsdk_uart_init(&b->uart[i], &env, CM4_PCLK_HZ, i == 0 ? uart0_tx : NULL, m);
    }
    for (int i = 0; i < 2; i++) {
        struct device_env env = { &m->clock, &m->trace, timer_names[i] };
        cmsdk_timer_init(&b->timer[i], &env, CM4_PCLK_HZ);
    }
    struct device_env env = { &m->clock, &m->trace, "dualtimer" };
    cmsdk_dualtimer_init(&b->dualtimer, &env, CM4_PCLK_HZ);
    env.name = "fpgaio";
    fpgaio_init(&b->fpgaio, &env, CM4_PCLK_HZ, machine_led_changed, m);
    env.name = "gpio";
    gpio_init(&b->gpio, &env, machine_pin_changed, m);
    env.name = "rng";
    rng_init(&b->rng, &env, seed);
    env.name = "finisher";
    finisher_init(&b->finisher, &env, machine_guest_exit, m);
    env.name = "kdbg";
    kdbg_init(&b->kdbg, &env, machine_process_event, m);
}

static bool map_devices(struct machine *m, struct cm4_board *b, char *err, size_t n)
{
    static const uint32_t uart_base[] = { CM4_UART0_BASE, CM4_UART1_BASE, CM4_UART2_BASE };
    static const uint32_t timer_base[] = { CM4_TIMER0_BASE, CM4_TIMER1_BASE };
    static const char *uart_names[] = { "uart0", "uart1", "uart2" };
    static const char *timer_names[] = { "timer0", "timer1" };
    for (int i = 0; i < 3; i++)
        if (!map(m, uart_names[i], uart_base[i], &cmsdk_uart_ops, &b->uart[i], err, n))
            return false;
    for (int i = 0; i < 2; i++)
        if (!map(m, timer_names[i], timer_base[i], &cmsdk_timer_ops, &b->timer[i], err, n))
            return false;
    return map(m, "dualtimer", CM4_DUALTIMER_BASE, &cmsdk_dualtimer_ops, &b->dualtimer, err, n) &&
           map(m, "fpgaio", CM4_FPGAIO_BASE, &fpgaio_ops, &b->fpgaio, err, n) &&
           map(m, "gpio", CM4_GPIO_BASE, &gpio_ops, &b->gpio, err, n) &&
           map(m, "rng", CM4_RNG_BASE, &rng_ops, &b->rng, err, n) &&
           map(m, "finisher", CM4_FINISHER_BASE, &finisher_ops, &b->finisher, err, n) &&
           map(m, "kdbg", CM4_KDBG_BASE, &kdbg_ops, &b->kdbg, err, n);
}

static void wire_irqs(struct cm4_board *b, struct armv7m_scs *nvic)
{
    static const int rx[] = { CM4_IRQ_UART0_RX, CM4_IRQ_UART1_RX, CM4_IRQ_UART2_RX };
    static const int tx[] = { CM4_IRQ_UART0_TX, CM4_IRQ_UART1_TX, CM4_IRQ_UART2_TX };
    for (int i = 0; i < 3; i++) {
        irq_connect(&b->uart[i].irq_rx, armv7m_scs_irq_sink, nvic, rx[i]);
        irq_connect(&b->uart[i].irq_tx, armv7m_scs_irq_sink, nvic, tx[i]);
    }
    irq_connect(&b->uart_ovf.out, armv7m_scs_irq_sink, nvic, CM4_IRQ_UART_OVF);
    for (int i = 0; i < 3; i++)
        irq_connect(&b->uart[i].irq_ovf, irq_or_sink, &b->uart_ovf, i);
    irq_connect(&b->dualtimer.irq, armv7m_scs_irq_sink, nvic, CM4_IRQ_DUALTIMER);
    irq_connect(&b->timer[0].irq, armv7m_scs_irq_sink, nvic, CM4_IRQ_TIMER0);
    irq_connect(&b->timer[1].irq, armv7m_scs_irq_sink, nvic, CM4_IRQ_TIMER1);
    irq_connect(&b->gpio.irq, armv7m_scs_irq_sink, nvic, CM4_IRQ_GPIO);
}

static bool cm4_build(struct machine *m, const struct machine_config *cfg, char *err, size_t n)
{
    uint32_t ram = cfg->ram_size ? cfg->ram_size : CM4_RAM_SIZE;
    struct cm4_board *b = calloc(1, sizeof(*b));
    if (!b) {
        snprintf(err, n, "out of memory");
        return false;
    }
    m->board = b;
    m->board_free = free;
    m->layout = (struct machine_layout){ CM4_FLASH_BASE, CM4_FLASH_SIZE, CM4_RAM_BASE, ram,
                                         CM4_APPS_BASE, CM4_APPS_SIZE };
    if (!bus_map_memory(&m->bus, "flash", REGION_FLASH, CM4_FLASH_BASE, CM4_FLASH_SIZE) ||
        !bus_map_memory(&m->bus, "ram", REGION_RAM, CM4_RAM_BASE, ram)) {
        snprintf(err, n, "cm4: cannot allocate %u bytes of RAM", ram);
        return false;
    }
    init_devices(m, b, cfg->seed);
    if (!map_devices(m, b, err, n))
        return false;
    struct cortexm_config cc = {
        .clock = &m->clock, .trace = &m->trace, .bus = &m->bus, .num_irq = CM4_NUM_IRQS,
        .prio_bits = 8, .systick_refclk_hz = 1000000, .exit = machine_guest_exit,
        .console = machine_console_write, .thread = machine_thread_crossing, .ctx = m,
    };
    struct cortexm *cpu = cortexm_create(&cc, err, (unsigned)n);
    if (!cpu)
        return false;
    m->cpu = (struct cpu){ &cortexm_cpu_ops, cpu };
    wire_irqs(b, cortexm_scs(cpu));
    return true;
}

/* ---- host I/O ------------------------------------------------------------------------- */

static struct cm4_board *board_of(struct machine *m)
{
    return m->board;
}

/* A button is wired to the FPGA-IO BUTTON register and to GPIO pin CM4_GPIO_PIN_BTN0 + idx
 * (active high), so the kernel can take interrupts from it. */
static void cm4_press_button(struct machine *m, unsigned idx, bool pressed)
{
    fpgaio_set_button(&board_of(m)->fpgaio, idx, pressed);
    gpio_set_input(&board_of(m)->gpio, CM4_GPIO_PIN_BTN0 + idx, pressed);
    trace_event(&m->trace, "button", "\"button\":%u,\"pressed\":%s", idx, pressed ? "true" : "false");
}

static void cm4_drive_pin(struct machine *m, unsigned pin, bool level)
{
    gpio_set_input(&board_of(m)->gpio, pin, level);
}

static bool cm4_led(struct machine *m, unsigned idx)
{
    return (board_of(m)->fpgaio.led0 >> idx) & 1;
}

static bool cm4_pin(struct machine *m, unsigned pin)
{
    return (board_of(m)->gpio.level >> pin) & 1;
}

static size_t cm4_console_input(struct machine *m, const uint8_t *buf, size_t n)
{
    return cmsdk_uart_receive(&board_of(m)->uart[0], buf, n);
}

const struct board_desc cm4_board = {
    .name = "cm4",
    .description = "Cortex-M4 board compatible with QEMU's mps2-an386",
    .cpu_hz = CM4_CPU_HZ,
    .build = cm4_build,
    .num_leds = CM4_NUM_LEDS,
    .num_buttons = CM4_NUM_BUTTONS,
    .num_pins = CM4_GPIO_PINS,
    .press_button = cm4_press_button,
    .drive_pin = cm4_drive_pin,
    .led = cm4_led,
    .pin = cm4_pin,
    .console_input = cm4_console_input,
};

/* The cm4 board, simulator side: builds the memory map of memmap.h on a machine and wires the
 * device interrupt lines to the NVIC. The buttons are wired both to the FPGA-IO BUTTON register
 * (as on MPS2) and to GPIO pins CM4_GPIO_PIN_BTN0.. so that they can interrupt. */
#include "sim_board.h"

#include <stddef.h>
#include <stdlib.h>

#include "memmap.h"
#include "sim/cpu/cortexm/cortexm.h"
#include "sim/core/machine.h"

_Static_assert(offsetof(struct cm4_board, extras) == 0, "sim_extras.c finds the extras at m->board");

static void init_devices(struct machine *m, struct cm4_board *b, uint64_t seed)
{
    static const char *uart_names[] = { "uart0", "uart1", "uart2" };
    static const char *timer_names[] = { "timer0", "timer1" };
    for (int i = 0; i < 3; i++) {
        struct device_env env = { &m->clock, &m->trace, uart_names[i], NULL };
        cmsdk_uart_init(&b->uart[i], &env, CM4_PCLK_HZ, i == 0 ? sim_extras_console_tx : NULL, m);
    }
    for (int i = 0; i < 2; i++) {
        struct device_env env = { &m->clock, &m->trace, timer_names[i], NULL };
        cmsdk_timer_init(&b->timer[i], &env, CM4_PCLK_HZ);
    }
    struct device_env env = { &m->clock, &m->trace, "dualtimer", NULL };
    cmsdk_dualtimer_init(&b->dualtimer, &env, CM4_PCLK_HZ);
    sim_extras_init(&b->extras, m, CM4_PCLK_HZ, CM4_GPIO_PIN_BTN0, seed);
}

static bool map_devices(struct machine *m, struct cm4_board *b, char *err, size_t n)
{
    static const uint32_t uart_base[] = { CM4_UART0_BASE, CM4_UART1_BASE, CM4_UART2_BASE };
    static const uint32_t timer_base[] = { CM4_TIMER0_BASE, CM4_TIMER1_BASE };
    static const char *uart_names[] = { "uart0", "uart1", "uart2" };
    static const char *timer_names[] = { "timer0", "timer1" };
    static const struct sim_extras_at extras = { CM4_FPGAIO_BASE, CM4_GPIO_BASE, CM4_RNG_BASE,
                                                 CM4_FINISHER_BASE, CM4_KDBG_BASE, CM4_RADIO_BASE,
                                                 &fpgaio_ops };
    for (int i = 0; i < 3; i++)
        if (!sim_extras_map_device(m, uart_names[i], uart_base[i], 0x1000, &cmsdk_uart_ops,
                                   &b->uart[i], err, n))
            return false;
    for (int i = 0; i < 2; i++)
        if (!sim_extras_map_device(m, timer_names[i], timer_base[i], 0x1000, &cmsdk_timer_ops,
                                   &b->timer[i], err, n))
            return false;
    return sim_extras_map_device(m, "dualtimer", CM4_DUALTIMER_BASE, 0x1000, &cmsdk_dualtimer_ops,
                                 &b->dualtimer, err, n) &&
           sim_extras_map(&b->extras, m, &extras, err, n);
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
    irq_connect(&b->extras.gpio.irq, armv7m_scs_irq_sink, nvic, CM4_IRQ_GPIO);
    irq_connect(&b->extras.radio.irq, armv7m_scs_irq_sink, nvic, CM4_IRQ_RADIO);
}

static bool cm4_build(struct machine *m, const struct machine_config *cfg, char *err, size_t n)
{
    uint32_t ram = cfg->ram_size ? cfg->ram_size : cm4_board.ram_size;
    struct cm4_board *b = calloc(1, sizeof(*b));
    if (!b) {
        snprintf(err, n, "out of memory");
        return false;
    }
    m->board = b;
    m->board_free = free;
    struct machine_layout layout = { CM4_FLASH_BASE, CM4_FLASH_SIZE, CM4_RAM_BASE, ram,
                                     CM4_APPS_BASE, CM4_APPS_SIZE };
    if (!sim_extras_memory(m, &layout, err, n))
        return false;
    init_devices(m, b, cfg->seed);
    if (!map_devices(m, b, err, n))
        return false;
    struct cortexm_config cc = {
        .clock = &m->clock, .trace = &m->trace, .bus = &m->bus, .num_irq = CM4_NUM_IRQS,
        .prio_bits = 8, .systick_refclk_hz = 1000000, .exit = machine_guest_exit,
        .console = machine_console_write, .thread = machine_thread_crossing, .exception = machine_exception,
        .ctx = m,
    };
    struct cortexm *cpu = cortexm_create(&cc, err, (unsigned)n);
    if (!cpu)
        return false;
    m->cpu = (struct cpu){ &cortexm_cpu_ops, cpu };
    wire_irqs(b, cortexm_scs(cpu));
    return true;
}

/* The OR gate of the UART overflow lines is board glue, not a device on the bus: snapshots
 * save it here. */
static void cm4_snapshot(struct machine *m, struct snap_writer *w)
{
    struct cm4_board *b = m->board;
    snap_put(w, &b->uart_ovf.levels, sizeof(b->uart_ovf.levels));
    irq_snapshot(&b->uart_ovf.out, w);
}

static void cm4_restore(struct machine *m, struct snap_reader *r)
{
    struct cm4_board *b = m->board;
    snap_get(r, &b->uart_ovf.levels, sizeof(b->uart_ovf.levels));
    irq_restore(&b->uart_ovf.out, r);
}

/* ---- host I/O (the rest is sim_extras.c) ---------------------------------------------- */

static size_t cm4_console_input(struct machine *m, const uint8_t *buf, size_t n)
{
    struct cm4_board *b = m->board;
    return cmsdk_uart_receive(&b->uart[0], buf, n);
}

static void cm4_console_speedup(struct machine *m, unsigned factor)
{
    struct cm4_board *b = m->board;
    b->uart[0].pclk_hz *= factor;
}

const struct board_desc cm4_board = {
    .name = "cm4",
    .description = "Cortex-M4 board compatible with QEMU's mps2-an386",
    .cpu_hz = CM4_CPU_HZ,
    .ram_size = CM4_RAM_SIZE,
    .apps_dir = "apps",
    .apps_per_slot = false,
    /* Cortex-M4 first; ARMv7-M and ARMv6-M code (a subset) runs too; then any Cortex-M. */
    .tab_archs = "cortex-m4 thumbv7em* cortex-m3 thumbv7m* cortex-m0 cortex-m0+ thumbv6m* cortex-m*",
    .build = cm4_build,
    .num_leds = CM4_NUM_LEDS,
    .num_buttons = CM4_NUM_BUTTONS,
    .num_pins = CM4_GPIO_PINS,
    .press_button = sim_extras_press_button,
    .drive_pin = sim_extras_drive_pin,
    .led = sim_extras_led,
    .pin = sim_extras_pin,
    .console_input = cm4_console_input,
    .console_speedup = cm4_console_speedup,
    .snapshot = cm4_snapshot,
    .restore = cm4_restore,
    .radio = sim_extras_radio,
};

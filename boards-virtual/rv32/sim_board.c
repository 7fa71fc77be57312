/* The rv32 board, simulator side: builds the memory map of memmap.h on a machine and wires the
 * device interrupt lines: CLINT to the hart's mip.MSIP/MTIP, the UART and the GPIO bank to
 * PLIC sources, PLIC context 0 to mip.MEIP. The buttons are wired both to the FPGA-IO BUTTON
 * register and to GPIO pins RV32_GPIO_PIN_BTN0.., as on cm4. */
#include "sim_board.h"

#include <stddef.h>
#include <stdlib.h>

#include "memmap.h"
#include "sim/cpu/rv32/rv32.h"
#include "sim/core/machine.h"

_Static_assert(offsetof(struct rv32_board, extras) == 0, "sim_extras.c finds the extras at m->board");

#define FPGAIO_PRESCALE_HZ 25000000u    /* as on cm4 (MPS2's PCLK) */

/* The FPGA-IO block has no ID register of its own: the board adds one at the end of its
 * window (RV32_FPGAIO_ID_OFFSET), so the kernel can tell it from QEMU's empty PCIe window. */
static uint32_t fpgaio_id_read(void *dev, uint32_t offset, unsigned size)
{
    return offset == RV32_FPGAIO_ID_OFFSET ? RV32_ID_FPGAIO : fpgaio_ops.read(dev, offset, size);
}

static void fpgaio_id_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct fpgaio *f = dev;
    if (offset == RV32_FPGAIO_ID_OFFSET)
        trace_guest_error(f->env.trace, f->env.name, "fpgaio write: read-only offset 0x%x", offset);
    else
        fpgaio_ops.write(dev, offset, value, size);
}

static const struct device_ops fpgaio_id_ops = {
    .kind = "mps2-fpgaio+id", .reset = fpgaio_reset, .read = fpgaio_id_read, .write = fpgaio_id_write,
    .snapshot = fpgaio_snapshot, .restore = fpgaio_restore,
};

static void init_devices(struct machine *m, struct rv32_board *b, uint64_t seed)
{
    struct device_env env = { &m->clock, &m->trace, "uart0", NULL };
    ns16550a_init(&b->uart0, &env, RV32_UART_BAUDBASE, sim_extras_console_tx, m);
    env.name = "clint";
    clint_init(&b->clint, &env, RV32_MTIME_HZ);
    env.name = "plic";
    plic_init(&b->plic, &env);
    env.name = "test";
    sifive_test_init(&b->test, &env, machine_guest_exit, m);
    env.name = "virtio";
    virtio_mmio_init(&b->virtio, &env);
    sim_extras_init(&b->extras, m, FPGAIO_PRESCALE_HZ, RV32_GPIO_PIN_BTN0, seed);
}

static bool map_devices(struct machine *m, struct rv32_board *b, char *err, size_t n)
{
    static const struct sim_extras_at extras = { RV32_FPGAIO_BASE, RV32_GPIO_BASE, RV32_RNG_BASE,
                                                 RV32_FINISHER_BASE, RV32_KDBG_BASE, RV32_RADIO_BASE,
                                                 &fpgaio_id_ops };
    return sim_extras_map_device(m, "test", RV32_TEST_BASE, 0x1000, &sifive_test_ops, &b->test,
                                 err, n) &&
           sim_extras_map_device(m, "clint", RV32_CLINT_BASE, RV32_CLINT_SIZE, &clint_ops, &b->clint,
                                 err, n) &&
           sim_extras_map_device(m, "plic", RV32_PLIC_BASE, RV32_PLIC_SIZE, &plic_ops, &b->plic,
                                 err, n) &&
           sim_extras_map_device(m, "uart0", RV32_UART0_BASE, 0x1000, &ns16550a_ops, &b->uart0,
                                 err, n) &&
           sim_extras_map_device(m, "virtio", RV32_VIRTIO_BASE, RV32_VIRTIO_COUNT * RV32_VIRTIO_STRIDE,
                                 &virtio_mmio_ops, &b->virtio, err, n) &&
           sim_extras_map(&b->extras, m, &extras, err, n);
}

/* Connects the lines, then resets the devices that drive them, so that a line high at reset
 * (CLINT: MTIMECMP = 0 <= MTIME) reaches the hart. */
static void wire_irqs(struct rv32_board *b, struct rv32 *cpu)
{
    irq_connect(&b->clint.irq_msi, rv32_irq_sink, cpu, RV32_IRQ_MSI);
    irq_connect(&b->clint.irq_mti, rv32_irq_sink, cpu, RV32_IRQ_MTI);
    irq_connect(&b->plic.irq_ctx[RV32_PLIC_CTX_M], rv32_irq_sink, cpu, RV32_IRQ_MEI);
    irq_connect(&b->uart0.irq, plic_irq_sink, &b->plic, RV32_IRQ_UART0);
    irq_connect(&b->extras.gpio.irq, plic_irq_sink, &b->plic, RV32_IRQ_GPIO);
    irq_connect(&b->extras.radio.irq, plic_irq_sink, &b->plic, RV32_IRQ_RADIO);
    clint_reset(&b->clint);
    plic_reset(&b->plic);
    ns16550a_reset(&b->uart0);
    gpio_reset(&b->extras.gpio);
    radio802154_reset(&b->extras.radio);
}

static bool rv32_build(struct machine *m, const struct machine_config *cfg, char *err, size_t n)
{
    uint32_t ram = cfg->ram_size ? cfg->ram_size : rv32_board.ram_size;
    struct rv32_board *b = calloc(1, sizeof(*b));
    if (!b) {
        snprintf(err, n, "out of memory");
        return false;
    }
    m->board = b;
    m->board_free = free;
    struct machine_layout layout = { RV32_FLASH_BASE, RV32_FLASH_SIZE, RV32_RAM_BASE, ram,
                                     RV32_APPS_BASE, RV32_APPS_SIZE };
    if (!sim_extras_memory(m, &layout, err, n))
        return false;
    init_devices(m, b, cfg->seed);
    if (!map_devices(m, b, err, n))
        return false;
    struct rv32_config rc = {
        .clock = &m->clock, .trace = &m->trace, .bus = &m->bus, .reset_pc = RV32_RESET_PC,
        .exit_flag = &m->exited, .thread = machine_thread_crossing, .exception = machine_exception,
        .thread_wanted = &m->thread_watched, .ctx = m,
    };
    struct rv32 *cpu = rv32_create(&rc, err, (unsigned)n);
    if (!cpu)
        return false;
    m->cpu = (struct cpu){ &rv32_cpu_ops, cpu };
    wire_irqs(b, cpu);
    return true;
}

/* ---- host I/O (the rest is sim_extras.c) ---------------------------------------------- */

static size_t rv32_console_input(struct machine *m, const uint8_t *buf, size_t n)
{
    struct rv32_board *b = m->board;
    return ns16550a_receive(&b->uart0, buf, n);
}

static void rv32_console_speedup(struct machine *m, unsigned factor)
{
    struct rv32_board *b = m->board;
    b->uart0.baudbase_hz *= factor;
}

const struct board_desc rv32_board = {
    .name = "rv32",
    .description = "RV32IMAC board compatible with QEMU's RISC-V virt",
    .cpu_hz = RV32_CPU_HZ,
    .ram_size = RV32_RAM_SIZE,
    .apps_dir = "apps/rv32",
    .apps_per_slot = true,
    /* RV32IMAC first, then its subsets; libtock-c names them rv32imac, Rust riscv32imac-... */
    .tab_archs = "rv32imac* riscv32imac* rv32imc* riscv32imc* rv32i* riscv32i*",
    .build = rv32_build,
    .num_leds = RV32_NUM_LEDS,
    .num_buttons = RV32_NUM_BUTTONS,
    .num_pins = RV32_GPIO_PINS,
    .press_button = sim_extras_press_button,
    .drive_pin = sim_extras_drive_pin,
    .led = sim_extras_led,
    .pin = sim_extras_pin,
    .console_input = rv32_console_input,
    .radio = sim_extras_radio,
    .console_speedup = rv32_console_speedup,
};

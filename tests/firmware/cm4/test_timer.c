/* CMSDK APB timer 0/1 tests: reload/value registers, counting down, interrupts. */

/*
 * CMSDK TRM (ARM DDI0479), APB timer: CTRL 0x0 (bit 0 enable, bit 3 interrupt enable),
 * VALUE 0x4, RELOAD 0x8 (writing it also loads VALUE), INTSTATUS/INTCLEAR 0xc (bit 0, W1C).
 * The counter decrements at PCLK (25 MHz on AN386) and raises the interrupt on reaching 0, then
 * reloads. IRQ numbers from memmap.h.
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/tests.h"

#define TIMER_CTRL(b)       REG32((b) + 0x0)
#define TIMER_VALUE(b)      REG32((b) + 0x4)
#define TIMER_RELOAD(b)     REG32((b) + 0x8)
#define TIMER_INTSTATUS(b)  REG32((b) + 0xc)
#define TIMER_EN            (1u << 0)
#define TIMER_IRQEN         (1u << 3)

#define WAIT_LIMIT 100000   /* wfi wake-ups before a test gives up */

static volatile uint32_t timer_irqs, timer_target, timer_base;
static volatile uint32_t status_before_clear, status_after_clear;

// Counts interrupts; stops the timer once the target count is reached.
static void timer_irq(uint32_t *frame, uint32_t exc_return)
{
    (void)frame, (void)exc_return;
    uint32_t b = timer_base;

    status_before_clear |= TIMER_INTSTATUS(b);
    TIMER_INTSTATUS(b) = 1;
    status_after_clear |= TIMER_INTSTATUS(b);
    if (++timer_irqs == timer_target)
        TIMER_CTRL(b) = 0;
}

static uint32_t id_low_bytes(uint32_t addr)
{
    uint32_t v = 0;

    for (int i = 0; i < 4; i++)
        v |= (REG32(addr + 4u * i) & 0xffu) << (8 * i);
    return v;
}

// Register behaviour with the timer stopped, then a free-running countdown.
static void timer_registers(const char *name, uint32_t b)
{
    check_eq(id_low_bytes(b + 0xfe0), 0x001bb822, "%s PID0..3", name);
    TIMER_CTRL(b) = 0;
    TIMER_RELOAD(b) = 1000;
    check_eq(TIMER_VALUE(b), 1000, "%s VALUE after RELOAD=1000", name);
    TIMER_VALUE(b) = 777;
    check_eq(TIMER_VALUE(b), 777, "%s VALUE after VALUE=777", name);
    TIMER_CTRL(b) = TIMER_IRQEN;
    check_eq(TIMER_CTRL(b), TIMER_IRQEN, "%s CTRL readback", name);
    TIMER_CTRL(b) = 0;

    /* Count down from 0xffffff (0.67 s at 25 MHz): two reads a few thousand cycles apart. */
    TIMER_RELOAD(b) = 0xffffff;
    TIMER_CTRL(b) = TIMER_EN;
    uint32_t v1 = TIMER_VALUE(b);
    for (volatile int i = 0; i < 2000; i++)
        ;
    uint32_t v2 = TIMER_VALUE(b);
    TIMER_CTRL(b) = 0;
    check_true(v2 < v1 && v1 <= 0xffffff, "%s VALUE counts down", name);
}

// Runs the timer at `reload` with its interrupt until `count` interrupts have arrived.
static void timer_interrupts(const char *name, uint32_t b, int irq, uint32_t reload,
                             uint32_t count)
{
    timer_base = b;
    timer_irqs = 0;
    timer_target = count;
    status_before_clear = 0;
    status_after_clear = 0;
    exc_set_handler(EXC_IRQ(irq), timer_irq);
    TIMER_INTSTATUS(b) = 1;
    nvic_unpend(irq);
    nvic_enable(irq);
    TIMER_RELOAD(b) = reload;
    TIMER_CTRL(b) = TIMER_EN | TIMER_IRQEN;
    for (int i = 0; i < WAIT_LIMIT && timer_irqs < count; i++)
        wfi();
    nvic_disable(irq);
    TIMER_CTRL(b) = 0;
    check_eq(timer_irqs, count, "%s interrupts with RELOAD=%lu", name, reload);
    check_eq(status_before_clear, 1, "%s INTSTATUS in handler before clear", name);
    check_eq(status_after_clear, 0, "%s INTSTATUS in handler after clear", name);
    check_eq(TIMER_INTSTATUS(b), 0, "%s INTSTATUS after stop", name);
}

void test_timer(void)
{
    fw_printf("== timers\n");
    timer_registers("timer0", CM4_TIMER0_BASE);
    timer_registers("timer1", CM4_TIMER1_BASE);
    timer_interrupts("timer0", CM4_TIMER0_BASE, CM4_IRQ_TIMER0, 25000, 5);
    timer_interrupts("timer1", CM4_TIMER1_BASE, CM4_IRQ_TIMER1, 12500, 3);
}

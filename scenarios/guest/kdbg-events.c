/* A stand-in kernel for scenarios/kdbg-device.json: bare-metal firmware for either board that
 * reports a scripted process history through the kernel-debug device (doc/devices/kdbg.md), so
 * the device, the machine's observers and the expect_process / expect_fault steps are tested
 * before the real kernel reports. Built by mk/scenarios.mk into
 * build/scenarios/<board>/kdbg-events.elf. */
#include <stdint.h>

#if defined(__riscv)
#include "boards-virtual/rv32/memmap.h"
#define KDBG_BASE RV32_KDBG_BASE
#define ID_KDBG RV32_ID_KDBG
#else
#include "boards-virtual/cm4/memmap.h"
#define KDBG_BASE CM4_KDBG_BASE
#define ID_KDBG CM4_ID_KDBG
#endif

#define KDBG ((volatile uint32_t *)KDBG_BASE)
enum { ID, VERSION, PID, SLOT, ARG0, ARG1, ARG2, ARG3, NAME, EVENT };
enum { CREATED = 1, STATE, FAULT, SWITCH };
enum { RUNNING, YIELDED, STOPPED, FAULTED, TERMINATED };
enum { MPU = 1, BUS, USAGE, HARD };

#if defined(__riscv)
#define UART ((volatile uint8_t *)RV32_UART0_BASE)       /* NS16550A */
static void uart_init(void) {}
static void putc_uart(char ch)
{
    while (!(UART[5] & 0x20))               /* LSR.THRE */
        ;
    UART[0] = (uint8_t)ch;
}
#else
#define UART ((volatile uint32_t *)CM4_UART0_BASE)       /* CMSDK APB UART */
static void uart_init(void)
{
    UART[4] = 16;                           /* BAUDDIV */
    UART[2] = 1;                            /* CTRL: TX enable */
}
static void putc_uart(char ch)
{
    while (UART[1] & 1)                     /* STATE.TX full */
        ;
    UART[0] = (uint8_t)ch;
}
#endif

static void puts_uart(const char *s)
{
    for (; *s; s++)
        putc_uart(*s);
}

static void post(unsigned ev, unsigned pid, unsigned slot, uint32_t a0, uint32_t a1)
{
    KDBG[PID] = pid;
    KDBG[SLOT] = slot;
    KDBG[ARG0] = a0;
    KDBG[ARG1] = a1;
    KDBG[EVENT] = ev;
}

static void created(unsigned pid, unsigned slot, const char *name, unsigned restarts)
{
    while (*name)
        KDBG[NAME] = (uint8_t)*name++;
    post(CREATED, pid, slot, restarts, 0);
}

static void delay_ms(unsigned ms)           /* about 10 cycles per iteration at 64 MHz */
{
    for (volatile uint32_t i = 0; i < ms * 6000u; i++)
        ;
}

void script(void)
{
    uart_init();
    puts_uart(KDBG[ID] == ID_KDBG ? "kdbg-events: start\n" : "kdbg-events: no kdbg device\n");
    created(0, 0, "app-a", 0);
    created(1, 1, "app-b", 0);
    post(STATE, 0, 0, YIELDED, 0);
    post(SWITCH, 1, 1, 0, 0);
    delay_ms(5);
    post(FAULT, 1, 1, MPU, 0x00000000);     /* app-b: NULL read, restarted */
    created(2, 1, "app-b", 1);
    delay_ms(5);
    post(FAULT, 2, 1, USAGE, 0x00040123);   /* again, and the restart limit stops it */
    post(STATE, 2, 1, FAULTED, 1);
    puts_uart("kdbg-events: done\n");
    for (;;)
        __asm volatile("wfi");
}

#if defined(__riscv)
/* Entry at the start of flash (rv32_guest.ld puts .text.start first): a stack at the top of the
 * first 32 KiB of RAM (a scenario giving the board less RAM than that would break it). */
_Static_assert(RV32_RAM_BASE + 0x8000u == 0x80208000u, "the entry's stack is in RAM");
__asm__(".section .text.start, \"ax\"\n"
        "entry:\n"
        "    li sp, 0x80208000\n"
        "    j script\n"
        ".text\n");
#else
__attribute__((section(".vectors"), used)) static const uintptr_t vectors[] = {
    0x20010000u, (uintptr_t)script + 1,
};
#endif

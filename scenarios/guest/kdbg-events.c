/* A stand-in kernel for scenarios/kdbg-device.json: bare-metal cm4 firmware that reports a
 * scripted process history through the kernel-debug device (doc/devices/kdbg.md), so the
 * device, the machine's observers and the expect_process / expect_fault steps are tested before
 * the real kernel reports. Built by mk/scenarios.mk into build/scenarios/kdbg-events.elf. */
#include <stdint.h>

#include "boards-virtual/cm4/memmap.h"

#define KDBG ((volatile uint32_t *)CM4_KDBG_BASE)
#define UART ((volatile uint32_t *)CM4_UART0_BASE)
enum { ID, VERSION, PID, SLOT, ARG0, ARG1, ARG2, ARG3, NAME, EVENT };
enum { CREATED = 1, STATE, FAULT, SWITCH };
enum { RUNNING, YIELDED, STOPPED, FAULTED, TERMINATED };
enum { MPU = 1, BUS, USAGE, HARD };

static void puts_uart(const char *s)
{
    for (; *s; s++) {
        while (UART[1] & 1)                 /* STATE.TX full */
            ;
        UART[0] = (uint8_t)*s;
    }
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

void start(void)
{
    UART[4] = 16;                           /* BAUDDIV */
    UART[2] = 1;                            /* CTRL: TX enable */
    puts_uart(KDBG[ID] == CM4_ID_KDBG ? "kdbg-events: start\n" : "kdbg-events: no kdbg device\n");
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

__attribute__((section(".vectors"), used)) static const uintptr_t vectors[] = {
    0x20010000u, (uintptr_t)start + 1,
};

/* cm4 board main: the boot, in order. Read this file first. */
#include "boards-virtual/cm4/board.h"
#include "boards-virtual/cm4/memmap.h"
#include "kernel/arch/arch.h"
#include "kernel/core/kernel.h"
#include "kernel/core/kprintf.h"

int main(void)
{
    arch_init(CM4_CPU_HZ);          /* vectors, fault handlers, NVIC, SysTick, MPU on */
    board_console_init();           /* UART0: kernel messages from here on */
    kprintf("\r\ntocksim kernel %d.%d on cm4\r\n", KERNEL_VERSION_MAJOR, KERNEL_VERSION_MINOR);
    board_chips_init();             /* alarm timers, LEDs/buttons, GPIO, RNG, finisher */
    board_capsules_init();          /* alarm, console, LED, button, GPIO, RNG drivers */
    board_kernel_init();            /* driver table, scheduler, fault policies */
    loader_load_processes();        /* TBF images in flash -> processes */
    kprintf("Initialization complete. Entering main loop\r\n");
    sched_run();                    /* never returns */
}

/* The boot, in order: the table of contents of the kernel. Read this file first.
 * Everything board-specific is behind kernel/core/board.h; everything CPU-specific behind
 * kernel/arch/arch.h. */
#include "kernel/arch/arch.h"
#include "kernel/core/board.h"
#include "kernel/core/kernel.h"
#include "kernel/core/kprintf.h"

/* The boot (called by the arch reset code): initialises everything, then schedules for ever. */
KERNEL_LANDMARK int main(void)
{
    arch_init(board_cpu_hz());      /* vectors, fault handlers, interrupt controller, MPU on */
    board_console_init();           /* the kernel console: messages from here on */
    kprintf("\r\ntocksim kernel %d.%d on %s\r\n", KERNEL_VERSION_MAJOR, KERNEL_VERSION_MINOR,
            board_name());
    board_chips_init();             /* timers, LEDs/buttons, GPIO, RNG, finisher (probed) */
    board_capsules_init();          /* alarm, console, LED, button, GPIO, RNG drivers */
    board_kernel_init();            /* driver table, scheduler, fault policies */
    loader_load_processes();        /* TBF images in flash -> processes */
    kprintf("Initialization complete. Entering main loop\r\n");
    sched_run();                    /* never returns */
}

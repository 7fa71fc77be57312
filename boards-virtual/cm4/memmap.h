/* cm4 board: memory map, clocks and IRQ numbers (single source for simulator and firmware). */
#ifndef CM4_MEMMAP_H
#define CM4_MEMMAP_H

/*
 * The board follows QEMU's mps2-an386 (ARM Application Note AN386, Cortex-M4 on MPS2) wherever
 * QEMU models a device, so one firmware image boots on both. Addresses and IRQ numbers below are
 * facts from AN386 and QEMU's hw/arm/mps2.c. Our extra devices live in the window
 * 0x40030000..0x401fffff, which QEMU maps as "RESERVED 4" (reads 0, writes ignored): every
 * extra device has an ID register at offset 0 so firmware can tell it is absent.
 *
 * This header is included by host C and by cross-compiled C and assembly: plain #defines only.
 */

/* Clocks. The CPU runs 1 instruction per cycle at CM4_CPU_HZ; the APB peripherals (UART baud
 * generator, CMSDK timers) count at CM4_PCLK_HZ, 25 MHz as on MPS2 and in QEMU. */
#define CM4_CPU_HZ          64000000u
#define CM4_PCLK_HZ         25000000u

/* Memory. "Flash" is ZBT SSRAM1 (read-only to the guest on tocksim); RAM is ZBT SSRAM2&3.
 * RAM size is configurable in the simulator; CM4_RAM_SIZE is the default. */
#define CM4_FLASH_BASE      0x00000000u
#define CM4_FLASH_SIZE      0x00080000u   /* 512 KiB */
#define CM4_RAM_BASE        0x20000000u
#define CM4_RAM_SIZE        0x00010000u   /* 64 KiB */

/* Where TBF application images start in flash (kernel below, apps back to back above). */
#define CM4_APPS_BASE       0x00040000u
#define CM4_APPS_SIZE       0x00040000u

/* CMSDK APB devices (as in mps2-an386). */
#define CM4_TIMER0_BASE     0x40000000u
#define CM4_TIMER1_BASE     0x40001000u
#define CM4_DUALTIMER_BASE  0x40002000u
#define CM4_UART0_BASE      0x40004000u
#define CM4_UART1_BASE      0x40005000u
#define CM4_UART2_BASE      0x40006000u
#define CM4_FPGAIO_BASE     0x40028000u   /* LEDs, push buttons, 1 Hz/100 Hz counters */
#define CM4_SCC_BASE        0x4002f000u

/* tocksim extra devices (absent on QEMU: their ID register reads 0 there). */
#define CM4_GPIO_BASE       0x40030000u
#define CM4_RNG_BASE        0x40031000u
#define CM4_FINISHER_BASE   0x40032000u
#define CM4_RADIO_BASE      0x40033000u
#define CM4_KDBG_BASE       0x40034000u   /* kernel-debug: process events for the simulator */

/* ID register values ("GPIO", "RNG0", "FINI", "RDIO" as little-endian ASCII). */
#define CM4_ID_GPIO         0x4f495047u
#define CM4_ID_RNG          0x30474e52u
#define CM4_ID_FINISHER     0x494e4946u
#define CM4_ID_RADIO        0x4f494452u
#define CM4_ID_KDBG         0x4742444bu   /* "KDBG" */

/* Number of LEDs and buttons on the FPGA-IO block, pins on the GPIO bank. The buttons are also
 * wired to GPIO pins CM4_GPIO_PIN_BTN0.. (inputs) so they can interrupt. */
#define CM4_NUM_LEDS        2
#define CM4_NUM_BUTTONS     2
#define CM4_GPIO_PINS       32
#define CM4_GPIO_PIN_BTN0   16

/* System Control Space (ARMv7-M ARM, B3.2). */
#define CM4_SCS_BASE        0xe000e000u

/* NVIC external interrupt numbers (IRQn, exception number = 16 + IRQn). */
#define CM4_IRQ_UART0_RX    0
#define CM4_IRQ_UART0_TX    1
#define CM4_IRQ_UART1_RX    2
#define CM4_IRQ_UART1_TX    3
#define CM4_IRQ_UART2_RX    4
#define CM4_IRQ_UART2_TX    5
#define CM4_IRQ_GPIO        6     /* tocksim GPIO bank, combined (AN386: GPIO0 combined) */
#define CM4_IRQ_TIMER0      8
#define CM4_IRQ_TIMER1      9
#define CM4_IRQ_DUALTIMER   10
#define CM4_IRQ_UART_OVF    12
#define CM4_IRQ_RADIO       15
#define CM4_NUM_IRQS        32

#endif

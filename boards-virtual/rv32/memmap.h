/* rv32 board: memory map, clocks and IRQ numbers (single source for simulator and firmware). */
#ifndef RV32_MEMMAP_H
#define RV32_MEMMAP_H

/*
 * The board follows QEMU's RISC-V `virt` machine (hw/riscv/virt.c, QEMU 7.2) wherever QEMU has
 * the device, so one firmware image boots on both with `qemu-system-riscv32 -M virt -bios none
 * -kernel X.elf`. Addresses and IRQ numbers of the QEMU devices are facts from virt.c and were
 * measured on QEMU 7.2 (doc/cpu-rv32.md).
 *
 * Memory follows Tock's `qemu_rv32_virt` board (tock/tock boards/qemu_rv32_virt/layout.ld,
 * Tock 2.1/2.2, e.g. commit 464db447): the kernel at the start of DRAM (0x80000000, 1 MiB,
 * "rom"), the apps right after it (0x80100000, 1 MiB, "prog"), RAM at 0x80200000 (2 MiB). On
 * QEMU all of it is one writable DRAM bank; on tocksim the first 2 MiB are read-only "flash".
 *
 * Our extra devices live in QEMU's PCIe MMIO window (0x40000000..0x7fffffff), which on QEMU
 * reads as all ones and ignores writes when no PCI device is assigned (measured): every extra
 * device has an ID register, which reads 0xffffffff there, so firmware can tell it is absent.
 * They sit at the same addresses as on the cm4 board. QEMU's unmapped windows (e.g. after the
 * virtio slots, 0x10009000) raise load access faults and were therefore not used.
 *
 * This header is included by host C and by cross-compiled C and assembly: plain #defines only.
 */

/* Clocks. The CPU runs 1 instruction per cycle at RV32_CPU_HZ (as on cm4); CLINT's mtime counts
 * at RV32_MTIME_HZ, QEMU virt's timebase (RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ). The NS16550A's
 * divisor-1 baud rate is QEMU virt's (serial_mm_init(..., 399193, ...)). */
#define RV32_CPU_HZ         64000000u
#define RV32_MTIME_HZ       10000000u
#define RV32_UART_BAUDBASE  399193u

/* Memory (Tock qemu_rv32_virt layout). Execution starts at RV32_RESET_PC (QEMU's reset ROM at
 * 0x1000 jumps to the ELF entry, which is DRAM's start for our images; not modelled). */
#define RV32_FLASH_BASE     0x80000000u
#define RV32_FLASH_SIZE     0x00200000u   /* kernel 1 MiB + apps 1 MiB, read-only on tocksim */
#define RV32_KERNEL_BASE    0x80000000u
#define RV32_APPS_BASE      0x80100000u
#define RV32_APPS_SIZE      0x00100000u
#define RV32_RAM_BASE       0x80200000u
#define RV32_RAM_SIZE       0x00200000u   /* default; configurable in the simulator */
#define RV32_RESET_PC       0x80000000u

/* QEMU virt devices. */
#define RV32_TEST_BASE      0x00100000u   /* sifive_test finisher */
#define RV32_CLINT_BASE     0x02000000u   /* msip 0x0, mtimecmp 0x4000, mtime 0xbff8 */
#define RV32_CLINT_SIZE     0x00010000u
#define RV32_PLIC_BASE      0x0c000000u
#define RV32_PLIC_SIZE      0x00600000u   /* contexts 0 (hart 0 M) and 1 (hart 0 S) */
#define RV32_UART0_BASE     0x10000000u   /* NS16550A, byte registers, stride 1 */
#define RV32_VIRTIO_BASE    0x10001000u   /* 8 virtio-mmio transports, 0x1000 apart */
#define RV32_VIRTIO_COUNT   8
#define RV32_VIRTIO_STRIDE  0x1000u

/* sifive_test finisher values (QEMU include/hw/misc/sifive_test.h). */
#define RV32_TEST_FAIL      0x3333u       /* | exit code << 16 */
#define RV32_TEST_PASS      0x5555u
#define RV32_TEST_RESET     0x7777u

/* PLIC (QEMU virt: 96 sources, 3 priority bits). */
#define RV32_PLIC_NUM_SOURCES   96
#define RV32_PLIC_PRIO_BITS     3
#define RV32_PLIC_PRIORITY      0x000000u     /* + 4 * source */
#define RV32_PLIC_PENDING       0x001000u
#define RV32_PLIC_ENABLE        0x002000u     /* + 0x80 * context */
#define RV32_PLIC_CONTEXT       0x200000u     /* + 0x1000 * context: threshold, claim at +4 */
#define RV32_PLIC_CTX_M         0             /* hart 0 machine mode */

/* PLIC source numbers: QEMU virt's, then ours. */
#define RV32_IRQ_VIRTIO0    1             /* 1..8 */
#define RV32_IRQ_UART0      10
#define RV32_IRQ_GPIO       12            /* tocksim GPIO bank */
#define RV32_IRQ_RADIO      13            /* tocksim packet radio */

/* tocksim extra devices (QEMU: PCIe MMIO window, reads all ones). Same addresses as on cm4. */
#define RV32_FPGAIO_BASE    0x40028000u   /* LEDs and buttons (MPS2 FPGA-IO registers) */
#define RV32_GPIO_BASE      0x40030000u
#define RV32_RNG_BASE       0x40031000u
#define RV32_FINISHER_BASE  0x40032000u   /* tocksim finisher (exit code register) */
#define RV32_RADIO_BASE     0x40033000u
#define RV32_KDBG_BASE      0x40034000u   /* kernel-debug: process events for the simulator */

/* ID register values, little-endian ASCII. The FPGA-IO block's ID is at the end of its window
 * (its MPS2 registers have none); the others have ID at offset 0. */
#define RV32_ID_FPGAIO      0x4f495046u   /* "FPIO" at RV32_FPGAIO_BASE + RV32_FPGAIO_ID_OFFSET */
#define RV32_FPGAIO_ID_OFFSET 0xffcu
#define RV32_ID_GPIO        0x4f495047u   /* "GPIO" */
#define RV32_ID_RNG         0x30474e52u   /* "RNG0" */
#define RV32_ID_FINISHER    0x494e4946u   /* "FINI" */
#define RV32_ID_RADIO       0x4f494452u   /* "RDIO" */
#define RV32_ID_KDBG        0x4742444bu   /* "KDBG" */
#define RV32_ID_ABSENT      0xffffffffu   /* what an ID register reads on QEMU */

/* LEDs and buttons on the FPGA-IO block, pins on the GPIO bank. The buttons are also wired to
 * GPIO pins RV32_GPIO_PIN_BTN0.. (inputs) so they can interrupt. */
#define RV32_NUM_LEDS       2
#define RV32_NUM_BUTTONS    2
#define RV32_GPIO_PINS      32
#define RV32_GPIO_PIN_BTN0  16

#endif

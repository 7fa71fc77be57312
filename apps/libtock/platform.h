/* libtock: the few facts about the chip an app may need to misbehave on purpose (the fault
 * demos and syscall-storm). Ordinary apps never include this: they see the board only through
 * system calls. */
#ifndef LIBTOCK_PLATFORM_H
#define LIBTOCK_PLATFORM_H

#if defined(__riscv)
#include "boards-virtual/rv32/memmap.h"
/* The kernel's RAM (the start of the board's RAM, below the process region), the kernel's
 * flash and the console UART. */
#define PLATFORM_KERNEL_RAM RV32_RAM_BASE
#define PLATFORM_KERNEL_FLASH RV32_FLASH_BASE
#define PLATFORM_UART RV32_UART0_BASE
/* unimp: the all-zero 16-bit pattern, reserved as illegal (RISC-V unprivileged spec, C ext.). */
#define PLATFORM_ILLEGAL_INSN_NAME "unimp"
static inline void platform_illegal_instruction(void) { __asm__ volatile("unimp"); }
#elif defined(__ARM_ARCH_7EM__) || defined(__ARM_ARCH_7M__)
#include "boards-virtual/cm4/memmap.h"
#define PLATFORM_KERNEL_RAM CM4_RAM_BASE
#define PLATFORM_KERNEL_FLASH CM4_FLASH_BASE
#define PLATFORM_UART CM4_UART0_BASE
/* udf #0: permanently undefined (ARMv7-M ARM, A7.7.194); a UsageFault (UNDEFINSTR). */
#define PLATFORM_ILLEGAL_INSN_NAME "udf #0"
static inline void platform_illegal_instruction(void) { __asm__ volatile("udf #0"); }
#else
#error "libtock/platform.h: unknown architecture"
#endif

#endif

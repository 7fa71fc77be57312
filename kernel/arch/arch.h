/* The one contract between the portable kernel and a CPU architecture. */
#ifndef KERNEL_ARCH_ARCH_H
#define KERNEL_ARCH_ARCH_H

/*
 * kernel/core and kernel/capsules see the CPU only through this header. Each architecture
 * directory (kernel/arch/<arch>/) implements every function below and provides arch_port.h
 * with the two state types the core stores but never looks into:
 *   struct arch_context     a stopped process's CPU state (callee-saved registers, stack
 *                           pointer; caller-saved registers live in the process's own stack
 *                           frame, which the core checks lies in process memory)
 *   struct arch_mpu_config  a process's precomputed memory-protection registers
 * and the constant ARCH_FRAME_SIZE: bytes of process stack the trap frame occupies (0 where the
 * port keeps the process's registers in its context in kernel memory, as rv32 does).
 *
 * The kernel runs privileged; processes run unprivileged with the MPU/PMP giving them exactly
 * their flash (read/execute) and their RAM below the break (read/write).
 */

#include <stddef.h>
#include <stdint.h>

#include "arch_port.h"

/* ---- boot -------------------------------------------------------------------------------- */

/* Sets up traps/vectors, fault reporting, exception priorities and the memory protection
 * unit (enabled, processes get nothing until arch_mpu_apply). cpu_hz times the timeslices.
 * Called once, early. */
void arch_init(uint32_t cpu_hz);

/* ---- running a process ------------------------------------------------------------------- */

/* Why arch_switch_to_process came back to the kernel. */
enum arch_return {
    ARCH_RETURN_SYSCALL,    /* the process made a system call: see arch_syscall_decode */
    ARCH_RETURN_FAULT,      /* the process faulted: see arch_fault_read */
    ARCH_RETURN_INTERRUPT,  /* a hardware interrupt arrived: service it, then resume */
    ARCH_RETURN_TIMESLICE,  /* the timeslice started with arch_timeslice_start expired */
};

/* Runs the process whose state is ctx (unprivileged, with the MPU as last applied) until it
 * traps back; saves its state into ctx and says why. */
enum arch_return arch_switch_to_process(struct arch_context *ctx);

/* Prepares ctx so that the next switch calls pc(a[0], a[1], a[2], a[3]) with the stack ending
 * at stack_top (exclusive). The frame goes just below stack_top: the caller checks that
 * [stack_top - ARCH_FRAME_SIZE, stack_top) is process memory. A return from pc faults. */
void arch_process_init(struct arch_context *ctx, uintptr_t pc, uintptr_t stack_top,
                       const uint32_t a[4]);

/* Lowest address of the process's trap frame (its stack pointer). */
uintptr_t arch_frame_addr(const struct arch_context *ctx);

/* Reads the system call the process made: class number and the four argument registers.
 * Valid right after ARCH_RETURN_SYSCALL, with the frame checked to lie in process memory. */
void arch_syscall_decode(const struct arch_context *ctx, uint32_t *class_id, uint32_t a[4]);

/* Writes r[0..count) into the first count return registers of the system call the process
 * is in (r0-r3 on Cortex-M, a0-a3 on RISC-V) and leaves every other register exactly as the
 * process left it. The rule, as Tock's: a return variant writes only the registers it defines
 * (syscall_encode says how many), because userland may keep values in the others across the
 * call (libtock-c keeps a pointer in r3; issue #10). count is 0..4; more writes only 4. */
void arch_syscall_return(struct arch_context *ctx, const uint32_t r[4], unsigned count);

/* Makes the process, stopped in a system call, call pc(a[0..3]) when resumed; when pc returns
 * the process continues after the system call (how upcalls run inside yield). */
void arch_push_upcall(struct arch_context *ctx, uintptr_t pc, const uint32_t a[4]);

/* Program counter the process will resume at (for reports). */
uintptr_t arch_process_pc(const struct arch_context *ctx);

/* ---- faults ------------------------------------------------------------------------------ */

enum arch_fault_kind {
    ARCH_FAULT_MPU,         /* memory protection: access outside the process's regions */
    ARCH_FAULT_BUS,         /* bus error: access to nothing */
    ARCH_FAULT_USAGE,       /* undefined instruction, invalid state, unaligned, div by 0 */
    ARCH_FAULT_HARD,        /* anything else (escalated, vector read) */
};

struct arch_fault {
    enum arch_fault_kind kind;
    int addr_valid;         /* addr holds the faulting data address */
    int addr_is_pc;         /* the faulting address is the PC (instruction fetch faults) */
    uintptr_t addr;
    const char *detail;     /* one-phrase decode of the status bits, e.g. "data access" */
    uint32_t status[4];     /* raw status registers, printed by arch_fault_print */
};

/* The status of the fault that made the last switch return ARCH_RETURN_FAULT. */
void arch_fault_read(struct arch_fault *f);
/* Prints the raw fault status registers and their decode (Tock's "Fault Status" block). */
void arch_fault_print(const struct arch_fault *f);
/* Prints the process's registers. The frame part is printed only if frame_ok (the core checks
 * the frame lies in process memory before anything reads it). */
void arch_context_print(const struct arch_context *ctx, int frame_ok, uintptr_t flash_start);

/* ---- time slices ------------------------------------------------------------------------- */

/* Arms the timeslice timer: the running process is preempted after `us` microseconds. */
void arch_timeslice_start(uint32_t us);
/* Disarms it; returns the microseconds that were left (0 if it expired). */
uint32_t arch_timeslice_stop(void);

/* ---- interrupts -------------------------------------------------------------------------- */

/* Interrupt handlers registered by chip drivers run in the kernel thread, never in interrupt
 * context: the hardware handler only masks the line and leaves it pending; the kernel loop
 * calls arch_service_interrupts, which runs each pending line's handler, then unmasks it. */
typedef void (*arch_irq_handler)(void *ctx);
void arch_irq_register(unsigned irq, arch_irq_handler fn, void *ctx);
void arch_irq_enable(unsigned irq);
void arch_irq_disable(unsigned irq);
int arch_interrupts_pending(void);
void arch_service_interrupts(void);

/* Global interrupt masking: returns the previous state for arch_irq_restore. */
uint32_t arch_irq_save(void);
void arch_irq_restore(uint32_t state);
/* Sleeps until an interrupt is pending, unless one already is. Call with interrupts masked
 * (arch_irq_save): it returns with them still masked, so no wakeup is lost. */
void arch_wait_for_interrupt(void);

/* ---- memory protection ------------------------------------------------------------------- */

/* Computes the MPU settings giving a process flash [flash, flash + flash_size) read/execute
 * and RAM [ram, brk) read/write, nothing else. ram..ram+ram_size is the process's whole RAM
 * block (the MPU may round the accessible end up, never past limit). Returns the end of the
 * RAM the process can really access (>= brk, <= limit), or 0 if the hardware can't express
 * it. Pure computation: nothing is written to the hardware. */
uintptr_t arch_mpu_config(struct arch_mpu_config *cfg, uintptr_t flash, size_t flash_size,
                          uintptr_t ram, size_t ram_size, uintptr_t brk, uintptr_t limit);
/* Loads a configuration computed by arch_mpu_config (done before every switch). */
void arch_mpu_apply(const struct arch_mpu_config *cfg);
/* Prints the configured regions (for the process console's "process" command). */
void arch_mpu_print(const struct arch_mpu_config *cfg);

/* ---- misc -------------------------------------------------------------------------------- */

/* Stops the CPU for good (after a panic). */
void arch_halt(void) __attribute__((noreturn));
/* A cycle or tick counter for statistics (may be 0 if the architecture has none). */
uint32_t arch_cycle_count(void);

#endif

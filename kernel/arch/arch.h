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
 *
 * Calling context: every function is called from the kernel thread (boot, the scheduler loop,
 * system call and interrupt handling in sched.c and the drivers it calls), never from an
 * exception handler; the ports run every driver's interrupt handler in the kernel thread too.
 * Nothing here allocates. Failures: a call can fail only where its comment says so; "panics"
 * means it calls panic() (report, board hook, halt), which is kept for kernel bugs (an
 * argument no correct caller passes), never for something a process did.
 */

#include <stddef.h>
#include <stdint.h>

#include "arch_port.h"

/* ---- boot -------------------------------------------------------------------------------- */

/* Sets up traps/vectors, fault reporting, exception priorities and the memory protection
 * unit (enabled; processes get nothing until arch_mpu_apply). cpu_hz times the timeslices
 * (Cortex-M: SysTick counts CPU cycles; RISC-V ignores it, its timer has its own rate).
 * Called once, first thing in main(), before any other arch_ call. Cannot fail. */
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
 * traps back; saves its state into ctx and says why. Preconditions: ctx was set up by
 * arch_process_init; its frame lies in process memory (process_frame_ok); the process's MPU
 * configuration is applied; interrupts are not masked (no arch_irq_save outstanding: on
 * Cortex-M the `svc` that enters the process would escalate to a HardFault). A process's own
 * failures come back as ARCH_RETURN_FAULT, never as a kernel fault. An interrupt already
 * pending returns ARCH_RETURN_INTERRUPT at once, possibly without running the process. */
enum arch_return arch_switch_to_process(struct arch_context *ctx);

/* Prepares ctx so that the next switch calls entry(a[0], a[1], a[2], a[3]) with the stack
 * ending at stack_top (exclusive, aligned down as the ABI wants). entry is the address of the
 * first instruction, without instruction-set bits: the port sets the state itself (Cortex-M:
 * the Thumb bit in xPSR). The frame goes just below stack_top: the caller checks that
 * [stack_top - ARCH_FRAME_SIZE, stack_top) is process memory. A return from entry faults
 * (the return address is 0). Cannot fail. */
void arch_process_init(struct arch_context *ctx, uintptr_t entry, uintptr_t stack_top,
                       const uint32_t a[4]);

/* Lowest address of the process's trap frame (its stack pointer): what the core checks lies
 * in process memory before any call below reads or writes the frame. Pure. */
uintptr_t arch_frame_addr(const struct arch_context *ctx);

/* Reads the system call the process made: class number and the four argument registers.
 * Only right after ARCH_RETURN_SYSCALL, with the frame checked to lie in process memory
 * (Cortex-M reads the `svc` immediate from the instruction before the stacked PC, in the
 * process's flash). Cannot fail; an unknown class is the caller's to refuse. */
void arch_syscall_decode(const struct arch_context *ctx, uint32_t *class_id, uint32_t a[4]);

/* Writes r[0..count) into the first count return registers of the system call the process
 * is in (r0-r3 on Cortex-M, a0-a3 on RISC-V) and leaves every other register exactly as the
 * process left it. The rule, as Tock's: a return variant writes only the registers it defines
 * (syscall_encode says how many), because userland may keep values in the others across the
 * call (libtock-c keeps a pointer in r3; issue #10). count is 0..4; more writes only 4.
 * Preconditions as arch_syscall_decode. */
void arch_syscall_return(struct arch_context *ctx, const uint32_t r[4], unsigned count);

/* Makes the process, stopped in a system call, call pc(a[0..3]) when resumed; when pc returns
 * the process continues after the system call (how upcalls run inside yield). Bit 0 of pc (a
 * Thumb function pointer's) is ignored. Preconditions as arch_syscall_decode; pc was checked
 * to lie in the process's code. Needs no process stack: the port rewrites the system call's
 * state in place. Cannot fail. */
void arch_push_upcall(struct arch_context *ctx, uintptr_t pc, const uint32_t a[4]);

/* Program counter the process will resume at (for reports). Reads the frame: only with the
 * frame checked to lie in process memory. */
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

/* The status of the fault that made the last switch return ARCH_RETURN_FAULT; valid until the
 * next switch (meaningless if the last switch returned anything else). Cannot fail. A fault
 * of the kernel itself never comes here: the port reports it and panics. */
void arch_fault_read(struct arch_fault *f);
/* Prints the raw fault status registers and their decode (Tock's "Fault Status" block) with
 * kprintf. */
void arch_fault_print(const struct arch_fault *f);
/* Prints the process's registers with kprintf. The frame part is printed only if frame_ok
 * (the core checks the frame lies in process memory before anything reads it);
 * flash_start gives the PC's offset in the image. */
void arch_context_print(const struct arch_context *ctx, int frame_ok, uintptr_t flash_start);

/* ---- time slices ------------------------------------------------------------------------- */

/* What arch_timeslice_stop returns for a slice that goes on (a slice is milliseconds, so a
 * count of microseconds never has bit 31 set). */
#define ARCH_SLICE_GOES_ON 0x80000000u

/* Arms the timeslice timer: the running process is preempted after `us` microseconds
 * (ARCH_RETURN_TIMESLICE; below 2^31), or, given ARCH_SLICE_GOES_ON, goes on with the slice
 * the last arch_timeslice_stop left running. Called just before arch_switch_to_process.
 * Returns 0 if that slice ran out meanwhile (in the kernel): the turn is over. Cortex-M clamps
 * a slice to SysTick's 24 bits of CPU cycles (and at least one cycle); RISC-V without a timer
 * (no rv32_mtimer_init) never preempts. */
int arch_timeslice_start(uint32_t us);
/* Called right after arch_switch_to_process returns, whatever the reason: 0 if the slice
 * expired, else ARCH_SLICE_GOES_ON. The timer keeps counting: the kernel's time handling the
 * process's system call or interrupt counts towards its slice, as with Tock's scheduler timer,
 * and a system call neither reads nor writes the timer. */
uint32_t arch_timeslice_stop(void);
/* The scheduler is done with the slice (the process blocked, exited, faulted, or the slice
 * expired): the timer stops counting for it. Once per turn, after the last stop. */
void arch_timeslice_end(void);

/* ---- interrupts -------------------------------------------------------------------------- */

/* Interrupt handlers registered by chip drivers run in the kernel thread, never in interrupt
 * context: the hardware handler only masks the line and leaves it pending; the kernel loop
 * calls arch_service_interrupts, which runs each pending line's handler, then unmasks it.
 *
 * irq is a line the port has: Cortex-M 0..CORTEXM_NUM_IRQS-1 (NVIC external interrupts),
 * RISC-V 1..RV32_MAX_IRQ (PLIC sources; 0 means "none" there). arch_irq_register,
 * arch_irq_enable and arch_irq_disable panic on any other number. Register before enabling:
 * an enabled line without a handler is acknowledged and otherwise ignored. */
typedef void (*arch_irq_handler)(void *ctx);
/* Sets the handler of line irq (fn(ctx) runs in the kernel thread); replaces an older one. */
void arch_irq_register(unsigned irq, arch_irq_handler fn, void *ctx);
/* Lets line irq interrupt processes and wake arch_wait_for_interrupt. */
void arch_irq_enable(unsigned irq);
/* Stops line irq from doing either (a pending request stays pending). */
void arch_irq_disable(unsigned irq);
/* Whether an enabled line (or, on RISC-V, the timer's alarm) is waiting to be serviced. */
int arch_interrupts_pending(void);
/* Runs the handler of every pending enabled line, then acknowledges and unmasks it. */
void arch_service_interrupts(void);

/* Global interrupt masking: returns the previous state for arch_irq_restore; pairs nest. */
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
 * it (then *cfg may be partly written and must not be applied): Cortex-M needs the flash
 * image coverable by one region with subregions and the RAM block a power of two aligned to
 * its size; RISC-V needs 4-byte alignment. Pure computation: nothing is written to the
 * hardware. */
uintptr_t arch_mpu_config(struct arch_mpu_config *cfg, uintptr_t flash, size_t flash_size,
                          uintptr_t ram, size_t ram_size, uintptr_t brk, uintptr_t limit);
/* Loads a configuration computed by arch_mpu_config (done before every switch). Cannot
 * fail. */
void arch_mpu_apply(const struct arch_mpu_config *cfg);
/* Prints the configured regions with kprintf (the process console's "process" command). */
void arch_mpu_print(const struct arch_mpu_config *cfg);

/* ---- misc -------------------------------------------------------------------------------- */

/* Masks interrupts and stops the CPU for good (after a panic). */
void arch_halt(void) __attribute__((noreturn));
/* A cycle or tick counter for statistics; 0 where the architecture has none the simulator
 * can make deterministic (both ports today). */
uint32_t arch_cycle_count(void);

#endif

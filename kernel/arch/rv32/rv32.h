/* The RISC-V port's services for chip drivers and boards, and its internals. */
#ifndef KERNEL_ARCH_RV32_RV32_H
#define KERNEL_ARCH_RV32_RV32_H

/*
 * RISC-V defines the machine timer (mtime/mtimecmp, privileged spec 3.2.1) and the machine
 * external interrupt (mip.MEIP), but not where the timer's registers are nor how external
 * interrupts are claimed: those belong to the platform (CLINT, PLIC). The chip drivers hand
 * them to the port with rv32_mtimer_init and rv32_intc_set; the port then implements the
 * arch.h timeslices and interrupt services on top. Until then, timeslices never expire
 * (cooperative) and no external interrupt is serviced.
 */

/* Offsets in struct arch_context (arch_port.h), for switch.S. */
#define RV32_CTX_PC         128
#define RV32_CTX_MCAUSE     132
#define RV32_CTX_MTVAL      136
#define RV32_CTX_KERNEL_SP  140

#ifndef __ASSEMBLER__
#include <stdint.h>

#include "kernel/arch/arch.h"

/* ---- the machine timer (mtimer.c) ------------------------------------------------------- */

/* The timer's 64-bit registers (two little-endian words each) and their counting rate. */
void rv32_mtimer_init(uintptr_t mtime, uintptr_t mtimecmp, uint32_t hz);
uint64_t rv32_mtimer_now(void);
/* The one alarm the timer serves besides the timeslice: due at deadline (mtime ticks); fn
 * runs from arch_service_interrupts (kernel thread) once it is due, then the alarm is off. */
void rv32_mtimer_alarm(uint64_t deadline, void (*fn)(void *ctx), void *ctx);
void rv32_mtimer_alarm_off(void);
int rv32_mtimer_alarm_due(void);
/* Runs the alarm's function if it is due. */
void rv32_mtimer_service(void);
/* Whether the timeslice deadline has passed (the timer interrupt was the slice's). */
int rv32_mtimer_slice_over(void);
/* mtimecmp back to the earlier live deadline (before a process runs or the hart waits). */
void rv32_mtimer_settle(void);

/* ---- the external interrupt controller (irq.c) ------------------------------------------ */

/* What the platform's controller (the PLIC) does for the port. Sources are numbered from 1;
 * claim returns 0 when none is pending. */
struct rv32_intc {
    void *dev;
    void (*enable)(void *dev, unsigned irq, int on);
    unsigned (*claim)(void *dev);
    void (*complete)(void *dev, unsigned irq);
};
/* Installs the controller and enables the lines drivers asked for before. */
void rv32_intc_set(const struct rv32_intc *intc);
/* Highest interrupt number the port accepts (PLIC sources 1..RV32_MAX_IRQ; QEMU virt has 95). */
#define RV32_MAX_IRQ 95

/* ---- internals -------------------------------------------------------------------------- */

/* switch.S: runs the process until it traps; ctx then holds its registers, mcause, mtval. */
void rv32_run_process(struct arch_context *ctx);
/* switch.S: the trap vector (mtvec, direct mode). */
void rv32_trap_entry(void);
/* trap.c: a trap taken in machine mode (the kernel faulted): report and halt. regs[1..31]
 * are the kernel's registers at the trap. */
void rv32_kernel_trap(const uint32_t regs[32]) __attribute__((noreturn));
/* fault.c: remembers the process fault in ctx for arch_fault_read. */
void rv32_fault_record(const struct arch_context *ctx);
/* pmp.c: clears every PMP entry (the boot state: user mode can reach nothing). */
void rv32_pmp_init(void);
/* pmp.c: whether the last applied configuration lets user mode access addr with perm
 * (PMP_R/W/X): tells a PMP refusal from an access to nothing. */
int rv32_pmp_allows(uintptr_t addr, uint32_t perm);
/* The names of mcause values, e.g. "Load access fault". */
const char *rv32_mcause_name(uint32_t mcause);
#endif

#endif

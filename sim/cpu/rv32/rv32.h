/* RV32IMAC CPU backend on Unicorn: M/U privilege, traps, CLINT/PLIC interrupts, PMP, time slicing. */
#ifndef SIM_CPU_RV32_H
#define SIM_CPU_RV32_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/bus.h"
#include "sim/core/clock.h"
#include "sim/core/cpu.h"
#include "sim/core/trace.h"

struct rv32;

/* The machine-facing operations (struct cpu_ops) of this backend. */
extern const struct cpu_ops rv32_cpu_ops;

struct rv32_config {
    struct vclock *clock;
    struct trace *trace;
    struct bus *bus;            /* regions are mapped into Unicorn by rv32_create */
    uint32_t reset_pc;
    const bool *exit_flag;      /* set by a device (finisher): stop at once (may be NULL) */
    /* Optional (--strace, traces): an ecall from user mode (svc = a4, the TRD104 class; pc =
     * after it; r = a0-a3) and the next return to user mode after a trap from it (svc = -1,
     * pc = where user mode resumes, r = a0-a3 then); psp: always true (user mode). Returns
     * to user mode after interrupts are not reported. */
    void (*thread)(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4]);
    /* Whether anyone listens to `thread` now (NULL: always). Watching for the return to user
     * mode costs a look at the privilege level in every block the kernel runs after a trap. */
    const bool *thread_wanted;
    /* Optional (the window): every trap the host performs (synchronous exceptions; interrupts
     * are taken inside QEMU and not seen), with the user registers for faults from user mode. */
    void (*exception)(void *ctx, const struct cpu_exception *x);
    void *ctx;
};

/* Interrupt lines into the hart: the sink number is the mip bit (irq_connect(line,
 * rv32_irq_sink, cpu, RV32_IRQ_MTI)). */
#define RV32_IRQ_MSI 3          /* machine software interrupt (CLINT msip) */
#define RV32_IRQ_MTI 7          /* machine timer interrupt (CLINT mtime >= mtimecmp) */
#define RV32_IRQ_MEI 11         /* machine external interrupt (PLIC context 0) */

/* Creates the CPU; returns NULL and fills err (size errlen) on failure. */
struct rv32 *rv32_create(const struct rv32_config *cfg, char *err, unsigned errlen);
void rv32_destroy(struct rv32 *c);
/* Reset: machine mode, mstatus.MIE = 0, PMP off, pc = reset_pc, a0 = hart id 0. */
void rv32_reset(struct rv32 *c);
/* Runs until the clock reaches `deadline` (possibly overshooting by one basic block), the hart
 * sleeps (wfi), or the run must stop. */
enum cpu_stop rv32_run(struct rv32 *c, uint64_t deadline);
/* True if an interrupt is pending and enabled in mie (wfi wakes up, whatever mstatus.MIE). */
bool rv32_wake_pending(struct rv32 *c);
const char *rv32_error(const struct rv32 *c);
void rv32_stats(struct rv32 *c, struct cpu_stats *out);
/* IRQ sink for device lines; n is the mip bit. */
void rv32_irq_sink(void *cpu, int n, bool level);

/* Register access for tests and debugging: x0..x31 = 0..31, 32 = pc, 33 = privilege level
 * (0 U, 3 M), 34 = mstatus, 35 = mcause, 36 = mepc, 37 = mtval, 38 = mtvec, 39 = mip,
 * 40 = mie. Writes of 33..40 are for tests only. */
enum { RV32_REG_PC = 32, RV32_REG_PRIV, RV32_REG_MSTATUS, RV32_REG_MCAUSE, RV32_REG_MEPC,
       RV32_REG_MTVAL, RV32_REG_MTVEC, RV32_REG_MIP, RV32_REG_MIE };
uint32_t rv32_reg(struct rv32 *c, int reg);
void rv32_set_reg(struct rv32 *c, int reg, uint32_t value);

#endif

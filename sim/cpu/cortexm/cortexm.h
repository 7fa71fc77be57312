/* Cortex-M CPU backend on Unicorn: ARMv7-M exception model, MPU enforcement, time slicing. */
#ifndef SIM_CPU_CORTEXM_H
#define SIM_CPU_CORTEXM_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/cpu/cortexm/armv7m_scs.h"
#include "sim/core/bus.h"
#include "sim/core/clock.h"
#include "sim/core/cpu.h"
#include "sim/core/trace.h"

struct cortexm;

/* The machine-facing operations (struct cpu_ops) of this backend. */
extern const struct cpu_ops cortexm_cpu_ops;

struct cortexm_config {
    struct vclock *clock;
    struct trace *trace;
    struct bus *bus;            /* regions are mapped into Unicorn by cortexm_create */
    int num_irq;
    int prio_bits;
    uint64_t systick_refclk_hz;
    void (*exit)(void *ctx, int code);      /* semihosting SYS_EXIT */
    void (*console)(void *ctx, const char *s, unsigned len);   /* semihosting writes */
    /* Optional (--strace, traces): a thread-mode svc (svc = its number, pc = after it, r =
     * r0-r3) and each exception return to thread mode (svc = -1, pc = where the thread
     * resumes, r = r0-r3 as restored); psp: the thread runs on PSP. */
    void (*thread)(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4]);
    /* Optional (the window): every exception entry, with the thread's registers for faults
     * taken from thread mode. */
    void (*exception)(void *ctx, const struct cpu_exception *x);
    void *ctx;
};


/* Creates the CPU; returns NULL and fills err (size errlen) on failure. */
struct cortexm *cortexm_create(const struct cortexm_config *cfg, char *err, unsigned errlen);
void cortexm_destroy(struct cortexm *c);
/* The System Control Space model (so the board can connect IRQ lines to it). */
struct armv7m_scs *cortexm_scs(struct cortexm *c);
/* Reset: registers, SCS, then SP/PC from the vector table at address 0 (B1.5.5). */
void cortexm_reset(struct cortexm *c);
/* Runs until the clock reaches `deadline` (possibly overshooting by one basic block), the CPU
 * sleeps, or the run must stop. Takes pending interrupts. */
enum cpu_stop cortexm_run(struct cortexm *c, uint64_t deadline);
/* True if a pending interrupt would wake a sleeping CPU (WFI wake-up rule, B1.5.19). */
bool cortexm_wake_pending(struct cortexm *c);
/* Describes the last CPU_STOP_ERROR. */
const char *cortexm_error(const struct cortexm *c);
void cortexm_stats(struct cortexm *c, struct cpu_stats *out);
/* Register numbers for cortexm_reg: r0..r15 are 0..15, then the special registers, which a
 * host access reaches only with a handler-mode IPSR (see regs.c). */
enum cortexm_regnum {
    CORTEXM_REG_PC = 15, CORTEXM_REG_XPSR = 16, CORTEXM_REG_MSP = 17, CORTEXM_REG_PSP = 18,
    CORTEXM_REG_CONTROL = 19, CORTEXM_REG_PRIMASK = 20, CORTEXM_REG_BASEPRI = 21,
    CORTEXM_REG_FAULTMASK = 22, CORTEXM_NUM_REGS,
    CORTEXM_REG_FIRST_SPECIAL = CORTEXM_REG_MSP,
};
/* Register access for tests and debugging (numbers above); out-of-range numbers read 0 and
 * writes to them are ignored. */
uint32_t cortexm_reg(struct cortexm *c, int reg);
void cortexm_set_reg(struct cortexm *c, int reg, uint32_t value);

#endif

/* ARMv7-M System Control Space: NVIC, SCB (incl. fault status), SysTick and the PMSAv7 MPU. */
#ifndef SIM_ARMV7M_SCS_H
#define SIM_ARMV7M_SCS_H

/*
 * Interface
 *   Memory region: 0xE000E000..0xE000EFFF (ARMv7-M ARM DDI0403E, B3.2 "System Control Space"),
 *   mapped as a device (armv7m_scs_ops). Privilege is checked by the CPU backend before an access
 *   reaches here (unprivileged access to the SCS is a BusFault, except STIR if CCR.USERSETMPEND).
 *   IRQ inputs: armv7m_scs_irq_sink() is the sink for devices' struct irq_line (n = IRQn).
 *   Clock: SysTick counts CPU cycles (CLKSOURCE=1) or the reference clock (CLKSOURCE=0); it is
 *   computed lazily from the virtual clock and schedules one clock_event per wrap.
 *   Upcalls to the CPU backend through `hooks`: something became pending (check for preemption),
 *   the MPU was reprogrammed (flush the TLB), SYSRESETREQ.
 *
 * This model holds exception *state* (enabled/pending/active, priorities, fault registers) and
 * the priority arithmetic. Exception entry/return (stacking, EXC_RETURN) is done by the CPU
 * backend, which calls armv7m_scs_acknowledge() on entry and armv7m_scs_complete() on return.
 */

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/cpu.h"
#include "sim/core/device.h"

/* Exception numbers (B1.5.2). External interrupt n is exception 16 + n. */
enum {
    V7M_EXC_RESET = 1, V7M_EXC_NMI = 2, V7M_EXC_HARDFAULT = 3, V7M_EXC_MEMMANAGE = 4,
    V7M_EXC_BUSFAULT = 5, V7M_EXC_USAGEFAULT = 6, V7M_EXC_SVCALL = 11, V7M_EXC_DEBUGMON = 12,
    V7M_EXC_PENDSV = 14, V7M_EXC_SYSTICK = 15, V7M_EXC_IRQ0 = 16,
};
#define V7M_MAX_IRQS 64
#define V7M_NUM_EXC (16 + V7M_MAX_IRQS)

/* CFSR bits (B3.2.15): MMFSR in [7:0], BFSR in [15:8], UFSR in [31:16]. */
#define CFSR_IACCVIOL    (1u << 0)
#define CFSR_DACCVIOL    (1u << 1)
#define CFSR_MUNSTKERR   (1u << 3)
#define CFSR_MSTKERR     (1u << 4)
#define CFSR_MMARVALID   (1u << 7)
#define CFSR_IBUSERR     (1u << 8)
#define CFSR_PRECISERR   (1u << 9)
#define CFSR_IMPRECISERR (1u << 10)
#define CFSR_UNSTKERR    (1u << 11)
#define CFSR_STKERR      (1u << 12)
#define CFSR_BFARVALID   (1u << 15)
#define CFSR_UNDEFINSTR  (1u << 16)
#define CFSR_INVSTATE    (1u << 17)
#define CFSR_INVPC       (1u << 18)
#define CFSR_NOCP        (1u << 19)
#define CFSR_UNALIGNED   (1u << 24)
#define CFSR_DIVBYZERO   (1u << 25)
#define HFSR_VECTTBL     (1u << 1)
#define HFSR_FORCED      (1u << 30)
#define HFSR_DEBUGEVT    (1u << 31)

/* Execution priority of thread mode with nothing active and no masking (B1.5.4). */
#define V7M_PRIO_THREAD 256

struct armv7m_mpu_region {
    uint32_t rbar;          /* address bits [31:5] as written (VALID/REGION bits not stored) */
    uint32_t rasr;
};

struct armv7m_mpu {
    uint32_t ctrl;          /* ENABLE, HFNMIENA, PRIVDEFENA */
    uint32_t rnr;
    struct armv7m_mpu_region region[8];
};

struct armv7m_exc {
    uint8_t prio;           /* raw priority register value (only implemented bits kept) */
    bool enabled;           /* IRQs: NVIC ISER; faults: SHCSR enable bits; others: always */
    bool pending;
    bool active;
    bool level;             /* IRQs: current input level (a high level re-pends on exit) */
};

struct armv7m_scs_hooks {
    void *ctx;
    void (*pending_changed)(void *ctx);     /* re-evaluate preemption soon */
    void (*mpu_changed)(void *ctx);         /* MPU registers written: flush translations */
    void (*reset_request)(void *ctx);       /* AIRCR.SYSRESETREQ */
    void (*traps_changed)(void *ctx);       /* CCR or CPACR written, or reset */
};

struct armv7m_scs {
    struct device_env env;
    struct armv7m_scs_hooks hooks;
    int num_irq;                /* external interrupts implemented (<= V7M_MAX_IRQS) */
    int prio_bits;              /* implemented priority bits (high bits of each 8-bit field) */
    uint64_t refclk_hz;         /* SysTick reference clock (CLKSOURCE=0) */
    /* What the scans over all exceptions found (armv7m_exc.c), kept until anything they read
     * may have changed (armv7m_scs_forget): every entry, return and pending check asks, and a
     * scan is 16 + num_irq entries. Derived, so not in snapshots. */
    bool summary_valid;
    int summary_best;           /* the pending enabled exception of highest priority, 0: none */
    int summary_active_prio;    /* the lowest group priority among active ones (THREAD: none) */
    int summary_active;         /* how many are active */
    int summary_pending;        /* how many are pending and enabled */
    /* State: snapshots copy it as two spans, exc up to the SysTick event, mpu to the end. */
    struct armv7m_exc exc[V7M_NUM_EXC];
    uint32_t vtor, prigroup, scr, ccr, cfsr, hfsr, mmfar, bfar;
    /* SysTick (B3.3): CVR is derived from `systick_start` while enabled. */
    uint32_t systick_csr, systick_rvr, systick_cvr;
    uint64_t systick_start;
    struct clock_event systick_event;
    struct armv7m_mpu mpu;
    /* Added by the implementation (armv7m_scs.c): */
    uint32_t cpacr;                         /* CP10/CP11 fields, stored only */
    uint8_t active_stack[V7M_NUM_EXC];      /* acknowledged exceptions, innermost last */
    int active_depth;                       /* ICSR.VECTACTIVE = active_stack[depth - 1] */
};

extern const struct device_ops armv7m_scs_ops;

void armv7m_scs_init(struct armv7m_scs *s, const struct device_env *env, int num_irq,
                     int prio_bits, uint64_t refclk_hz, const struct armv7m_scs_hooks *hooks);
void armv7m_scs_reset(void *scs);
/* Sink for device interrupt lines: level-sensitive, pends on a rising level. */
void armv7m_scs_irq_sink(void *scs, int irqn, bool level);
/* The exception state changed behind the summary's back (register writes, reset, restore). */
static inline void armv7m_scs_forget(struct armv7m_scs *s)
{
    s->summary_valid = false;
}
/* Marks exception `exc` pending (used for SVC, faults, PendSV set, etc.). */
void armv7m_scs_set_pending(struct armv7m_scs *s, int exc);

/* Group priority of exception `exc` after PRIGROUP (fixed: Reset -3, NMI -2, HardFault -1). */
int armv7m_scs_group_priority(const struct armv7m_scs *s, int exc);
/* Current execution priority from active exceptions and the masks (B1.5.4). */
int armv7m_scs_execution_priority(const struct armv7m_scs *s, uint32_t primask, uint32_t basepri,
                                  uint32_t faultmask);
/* The pending, enabled exception that would preempt at execution priority `exec_prio`, or 0.
 * Ties go to the lower exception number. */
int armv7m_scs_preempting(const struct armv7m_scs *s, int exec_prio);
/* Exception entry bookkeeping: pending -> active. */
void armv7m_scs_acknowledge(struct armv7m_scs *s, int exc);
/* Exception return bookkeeping: clears active; a still-high IRQ level re-pends. Returns false
 * if `exc` was not active (the CPU backend then raises INVPC UsageFault). */
bool armv7m_scs_complete(struct armv7m_scs *s, int exc);
/* Number of active exceptions (for RETTOBASE and the return-to-thread check). */
int armv7m_scs_active_count(const struct armv7m_scs *s);

/* Synchronous faults: records status bits and pends MemManage/BusFault/UsageFault, or HardFault
 * with HFSR.FORCED when that fault is disabled or cannot preempt at `exec_prio`. Returns the
 * exception number that was pended. `addr` is recorded in MMFAR/BFAR when the *ARVALID bit is in
 * `cfsr_bits`. */
int armv7m_scs_fault(struct armv7m_scs *s, uint32_t cfsr_bits, uint32_t addr, int exec_prio);

/* MPU decision for one access (B3.5). `priv`: privileged access; `access`: 'r', 'w' or 'x'.
 * Background/default map: with the MPU off, or for privileged accesses with PRIVDEFENA and no
 * region hit, the default memory map applies (XN for 0xE0000000+ and device regions). */
bool armv7m_mpu_allows(const struct armv7m_mpu *m, uint32_t addr, bool priv, char access);
/* Region r's bounds [*base, *base + *size) as the MPU decodes RBAR/RASR (sizes below 32 bytes
 * count as 32); false if the region is disabled. */
bool armv7m_mpu_region_bounds(const struct armv7m_mpu_region *r, uint64_t *base, uint64_t *size);
/* Checks a whole aligned block [base, base+size) (size a power of two, >= 32): returns 1 if every
 * byte is allowed, 0 if every byte is denied, -1 if it is mixed. */
int armv7m_mpu_block(const struct armv7m_mpu *m, uint32_t base, uint32_t size, bool priv,
                     char access);
/* The enabled regions as the window draws them (struct cpu_protection, sim/core/cpu.h). */
void armv7m_mpu_describe(const struct armv7m_mpu *m, struct cpu_protection *out);

/* Internal to the SCS model: SysTick (armv7m_systick.c) and MPU (armv7m_mpu.c) registers, which
 * armv7m_scs.c dispatches to. `offset` is from the SCS base (0xE000E000), word accesses only. */
void armv7m_systick_init(struct armv7m_scs *s);
void armv7m_systick_reset(struct armv7m_scs *s);
/* Brings the lazily computed counter up to the current time (COUNTFLAG, SysTick pending). */
void armv7m_systick_catch_up(struct armv7m_scs *s);
uint32_t armv7m_systick_read(struct armv7m_scs *s, uint32_t offset);
void armv7m_systick_write(struct armv7m_scs *s, uint32_t offset, uint32_t value);
void armv7m_mpu_reset(struct armv7m_mpu *m);
uint32_t armv7m_mpu_read(struct armv7m_scs *s, uint32_t offset);
void armv7m_mpu_write(struct armv7m_scs *s, uint32_t offset, uint32_t value);

#endif

/* The debug half of the Cortex-M backend (struct cpu_debug_ops, sim/core/cpu.h): registers by
 * GDB's numbers, single steps, and breakpoints and watchpoints through sim/cpu/uc/debug.c. */
#include "sim/cpu/cortexm/internal.h"
#include "sim/cpu/cortexm/thumb_access.h"

/* GDB's M-profile core feature (r0-r12, sp, lr, pc, xpsr), then the system registers as
 * OpenOCD names them for Cortex-M. */
static const struct cpu_reg_desc regs[] = {
    { "r0", "int", false }, { "r1", "int", false }, { "r2", "int", false }, { "r3", "int", false },
    { "r4", "int", false }, { "r5", "int", false }, { "r6", "int", false }, { "r7", "int", false },
    { "r8", "int", false }, { "r9", "int", false }, { "r10", "int", false }, { "r11", "int", false },
    { "r12", "int", false }, { "sp", "data_ptr", false }, { "lr", "int", false },
    { "pc", "code_ptr", false }, { "xpsr", "int", false },
    { "msp", "int", true }, { "psp", "int", true }, { "primask", "int", true },
    { "basepri", "int", true }, { "faultmask", "int", true }, { "control", "int", true },
};
#define NREGS ((int)(sizeof(regs) / sizeof(regs[0])))

/* GDB's number -> the backend's (enum cortexm_regnum). */
static const int regnums[NREGS] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, CORTEXM_REG_PC, CORTEXM_REG_XPSR,
    CORTEXM_REG_MSP, CORTEXM_REG_PSP, CORTEXM_REG_PRIMASK, CORTEXM_REG_BASEPRI,
    CORTEXM_REG_FAULTMASK, CORTEXM_REG_CONTROL,
};

static bool reg_get(void *cpu, int n, uint32_t *value)
{
    if (n < 0 || n >= NREGS)
        return false;
    *value = cortexm_reg(cpu, regnums[n]);
    if (regnums[n] == CORTEXM_REG_PC)
        *value &= ~1u;                      /* the Thumb bit is state, not address */
    return true;
}

/* xPSR writes set the flags only: IPSR and EPSR belong to the exception model. A special
 * register may change the privilege or the priority: Unicorn's mode and the TLB follow, and
 * pending exceptions are looked at again. */
static bool reg_set(void *cpu, int n, uint32_t value)
{
    struct cortexm *c = cpu;
    if (n < 0 || n >= NREGS)
        return false;
    if (regnums[n] == CORTEXM_REG_XPSR)
        cm_put(c, UC_ARM_REG_APSR_NZCVQ, value);
    else
        cortexm_set_reg(c, regnums[n], value);
    if (regnums[n] >= CORTEXM_REG_FIRST_SPECIAL) {
        cm_refresh_mode(c);
        uc_tlb_settle(c->uc, &c->tlb_watch);
        cm_request_check(c);
    }
    return true;
}

static uint32_t insn_length(void *cpu, uint32_t addr)
{
    uint16_t hw = 0;
    return cm_read_mem(cpu, addr, &hw, 2) ? thumb_insn_length(hw) : 0;
}

/* One instruction under the code hook. An exception taken before it (a pending interrupt)
 * or by it (svc, a fault) ends the step at its handler's first instruction. */
static enum cpu_stop step(void *cpu)
{
    struct cortexm *c = cpu;
    enum cpu_stop out = CPU_STOP_DEBUG;
    for (int tries = 0; tries < 8; tries++) {
        bool taken;
        uint32_t pc = cm_before_run(c, true, &taken) & ~1u;
        if (taken) {
            uc_debug_stopped(&c->dbg, CPU_DEBUG_STEP, pc);
            return CPU_STOP_DEBUG;
        }
        if (!cm_run_once(c, pc, UINT64_MAX, &out))
            return out;
        uint32_t now = cm_get(c, UC_ARM_REG_PC) & ~1u;
        if (c->dbg.insns || now != pc) {    /* a fault or an exception entry ended it */
            uc_debug_stopped(&c->dbg, CPU_DEBUG_STEP, now);
            return CPU_STOP_DEBUG;
        }
        /* Stopped before the instruction (MPU or trap changes to apply): again. */
    }
    snprintf(c->error, sizeof(c->error), "single step at pc 0x%08x made no progress",
             cm_get(c, UC_ARM_REG_PC) & ~1u);
    return CPU_STOP_ERROR;
}

static void resume(void *cpu)
{
    struct cortexm *c = cpu;
    uc_debug_resume(&c->dbg, cm_get(c, UC_ARM_REG_PC) & ~1u);
}

static bool set_break(void *cpu, uint32_t addr, bool on)
{
    struct cortexm *c = cpu;
    return uc_debug_set_break(&c->dbg, addr & ~1u, on);
}

static bool set_watch(void *cpu, uint32_t addr, uint32_t len, enum cpu_watch_kind kind, bool on)
{
    struct cortexm *c = cpu;
    return uc_debug_set_watch(&c->dbg, addr, len, kind, on);
}

static void stop_info(void *cpu, struct cpu_debug_stop *out)
{
    struct cortexm *c = cpu;
    *out = c->dbg.stop;
}

static void code_changed(void *cpu, uint32_t addr, uint32_t len)
{
    struct cortexm *c = cpu;
    uc_debug_code_changed(&c->dbg, addr, len);
    uc_icount_forget(c->icache);            /* blocks there may be split differently now */
}

void cm_debug_init(struct cortexm *c)
{
    uc_debug_init(&c->dbg, c->uc, c->now, c, insn_length, &c->host_lookup);
}

const struct cpu_debug_ops cortexm_debug_ops = {
    .gdb_arch = "arm",
    .core_feature = "org.gnu.gdb.arm.m-profile",
    .system_feature = "org.gnu.gdb.arm.m-system",
    .regs = regs,
    .nregs = NREGS,
    .reg_get = reg_get,
    .reg_set = reg_set,
    .step = step,
    .resume = resume,
    .set_break = set_break,
    .set_watch = set_watch,
    .stop_info = stop_info,
    .code_changed = code_changed,
};

/* The debug half of the RISC-V backend (struct cpu_debug_ops, sim/core/cpu.h): registers by
 * GDB's numbers, single steps, and breakpoints and watchpoints through sim/cpu/uc/debug.c. */
#include "sim/cpu/rv32/internal.h"
#include "sim/cpu/rv32/insn.h"

/* GDB's RISC-V core feature (x0-x31 by their ABI names, pc), then the machine CSRs the kernel
 * uses, in the CSR feature. */
static const struct cpu_reg_desc regs[] = {
    { "zero", "int", false }, { "ra", "code_ptr", false }, { "sp", "data_ptr", false },
    { "gp", "data_ptr", false }, { "tp", "data_ptr", false }, { "t0", "int", false },
    { "t1", "int", false }, { "t2", "int", false }, { "fp", "data_ptr", false },
    { "s1", "int", false }, { "a0", "int", false }, { "a1", "int", false }, { "a2", "int", false },
    { "a3", "int", false }, { "a4", "int", false }, { "a5", "int", false }, { "a6", "int", false },
    { "a7", "int", false }, { "s2", "int", false }, { "s3", "int", false }, { "s4", "int", false },
    { "s5", "int", false }, { "s6", "int", false }, { "s7", "int", false }, { "s8", "int", false },
    { "s9", "int", false }, { "s10", "int", false }, { "s11", "int", false }, { "t3", "int", false },
    { "t4", "int", false }, { "t5", "int", false }, { "t6", "int", false },
    { "pc", "code_ptr", false },
    { "mstatus", "int", true }, { "mie", "int", true }, { "mip", "int", true },
    { "mtvec", "code_ptr", true }, { "mepc", "code_ptr", true }, { "mcause", "int", true },
    { "mtval", "int", true }, { "mscratch", "int", true },
};
#define NREGS ((int)(sizeof(regs) / sizeof(regs[0])))
#define GDB_MSCRATCH (NREGS - 1)

/* GDB's number -> the backend's (rv32_reg); mscratch has none (mscratch() below). */
static const int regnums[NREGS - 1] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
    25, 26, 27, 28, 29, 30, 31, RV32_REG_PC, RV32_REG_MSTATUS, RV32_REG_MIE, RV32_REG_MIP,
    RV32_REG_MTVEC, RV32_REG_MEPC, RV32_REG_MCAUSE, RV32_REG_MTVAL,
};

/* mscratch is reached through Unicorn's CSR id, which obeys the guest's privilege (ctx.h): the
 * hart is put in machine mode around the access. write NULL: a read. */
static uint32_t mscratch(struct rv32 *c, const uint32_t *write)
{
    uint32_t v = 0;
    rv32_ctx_load(&c->ctx);
    uint32_t priv = rv32_ctx_get(&c->ctx, RV32_PRIV);
    rv32_ctx_set(&c->ctx, RV32_PRIV, RV32_PRIV_M);
    rv32_ctx_store(&c->ctx);
    if (write)
        uc_reg_write(c->uc, UC_RISCV_REG_MSCRATCH, write);
    else
        uc_reg_read(c->uc, UC_RISCV_REG_MSCRATCH, &v);
    rv32_ctx_load(&c->ctx);
    rv32_ctx_set(&c->ctx, RV32_PRIV, priv);
    rv32_ctx_store(&c->ctx);
    return v;
}

static bool reg_get(void *cpu, int n, uint32_t *value)
{
    if (n < 0 || n >= NREGS)
        return false;
    *value = n == GDB_MSCRATCH ? mscratch(cpu, NULL) : rv32_reg(cpu, regnums[n]);
    return true;
}

/* CSR writes go straight into the CPU state (as rv32_set_reg's): for a debugger poking at
 * them, not a model of csrw's side effects. */
static bool reg_set(void *cpu, int n, uint32_t value)
{
    if (n < 0 || n >= NREGS)
        return false;
    if (n == GDB_MSCRATCH)
        mscratch(cpu, &value);
    else
        rv32_set_reg(cpu, regnums[n], value);
    return true;
}

static uint32_t pc_of(struct rv32 *c)
{
    uint32_t pc = 0;
    uc_reg_read(c->uc, UC_RISCV_REG_PC, &pc);
    return pc;
}

static uint32_t insn_length(void *cpu, uint32_t addr)
{
    struct rv32 *c = cpu;
    uint32_t hw = 0;
    return bus_read(c->cfg.bus, addr, 2, &hw) == BUS_OK ? rv32_insn_length(hw) : 0;
}

/* One instruction under the code hook. An interrupt QEMU takes before it, or a trap it
 * causes, ends the step at the handler's first instruction. */
static enum cpu_stop step(void *cpu)
{
    struct rv32 *c = cpu;
    enum cpu_stop out = CPU_STOP_DEBUG;
    for (int tries = 0; tries < 8; tries++) {
        uint32_t pc = pc_of(c);
        if (!rv_run_once(c, pc, UINT64_MAX, true, &out))
            return out;
        uint32_t now = pc_of(c);
        if (c->dbg.insns || now != pc) {    /* a trap ended it */
            uc_debug_stopped(&c->dbg, CPU_DEBUG_STEP, now);
            return CPU_STOP_DEBUG;
        }
    }
    snprintf(c->error, sizeof(c->error), "single step at pc 0x%08x made no progress", pc_of(c));
    return CPU_STOP_ERROR;
}

static void resume(void *cpu)
{
    struct rv32 *c = cpu;
    uc_debug_resume(&c->dbg, pc_of(c));
}

static bool set_break(void *cpu, uint32_t addr, bool on)
{
    struct rv32 *c = cpu;
    return uc_debug_set_break(&c->dbg, addr, on);
}

static bool set_watch(void *cpu, uint32_t addr, uint32_t len, enum cpu_watch_kind kind, bool on)
{
    struct rv32 *c = cpu;
    return uc_debug_set_watch(&c->dbg, addr, len, kind, on);
}

static void stop_info(void *cpu, struct cpu_debug_stop *out)
{
    struct rv32 *c = cpu;
    *out = c->dbg.stop;
}

static void code_changed(void *cpu, uint32_t addr, uint32_t len)
{
    struct rv32 *c = cpu;
    uc_debug_code_changed(&c->dbg, addr, len);
    uc_icount_forget(c->icache);            /* blocks there may be split differently now */
}

void rv_debug_init(struct rv32 *c)
{
    uc_debug_init(&c->dbg, c->uc, c->now, c, insn_length, &c->host_lookup);
}

const struct cpu_debug_ops rv32_debug_ops = {
    .gdb_arch = "riscv:rv32",
    .core_feature = "org.gnu.gdb.riscv.cpu",
    .system_feature = "org.gnu.gdb.riscv.csr",
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

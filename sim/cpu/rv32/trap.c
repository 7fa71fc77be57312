/* RISC-V traps done by the host: Unicorn reports synchronous exceptions (ecall, illegal
 * instruction, misaligned AMO) at UC_HOOK_INTR without performing trap entry, so we do it
 * (privileged spec 3.1.6-3.1.16, 3.3.1). Interrupts are left to QEMU, which takes them natively
 * (vectored mode included) once told about the lines through mip (rv_sync_mip).
 * The PMP and Smepmp CSRs are emulated here: QEMU's view of them is switched off, so each
 * access traps as an illegal instruction and we perform it on our model. */
#include <string.h>

#include "sim/core/bus.h"
#include "sim/cpu/rv32/internal.h"
#include "sim/cpu/rv32/insn.h"

/* QEMU's RISC-V exception numbers as passed to UC_HOOK_INTR (target/riscv/cpu_bits.h). */
enum { EXCP_ILLEGAL = 2, EXCP_LOAD_ADDR_MIS = 4, EXCP_STORE_AMO_ADDR_MIS = 6, EXCP_U_ECALL = 8 };

uint32_t rv_fetch(struct rv32 *c, uint32_t pc)
{
    uint32_t lo = 0, hi = 0;
    if (bus_read(c->cfg.bus, pc & ~1u, 2, &lo) != BUS_OK)
        return 0;
    if (rv32_insn_length(lo) == 2)
        return lo;
    bus_read(c->cfg.bus, (pc & ~1u) + 2, 2, &hi);
    return lo | hi << 16;
}

void rv_report_thread(struct rv32 *c, int svc, uint32_t pc)
{
    uint32_t r[4];
    for (int i = 0; i < 4; i++)
        uc_reg_read(c->uc, UC_RISCV_REG_A0 + i, &r[i]);
    c->cfg.thread(c->cfg.ctx, svc, pc, true, r);
}

const char *rv_cause_name(uint32_t mcause)
{
    static const char *const names[] = {
        "instruction address misaligned", "instruction access fault", "illegal instruction",
        "breakpoint", "load address misaligned", "load access fault", "store/AMO address misaligned",
        "store/AMO access fault", "environment call from U-mode", "environment call from S-mode",
        "reserved", "environment call from M-mode", "instruction page fault", "load page fault",
        "reserved", "store/AMO page fault",
    };
    if (mcause & 0x80000000u)
        return (mcause & 0x7fffffffu) == 7 ? "machine timer interrupt"
             : (mcause & 0x7fffffffu) == 11 ? "machine external interrupt"
             : (mcause & 0x7fffffffu) == 3 ? "machine software interrupt" : "interrupt";
    return mcause < sizeof(names) / sizeof(names[0]) ? names[mcause] : "reserved";
}

/* Tells cfg.exception about a trap: a fault comes with x0-x31 and the pc (user mode's or,
 * for a kernel fault, machine mode's). */
static void report_exception(struct rv32 *c, uint32_t cause, uint32_t epc, uint32_t priv)
{
    struct cpu_exception x = { .number = (int)cause, .from_thread = priv == RV32_PRIV_U, .pc = epc };
    bool irq = cause & 0x80000000u;
    x.cls = irq ? CPU_EXC_IRQ : cause == CAUSE_ECALL_U ? CPU_EXC_SYSCALL
          : cause == CAUSE_ECALL_M || cause == CAUSE_BREAKPOINT ? CPU_EXC_OTHER : CPU_EXC_FAULT;
    if (x.cls == CPU_EXC_FAULT) {
        for (int i = 1; i < 32; i++)
            uc_reg_read(c->uc, UC_RISCV_REG_X0 + i, &x.regs[i]);
        x.regs[32] = epc;
        x.nregs = 33;
    }
    c->cfg.exception(c->cfg.ctx, &x);
}

/* Trap entry: the cause, pc and tval as the privileged spec's trap entry records them. */
void rv_trap(struct rv32 *c, uint32_t cause, uint32_t epc, uint32_t tval)
{
    struct rv32_ctx *x = &c->ctx;
    rv32_ctx_load(x);
    uint32_t priv = rv32_ctx_get(x, RV32_PRIV);
    if (c->cfg.exception)
        report_exception(c, cause, epc, priv);     /* before entry: the user's registers */
    uint32_t ms = rv32_ctx_get(x, RV32_MSTATUS);
    ms = (ms & ~(MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE)) | priv << 11 |
         ((ms & MSTATUS_MIE) ? MSTATUS_MPIE : 0);
    rv32_ctx_set(x, RV32_MSTATUS, ms);
    rv32_ctx_set(x, RV32_MEPC, epc & ~1u);
    rv32_ctx_set(x, RV32_MCAUSE, cause);
    rv32_ctx_set(x, RV32_MTVAL, tval);
    rv32_ctx_set(x, RV32_PRIV, RV32_PRIV_M);
    rv32_ctx_store(x);
    uint32_t target = rv32_ctx_get(x, RV32_MTVEC) & ~3u;   /* exceptions use the base */
    uc_reg_write(c->uc, UC_RISCV_REG_PC, &target);
    c->stats.exceptions++;
    if (priv == RV32_PRIV_U && rv_thread_wanted(c)) {
        c->watch_return = true;         /* the block hook reports the way back */
        c->limit = 0;
    }
    trace_event(c->cfg.trace, "trap", "\"cause\":%u,\"epc\":%u,\"tval\":%u,\"from\":%u", cause, epc,
                tval, priv);
}

/* Tells QEMU which machine-level interrupts the lines drive. Returns true if a bit rose. */
bool rv_sync_mip(struct rv32 *c)
{
    if (c->mip_lines == c->mip_cpu)
        return false;
    bool rising = (c->mip_lines & ~c->mip_cpu) != 0;
    rv32_ctx_set_mip(&c->ctx, c->mip_lines);
    c->mip_cpu = c->mip_lines;
    return rising;
}

static uint32_t get_x(struct rv32 *c, unsigned r)
{
    uint32_t v = 0;
    if (r)
        uc_reg_read(c->uc, UC_RISCV_REG_X0 + (int)r, &v);
    return v;
}

/* A PMP/Smepmp CSR instruction at epc, run on our model (machine mode only). */
static bool emulate_pmp_csr(struct rv32 *c, uint32_t insn)
{
    struct rv32_csr_op op;
    if (!rv32_insn_csr(insn, &op) || !rv32_pmp_is_csr(op.csr) ||
        rv32_ctx_read(&c->ctx, RV32_PRIV) != RV32_PRIV_M)
        return false;
    uint32_t old = rv32_pmp_csr_read(&c->pmp, op.csr);
    bool writes;
    uint32_t src = op.imm ? op.rs1 : get_x(c, op.rs1);
    uint32_t v = rv32_csr_apply(&op, old, src, &writes);
    if (op.rd)
        uc_reg_write(c->uc, UC_RISCV_REG_X0 + (int)op.rd, &old);
    if (writes && rv32_pmp_csr_write(&c->pmp, op.csr, v))
        rv_pmp_changed(c);
    return true;
}

/* Unicorn passes every synchronous exception here with pc = the instruction's address + 4,
 * whatever its length; ecall arrives as U_ECALL whatever the privilege level. */
void rv_on_intr(uc_engine *uc, uint32_t intno, void *ud)
{
    (void)uc;
    struct rv32 *c = ud;
    uint32_t pc = 0;
    uc_reg_read(c->uc, UC_RISCV_REG_PC, &pc);
    uint32_t epc = pc - 4;
    switch (intno) {
    case EXCP_U_ECALL: {
        uint32_t priv = rv32_ctx_read(&c->ctx, RV32_PRIV);
        if (priv == RV32_PRIV_U && rv_thread_wanted(c)) {
            uint32_t cls = 0;
            uc_reg_read(c->uc, UC_RISCV_REG_A4, &cls);
            rv_report_thread(c, (int)cls, pc);
        }
        rv_trap(c, CAUSE_ECALL_U + priv, epc, 0);
        break;
    }
    case EXCP_ILLEGAL: {
        uint32_t insn = rv_fetch(c, epc);
        if (!emulate_pmp_csr(c, insn))
            rv_trap(c, CAUSE_ILLEGAL, epc, insn);      /* mtval = the instruction, as QEMU 7.2 */
        break;
    }
    case EXCP_LOAD_ADDR_MIS:
    case EXCP_STORE_AMO_ADDR_MIS:
        rv_trap(c, intno, epc, rv32_ctx_read(&c->ctx, RV32_BADADDR));
        break;
    default:
        rv_trap(c, intno, epc, 0);
        trace_guest_error(c->cfg.trace, "rv32", "unexpected CPU exception %u at pc 0x%08x", intno, epc);
        break;
    }
}

void rv_insn_invalid(struct rv32 *c, uint32_t pc)
{
    uint32_t insn = rv_fetch(c, pc);
    if (insn == RV32_INSN_EBREAK || insn == RV32_INSN_C_EBREAK)
        rv_trap(c, CAUSE_BREAKPOINT, pc, 0);           /* mtval 0, as QEMU 7.2 */
    else
        rv_trap(c, CAUSE_ILLEGAL, pc, insn);
}

/* Access to RV32 CPU state through Unicorn's saved context (see sim/cpu/rv32/ctx.h for why). */
#include "sim/cpu/rv32/ctx.h"

#include <stdlib.h>
#include <string.h>

/* Offsets in Unicorn 2.1.1's CPURISCVState (qemu/target/riscv/cpu.h, TARGET_RISCV32):
 * gpr[32] at 0, fpr[32] (uint64) at 128, pc at 384, then load_res, load_val, frm, badaddr,
 * guest_phys_fault_addr, priv_ver, misa, misa_mask, features, priv, virt, resetvec, mhartid,
 * mstatus, mip, mstatush, miclaim, mie, mideleg, sptbr, satp, sbadaddr, mbadaddr (what the
 * mtval CSR reads and writes in QEMU 5.0), ..., mtvec, mepc, mcause. */
static const uint16_t field_offset[RV32_NUM_FIELDS] = {
    [RV32_PC] = 384, [RV32_BADADDR] = 400, [RV32_FEATURES] = 420, [RV32_PRIV] = 424,
    [RV32_MSTATUS] = 440, [RV32_MIP] = 444, [RV32_MIE] = 456, [RV32_MTVEC] = 496,
    [RV32_MEPC] = 500, [RV32_MCAUSE] = 504, [RV32_MTVAL] = 476,
};
#define ENV_MIN_SIZE 512u               /* the context must reach past mtval */
#define MIP_M_BITS 0x888u               /* MSIP, MTIP, MEIP */
#define MIP_S_BITS 0x222u               /* SSIP, STIP, SEIP: what the CSR path may write */

void rv32_ctx_load(struct rv32_ctx *c)
{
    if (!c->live)
        uc_context_save(c->uc, c->ctx);
}

void rv32_ctx_store(struct rv32_ctx *c)
{
    if (!c->live)
        uc_context_restore(c->uc, c->ctx);
}

bool rv32_ctx_go_live(struct rv32_ctx *c, uint8_t *live_env)
{
    if (!live_env || c->live)
        return c->live;
    rv32_ctx_load(c);
    if (memcmp(c->env, live_env, ENV_MIN_SIZE) != 0)
        return false;
    c->env = live_env;
    c->live = true;
    c->live_priv = (const uint32_t *)(void *)(live_env + field_offset[RV32_PRIV]);
    return true;
}

uint32_t rv32_ctx_get(const struct rv32_ctx *c, enum rv32_field f)
{
    uint32_t v;
    memcpy(&v, c->env + field_offset[f], 4);
    return v;
}

void rv32_ctx_set(struct rv32_ctx *c, enum rv32_field f, uint32_t v)
{
    memcpy(c->env + field_offset[f], &v, 4);
}

uint32_t rv32_ctx_read(struct rv32_ctx *c, enum rv32_field f)
{
    rv32_ctx_load(c);
    return rv32_ctx_get(c, f);
}

/* QEMU only notices a new pending interrupt when riscv_cpu_update_mip() runs, which a host
 * write of mip does (for the S bits it may write) with the CPU in machine mode. */
void rv32_ctx_set_mip(struct rv32_ctx *c, uint32_t mbits)
{
    rv32_ctx_load(c);
    uint32_t priv = rv32_ctx_get(c, RV32_PRIV);
    uint32_t mip = (rv32_ctx_get(c, RV32_MIP) & ~MIP_M_BITS) | (mbits & MIP_M_BITS);
    rv32_ctx_set(c, RV32_MIP, mip);
    rv32_ctx_set(c, RV32_PRIV, RV32_PRIV_M);
    rv32_ctx_store(c);
    uint32_t sbits = mip & MIP_S_BITS;
    uc_reg_write(c->uc, UC_RISCV_REG_MIP, &sbits);
    if (priv != RV32_PRIV_M) {
        rv32_ctx_load(c);
        rv32_ctx_set(c, RV32_PRIV, priv);
        rv32_ctx_store(c);
    }
}

/* Finds gpr[] in the context: x1..x31 hold a pattern written through the register API. */
static long find_env(struct rv32_ctx *c, size_t size)
{
    for (int i = 1; i < 32; i++) {
        uint32_t v = 0x5a5a0000u + (uint32_t)i;
        uc_reg_write(c->uc, UC_RISCV_REG_X0 + i, &v);
    }
    rv32_ctx_load(c);
    const uint8_t *p = (const uint8_t *)c->ctx;
    for (size_t off = 0; off + 128 <= size; off += 4) {
        bool match = true;
        for (int i = 1; i < 32 && match; i++) {
            uint32_t w;
            memcpy(&w, p + off + 4u * (unsigned)i, 4);
            match = w == 0x5a5a0000u + (uint32_t)i;
        }
        if (match)
            return (long)off;
    }
    return -1;
}

/* Writes distinct values through the register API (valid in machine mode) and checks that
 * they show up at our offsets. */
static bool check_offsets(struct rv32_ctx *c, char *err, size_t errlen)
{
    static const struct { int reg; enum rv32_field f; uint32_t v; } probes[] = {
        { UC_RISCV_REG_PC, RV32_PC, 0x80001234u },
        { UC_RISCV_REG_MSTATUS, RV32_MSTATUS, 0x00001880u },
        { UC_RISCV_REG_MIE, RV32_MIE, 0x00000808u },
        { UC_RISCV_REG_MTVEC, RV32_MTVEC, 0x80000100u },
        { UC_RISCV_REG_MEPC, RV32_MEPC, 0x80000abcu },
        { UC_RISCV_REG_MCAUSE, RV32_MCAUSE, 0x8000000bu },
        { UC_RISCV_REG_MTVAL, RV32_MTVAL, 0x12345678u },
    };
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
        uc_reg_write(c->uc, probes[i].reg, &probes[i].v);
    rv32_ctx_load(c);
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        if (rv32_ctx_get(c, probes[i].f) != probes[i].v) {
            snprintf(err, errlen, "Unicorn's RISC-V context layout is not the expected one "
                     "(field %d at offset %u)", (int)probes[i].f, field_offset[probes[i].f]);
            return false;
        }
    }
    if (rv32_ctx_get(c, RV32_PRIV) != RV32_PRIV_M || !(rv32_ctx_get(c, RV32_FEATURES) & RV32_FEATURE_PMP)) {
        snprintf(err, errlen, "Unicorn's RISC-V context layout is not the expected one (priv/features)");
        return false;
    }
    return true;
}

bool rv32_ctx_init(struct rv32_ctx *c, uc_engine *uc, char *err, size_t errlen)
{
    unsigned major = 0, minor = 0;
    uc_version(&major, &minor);
    memset(c, 0, sizeof(*c));
    c->uc = uc;
    if (major != 2 || minor != 1) {
        snprintf(err, errlen, "the RISC-V backend needs Unicorn 2.1 (found %u.%u): "
                 "it reaches the privilege level through 2.1's context layout", major, minor);
        return false;
    }
    if (uc_context_alloc(uc, &c->ctx) != UC_ERR_OK) {
        snprintf(err, errlen, "Unicorn: cannot allocate a CPU context");
        return false;
    }
    size_t size = uc_context_size(uc);
    long env = find_env(c, size);
    if (env < 0 || (size_t)env + ENV_MIN_SIZE > size) {
        snprintf(err, errlen, "Unicorn's RISC-V context layout is not the expected one (no gpr[])");
        return false;
    }
    c->env = (uint8_t *)c->ctx + env;
    if (!check_offsets(c, err, errlen))
        return false;
    return true;
}

void rv32_ctx_free(struct rv32_ctx *c)
{
    if (c->ctx)
        uc_context_free(c->ctx);
    c->ctx = NULL;
}

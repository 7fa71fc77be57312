/* RV32 CPU state Unicorn 2.1.1 has no usable register id for, reached through its saved context. */
#ifndef SIM_RV32_CTX_H
#define SIM_RV32_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

/*
 * Unicorn 2.1.1 (QEMU 5.0's target/riscv) has no register id for the privilege level (2.1.2
 * adds UC_RISCV_REG_PRIV), and its CSR register ids obey the guest's privilege: in U-mode they
 * read garbage and ignore writes. M bits of mip cannot be written at all (the write goes
 * through the guest's CSR path, which masks them). So every machine-level CSR the host
 * touches goes through a copy of the CPU state: uc_context_save (~9 ns), edit the fields at
 * known offsets of CPURISCVState, uc_context_restore (~9 ns) -- or, with Unicorn 2.1.1 as
 * sim/cpu/uc/qemu.h finds its insides, on the CPU's own state at the same offsets (no copies).
 *
 * The offsets are those of Unicorn 2.1.1's CPURISCVState for RV32 (no vector state). They are
 * checked once per CPU by rv32_ctx_init against values written through the register API, and
 * the Unicorn version is checked too, so another Unicorn fails loudly instead of corrupting
 * state. tests/check_rv32.c pins the behaviour down.
 */

enum rv32_field {
    RV32_PC, RV32_BADADDR, RV32_FEATURES, RV32_PRIV, RV32_MSTATUS, RV32_MIP, RV32_MIE,
    RV32_MTVEC, RV32_MEPC, RV32_MCAUSE, RV32_MTVAL, RV32_NUM_FIELDS
};

#define RV32_FEATURE_PMP (1u << 1)      /* QEMU's RISCV_FEATURE_PMP: pmp CSRs exist */
#define RV32_PRIV_U 0u
#define RV32_PRIV_M 3u

struct rv32_ctx {
    uc_engine *uc;
    uc_context *ctx;
    uint8_t *env;                   /* CPURISCVState inside ctx, or the live one */
    bool live;                      /* env is the CPU's own state: no copies (rv32_ctx_go_live) */
    const uint32_t *live_priv;      /* live: the privilege level's field in it (else NULL), for
                                       the block hook, which asks on every block after a trap */
};

/* Finds the CPU state inside Unicorn's context and checks the field offsets (CPU at reset,
 * machine mode). False with a message on an unsupported Unicorn. */
bool rv32_ctx_init(struct rv32_ctx *c, uc_engine *uc, char *err, size_t errlen);
void rv32_ctx_free(struct rv32_ctx *c);
/* Works on the CPU's own state from now on (live_env: CPURISCVState as sim/cpu/uc/qemu.h finds
 * it) instead of copies, if a copy taken now shows the same bytes there; returns whether it
 * does. Loads and stores are then nothing: each copy was two memcpy of the whole state. */
bool rv32_ctx_go_live(struct rv32_ctx *c, uint8_t *live_env);
/* Copies the CPU state out of / back into Unicorn. */
void rv32_ctx_load(struct rv32_ctx *c);
void rv32_ctx_store(struct rv32_ctx *c);
uint32_t rv32_ctx_get(const struct rv32_ctx *c, enum rv32_field f);
void rv32_ctx_set(struct rv32_ctx *c, enum rv32_field f, uint32_t v);
/* Reads one field of the live CPU (load + get). */
uint32_t rv32_ctx_read(struct rv32_ctx *c, enum rv32_field f);
/* Sets mip's machine-level bits (MSIP, MTIP, MEIP) to `mbits` and makes QEMU look for a
 * pending interrupt at its next check (it then takes it natively, vectored mode included). */
void rv32_ctx_set_mip(struct rv32_ctx *c, uint32_t mbits);

#endif

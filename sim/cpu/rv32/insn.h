/* RV32IMAC instruction decoding the RISC-V backend needs: data addresses, CSR operations. */
#ifndef SIM_RV32_INSN_H
#define SIM_RV32_INSN_H

/*
 * Why: when the PMP (or the bus) refuses a data access, Unicorn stops with the PC on the
 * faulting instruction but reports only the 4 KiB page; mtval must hold the exact address, so
 * the backend decodes the instruction. And PMP/Smepmp CSRs are emulated by the host: their
 * accesses trap as illegal instructions (see sim/cpu/rv32/trap.c) and are decoded here.
 * Pure C, no Unicorn: host-testable. Encodings: The RISC-V Instruction Set Manual, Volume I
 * (unprivileged, 20191213), chapters 2 (RV32I), 8 (A), 16 (C), 9 (Zicsr).
 */

#include <stdbool.h>
#include <stdint.h>

#define RV32_INSN_WFI    0x10500073u
#define RV32_INSN_EBREAK 0x00100073u
#define RV32_INSN_ECALL  0x00000073u
#define RV32_INSN_MRET   0x30200073u
#define RV32_INSN_C_EBREAK 0x9002u

/* Length in bytes (2 or 4) of the instruction whose first halfword is hw. */
static inline unsigned rv32_insn_length(uint32_t hw)
{
    return (hw & 3u) == 3u ? 4u : 2u;
}

/* The one data access of a load, store, LR/SC or AMO. */
struct rv32_access {
    uint32_t addr;
    uint8_t size;           /* 1, 2 or 4 bytes */
    bool store;             /* store, SC or AMO: faults as a store (cause 7) */
    bool amo;               /* LR/SC/AMO: must be naturally aligned */
};

/* Decodes the access of `insn` (a 16-bit instruction in the low half when compressed) with
 * registers x[0..31]. False if it is not a memory instruction. */
bool rv32_insn_access(uint32_t insn, const uint32_t x[32], struct rv32_access *out);

/* A Zicsr instruction: csrrw/csrrs/csrrc (rs1 = register) or csrrwi/csrrsi/csrrci (rs1 = a
 * 5-bit immediate). */
struct rv32_csr_op {
    unsigned csr, rd, rs1;
    unsigned op;            /* 1 write, 2 set, 3 clear */
    bool imm;
};

bool rv32_insn_csr(uint32_t insn, struct rv32_csr_op *out);
/* The value a CSR holds after `op` with operand `src` (rs1's value or the immediate), and
 * whether the instruction writes it at all (csrrs/csrrc with x0 / 0 do not). */
uint32_t rv32_csr_apply(const struct rv32_csr_op *op, uint32_t old, uint32_t src, bool *writes);

#endif

/* RV32IMAC decoding for the RISC-V backend (see sim/cpu/rv32/insn.h). Only what the backend needs:
 * loads and stores (RV32I, RV32C), LR/SC/AMO (RV32A) and the Zicsr instructions. */
#include "sim/cpu/rv32/insn.h"

enum { OP_LOAD = 0x03, OP_STORE = 0x23, OP_AMO = 0x2f, OP_SYSTEM = 0x73 };

static int32_t sext(uint32_t v, int bits)
{
    uint32_t m = 1u << (bits - 1);
    return (int32_t)((v ^ m) - m);
}

static bool decode32(uint32_t insn, const uint32_t x[32], struct rv32_access *a)
{
    uint32_t rs1 = x[(insn >> 15) & 31];
    unsigned funct3 = (insn >> 12) & 7;
    switch (insn & 0x7f) {
    case OP_LOAD:                   /* lb lh lw lbu lhu */
        if (funct3 == 3 || funct3 > 5)
            return false;
        *a = (struct rv32_access){ rs1 + (uint32_t)sext(insn >> 20, 12), (uint8_t)(1u << (funct3 & 3)),
                                   false, false };
        return true;
    case OP_STORE:                  /* sb sh sw */
        if (funct3 > 2)
            return false;
        *a = (struct rv32_access){ rs1 + (uint32_t)sext(((insn >> 25) << 5) | ((insn >> 7) & 31), 12),
                                   (uint8_t)(1u << funct3), true, false };
        return true;
    case OP_AMO:                    /* lr.w sc.w amo*.w */
        if (funct3 != 2)
            return false;
        *a = (struct rv32_access){ rs1, 4, (insn >> 27) != 0x02, true };
        return true;
    default:
        return false;
    }
}

/* RV32C: c.lw, c.sw (quadrant 0), c.lwsp, c.swsp (quadrant 2). */
static bool decode16(uint32_t hw, const uint32_t x[32], struct rv32_access *a)
{
    unsigned funct3 = (hw >> 13) & 7;
    unsigned quadrant = hw & 3;
    if (quadrant == 0 && (funct3 == 2 || funct3 == 6)) {
        uint32_t rs1 = x[8 + ((hw >> 7) & 7)];
        uint32_t off = ((hw >> 10) & 7) << 3 | ((hw >> 6) & 1) << 2 | ((hw >> 5) & 1) << 6;
        *a = (struct rv32_access){ rs1 + off, 4, funct3 == 6, false };
        return true;
    }
    if (quadrant == 2 && funct3 == 2 && ((hw >> 7) & 31) != 0) {           /* c.lwsp */
        uint32_t off = ((hw >> 12) & 1) << 5 | ((hw >> 4) & 7) << 2 | ((hw >> 2) & 3) << 6;
        *a = (struct rv32_access){ x[2] + off, 4, false, false };
        return true;
    }
    if (quadrant == 2 && funct3 == 6) {                                     /* c.swsp */
        uint32_t off = ((hw >> 9) & 15) << 2 | ((hw >> 7) & 3) << 6;
        *a = (struct rv32_access){ x[2] + off, 4, true, false };
        return true;
    }
    return false;
}

bool rv32_insn_access(uint32_t insn, const uint32_t x[32], struct rv32_access *out)
{
    if (rv32_insn_length(insn) == 2)
        return decode16(insn & 0xffffu, x, out);
    return decode32(insn, x, out);
}

bool rv32_insn_csr(uint32_t insn, struct rv32_csr_op *out)
{
    unsigned funct3 = (insn >> 12) & 7;
    if ((insn & 0x7f) != OP_SYSTEM || (funct3 & 3) == 0)
        return false;
    *out = (struct rv32_csr_op){
        .csr = insn >> 20, .rd = (insn >> 7) & 31, .rs1 = (insn >> 15) & 31,
        .op = funct3 & 3, .imm = (funct3 & 4) != 0,
    };
    return true;
}

uint32_t rv32_csr_apply(const struct rv32_csr_op *op, uint32_t old, uint32_t src, bool *writes)
{
    *writes = op->op == 1 || op->rs1 != 0;      /* rs1 field: register number or immediate */
    switch (op->op) {
    case 1: return src;
    case 2: return old | src;
    default: return old & ~src;
    }
}

/* Thumb load/store decoder: the exact data addresses one ARMv7-M instruction accesses.
 *
 * Follows the ARMv7-M Architecture Reference Manual, ARM DDI 0403E: A5.1 (instruction length),
 * A5.2 (16-bit encodings), A5.3 (32-bit encodings), and the per-instruction pseudocode in A7.7
 * for the address each form computes. Each decoder below names the encoding group it follows.
 *
 * Readings chosen where the manual leaves room:
 *  - UNPREDICTABLE forms are decoded the way Unicorn executes them, since Unicorn is the core
 *    that faulted: Rm = SP is used as given, an LDM/STM counts list bits 13 and 15 as
 *    registers, and LDRD/STRD with Rn = PC use Align(PC, 4) as the base.
 *  - UNDEFINED encodings (a single store with Rn = PC, imm8 form with P = W = 0, SRS/RFE, ...)
 *    are not load/stores: the decoder returns false. (Unicorn does perform a single store with
 *    Rn = PC; compilers never emit one.)
 *  - STREX/STREXB/STREXH report their store whether or not the exclusive monitor would pass:
 *    the caller only asks after the access faulted.
 *  - PLD, PLI and the unallocated halfword load hints are recognised with no access.
 * Not decoded (return false): FP loads/stores (VLDR, VSTR, VLDM, VSTM, VPUSH, VPOP) and LDC/STC,
 * since the cm4 board has no FPU (Unicorn's Cortex-M4 model would execute VFP ones); and the
 * encodings ARMv7-M leaves UNDEFINED that Unicorn decodes as ARMv7-A/ARMv8 instructions
 * (LDREXD/STREXD, LDA/STL acquire-release, Advanced SIMD element loads/stores).
 */
#include "sim/cpu/cortexm/thumb_access.h"

#include <string.h>

/* Bits hi..lo of x, shifted down to bit 0. */
static uint32_t bits(uint32_t x, unsigned hi, unsigned lo)
{
    return (x >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static bool bit(uint32_t x, unsigned n)
{
    return (x >> n) & 1u;
}

/* Register n as an operand: PC reads as the instruction's address + 4 (A5.1.2). */
static uint32_t reg_value(const uint32_t regs[16], unsigned n)
{
    return n == 15 ? regs[15] + 4 : regs[n];
}

/* Base of a literal access: Align(PC, 4), with PC = the instruction's address + 4. */
static uint32_t literal_base(const uint32_t regs[16])
{
    return (regs[15] + 4) & ~3u;
}

/* Appends one access of `size` bytes at `addr`. */
static void acc_add(struct thumb_access *out, uint32_t addr, uint8_t size, bool store)
{
    if (out->count >= THUMB_ACCESS_MAX)
        return;
    out->acc[out->count].addr = addr;
    out->acc[out->count].size = size;
    out->acc[out->count].store = store;
    out->count++;
    out->is_store = store;
}

/* Appends one word access per register in `list`, at ascending addresses from `lowest`
 * (the architectural order of LDM/STM/PUSH/POP). Returns false for an empty list. */
static bool acc_add_list(struct thumb_access *out, uint32_t lowest, uint16_t list, bool store)
{
    for (unsigned r = 0; r < 16; r++) {
        if (bit(list, r)) {
            acc_add(out, lowest, 4, store);
            lowest += 4;
        }
    }
    return list != 0;
}

/* A5.2.4 Load/store single data item: register offset (0101) and imm5 / SP-relative forms. */
static bool decode16_single(uint16_t hw, const uint32_t regs[16], struct thumb_access *out)
{
    /* opB order: STR STRH STRB LDRSB LDR LDRH LDRB LDRSH (register), A5.2.4 table. */
    static const uint8_t reg_size[8] = { 4, 2, 1, 1, 4, 2, 1, 2 };
    uint32_t rn = regs[bits(hw, 5, 3)], imm5 = bits(hw, 10, 6);
    bool store = !bit(hw, 11);

    switch (hw >> 12) {
    case 0x5: {
        unsigned opb = bits(hw, 11, 9);
        acc_add(out, rn + regs[bits(hw, 8, 6)], reg_size[opb], opb < 3);
        return true;
    }
    case 0x6: acc_add(out, rn + imm5 * 4, 4, store); return true;   /* STR/LDR (imm) T1 */
    case 0x7: acc_add(out, rn + imm5, 1, store); return true;       /* STRB/LDRB (imm) T1 */
    case 0x8: acc_add(out, rn + imm5 * 2, 2, store); return true;   /* STRH/LDRH (imm) T1 */
    case 0x9: acc_add(out, regs[13] + bits(hw, 7, 0) * 4, 4, store); /* STR/LDR (imm) T2, SP */
        return true;
    }
    return false;
}

/* A5.2 16-bit encodings: LDR (literal) T1, A5.2.4 single items, A5.2.5 PUSH/POP, STM/LDM T1. */
static bool decode16(uint16_t hw, const uint32_t regs[16], struct thumb_access *out)
{
    unsigned op = hw >> 12;

    if ((hw >> 11) == 0x09) {           /* 01001 Rt imm8: LDR (literal) T1, always add */
        acc_add(out, literal_base(regs) + bits(hw, 7, 0) * 4, 4, false);
        return true;
    }
    if (op >= 0x5 && op <= 0x9)
        return decode16_single(hw, regs, out);
    if ((hw & 0xfe00) == 0xb400) {      /* 1011 010M list: PUSH T1 (M = LR), A5.2.5 */
        uint16_t list = bits(hw, 7, 0) | (uint16_t)(bit(hw, 8) << 14);
        uint32_t lowest = regs[13] - 4u * (uint32_t)__builtin_popcount(list);
        return acc_add_list(out, lowest, list, true);
    }
    if ((hw & 0xfe00) == 0xbc00) {      /* 1011 110P list: POP T1 (P = PC), A5.2.5 */
        uint16_t list = bits(hw, 7, 0) | (uint16_t)(bit(hw, 8) << 15);
        return acc_add_list(out, regs[13], list, false);
    }
    if ((hw >> 12) == 0xc)              /* 1100 L Rn list: STM T1 / LDM T1 (IA) */
        return acc_add_list(out, regs[bits(hw, 10, 8)], bits(hw, 7, 0), !bit(hw, 11));
    return false;
}

/* A5.3.5 Load Multiple and Store Multiple: STM(IA), LDM(IA)/POP.W, STMDB/PUSH.W, LDMDB. */
static bool decode32_multiple(uint16_t hw1, uint16_t hw2, const uint32_t regs[16],
                              struct thumb_access *out)
{
    bool load = bit(hw1, 4);
    /* hw2 is the register list. Bit 13 (and bit 15 for stores) should be zero; a set bit is
     * UNPREDICTABLE, and we count it as a register, as Unicorn does when it executes one. */
    uint16_t list = hw2;
    uint32_t base = reg_value(regs, bits(hw1, 3, 0));

    switch (bits(hw1, 8, 7)) {
    case 1: return acc_add_list(out, base, list, !load);        /* increment after */
    case 2: return acc_add_list(out, base - 4u * (uint32_t)__builtin_popcount(list), list,
                                !load);                          /* decrement before */
    default: return false;              /* SRS/RFE encodings: UNDEFINED in ARMv7-M */
    }
}

/* LDRD/STRD (immediate) T1 and LDRD (literal) T1: two words, Rt then Rt2 (A5.3.6). */
static bool decode32_dual(uint16_t hw1, uint16_t hw2, const uint32_t regs[16],
                          struct thumb_access *out)
{
    bool p = bit(hw1, 8), u = bit(hw1, 7), load = bit(hw1, 4);
    unsigned n = bits(hw1, 3, 0);
    /* Rn = PC: LDRD (literal) has P = 1 and reads Align(PC, 4) +/- imm. The UNPREDICTABLE
     * P = 0 and STRD forms are read the same way, as Unicorn executes them. */
    uint32_t imm = bits(hw2, 7, 0) * 4, base = n == 15 ? literal_base(regs) : regs[n];
    uint32_t offset = u ? base + imm : base - imm;
    uint32_t addr = p ? offset : base;  /* post-indexed: the access uses the old base */

    acc_add(out, addr, 4, !load);
    acc_add(out, addr + 4, 4, !load);
    return true;
}

/* A5.3.6 Load/store dual or exclusive, table branch: exclusives, TBB/TBH, else LDRD/STRD. */
static bool decode32_dual_excl(uint16_t hw1, uint16_t hw2, const uint32_t regs[16],
                               struct thumb_access *out)
{
    unsigned op1 = bits(hw1, 8, 7), op2 = bits(hw1, 5, 4), op3 = bits(hw2, 7, 4);
    uint32_t rn = reg_value(regs, bits(hw1, 3, 0)), rm = reg_value(regs, bits(hw2, 3, 0));

    if (op1 == 0 && op2 <= 1) {         /* STREX T1 / LDREX T1: Rn + imm8*4 */
        acc_add(out, rn + bits(hw2, 7, 0) * 4, 4, op2 == 0);
        return true;
    }
    if (op1 == 1 && op2 <= 1) {
        switch (op2 << 4 | op3) {
        case 0x04: acc_add(out, rn, 1, true); return true;      /* STREXB */
        case 0x05: acc_add(out, rn, 2, true); return true;      /* STREXH */
        case 0x10: acc_add(out, rn + rm, 1, false); return true; /* TBB: MemU[Rn+Rm, 1] */
        case 0x11: acc_add(out, rn + (rm << 1), 2, false); return true; /* TBH */
        case 0x14: acc_add(out, rn, 1, false); return true;     /* LDREXB */
        case 0x15: acc_add(out, rn, 2, false); return true;     /* LDREXH */
        default: return false;          /* unallocated in ARMv7-M */
        }
    }
    return decode32_dual(hw1, hw2, regs, out);
}

/* The address a 32-bit single load/store computes (A5.3.7-A5.3.10 share one layout: Rn,
 * bit 7 selects imm12, else hw2 selects register or imm8 P/U/W). Returns false if UNDEFINED.
 * *hint_form: with Rt = PC a byte/halfword load in this form is a PLD/PLI/NOP hint. */
static bool single_address(uint16_t hw1, uint16_t hw2, const uint32_t regs[16],
                           struct thumb_access *out, uint32_t *addr, bool *hint_form)
{
    unsigned n = bits(hw1, 3, 0);
    bool p = bit(hw2, 10), u = bit(hw2, 9), w = bit(hw2, 8);
    uint32_t imm8 = bits(hw2, 7, 0), imm12 = bits(hw2, 11, 0);

    *hint_form = true;
    if (n == 15) {                      /* literal (loads only): Align(PC, 4) +/- imm12 */
        *addr = bit(hw1, 7) ? literal_base(regs) + imm12 : literal_base(regs) - imm12;
        return bit(hw1, 4);             /* a store with Rn = PC is UNDEFINED */
    }
    if (bit(hw1, 7)) {                  /* imm12, always add */
        *addr = regs[n] + imm12;
        return true;
    }
    if (bits(hw2, 11, 6) == 0) {        /* register: Rn + LSL(Rm, imm2) */
        *addr = regs[n] + (reg_value(regs, bits(hw2, 3, 0)) << bits(hw2, 5, 4));
        return true;
    }
    if (!bit(hw2, 11) || (!p && !w))    /* other op2 values, and P = W = 0: UNDEFINED */
        return false;
    out->unprivileged = p && u && !w;   /* 1110xx: LDRT/STRT family, offset added */
    *hint_form = p && !u && !w;         /* 1100xx: negative offset, no writeback */
    *addr = p ? (u ? regs[n] + imm8 : regs[n] - imm8) : regs[n];
    return true;
}

/* A5.3.7 Load word, A5.3.8 Load halfword, A5.3.9 Load byte (with memory hints),
 * A5.3.10 Store single data item: hw1 = 1111 100 S x size L Rn. */
static bool decode32_single(uint16_t hw1, uint16_t hw2, const uint32_t regs[16],
                            struct thumb_access *out)
{
    bool sign = bit(hw1, 8), load = bit(hw1, 4), hint_form;
    unsigned size_log = bits(hw1, 6, 5), t = bits(hw2, 15, 12);
    uint32_t addr;

    if (size_log == 3 || (sign && (!load || size_log == 2)))
        return false;                   /* 00xx111, 001xxx0, signed word: UNDEFINED */
    if (!single_address(hw1, hw2, regs, out, &addr, &hint_form))
        return false;
    if (load && t == 15 && size_log != 2 && hint_form)
        return true;                    /* PLD / PLI / unallocated hint: no data access */
    acc_add(out, addr, (uint8_t)(1u << size_log), !load);
    return true;
}

/* A5.3 32-bit encodings: op1 = hw1[12:11], op2 = hw1[10:4]; only memory groups decoded. */
static bool decode32(uint16_t hw1, uint16_t hw2, const uint32_t regs[16],
                     struct thumb_access *out)
{
    unsigned op1 = bits(hw1, 12, 11), op2 = bits(hw1, 10, 4);

    if (op1 == 1 && (op2 & 0x64) == 0x00)       /* 00xx0xx */
        return decode32_multiple(hw1, hw2, regs, out);
    if (op1 == 1 && (op2 & 0x64) == 0x04)       /* 00xx1xx */
        return decode32_dual_excl(hw1, hw2, regs, out);
    if (op1 == 3 && (op2 & 0x60) == 0x00)       /* 00xxxxx: single data items */
        return decode32_single(hw1, hw2, regs, out);
    return false;
}

unsigned thumb_insn_length(uint16_t hw1)
{
    unsigned top5 = hw1 >> 11;
    return (top5 == 0x1d || top5 == 0x1e || top5 == 0x1f) ? 4 : 2;
}

bool thumb_access_decode(uint16_t hw1, uint16_t hw2, const uint32_t regs[16],
                         struct thumb_access *out)
{
    memset(out, 0, sizeof *out);
    out->length = (uint8_t)thumb_insn_length(hw1);
    bool ok = out->length == 2 ? decode16(hw1, regs, out) : decode32(hw1, hw2, regs, out);
    if (!ok) {
        uint8_t length = out->length;
        memset(out, 0, sizeof *out);
        out->length = length;
    }
    return ok;
}

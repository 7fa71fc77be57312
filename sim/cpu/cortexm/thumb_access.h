/* Thumb load/store decoder: the exact data addresses one ARMv7-M instruction accesses. */
#ifndef SIM_THUMB_ACCESS_H
#define SIM_THUMB_ACCESS_H

/*
 * Why: when the MPU or an unmapped address refuses a data access, Unicorn stops with the PC on
 * the faulting instruction but reports only the 1 KiB page. To set MMFAR/BFAR exactly, the
 * caller decodes the instruction at PC with thumb_access_decode() and checks each access in
 * order; the first refused one is the fault address. Pure C, no Unicorn: host-testable.
 *
 * Follows the ARMv7-M Architecture Reference Manual (ARM DDI 0403E), chapter A5 (encodings)
 * and A7.7 (instruction pseudocode). Cortex-M4 without FP: VLDR/VSTR/VLDM/VSTM/VPUSH/VPOP and
 * LDC/STC are not recognised (see thumb_access.c for this and the UNPREDICTABLE readings).
 */

#include <stdbool.h>
#include <stdint.h>

/* Most accesses one instruction can make: one per register of an LDM/STM/PUSH/POP. */
#define THUMB_ACCESS_MAX 16

/* Data accesses one Thumb instruction performs, computed from its encoding and registers. */
struct thumb_access {
    int count;               /* number of accesses (0: not a load/store, or a PLD/PLI hint) */
    bool is_store;           /* the instruction writes memory (no v7-M instruction both reads
                                and writes, so this equals acc[i].store for every i) */
    bool unprivileged;       /* LDRT/STRT family: checked with unprivileged permissions */
    struct {
        uint32_t addr;
        uint8_t size;        /* bytes: 1, 2 or 4 */
        bool store;
    } acc[THUMB_ACCESS_MAX]; /* in the order the CPU performs them (ascending for multiples) */
    uint8_t length;          /* instruction length in bytes, 2 or 4 */
};

/*
 * regs[0..15]: r0..r12, sp, lr, pc where regs[15] is the ADDRESS OF THE INSTRUCTION (the decoder
 * applies the architectural PC offset: Align(PC+4, 4) for literal loads, PC+4 for register PC
 * use). hw1, hw2: the first and second halfwords (hw2 ignored for 16-bit instructions).
 * Returns true if the instruction is a recognised load/store; then *out is filled. PLD/PLI
 * (and the unallocated load hints) are recognised with count 0: they never access memory.
 * Returns false (and *out holds count 0 and the length) for anything else, including UNDEFINED
 * load/store encodings (e.g. a store with Rn = PC).
 */
bool thumb_access_decode(uint16_t hw1, uint16_t hw2, const uint32_t regs[16],
                         struct thumb_access *out);

/* Instruction length in bytes (2 or 4) from the first halfword (ARM ARM A5.1). */
unsigned thumb_insn_length(uint16_t hw1);

#endif

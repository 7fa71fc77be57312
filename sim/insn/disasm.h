/* The disassembly service: one guest instruction as text, by Capstone 5 (Thumb-2 for armv7m,
 * RV32IMAC with compressed instructions for rv32). The only place that includes capstone.h. */
#ifndef SIM_INSN_DISASM_H
#define SIM_INSN_DISASM_H

#include <stddef.h>
#include <stdint.h>

struct disasm;

/* A disassembler for a CPU backend's architecture (struct cpu_ops.arch: "armv7m", "rv32");
 * NULL with the problem in err. */
struct disasm *disasm_open(const char *arch, char *err, size_t errlen);
/* The instruction at addr whose bytes start at bytes[0] (n of them): "mnemonic operands"
 * into out. Returns its size in bytes, or 0 if the bytes are not an instruction (then out
 * says ".inst 0x..." as objdump does, for the first halfword or word). */
unsigned disasm_one(struct disasm *d, uint32_t addr, const uint8_t *bytes, size_t n, char *out, size_t outlen);
/* The instruction's bytes as objdump shows them: Thumb halfwords ("f8d3 3004"), RISC-V one
 * number per instruction ("00000513", "4501"). */
void disasm_hex(const struct disasm *d, const uint8_t *bytes, unsigned size, char *out, size_t outlen);
void disasm_close(struct disasm *d);

#endif

/* The disassembly service on Capstone 5 (disasm.h). */
#include "sim/insn/disasm.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <capstone/capstone.h>

struct disasm {
    csh cs;
    cs_insn *insn;              /* Capstone's buffer for one instruction, kept between calls */
    bool thumb;                 /* halfwords (Thumb) or one number (RISC-V) in disasm_hex */
};

struct disasm *disasm_open(const char *arch, char *err, size_t errlen)
{
    cs_arch a;
    cs_mode mode;
    if (!strcmp(arch, "armv7m")) {
        a = CS_ARCH_ARM;
        mode = CS_MODE_THUMB | CS_MODE_MCLASS;
    } else if (!strcmp(arch, "rv32")) {
        a = CS_ARCH_RISCV;
        mode = CS_MODE_RISCV32 | CS_MODE_RISCVC;
    } else {
        snprintf(err, errlen, "disassembler: no disassembler for architecture '%s'", arch);
        return NULL;
    }
    struct disasm *d = calloc(1, sizeof(*d));
    if (!d) {
        snprintf(err, errlen, "disassembler: out of memory");
        return NULL;
    }
    cs_err e = cs_open(a, mode, &d->cs);
    if (e == CS_ERR_OK && !(d->insn = cs_malloc(d->cs)))
        e = CS_ERR_MEM;
    if (e != CS_ERR_OK) {
        snprintf(err, errlen, "Capstone: cannot open a %s disassembler: %s", arch, cs_strerror(e));
        if (d->cs)
            cs_close(&d->cs);
        free(d);
        return NULL;
    }
    d->thumb = a == CS_ARCH_ARM;
    return d;
}

/* The length the first halfword announces (Thumb-2: 0b111xx with xx != 00 is 32 bits; RISC-V:
 * low bits 11 is 32 bits), for bytes Capstone refuses. */
static unsigned announced_size(const struct disasm *d, const uint8_t *b, size_t n)
{
    unsigned len;
    if (d->thumb)
        len = (b[1] >> 3) >= 0x1d ? 4 : 2;
    else
        len = (b[0] & 3) == 3 ? 4 : 2;
    return len <= n ? len : (unsigned)n;
}

unsigned disasm_one(struct disasm *d, uint32_t addr, const uint8_t *bytes, size_t n, char *out, size_t outlen)
{
    const uint8_t *code = bytes;
    size_t size = n;
    uint64_t address = addr;
    if (n >= 2 && cs_disasm_iter(d->cs, &code, &size, &address, d->insn)) {
        if (d->insn->op_str[0])
            snprintf(out, outlen, "%s %s", d->insn->mnemonic, d->insn->op_str);
        else
            snprintf(out, outlen, "%s", d->insn->mnemonic);
        return d->insn->size;
    }
    unsigned len = n >= 2 ? announced_size(d, bytes, n) : 0;
    char hex[16];
    disasm_hex(d, bytes, len, hex, sizeof(hex));
    snprintf(out, outlen, ".inst 0x%s", hex);
    return 0;
}

void disasm_hex(const struct disasm *d, const uint8_t *b, unsigned size, char *out, size_t outlen)
{
    if (outlen)
        out[0] = '\0';
    if (size == 4 && d->thumb)
        snprintf(out, outlen, "%02x%02x %02x%02x", b[1], b[0], b[3], b[2]);
    else if (size == 4)
        snprintf(out, outlen, "%02x%02x%02x%02x", b[3], b[2], b[1], b[0]);
    else if (size == 2)
        snprintf(out, outlen, "%02x%02x", b[1], b[0]);
}

void disasm_close(struct disasm *d)
{
    if (!d)
        return;
    cs_free(d->insn, 1);
    cs_close(&d->cs);
    free(d);
}

/* ARM semihosting (the subset bare-metal tests use: console output and exit), so the same
 * firmware ends its run on QEMU (-semihosting) and on tocksim. Operation numbers and the
 * reason codes are from ARM's "Semihosting for AArch32 and AArch64" specification. */
#include <string.h>

#include "sim/cpu/cortexm/internal.h"

enum { SYS_WRITEC = 0x03, SYS_WRITE0 = 0x04, SYS_WRITE = 0x05, SYS_EXIT = 0x18,
       SYS_EXIT_EXTENDED = 0x20 };
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static void console(struct cortexm *c, const char *s, unsigned n)
{
    if (c->cfg.console)
        c->cfg.console(c->cfg.ctx, s, n);
}

static void guest_exit(struct cortexm *c, uint32_t reason, uint32_t subcode)
{
    int code = reason == ADP_STOPPED_APPLICATION_EXIT ? (int)(subcode & 0xff) : 1;
    if (c->cfg.exit)
        c->cfg.exit(c->cfg.ctx, code);
    c->stop = CM_EXIT;
}

/* Writes the guest's NUL-terminated string at addr (bounded, in chunks). */
static void write0(struct cortexm *c, uint32_t addr)
{
    char buf[64];
    for (unsigned total = 0; total < 65536; total += sizeof(buf), addr += sizeof(buf)) {
        memset(buf, 0, sizeof(buf));
        if (uc_mem_read(c->uc, addr, buf, sizeof(buf)) != UC_ERR_OK)
            return;
        size_t n = strnlen(buf, sizeof(buf));
        console(c, buf, (unsigned)n);
        if (n < sizeof(buf))
            return;
    }
}

static uint32_t write_block(struct cortexm *c, uint32_t params)
{
    uint32_t p[3] = { 0, 0, 0 };        /* fd, buffer, length */
    char buf[256];
    if (uc_mem_read(c->uc, params, p, sizeof(p)) != UC_ERR_OK)
        return (uint32_t)-1;
    for (uint32_t done = 0; done < p[2];) {
        uint32_t n = p[2] - done < sizeof(buf) ? p[2] - done : sizeof(buf);
        if (uc_mem_read(c->uc, p[1] + done, buf, n) != UC_ERR_OK)
            return p[2] - done;
        console(c, buf, n);
        done += n;
    }
    return 0;
}

void cm_semihost(struct cortexm *c)
{
    uint32_t op = cm_get(c, UC_ARM_REG_R0), arg = cm_get(c, UC_ARM_REG_R1);
    uint32_t result = 0, block[2] = { 0, 0 };
    char ch;
    switch (op) {
    case SYS_WRITEC:
        if (uc_mem_read(c->uc, arg, &ch, 1) == UC_ERR_OK)
            console(c, &ch, 1);
        break;
    case SYS_WRITE0:
        write0(c, arg);
        break;
    case SYS_WRITE:
        result = write_block(c, arg);
        break;
    case SYS_EXIT:                      /* AArch32: r1 is the reason code itself */
        guest_exit(c, arg, 0);
        return;
    case SYS_EXIT_EXTENDED:
        uc_mem_read(c->uc, arg, block, sizeof(block));
        guest_exit(c, block[0], block[1]);
        return;
    default:
        trace_guest_error(c->cfg.trace, "semihosting", "unsupported operation 0x%x", op);
        result = (uint32_t)-1;
        break;
    }
    cm_put(c, UC_ARM_REG_R0, result);
}

/* RISC-V PMP: loading a process's entries, telling refusals from bus errors, printing.
 * The arithmetic is in pmp_layout.c.
 *
 * The kernel runs in machine mode with no locked entry, so the PMP never restricts it; user
 * mode gets exactly what the entries match and nothing else. Smepmp (mseccfg.MML) is not
 * used: QEMU's virt CPU does not have it, and the same image must boot there. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/arch/rv32/csr.h"
#include "kernel/arch/rv32/rv32.h"
#include "kernel/core/kprintf.h"

/* What the PMP holds now, so that a switch writes only what changes: each PMP CSR write is
 * a trap into the host on tocksim. */
static struct arch_mpu_config loaded;

/* The CSR numbers must be immediates: one function per entry. */
static void write_pmpaddr(int i, uint32_t v)
{
    switch (i) {
    case 0: csr_write(pmpaddr0, v); break;
    case 1: csr_write(pmpaddr1, v); break;
    case 2: csr_write(pmpaddr2, v); break;
    case 3: csr_write(pmpaddr3, v); break;
    }
}

void rv32_pmp_init(void)
{
    csr_write(pmpcfg0, 0);
    csr_write(pmpcfg1, 0);
    csr_write(pmpcfg2, 0);
    csr_write(pmpcfg3, 0);
    for (int i = 0; i < ARCH_PMP_PROCESS_ENTRIES; i++)
        write_pmpaddr(i, 0);
    loaded = (struct arch_mpu_config){ 0 };
}

/* Machine mode is not restricted by unlocked entries, so the order of the writes does not
 * matter: nothing runs in user mode before they are all done. */
void arch_mpu_apply(const struct arch_mpu_config *cfg)
{
    /* Field by field: this runs at every switch to a process, and a struct assignment became
     * a byte-wise memcpy call (~140 instructions, most of a null system call's kernel path). */
    for (int i = 0; i < ARCH_PMP_PROCESS_ENTRIES; i++)
        if (cfg->pmpaddr[i] != loaded.pmpaddr[i]) {
            write_pmpaddr(i, cfg->pmpaddr[i]);
            loaded.pmpaddr[i] = cfg->pmpaddr[i];
        }
    if (cfg->pmpcfg0 != loaded.pmpcfg0) {
        csr_write(pmpcfg0, cfg->pmpcfg0);
        loaded.pmpcfg0 = cfg->pmpcfg0;
    }
}

int rv32_pmp_allows(uintptr_t addr, uint32_t perm)
{
    for (int e = 1; e < ARCH_PMP_PROCESS_ENTRIES; e += 2) {
        uint32_t bits = (loaded.pmpcfg0 >> (8 * e)) & 0xffu;
        uintptr_t lo = (uintptr_t)loaded.pmpaddr[e - 1] << 2;
        uintptr_t hi = (uintptr_t)loaded.pmpaddr[e] << 2;
        if ((bits & PMP_A_MASK) == PMP_A_TOR && addr >= lo && addr < hi)
            return (bits & perm) == perm;
    }
    return 0;
}

void arch_mpu_print(const struct arch_mpu_config *cfg)
{
    for (int e = 1; e < ARCH_PMP_PROCESS_ENTRIES; e += 2) {
        uint32_t bits = (cfg->pmpcfg0 >> (8 * e)) & 0xffu;
        uint32_t lo = cfg->pmpaddr[e - 1] << 2, hi = cfg->pmpaddr[e] << 2;
        if ((bits & PMP_A_MASK) != PMP_A_TOR) {
            kprintf(" PMP %d-%d: [unused]\r\n", e - 1, e);
            continue;
        }
        kprintf(" PMP %d-%d: [0x%08x-0x%08x, %u bytes] TOR %s%s%s\r\n", e - 1, e, lo, hi,
                hi - lo, (bits & PMP_R) ? "R" : "", (bits & PMP_W) ? "W" : "",
                (bits & PMP_X) ? "X" : "");
    }
}

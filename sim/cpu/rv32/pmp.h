/* RISC-V PMP with Smepmp: 16 entries (OFF/TOR/NA4/NAPOT, R/W/X, L) and mseccfg (MML/MMWP/RLB). */
#ifndef SIM_RV32_PMP_H
#define SIM_RV32_PMP_H

/*
 * The only authority on memory permissions of the rv32 board (Unicorn's own PMP, QEMU 5.0's,
 * is bypassed: see doc/unicorn.md). Follows The RISC-V Instruction Set Manual, Volume II:
 * Privileged Architecture 20211203, section 3.7 (PMP), and the Smepmp specification 1.0
 * (PMP Enhancements for memory access and execution prevention on Machine mode).
 * Grain 4 bytes (G = 0) as on QEMU; physical addresses are 32 bits wide on this board, so
 * pmpaddr bits 31:30 only matter for regions that reach past 4 GiB. Pure C: host-testable.
 */

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/cpu.h"

#define RV32_PMP_ENTRIES 16

/* pmpcfg bits. */
#define PMP_R 0x01u
#define PMP_W 0x02u
#define PMP_X 0x04u
#define PMP_A 0x18u
#define PMP_A_OFF 0x00u
#define PMP_A_TOR 0x08u
#define PMP_A_NA4 0x10u
#define PMP_A_NAPOT 0x18u
#define PMP_L 0x80u

/* mseccfg bits (Smepmp). */
#define MSECCFG_MML 0x1u
#define MSECCFG_MMWP 0x2u
#define MSECCFG_RLB 0x4u

/* CSR numbers. */
#define CSR_PMPCFG0 0x3a0u
#define CSR_PMPADDR0 0x3b0u
#define CSR_MSECCFG 0x747u
#define CSR_MSECCFGH 0x757u

struct rv32_pmp {
    uint8_t cfg[RV32_PMP_ENTRIES];
    uint32_t addr[RV32_PMP_ENTRIES];
    uint32_t mseccfg;
};

/* A piece of an address range with one set of permissions (PMP_R|W|X) per privilege. */
struct rv32_pmp_run {
    uint32_t begin, end;            /* end is exclusive; 0 means 2^32 */
    uint8_t perms_u, perms_m;
};

/* Reset: every entry OFF, unlocked; mseccfg 0. */
void rv32_pmp_reset(struct rv32_pmp *p);
/* True if csr is one of the PMP CSRs this model implements (pmpcfg0-3, pmpaddr0-15,
 * mseccfg, mseccfgh). */
bool rv32_pmp_is_csr(unsigned csr);
uint32_t rv32_pmp_csr_read(const struct rv32_pmp *p, unsigned csr);
/* WARL write with the lock rules of both specifications. Returns true if any state changed. */
bool rv32_pmp_csr_write(struct rv32_pmp *p, unsigned csr, uint32_t value);
/* Permissions of the byte at addr for a machine-mode (machine = true) or user-mode access. */
unsigned rv32_pmp_perms(const struct rv32_pmp *p, uint32_t addr, bool machine);
/* True if an access of `size` bytes at addr needing `perm` (PMP_R, PMP_W or PMP_X) is allowed:
 * one entry must match all of its bytes (the lowest-numbered entry matching any byte decides). */
bool rv32_pmp_allows(const struct rv32_pmp *p, uint32_t addr, unsigned size, bool machine,
                     unsigned perm);
/* Splits [base, base + size) into runs of uniform permissions (both privileges), at most max.
 * Returns the number of runs (1: the range is uniform). */
int rv32_pmp_runs(const struct rv32_pmp *p, uint32_t base, uint32_t size,
                  struct rv32_pmp_run *runs, int max);
/* The byte range [lo, hi) entry i covers (hi may be 2^32 and beyond); false if it is off or
 * empty. */
bool rv32_pmp_entry_range(const struct rv32_pmp *p, int i, uint64_t *lo, uint64_t *hi);
/* Address ranges [lo, hi) of the active entries, for finding sub-page boundaries. Returns the
 * count; hi may be 2^32 and beyond (64-bit). */
int rv32_pmp_ranges(const struct rv32_pmp *p, uint64_t lo[], uint64_t hi[]);
/* The active entries as the window draws them (struct cpu_protection, sim/core/cpu.h): mode,
 * range, lock and the permissions each privilege gets where the entry matches. */
void rv32_pmp_describe(const struct rv32_pmp *p, struct cpu_protection *out);

#endif

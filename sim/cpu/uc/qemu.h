/* Unicorn 2.1.1's insides where its API has no door: flushing one page from the TLB. Unicorn's
 * only TLB control (UC_CTL_TLB_FLUSH) drops every entry of every table and, with them, the jump
 * cache, after which every indirect branch is a hash-table lookup: the cost of a process switch
 * on cm4 was mostly that (doc/performance.md). Version-pinned and checked before use; when
 * anything differs, uc_qemu_attach says no and the backends flush the whole TLB as before. */
#ifndef SIM_UC_QEMU_H
#define SIM_UC_QEMU_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

struct uc_qemu {
    void *cpu;                                  /* QEMU's CPUState, or NULL: not available */
    uint8_t *env;                               /* its architecture state (CPUArchState) */
    void (*flush_page)(void *cpu, uint32_t addr);
};

/* Finds the CPU behind uc (Unicorn 2.1.1 only) and checks it: register `regid` written through
 * the API must appear at byte `env_offset` of the CPU's state. flush_page is the architecture's
 * tlb_flush_page (NULL if the library does not export it). False (q->cpu NULL) otherwise. */
bool uc_qemu_attach(struct uc_qemu *q, uc_engine *uc, int regid, unsigned env_offset,
                    void (*flush_page)(void *cpu, uint32_t addr));
/* Drops the TLB entries (all tables) and jump-cache entries of the page holding addr. */
static inline void uc_qemu_flush_page(const struct uc_qemu *q, uint32_t addr)
{
    q->flush_page(q->cpu, addr);
}

/* Where a register write through the API lands in the CPU's state: `span` bytes of the state
 * are compared before and after writing `value` to `regid` (the old value is written back).
 * Exactly one aligned 32-bit word may change, and to value & mask; its offset, or -1. Only while
 * the engine is stopped or inside a hook. */
int uc_qemu_probe(const struct uc_qemu *q, uc_engine *uc, size_t span, int regid, uint32_t value,
                  uint32_t mask);
/* The step such probes share, without the write back: writes `value` to `regid` and returns the
 * one word that changed, to `want`, besides the word at `ignore` (expected to change too; -1:
 * none); -1 otherwise. */
int uc_qemu_write_diff(const struct uc_qemu *q, uc_engine *uc, size_t span, int regid, uint32_t value,
                       uint32_t want, int ignore);
/* The offset of the one aligned word in `span` bytes that differs between two copies of the
 * state and holds `want` in the second; -1 if none or several. */
int uc_qemu_changed_word(const uint8_t *before, const uint8_t *after, size_t span, uint32_t want);

/* The offset of the one aligned size_t of `span` bytes that holds v1 in the first copy and v2
 * in the second; -1 if none or several. */
long uc_qemu_find_size(const uint8_t *one, const uint8_t *two, size_t span, size_t v1, size_t v2);

/* QEMU's count of the used entries of one TLB table (in its CPUTLBDesc, in front of the CPU
 * state, where the API does not reach), found by experiment: after a flush, run(ctx, k) must
 * execute code on one page that loads from k others, in the table's mode; the one size_t in
 * front of the state reading 3 after k = 2 and 6 after k = 5 is the count. NULL if none or
 * several. The backends' TLB watches set it right instead of flushing (sim/cpu/uc/tlb.c). */
size_t *uc_qemu_find_tlb_count(const struct uc_qemu *q, uc_engine *uc, bool (*run)(void *ctx, unsigned k),
                               void *ctx);

/* The architectures' tlb_flush_page in Unicorn's static library (weak: absent from a shared
 * build, then NULL). */
extern void tlb_flush_page_arm(void *cpu, uint32_t addr) __attribute__((weak));
extern void tlb_flush_page_riscv32(void *cpu, uint32_t addr) __attribute__((weak));
/* QEMU's recomputation of the Arm CPU's cached translation flags (mode, privilege) after its
 * state changed behind the translator's back (weak, as above). */
extern void arm_rebuild_hflags_arm(void *env) __attribute__((weak));

#endif

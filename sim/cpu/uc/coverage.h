/* What the syscall fuzzer needs of Unicorn, shared by both backends: guest edge coverage (a
 * block hook bounded to the covered code: sim/core/cpu.h, struct cpu_coverage), and keeping
 * QEMU's TLB small when the TLB is flushed often (process switches, snapshot restores). */
#ifndef SIM_UC_COVERAGE_H
#define SIM_UC_COVERAGE_H

#include <stdbool.h>

#include <unicorn/unicorn.h>

#include "sim/core/cpu.h"

/* Replaces the coverage hook *hook (0: none) with one counting into cov, or removes it if
 * cov is NULL. False with Unicorn's message in err if the engine refused. */
bool uc_coverage_set(uc_engine *uc, uc_hook *hook, struct cpu_coverage *cov, char *err,
                     unsigned errlen);

/* Flushes the TLB while the guest sleeps (wfi), so that Unicorn's count of used TLB entries
 * never drifts far (sim/cpu/uc/coverage.c says why). Costs a few refills per wake-up. */
void uc_tlb_settle(uc_engine *uc);

#endif

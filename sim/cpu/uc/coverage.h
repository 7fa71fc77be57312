/* Guest edge coverage on Unicorn: a block hook bounded to the covered code (sim/core/cpu.h,
 * struct cpu_coverage), shared by both backends. */
#ifndef SIM_UC_COVERAGE_H
#define SIM_UC_COVERAGE_H

#include <stdbool.h>

#include <unicorn/unicorn.h>

#include "sim/core/cpu.h"

/* Replaces the coverage hook *hook (0: none) with one counting into cov, or removes it if
 * cov is NULL. False with Unicorn's message in err if the engine refused. */
bool uc_coverage_set(uc_engine *uc, uc_hook *hook, struct cpu_coverage *cov, char *err,
                     unsigned errlen);

#endif

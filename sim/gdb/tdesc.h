/* GDB's target description (qXfer:features:read:target.xml) for a CPU backend's registers. */
#ifndef SIM_GDB_TDESC_H
#define SIM_GDB_TDESC_H

#include <stddef.h>

#include "sim/core/cpu.h"

/* The XML into out (capacity cap, NUL-terminated); returns its length, 0 if it does not fit.
 * Registers are numbered by their index in d->regs: that is the remote protocol's numbering. */
size_t gdb_tdesc(const struct cpu_debug_ops *d, char *out, size_t cap);

#endif

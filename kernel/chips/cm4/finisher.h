/* cm4 chip: the tocksim test finisher: ends a simulation run with an exit code. */
#ifndef KERNEL_CHIPS_CM4_FINISHER_H
#define KERNEL_CHIPS_CM4_FINISHER_H

#include <stdint.h>

/* Probes the finisher at base; returns whether it is present. */
int cm4_finisher_init(uintptr_t base, uint32_t id);
/* Ends the run with code (if the finisher is present; otherwise does nothing). */
void cm4_finisher_exit(uint32_t code);

#endif

/* build/tocksim-afl's two halves (engine_afl.c, engine_afl_map.c). */
#ifndef SIM_FUZZ_ENGINE_AFL_H
#define SIM_FUZZ_ENGINE_AFL_H

#include <stddef.h>
#include <stdint.h>

/* AFL++'s coverage map now and its size in bytes. */
uint8_t *afl_coverage_map(size_t *size);

#endif

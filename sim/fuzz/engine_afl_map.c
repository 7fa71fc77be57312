/* AFL++'s coverage map, for build/tocksim-afl (engine_afl.c). Its own file, compiled by plain
 * clang: AFL++'s compiler pass renames __afl_area_ptr in the files it instruments. The
 * variables are AFL++'s runtime's (afl-compiler-rt.o): the shared memory afl-fuzz reads
 * after __AFL_INIT, a private area before it or without afl-fuzz. */
#include <stdint.h>

#include "sim/fuzz/engine_afl.h"

extern uint8_t *__afl_area_ptr;
extern uint32_t __afl_map_size;

uint8_t *afl_coverage_map(size_t *size)
{
    *size = __afl_map_size;
    return __afl_area_ptr;
}

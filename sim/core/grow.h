/* Growing a heap array by doubling (the scenario's consoles and the medium's frame lists). */
#ifndef SIM_CORE_GROW_H
#define SIM_CORE_GROW_H

#include <stdbool.h>
#include <stddef.h>

/* Makes *buf (of *cap elements of elem bytes) hold at least `need`: doubles from `first` (or
 * *cap) until it does. False if out of memory (then *buf and *cap are unchanged). */
bool grow_array(void **buf, size_t *cap, size_t need, size_t elem, size_t first);

#endif

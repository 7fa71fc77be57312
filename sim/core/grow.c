/* Growing a heap array by doubling (sim/core/grow.h). */
#include "sim/core/grow.h"

#include <stdlib.h>

bool grow_array(void **buf, size_t *cap, size_t need, size_t elem, size_t first)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? *cap : first;
    while (n < need)
        n *= 2;
    void *p = realloc(*buf, n * elem);
    if (!p)
        return false;
    *buf = p;
    *cap = n;
    return true;
}

/* The two libc routines gcc may call in freestanding code (struct copies and clears); portable
 * C shared by the cm4 and rv32 firmware. */
#include <stdint.h>

void *memcpy(void *dst, const void *src, unsigned n);
void *memset(void *dst, int c, unsigned n);

/* (The optimize attribute stops gcc from turning these loops back into calls to themselves.) */
__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memcpy(void *dst, const void *src, unsigned n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    while (n--)
        *d++ = *s++;
    return dst;
}

__attribute__((optimize("no-tree-loop-distribute-patterns")))
void *memset(void *dst, int c, unsigned n)
{
    uint8_t *d = dst;
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

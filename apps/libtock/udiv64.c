/* libtock: 64-by-32-bit unsigned division without libgcc's 700-byte __udivmoddi4. */
#include "udiv64.h"

uint64_t udiv64(uint64_t n, uint32_t d, uint32_t *rem)
{
    if (n >> 32 == 0) {                         /* most conversions fit: one hardware divide */
        if (rem)
            *rem = (uint32_t)n % d;
        return (uint32_t)n / d;
    }
    uint32_t hi = (uint32_t)(n >> 32);
    uint64_t q = (uint64_t)(hi / d) << 32;      /* the high word divides in 32 bits */
    uint64_t r = hi % d;
    uint32_t lo = (uint32_t)n;
    for (int bit = 31; bit >= 0; bit--) {       /* restoring division for the low word */
        r = (r << 1) | ((lo >> bit) & 1);
        if (r >= d) {
            r -= d;
            q |= 1u << bit;
        }
    }
    if (rem)
        *rem = (uint32_t)r;
    return q;
}

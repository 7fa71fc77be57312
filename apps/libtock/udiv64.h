/* libtock: 64-by-32-bit unsigned division without libgcc's 700-byte __udivmoddi4. */
#ifndef LIBTOCK_UDIV64_H
#define LIBTOCK_UDIV64_H

#include <stdint.h>

/* Returns n / d and stores n % d in *rem (if rem is not NULL). d must not be 0. */
uint64_t udiv64(uint64_t n, uint32_t d, uint32_t *rem);

#endif

/* libtock: the random number generator driver (0x40001). */
#ifndef LIBTOCK_RNG_H
#define LIBTOCK_RNG_H

#include <stddef.h>

/*
 * Read-write allow 0 = buffer, command 1 (n) = fill n bytes, upcall 0 (0, bytes filled, 0).
 * Fills buf with len random bytes, waiting with yield-wait-for; returns the number of bytes
 * filled, or -ErrorCode (-NODEVICE on QEMU, which has no RNG device).
 */
int rng_get(void *buf, size_t len);

#endif

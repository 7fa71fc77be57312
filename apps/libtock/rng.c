/* libtock: the random number generator driver (0x40001). */
#include "rng.h"

#include "tock.h"

int rng_get(void *buf, size_t len)
{
    int rc = tock_status(allow_readwrite(DRIVER_RNG, 0, buf, len));
    if (rc)
        return rc;
    rc = tock_status(command(DRIVER_RNG, 1, len, 0));
    if (rc == 0)
        rc = (int)yield_wait_for(DRIVER_RNG, 0).data1;
    allow_readwrite(DRIVER_RNG, 0, NULL, 0);
    return rc;
}

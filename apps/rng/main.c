/* rng: prints 16 random bytes from the RNG driver, three times. */
#include <stdint.h>
#include <stdio.h>

#include "rng.h"
#include "tock.h"

int main(void)
{
    if (!driver_exists(DRIVER_RNG)) {
        printf("rng: no RNG driver (NODEVICE)\n");
        return 0;
    }
    for (int round = 0; round < 3; round++) {
        uint8_t buf[16];
        int n = rng_get(buf, sizeof(buf));
        if (n < 0) {
            printf("rng: failed: %s\n", tock_strerror(n));
            return 0;
        }
        char line[80];          /* one printf per line: lines of other apps stay whole */
        int len = snprintf(line, sizeof(line), "rng: %d bytes:", n);
        for (int i = 0; i < n; i++)
            len += snprintf(line + len, sizeof(line) - (size_t)len, " %02x", buf[i]);
        printf("%s\n", line);
    }
    return 0;
}

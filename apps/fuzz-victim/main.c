/* fuzz-victim: the process the syscall fuzzer's driver must not be able to hurt (sim/fuzz/,
 * doc/fuzzing.md). It lays a guard pattern it never writes again, then counts forever, one
 * increment per alarm tick. The host checks the pattern and that the count keeps going. */
#include <stdint.h>

#include "../fuzz-driver/abi.h"
#include "tock.h"

#define PERIOD_HZ 500u              /* an increment every 2 ms */

static volatile struct fz_victim_block blk;

int main(void)
{
    for (uint32_t i = 0; i < FZ_VICTIM_GUARD; i++)
        blk.guard[i] = fz_guard_word(i);
    for (int i = 0; i < FZ_MAGIC_LEN; i++)
        blk.magic[i] = FZ_VICTIM_MAGIC[i];
    /* A read of nothing claims the console input (console capsule: a process that has read
     * owns it): bytes the fuzzer types wait for the driver's reads instead of reaching the
     * process console, whose commands (stop, fault, panic) would end the victim on purpose. */
    static uint8_t rx[1];
    allow_readwrite(DRIVER_CONSOLE, 1, rx, sizeof(rx));
    command(DRIVER_CONSOLE, 2, 0, 0);
    uint32_t period = command(DRIVER_ALARM, 1, 0, 0).data[0] / PERIOD_HZ;
    for (;;) {
        blk.counter++;
        command(DRIVER_ALARM, 5, period, 0);
        yield_wait_for(DRIVER_ALARM, 0);
    }
}

/* tocksim test finisher: lets firmware end the run with an exit code. */
#ifndef PERIPHERALS_FINISHER_H
#define PERIPHERALS_FINISHER_H

/*
 * Interface
 *   Memory: a 4 KiB window (cm4: CM4_FINISHER_BASE).
 *           0x000 ID       "FINI" (FINISHER_ID), read-only; reads 0 where the device is absent
 *           0x004 VERSION  FINISHER_VERSION, read-only
 *           0x008 EXIT     write: the run ends with exit code (value & 0xff); reads 0
 *   IRQs:   none.   Clock: none.
 *   Host:   the exit callback receives the code; the simulator stops the run.
 * Register map: doc/devices/finisher.md.
 */

#include "sim/core/device.h"

#define FINISHER_ID       0x494e4946u   /* "FINI" little-endian: must equal CM4_ID_FINISHER */
#define FINISHER_VERSION  1u

struct finisher {
    struct device_env env;
    void (*exit)(void *ctx, int code);
    void *exit_ctx;
};

extern const struct device_ops finisher_ops;

/* Sets up f; exit_cb (may be NULL) is called once per EXIT write. */
void finisher_init(struct finisher *f, const struct device_env *env,
                   void (*exit_cb)(void *ctx, int code), void *exit_ctx);
void finisher_reset(void *dev);

#endif

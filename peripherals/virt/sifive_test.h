/* SiFive test finisher of QEMU's RISC-V virt machine: one register write ends the run. */
#ifndef PERIPHERALS_SIFIVE_TEST_H
#define PERIPHERALS_SIFIVE_TEST_H

/*
 * Interface
 *   Memory: a 4 KiB window (rv32: RV32_TEST_BASE = 0x100000).
 *           0x000 FINISHER  write: [15:0] command, [31:16] code
 *                           0x3333 FAIL: the run ends with exit code `code`
 *                           0x5555 PASS: the run ends with exit code 0
 *                           0x7777 RESET: a system reset (not modelled: traced guest error)
 *                           reads 0
 *   IRQs:   none.   Clock: none.
 *   Host:   the exit callback receives the code; the simulator stops the run.
 * Register map: doc/devices/sifive_test.md.
 */

#include "sim/core/device.h"

#define SIFIVE_TEST_FAIL  0x3333u
#define SIFIVE_TEST_PASS  0x5555u
#define SIFIVE_TEST_RESET 0x7777u

struct sifive_test {
    struct device_env env;
    void (*exit)(void *ctx, int code);
    void *exit_ctx;
};

extern const struct device_ops sifive_test_ops;

/* Sets up t; exit_cb (may be NULL) is called once per PASS/FAIL write. */
void sifive_test_init(struct sifive_test *t, const struct device_env *env,
                      void (*exit_cb)(void *ctx, int code), void *exit_ctx);
void sifive_test_reset(void *dev);

#endif

/* rv32 chip: QEMU virt's test finisher ("sifive,test0"): ends the machine with a status. */
#ifndef KERNEL_CHIPS_RV32_SIFIVE_TEST_H
#define KERNEL_CHIPS_RV32_SIFIVE_TEST_H

#include <stdint.h>

void sifive_test_init(uintptr_t base);
/* Ends the run: status 0 is PASS, anything else FAIL with that code (QEMU's exit status,
 * and tocksim's). */
void sifive_test_exit(uint32_t status);

#endif

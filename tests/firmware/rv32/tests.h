/* The test groups of the rv32 firmware, run in this order by main(). */
#ifndef FW_RV32_TESTS_H
#define FW_RV32_TESTS_H

void test_map(void);
void test_uart(void);
void test_clint(void);
void test_plic(void);
void test_trap(void);
void test_pmp(void);

#endif

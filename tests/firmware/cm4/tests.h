/* The test groups of the cm4 firmware, run in this order by main(). */
#ifndef FW_TESTS_H
#define FW_TESTS_H

void test_uart(void);
void test_timer(void);
void test_systick(void);
void test_nvic(void);
void test_svc(void);
void test_mpu(void);
void test_fault(void);

/* Lines starting with this prefix show where QEMU deviates from the ARMv7-M ARM; the
 * comparison script drops them (doc/firmware-crosscheck.md lists each one). */
#define QEMU_DIFF "QEMU-DIFF: "

#endif

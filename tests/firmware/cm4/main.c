/* cm4 bare-metal test firmware: runs every test group, then reports and exits. */

/*
 * The UART transcript of this program is compared line by line between QEMU (mps2-an386) and
 * tocksim by tests/fw_compare_cm4.sh: every line it prints must be the same on any correct
 * ARMv7-M implementation of the board, whatever the emulation speed.
 */

#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/tests.h"

int main(void)
{
    fw_printf("cm4 firmware test\n");
    test_uart();        // UART0 registers and TX interrupt status
    test_timer();       // CMSDK timers 0 and 1
    test_systick();     // SysTick counter, COUNTFLAG, interrupts
    test_nvic();        // NVIC registers, priorities, preemption, masking
    test_svc();         // SVC and PendSV: frames, EXC_RETURN, privilege
    test_mpu();         // PMSAv7 MPU: regions, subregions, XN, MemManage
    test_fault();       // BusFault, UsageFault, escalation to HardFault
    fw_printf("checks: %d, failures: %d\n", check_count(), check_failures());
    fw_printf("ALL TESTS DONE\n");
    return check_failures() ? 1 : 0;
}

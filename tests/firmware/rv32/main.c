/* rv32 bare-metal test firmware: runs every test group, then reports and exits. */

/*
 * The UART transcript of this program is compared line by line between QEMU (virt, -bios none)
 * and tocksim by tests/fw_compare_rv32.sh: every line it prints must be the same on any correct
 * implementation of the board, whatever the emulation speed.
 */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/tests.h"

int main(void)
{
    uart_init();
    fw_printf("rv32 firmware test\n");
    test_map();         // memory map: virtio slots, the finisher, our extra devices
    test_uart();        // NS16550A registers and its interrupt through the PLIC
    test_clint();       // msip, mtimecmp/mtime, timer and software interrupts, wfi
    test_plic();        // priorities, enables, threshold, claim/complete, MEIP
    test_trap();        // synchronous traps: causes, mepc, mtval, mstatus, user mode
    test_pmp();         // PMP: NA4/TOR/NAPOT, R/W/X, locks, exact fault addresses
    fw_printf("checks: %d, failures: %d\n", check_count(), check_failures());
    fw_printf("ALL TESTS DONE\n");
    return check_failures() ? 1 : 0;
}

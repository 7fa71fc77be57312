/* Start-up benchmark firmware: prints one line and exits. */

#include "tests/firmware/rv32/fw.h"

int main(void)
{
    uart_init();
    fw_printf("hello from rv32\n");
    return 0;
}

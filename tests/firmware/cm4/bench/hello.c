/* Start-up benchmark firmware: prints one line and exits. */

#include "tests/firmware/cm4/fw.h"

int main(void)
{
    fw_printf("hello from cm4\n");
    return 0;
}

/* Vector table, reset handler and the exception dispatcher of the cm4 firmware. */

/*
 * Vector table layout (ARMv7-M ARM DDI0403E, B1.5.3): word 0 is the initial main stack
 * pointer, word n is the entry of exception n (Thumb bit set). Every entry except reset goes to
 * exc_entry (start_asm.S), which passes the stacked frame, EXC_RETURN and the exception number
 * to exc_dispatch() below.
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fw.h"

extern uint32_t __stack_top[], __data_start[], __data_end[], __data_load[];
extern uint32_t __bss_start[], __bss_end[];
void exc_entry(void);
void reset_handler(void);
int main(void);

static exc_handler_t handlers[FW_NUM_EXC];

#define V(f) ((uint32_t)(uintptr_t)(f))
#define E    V(exc_entry)
#define E8   E, E, E, E, E, E, E, E

__attribute__((section(".vectors"), used))
const uint32_t fw_vectors[FW_NUM_EXC] = {
    V(__stack_top), V(reset_handler),
    E, E, E, E, E, E, E, E, E, E, E, E, E, E,   /* exceptions 2..15 */
    E8, E8, E8, E8,                             /* IRQ 0..31 */
};

// Copies .data from flash, clears .bss, runs main and exits with its status.
void reset_handler(void)
{
    uint32_t *d = __data_start, *s = __data_load;

    while (d < __data_end)
        *d++ = *s++;
    for (d = __bss_start; d < __bss_end; d++)
        *d = 0;
    uart_init();
    fw_exit(main());
}

void exc_set_handler(int exc, exc_handler_t h)
{
    handlers[exc] = h;
}

// Called by exc_entry with the frame on the stack that was active before the exception.
void exc_dispatch(uint32_t *frame, uint32_t exc_return, uint32_t exc)
{
    exc &= 0x1ff;
    if (exc < FW_NUM_EXC && handlers[exc]) {
        handlers[exc](frame, exc_return);
        return;
    }
    fw_printf("unexpected exception %lu: pc=0x%08lx lr=0x%08lx exc_return=0x%08lx "
              "cfsr=0x%08lx hfsr=0x%08lx\n", exc, frame[6], frame[5], exc_return, SCB_CFSR,
              SCB_HFSR);
    fw_exit(3);
}

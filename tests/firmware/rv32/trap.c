/* Trap dispatch for the rv32 firmware: records every trap, calls the handler registered for
 * its mcause, or applies the default (fw.h). */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

volatile struct trap_record last_trap;
volatile int trap_count;
static trap_handler_t exc_handlers[16], irq_handlers[16];

extern char user_return[];

void trap_set_handler(uint32_t mcause, trap_handler_t h)
{
    if (mcause & MCAUSE_INT)
        irq_handlers[mcause & 15] = h;
    else
        exc_handlers[mcause & 15] = h;
}

void trap_reset(void)
{
    for (int i = 0; i < 16; i++)
        exc_handlers[i] = irq_handlers[i] = 0;
    trap_count = 0;
    last_trap.mcause = last_trap.mepc = last_trap.mtval = last_trap.mstatus = 0;
}

void trap_skip(struct trap_frame *f)
{
    uint16_t first = *(volatile uint16_t *)(uintptr_t)f->mepc;
    f->mepc += (first & 3) == 3 ? 4 : 2;
}

/* Leaves user mode: machine mode resumes in user_call with a0 = value. */
static void end_user_call(struct trap_frame *f, uint32_t value)
{
    f->x[10] = value;
    f->mepc = (uint32_t)(uintptr_t)user_return;
    csr_set(mstatus, MSTATUS_MPP);
}

void trap_dispatch(struct trap_frame *f);
void trap_dispatch(struct trap_frame *f)
{
    uint32_t cause = csr_read(mcause);
    last_trap.mcause = cause;
    last_trap.mepc = f->mepc;
    last_trap.mtval = csr_read(mtval);
    last_trap.mstatus = csr_read(mstatus);
    trap_count++;
    trap_handler_t h = (cause & MCAUSE_INT) ? irq_handlers[cause & 15] : exc_handlers[cause & 15];
    if (h) {
        h(f);
    } else if (cause & MCAUSE_INT) {
        fw_printf("unexpected interrupt mcause 0x%08lx at 0x%08lx\n", cause, f->mepc);
        fw_exit(3);
    } else if ((last_trap.mstatus & MSTATUS_MPP) == 0) {
        end_user_call(f, cause == 8 ? f->x[10] : USER_FAULTED);
    } else if (cause == 1) {
        f->mepc = f->x[1];              /* fetch fault from a call: back to the caller */
    } else {
        trap_skip(f);
    }
}

void pmp_allow_all(void)
{
    csr_write(pmpaddr15, 0xffffffffu);
    csr_write(pmpcfg3, 0x1fu << 24);    /* NAPOT, RWX: everything for user mode */
}

void pmp_clear(void)
{
    csr_write(pmpcfg0, 0);
    csr_write(pmpcfg1, 0);
    csr_write(pmpcfg2, 0);
    csr_write(pmpcfg3, 0);
}

int wait_flag(volatile int *flag, uint32_t limit)
{
    for (uint32_t i = 0; i < limit; i++)
        if (*flag)
            return 1;
    return *flag != 0;
}

void diff_eq(uint32_t got, uint32_t want, const char *label)
{
    fw_printf(QEMU_DIFF "%s = 0x%08lx %s (want 0x%08lx)\n", label, got, got == want ? "ok" : "differs",
              want);
}

/* rv32 bare-metal test firmware: the shared console/check API plus traps and user mode. */
#ifndef FW_RV32_FW_H
#define FW_RV32_FW_H

#include <stdint.h>

/* The console (uart_putc, fw_printf), the checks (check_eq, check_true) and fw_exit, as
 * declared for the cm4 firmware: fmt.c and check.c are shared, the rest is per board. */
#include "tests/firmware/cm4/fw.h"

/* Lines starting with this prefix show where QEMU's virt machine differs from tocksim's rv32
 * board on purpose (our extra devices, Smepmp); the comparison script drops them. */
#define QEMU_DIFF "QEMU-DIFF: "

/* What the trap entry saved: x[i] is register xi (x[0] unused), then mepc. */
struct trap_frame {
    uint32_t x[32];
    uint32_t mepc;
};

/* The last trap, as the trap entry found it. */
struct trap_record {
    uint32_t mcause, mepc, mtval, mstatus;
};
extern volatile struct trap_record last_trap;
extern volatile int trap_count;

/* Handlers per mcause: exceptions 0..15, interrupts MCAUSE_INT | 0..15. Without a handler an
 * exception is recorded and skipped (from U-mode: it ends the user_call, which returns
 * USER_FAULTED; an ecall from U-mode returns its a0); an interrupt prints a line and exits. */
typedef void (*trap_handler_t)(struct trap_frame *f);
void trap_set_handler(uint32_t mcause, trap_handler_t h);
void trap_reset(void);
/* Skips the instruction at mepc (2 or 4 bytes). */
void trap_skip(struct trap_frame *f);

#define USER_FAULTED 0xdeadbeefu
/* Runs fn(arg) in user mode on the user stack and returns its value (or USER_FAULTED). */
uint32_t user_call(uint32_t (*fn)(uint32_t), uint32_t arg);
/* PMP entry 15 giving user mode everything (the tests that are not about the PMP). */
void pmp_allow_all(void);
void pmp_clear(void);

/* A value where QEMU departs from the specification: printed as a QEMU-DIFF line (not
 * compared, not counted as a check) with what the specification wants. */
void diff_eq(uint32_t got, uint32_t want, const char *label);

/* Bounded busy wait (never a hang): spins until *flag != 0 or `limit` loops passed. */
int wait_flag(volatile int *flag, uint32_t limit);
#define WAIT_LIMIT 2000000u

#endif

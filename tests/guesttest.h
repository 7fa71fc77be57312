/* Guest-program test helpers: a board booted on a small ELF, its bus peeked and poked, a run
 * to the guest's exit. Each includer defines first:
 *   GUESTTEST_BOARD        the board name ("cm4", "rv32")
 *   GUESTTEST_ELF_MACHINE  the ELF machine its guests are built for (EM_ARM, EM_RISCV)
 *   GUESTTEST_RUN_CYCLES   how many cycles run_to_exit allows the guest */
#ifndef TESTS_GUESTTEST_H
#define TESTS_GUESTTEST_H

#include <check.h>
#include <elf.h>
#include <stdint.h>

#include "sim/core/loader.h"
#include "sim/core/machine.h"

/* A machine of GUESTTEST_BOARD with elf loaded, reset, its guest-error log silenced. */
static inline struct machine *boot(const char *elf)
{
    char err[300];
    struct machine_config cfg = { .board = GUESTTEST_BOARD };
    struct machine *m = machine_create(&cfg, err, sizeof(err));
    ck_assert_msg(m != NULL, "%s", err);
    m->trace.guest_log = NULL;
    ck_assert_msg(loader_load_elf(&m->bus, elf, GUESTTEST_ELF_MACHINE, NULL, err, sizeof(err)),
                  "%s", err);
    machine_reset(m);
    return m;
}

static inline uint32_t peek(struct machine *m, uint32_t addr)
{
    uint32_t v = 0;
    ck_assert_int_eq(bus_read(&m->bus, addr, 4, &v), BUS_OK);
    return v;
}

static inline void poke(struct machine *m, uint32_t addr, uint32_t v)
{
    ck_assert_int_eq(bus_write(&m->bus, addr, 4, v), BUS_OK);
}

/* Runs until the guest exits (within GUESTTEST_RUN_CYCLES) with status 0. */
static inline void run_to_exit(struct machine *m)
{
    ck_assert_int_eq(machine_run(m, GUESTTEST_RUN_CYCLES), MACHINE_EXITED);
    ck_assert_int_eq(m->exit_code, 0);
}

#endif

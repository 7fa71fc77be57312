/* A machine: one board's CPU, bus, clock, trace and devices, and the run loop. */
#ifndef SIM_MACHINE_H
#define SIM_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "bus.h"
#include "clock.h"
#include "cpu_cortexm.h"
#include "trace.h"

struct machine_config {
    const char *board;          /* "cm4" */
    const char *node;           /* name in traces (default: the board name) */
    uint32_t ram_size;          /* 0: the board's default */
    uint64_t seed;
    FILE *console;              /* UART0 / semihosting output (NULL: discard) */
};

struct machine_layout {
    uint32_t flash_base, flash_size, ram_base, ram_size, apps_base, apps_size;
};

enum machine_status { MACHINE_RUNNING, MACHINE_EXITED, MACHINE_TIMEOUT, MACHINE_ERROR };

struct machine {
    struct vclock clock;
    struct trace trace;
    struct bus bus;
    struct cortexm *cpu;
    struct machine_layout layout;
    void *board;                        /* the board's device state */
    void (*board_free)(void *board);
    FILE *console;
    bool sleeping;
    bool exited;
    int exit_code;
    char error[300];
};

/* Builds a machine for cfg->board; NULL with a message in err on failure. */
struct machine *machine_create(const struct machine_config *cfg, char *err, size_t errlen);
void machine_destroy(struct machine *m);
/* Resets the CPU (after images are loaded). */
void machine_reset(struct machine *m);
/* Runs until the guest exits, an error, or virtual time reaches `until` cycles. */
enum machine_status machine_run(struct machine *m, uint64_t until);
/* Board helpers for the machine's own callbacks. */
void machine_console_write(void *m, const char *s, unsigned len);
void machine_guest_exit(void *m, int code);

#endif

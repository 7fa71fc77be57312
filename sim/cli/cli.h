/* tocksim's command line: the subcommands (run, boot), the classic flag form, and what they
 * share (defaults found in the build tree, exit statuses, --realtime pacing). */
#ifndef SIM_CLI_H
#define SIM_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/machine.h"

#define EXIT_TIMEOUT 124        /* like timeout(1) */
#define EXIT_SIM_ERROR 125      /* lockup, runaway guest, simulator failure */
#define EXIT_USAGE 2

/* tocksim run SCENARIO.json... (sim/cli/run.c) */
int cli_run(int argc, char **argv);
/* tocksim boot [--board B] [--kernel K] APP... (sim/cli/boot.c) */
int cli_boot(int argc, char **argv);
/* tocksim --board B --kernel K [--app A]... (sim/cli/flags.c) */
int cli_flags(int argc, char **argv);
void cli_flags_usage(FILE *f);

/* sim/cli/common.c */
void cli_usage(FILE *f);
/* The build tree: the folder of the tocksim executable if it holds kernel/ or apps/, else
 * "build". */
void cli_build_dir(char *buf, size_t len);
/* An app argument: a path (has '/' or ends in .tbf) as is, else the build's copy of app NAME
 * for the board as its slot-th app (board_app_path), malloc'd. */
char *cli_app_path(const char *board, const char *arg, int slot);
/* BUILD/kernel/BOARD/kernel.elf (malloc'd). */
char *cli_kernel_path(const char *board);
/* --realtime [FACTOR]: takes the next argument as the factor if it is a number. */
bool cli_realtime_arg(int argc, char **argv, int *optind_, double *factor);
double cli_wall_seconds(void);
/* Runs m until virtual time until_ns. realtime > 0 paces it to the wall clock (times the
 * factor). between (may be NULL) is called every 10 ms of virtual time with the milliseconds
 * to wait before going on (0 when unpaced); it returns false to stop (MACHINE_RUNNING). */
enum machine_status cli_run_machine(struct machine *m, uint64_t until_ns, double realtime,
                                    bool (*between)(void *ctx, int wait_ms), void *ctx);

/* Terminal console for boot (sim/cli/term.c): raw-ish input from stdin, Ctrl-A x quits. */
struct cli_term;
struct cli_term *cli_term_open(void);
/* Reads what stdin has (waiting up to timeout_ms); returns bytes for the guest in buf, sets
 * *quit on Ctrl-A x or end of input when interactive. */
size_t cli_term_read(struct cli_term *t, char *buf, size_t n, int timeout_ms, bool *quit);
void cli_term_close(struct cli_term *t);

#endif

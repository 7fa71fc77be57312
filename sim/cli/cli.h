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
/* tocksim fuzz [options] (sim/cli/fuzz.c): the syscall fuzzer */
int cli_fuzz(int argc, char **argv);
/* tocksim boot [--board B] [--kernel K] APP... (sim/cli/boot.c) */
int cli_boot(int argc, char **argv);
/* tocksim --board B --kernel K [--app A]... (sim/cli/flags.c) */
int cli_flags(int argc, char **argv);
void cli_flags_usage(FILE *f);

/* sim/cli/snapshot.c: --load-snapshot (after the images are loaded and the CPU reset) and
 * --save-snapshot (when the run ends); false after printing "WHO: --...-snapshot: problem". */
bool cli_snapshot_load(struct machine *m, const char *path, const char *who);
bool cli_snapshot_save(struct machine *m, const char *path, const char *who);

/* sim/cli/common.c */
void cli_usage(FILE *f);
/* The build tree: the folder of the tocksim executable if it holds kernel/ or apps/, else
 * "build". */
void cli_build_dir(char *buf, size_t len);
/* An app argument: a path (has '/' or ends in .tbf or .tab) as is, else the build's copy of app NAME
 * for the board as its slot-th app (board_app_path), malloc'd. */
char *cli_app_path(const char *board, const char *arg, int slot);
/* BUILD/kernel/BOARD/kernel.elf (malloc'd). */
char *cli_kernel_path(const char *board);
/* --realtime [FACTOR]: takes the next argument as the factor if it is a number. */
bool cli_realtime_arg(int argc, char **argv, int *optind_, double *factor);
double cli_wall_seconds(void);
/* --gdb[=PORT]: the port (3333 without one); false if it is not a number from 0 to 65535. */
bool cli_gdb_port(const char *arg, int *port);
/* Runs m until virtual time until_ns. realtime > 0 paces it to the wall clock (times the
 * factor). between (may be NULL) is called every 10 ms of virtual time with the milliseconds
 * to wait before going on (0 when unpaced); it returns false to stop (MACHINE_RUNNING). */
enum machine_status cli_run_machine(struct machine *m, uint64_t until_ns, double realtime,
                                    bool (*between)(void *ctx, int wait_ms), void *ctx);

/* Terminal console for boot (sim/cli/term.c): raw-ish input from stdin; keys as in
 * cli_key_decode when stdin is a terminal, bytes passed through as they are from a pipe. */
struct cli_term;
struct cli_term *cli_term_open(void);
/* What a read brought besides the bytes for the guest. */
struct cli_term_events {
    bool quit;                  /* Ctrl-A x or Ctrl-C (the end of piped input does not quit) */
    uint32_t toggle;            /* buttons to toggle: bit N for Ctrl-A N+1 */
};
/* Reads what stdin has (waiting up to timeout_ms); returns the bytes for the guest in buf and
 * adds the keys' other effects to *ev. */
size_t cli_term_read(struct cli_term *t, char *buf, size_t n, int timeout_ms, struct cli_term_events *ev);
void cli_term_close(struct cli_term *t);

/* The terminal's keys (sim/cli/keys.c). Ctrl-C quits; Ctrl-A is an escape: Ctrl-A x quits,
 * Ctrl-A 1-9 toggles button 0-8, Ctrl-A c sends a Ctrl-C, Ctrl-A Ctrl-A a Ctrl-A, anything else
 * after Ctrl-A is dropped; every other byte goes to the guest. */
enum cli_key_action { CLI_KEY_NONE, CLI_KEY_SEND, CLI_KEY_QUIT, CLI_KEY_BUTTON };
struct cli_key {
    enum cli_key_action action;
    char byte;                  /* CLI_KEY_SEND: the byte for the guest */
    unsigned button;            /* CLI_KEY_BUTTON: which one to toggle */
};
/* Decodes one typed byte; *escape carries a pending Ctrl-A from one byte to the next. */
struct cli_key cli_key_decode(bool *escape, char in);

/* The status line of boot's terminal (sim/cli/status.c): LEDs and buttons on the last row. */
struct cli_board_state {
    uint32_t leds, buttons;     /* bit N: LEDN lit, BTNN held */
    unsigned nleds, nbuttons;
};
struct cli_board_state cli_board_state_of(struct machine *m);
/* "[LED0 ● LED1 ○ | BTN0 ○ BTN1 ●] Ctrl-A 1-2 toggles a button, Ctrl-A x quits", cut to cols
 * characters (the keys' hint goes first). */
void cli_status_text(char *buf, size_t n, const struct cli_board_state *st, unsigned cols);

struct cli_status {
    FILE *out;                  /* NULL: no status line */
    unsigned rows, cols;        /* the terminal's size */
    char shown[512];            /* the text the line shows now */
};
/* Reserves out's last row for the status line if out is a terminal (TERM set, not "dumb", at
 * least 3 rows); false, and the status line stays off, otherwise: into a pipe or a file. */
bool cli_status_open(struct cli_status *s, FILE *out);
/* The same on a known size, whatever out is (cli_status_open after its checks; tests). */
void cli_status_start(struct cli_status *s, FILE *out, unsigned rows, unsigned cols);
/* Redraws the line if its text changed or the terminal was resized; else writes nothing. */
void cli_status_update(struct cli_status *s, const struct cli_board_state *st);
/* Gives the last row back to the console and clears it. */
void cli_status_close(struct cli_status *s);

#endif

/* --itrace and --profile for every form of the command line (flags, boot, run): the options,
 * and starting and finishing them on a machine (sim/insn/). */
#ifndef SIM_CLI_INSN_H
#define SIM_CLI_INSN_H

#include <getopt.h>
#include <stdbool.h>

#include "sim/core/machine.h"
#include "sim/insn/itrace.h"
#include "sim/insn/profile.h"

enum { CLI_OPT_ITRACE = 0x100, CLI_OPT_ITRACE_WINDOW, CLI_OPT_ITRACE_PROC, CLI_OPT_ITRACE_RANGE,
       CLI_OPT_PROFILE };

/* For a getopt_long table. */
#define CLI_INSN_LONG_OPTIONS \
    { "itrace", 2, 0, CLI_OPT_ITRACE }, { "itrace-window", 1, 0, CLI_OPT_ITRACE_WINDOW }, \
    { "itrace-proc", 1, 0, CLI_OPT_ITRACE_PROC }, { "itrace-range", 1, 0, CLI_OPT_ITRACE_RANGE }, \
    { "profile", 1, 0, CLI_OPT_PROFILE }

#define CLI_INSN_USAGE \
    "  --itrace[=FILE]  every instruction, disassembled (stdout, or FILE); filters:\n" \
    "    --itrace-window FROM..TO  virtual time (2ms..3ms, 1s..)\n" \
    "    --itrace-proc NAME        only that process's own instructions\n" \
    "    --itrace-range LO-HI      only PCs in [LO, HI] (0x40000-0x40fff)\n" \
    "  --profile FILE   instructions per process and function, as folded stacks\n"

struct cli_insn_opts {
    bool itrace;
    struct itrace_config cfg;
    const char *profile;
};

void cli_insn_opts_init(struct cli_insn_opts *o);
/* One option of the table above: 0 taken, EXIT_USAGE after a message ("WHO: ..."), -1 not
 * one of these. */
int cli_insn_option(struct cli_insn_opts *o, int ch, const char *arg, const char *who);
/* After parsing: the filters need --itrace. */
int cli_insn_check(const struct cli_insn_opts *o, const char *who);

struct cli_insn {
    struct itrace *itrace;
    struct profile *profile;
};

/* Attaches what o asks for to m (node: a line prefix in multi-board runs, NULL: none); a
 * profile of several boards gets one file each: FILE.NODE. False after a message. */
bool cli_insn_start(struct cli_insn *c, struct machine *m, const struct cli_insn_opts *o, const char *node,
                    const char *who);
/* Finishes both (writes the profile); false after a message. */
bool cli_insn_finish(struct cli_insn *c, const char *who);

#endif

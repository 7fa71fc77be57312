/* cmdline: elf2tbf's command line, a superset of Tock's elf2tab's (so libtock-c's Makefiles can
 * call elf2tbf as ELF2TAB). */
#ifndef TOOLS_ELF2TBF_CMDLINE_H
#define TOOLS_ELF2TBF_CMDLINE_H

#include <stddef.h>

#include "tools/elf2tbf/elf2tbf.h"

#define ELF2TBF_MAX_INPUTS  16
/* The elf2tab release whose command line elf2tbf takes; `--version` prints it second, where
 * libtock-c's Configuration.mk reads the version it requires ("elf2tab --version | cut -d ' '
 * -f 2"). */
#define ELF2TBF_ELF2TAB_VERSION "0.13.0"
#define ELF2TBF_DEFAULT_OUTPUT  "TockApp.tab"   /* elf2tab's default */

/* One input: "ELF" or "ELF,ARCH" (split at the last comma, as elf2tab does). */
struct elf2tbf_input {
    char *path;
    char *arch;                 /* NULL: the TBF is named after the ELF */
};

struct elf2tbf_cmdline {
    struct elf2tbf_options opts;
    const char *output;         /* .tbf: one plain TBF; anything else: a TAB */
    int verbose, deterministic, help, version;
    const char *dump;           /* --dump FILE: print a TBF's or TAB's headers */
    const char *boards;         /* --supported-boards: metadata only-for-boards */
    int kernel_minor_given, kernel_major_given;
    int n_inputs;
    struct elf2tbf_input inputs[ELF2TBF_MAX_INPUTS];
};

/* Parses argv into c (defaults first). Returns 0, or -1 with a message in err naming the
 * option (unknown option, missing or malformed value, an option elf2tbf cannot honour such as
 * a signing key). c->opts.tbf.package_name points into argv. */
int elf2tbf_cmdline_parse(int argc, char **argv, struct elf2tbf_cmdline *c, char *err,
                          size_t errlen);

/* Frees the input list. */
void elf2tbf_cmdline_free(struct elf2tbf_cmdline *c);

/* The usage text. */
extern const char elf2tbf_usage[];

#endif

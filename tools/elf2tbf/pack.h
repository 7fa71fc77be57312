/* pack: elf2tbf's outputs, one TBF or a TAB with one TBF per ELF (as elf2tab writes them). */
#ifndef TOOLS_ELF2TBF_PACK_H
#define TOOLS_ELF2TBF_PACK_H

#include "tools/elf2tbf/cmdline.h"

/* Converts c's inputs and writes c->output: a plain TBF if its name ends in .tbf (one input),
 * else a TAB (tar: metadata.toml, then <arch>.tbf or the ELF's name with .tbf per input), and
 * for a TAB each TBF beside its ELF too, as elf2tab does. Prints errors naming the file;
 * returns the exit status (0, 1 conversion or I/O error, 2 usage error). */
int pack_run(const struct elf2tbf_cmdline *c);

/* The path of the TBF elf2tab writes beside an ELF: its last extension replaced by .tbf
 * (malloc'd; "build/cortex-m4/cortex-m4.elf" -> "build/cortex-m4/cortex-m4.tbf"). */
char *pack_side_path(const char *elf_path);

#endif

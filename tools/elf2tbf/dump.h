/* dump: print a TBF's header, or every TBF of a TAB (elf2tbf --dump, -v). */
#ifndef TOOLS_ELF2TBF_DUMP_H
#define TOOLS_ELF2TBF_DUMP_H

#include <stdio.h>

#include "lib/tbf/tbfimg.h"

/* Prints the parsed header of the TBF called `label`. */
void dump_tbf_info(FILE *f, const char *label, const struct tbfimg_info *i);

/* Parses the TBF or TAB file at path and prints its headers; 0, or 1 after printing the
 * problem ("elf2tbf: PATH: ...") to stderr. */
int dump_file(const char *path);

#endif

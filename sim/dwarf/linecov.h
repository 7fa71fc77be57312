/* Line coverage of an ELF file's code (the fuzzer's coverage report, doc/fuzzing.md): which of
 * its source lines and functions the code ranges someone ran reach, per input, written as a
 * text report and as an lcov tracefile (genhtml renders it). The lines come from the DWARF
 * line tables (srclines.h); a line is reached when any byte of its code was in a range run. */
#ifndef SIM_DWARF_LINECOV_H
#define SIM_DWARF_LINECOV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct linecov;

struct linecov_totals {
    unsigned inputs;
    unsigned lines, lines_hit;          /* lines with code, and of them reached */
    unsigned functions, functions_hit;
};

/* Reads the line tables of the ELF at path; NULL with the reason in err. */
struct linecov *linecov_open(const char *path, char *err, size_t errlen);
void linecov_free(struct linecov *c);

/* The current input ran [start, start + bytes) (addresses as linked). Cheap for a range run
 * again in the same input. */
void linecov_mark(struct linecov *c, uint32_t start, uint32_t bytes);
/* Ends the current input: each line and function counts the inputs that reached it. */
void linecov_end_input(struct linecov *c);

void linecov_totals(const struct linecov *c, struct linecov_totals *out);
/* Per file (by name): each function's lines reached / lines with code, the totals, the reached
 * lines with the inputs that reached each. title: the first line's subject. */
bool linecov_write_text(const struct linecov *c, FILE *out, const char *title);
/* lcov's tracefile format (geninfo(1)): per source file SF, FN/FNDA/FNF/FNH, DA/LF/LH,
 * end_of_record; the counts are inputs. test: TN's name (letters, digits, '_'). */
bool linecov_write_lcov(const struct linecov *c, FILE *out, const char *test);

#endif

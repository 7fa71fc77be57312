/* Whole lines to a stream: one source's output held until its line ends, so another source
 * (guest errors, --strace) printing to the same terminal never splits it. */
#ifndef SIM_LINEOUT_H
#define SIM_LINEOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define LINEOUT_MAX 512     /* a longer line is written in pieces of this size */

struct lineout {
    FILE *f;                /* NULL: discard */
    char buf[LINEOUT_MAX];
    size_t len;             /* bytes of the current line not yet written */
    bool shown_partial;     /* the current line was started on f without its end (flush) */
};

void lineout_init(struct lineout *l, FILE *f);
/* Appends bytes; each completed line is written to f at once. */
void lineout_write(struct lineout *l, const char *s, size_t n);
/* Shows the pending part of the line now (a prompt waiting for input; the end of a run). */
void lineout_flush(struct lineout *l);
/* Another source is about to print a line to the same terminal: if part of this source's line
 * is showing, end it there, so the other line starts in column 0. */
void lineout_break(struct lineout *l);

#endif

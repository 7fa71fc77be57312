/* A board's text output (console copy, guest errors, --strace) held in memory while the board
 * runs, possibly on another thread, and passed on to the real streams at a synchronisation
 * point, board by board: the output is the same whatever runs in parallel. */
#ifndef SIM_SCENARIO_OUTBOX_H
#define SIM_SCENARIO_OUTBOX_H

#include <stddef.h>
#include <stdio.h>

#define OUTBOX_STREAMS 4            /* output, console copy, --strace, --itrace */

struct outbox {
    int n;
    struct {
        FILE *dest;                 /* where the text goes in the end */
        FILE *buf;                  /* what the board writes to (a memory stream) */
        char *text;
        size_t len;
    } s[OUTBOX_STREAMS];
};

/* The stream a board should write to for dest (one per distinct dest, so text meant for the
 * same place keeps its order); NULL for a NULL dest or if it cannot be made. */
FILE *outbox_stream(struct outbox *b, FILE *dest);
/* Passes what was written since the last flush on to the destinations. */
void outbox_flush(struct outbox *b);
/* Flushes and frees. */
void outbox_close(struct outbox *b);

#endif

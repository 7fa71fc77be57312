/* The window's console scrollback: the guest's UART output as a ring of text lines. */
#ifndef SIM_UI_CONSOLE_H
#define SIM_UI_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

#define UI_CONSOLE_COLS  240    /* longer lines continue on the next line */
#define UI_CONSOLE_LINES 2000   /* lines kept; older ones are dropped */

struct ui_console {
    char text[UI_CONSOLE_LINES][UI_CONSOLE_COLS];
    uint16_t len[UI_CONSOLE_LINES];
    unsigned first;             /* ring index of the oldest line */
    unsigned count;             /* lines held, the last one being the line in progress (>= 1) */
    unsigned col;               /* cursor column in the line in progress (moved by \r, \b) */
    uint64_t dropped;           /* lines dropped off the top so far */
    int esc;                    /* ANSI escape parser state: 0 none, 1 after ESC, 2 in CSI */
};

void ui_console_init(struct ui_console *c);
/* Adds guest output: \n ends a line, \r returns to column 0 (later text overwrites), \b moves
 * back, \t goes to the next multiple of 8, ANSI escape sequences are dropped, other control
 * bytes are ignored, and each non-ASCII UTF-8 character becomes one '?'. */
void ui_console_write(struct ui_console *c, const char *s, size_t n);
/* Number of lines held (at least 1: the line in progress, possibly empty). */
unsigned ui_console_count(const struct ui_console *c);
/* Line i, 0 = oldest; its length in *len (not NUL-terminated). */
const char *ui_console_line(const struct ui_console *c, unsigned i, unsigned *len);

#endif

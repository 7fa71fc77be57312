/* The console scrollback of the window: a fixed ring of lines, filled the way a simple terminal
 * would show the bytes (no cursor addressing or colours: escape sequences are dropped). */
#include "sim/ui/console.h"

#include <stdbool.h>
#include <string.h>

void ui_console_init(struct ui_console *c)
{
    memset(c, 0, sizeof(*c));
    c->count = 1;
}

static unsigned slot(const struct ui_console *c, unsigned i)
{
    return (c->first + i) % UI_CONSOLE_LINES;
}

static void new_line(struct ui_console *c)
{
    if (c->count == UI_CONSOLE_LINES) {
        c->first = (c->first + 1) % UI_CONSOLE_LINES;
        c->dropped++;
    } else {
        c->count++;
    }
    c->len[slot(c, c->count - 1)] = 0;
    c->col = 0;
}

static void put_char(struct ui_console *c, char ch)
{
    if (c->col == UI_CONSOLE_COLS)
        new_line(c);
    unsigned s = slot(c, c->count - 1);
    c->text[s][c->col++] = ch;
    if (c->len[s] < c->col)
        c->len[s] = (uint16_t)c->col;
}

/* Returns true if byte b was part of an escape sequence (and consumed). */
static bool escape_step(struct ui_console *c, unsigned char b)
{
    if (c->esc == 1) {
        c->esc = b == '[' ? 2 : 0;      /* ESC x: two-byte sequence, x dropped */
        return true;
    }
    if (c->esc == 2) {
        if (b >= 0x40 && b <= 0x7e)     /* CSI final byte */
            c->esc = 0;
        return true;
    }
    if (b == 0x1b) {
        c->esc = 1;
        return true;
    }
    return false;
}

static void control(struct ui_console *c, unsigned char b)
{
    switch (b) {
    case '\n': new_line(c); break;
    case '\r': c->col = 0; break;
    case '\b': if (c->col) c->col--; break;
    case '\t':
        do put_char(c, ' '); while (c->col % 8 && c->col < UI_CONSOLE_COLS);
        break;
    default: break;                     /* bell, NUL and the like show nothing */
    }
}

void ui_console_write(struct ui_console *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        if (escape_step(c, b))
            continue;
        if (b < 0x20 || b == 0x7f)
            control(c, b);
        else if (b < 0x80)
            put_char(c, (char)b);
        else if ((b & 0xc0) != 0x80)    /* a UTF-8 lead byte; continuation bytes are skipped */
            put_char(c, '?');
    }
}

unsigned ui_console_count(const struct ui_console *c)
{
    return c->count;
}

const char *ui_console_line(const struct ui_console *c, unsigned i, unsigned *len)
{
    if (i >= c->count) {
        *len = 0;
        return "";
    }
    unsigned s = slot(c, i);
    *len = c->len[s];
    return c->text[s];
}

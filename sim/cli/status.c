/* The terminal's status line (see sim/cli/cli.h): the board's LEDs and buttons on the last row
 * of the terminal, below the console. The console scrolls in the rows above (a scroll region,
 * DECSTBM), so the guest's output, prompts and echo never have to be cleared and redrawn around
 * the line, and the line is rewritten only when what it says changes. Only on a terminal: into a
 * pipe or a file the output stays the guest's console alone, so transcripts stay clean. */
#include "sim/cli/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define ON "\u25cf"             /* ● lit / held */
#define OFF "\u25cb"            /* ○ dark / released */

struct cli_board_state cli_board_state_of(struct machine *m)
{
    struct cli_board_state st = { .nleds = machine_num_leds(m), .nbuttons = machine_num_buttons(m) };
    st.nleds = st.nleds > 32 ? 32 : st.nleds;
    st.nbuttons = st.nbuttons > 32 ? 32 : st.nbuttons;
    for (unsigned i = 0; i < st.nleds; i++)
        st.leds |= (uint32_t)machine_led(m, i) << i;
    for (unsigned i = 0; i < st.nbuttons; i++)
        st.buttons |= (uint32_t)machine_button(m, i) << i;
    return st;
}

/* Appends to buf (size n) at *len; output that does not fit is dropped. */
static void append(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = *len < n ? vsnprintf(buf + *len, n - *len, fmt, ap) : 0;
    va_end(ap);
    *len = k > 0 && *len + (size_t)k < n ? *len + (size_t)k : *len;
    buf[*len < n ? *len : n - 1] = '\0';
}

/* Cuts a UTF-8 string to at most cols characters (each drawn one column wide here). */
static void cut_to_columns(char *s, unsigned cols)
{
    unsigned chars = 0;
    for (char *p = s; *p; p++)
        if (((unsigned char)*p & 0xc0) != 0x80 && chars++ == cols) {
            *p = '\0';
            return;
        }
}

void cli_status_text(char *buf, size_t n, const struct cli_board_state *st, unsigned cols)
{
    size_t len = 0;
    buf[0] = '\0';
    append(buf, n, &len, "[");
    for (unsigned i = 0; i < st->nleds; i++)
        append(buf, n, &len, "%sLED%u %s", i ? " " : "", i, (st->leds >> i) & 1 ? ON : OFF);
    for (unsigned i = 0; i < st->nbuttons; i++)
        append(buf, n, &len, "%sBTN%u %s", i ? " " : st->nleds ? " | " : "", i, (st->buttons >> i) & 1 ? ON : OFF);
    append(buf, n, &len, "]");
    unsigned keys = st->nbuttons < 9 ? st->nbuttons : 9;
    if (keys > 1)
        append(buf, n, &len, " Ctrl-A 1-%u toggles a button,", keys);
    else if (keys == 1)
        append(buf, n, &len, " Ctrl-A 1 toggles the button,");
    append(buf, n, &len, " Ctrl-A x quits");
    cut_to_columns(buf, cols);
}

/* ---- on the terminal ----------------------------------------------------------------------- */

static bool terminal_size(FILE *out, unsigned *rows, unsigned *cols)
{
    struct winsize ws;
    if (ioctl(fileno(out), TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0)
        return false;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return true;
}

/* Scroll region: rows 1..rows-1. DECSTBM homes the cursor, hence the save/restore around it. */
static void reserve_last_row(struct cli_status *s)
{
    fprintf(s->out, "\0337\033[1;%ur\0338", s->rows - 1);
}

void cli_status_start(struct cli_status *s, FILE *out, unsigned rows, unsigned cols)
{
    *s = (struct cli_status){ .out = out, .rows = rows, .cols = cols };
    /* A new line first, so the row the cursor is on is not the one taken for the status
     * (the apt/dpkg progress-bar sequence); then back up into the console's rows. */
    fputc('\n', out);
    reserve_last_row(s);
    fputs("\033[1A", out);
    fflush(out);
}

bool cli_status_open(struct cli_status *s, FILE *out)
{
    const char *term = getenv("TERM");
    unsigned rows, cols;
    *s = (struct cli_status){ 0 };
    if (!isatty(fileno(out)) || !term || !strcmp(term, "dumb") || !terminal_size(out, &rows, &cols) || rows < 3)
        return false;
    cli_status_start(s, out, rows, cols);
    return true;
}

/* True if the terminal's size changed (the region is set again for the new height). */
static bool resized(struct cli_status *s)
{
    unsigned rows, cols;
    if (!terminal_size(s->out, &rows, &cols) || (rows == s->rows && cols == s->cols) || rows < 3)
        return false;
    s->rows = rows;
    s->cols = cols;
    reserve_last_row(s);
    return true;
}

void cli_status_update(struct cli_status *s, const struct cli_board_state *st)
{
    char text[sizeof(s->shown)];
    if (!s->out)
        return;
    bool moved = resized(s);
    /* cols - 1: a character in the last column could make the terminal wrap and scroll */
    cli_status_text(text, sizeof(text), st, s->cols - 1);
    if (!moved && s->shown[0] && strcmp(text, s->shown) == 0)
        return;
    memcpy(s->shown, text, sizeof(text));
    fprintf(s->out, "\0337\033[%u;1H\033[2K%s\0338", s->rows, text);
    fflush(s->out);
}

void cli_status_close(struct cli_status *s)
{
    if (!s->out)
        return;
    /* the whole screen scrolls again; the status row is cleared; the cursor stays put */
    fprintf(s->out, "\0337\033[r\033[%u;1H\033[2K\0338", s->rows);
    fflush(s->out);
    s->out = NULL;
}

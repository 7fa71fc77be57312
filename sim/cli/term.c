/* The terminal as a board console (see sim/cli/cli.h): stdin bytes go to the guest's UART. On a
 * terminal, input is unbuffered and not echoed (the guest echoes, as on a serial line), Enter
 * sends '\r', and the keys of sim/cli/keys.c apply (Ctrl-C / Ctrl-A x quit, Ctrl-A 1-9 toggle
 * buttons). From a pipe or a file, every byte goes to the guest. */
#include <poll.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "sim/cli/cli.h"

struct cli_term {
    bool tty, eof, escape;
    struct termios saved;
};

struct cli_term *cli_term_open(void)
{
    struct cli_term *t = calloc(1, sizeof(*t));
    if (!t)
        return NULL;
    t->tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &t->saved) == 0;
    if (t->tty) {
        struct termios raw = t->saved;
        raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
        raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IXON);
        raw.c_cc[VMIN] = 0;
        raw.c_cc[VTIME] = 0;
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    return t;
}

/* Applies the keys to one byte; returns true if it goes to the guest (as *out). */
static bool filter(struct cli_term *t, char in, char *out, struct cli_term_events *ev)
{
    if (!t->tty) {
        *out = in;
        return true;
    }
    struct cli_key k = cli_key_decode(&t->escape, in);
    if (k.action == CLI_KEY_QUIT)
        ev->quit = true;
    else if (k.action == CLI_KEY_BUTTON && k.button < 32)
        ev->toggle ^= 1u << k.button;
    *out = k.byte;
    return k.action == CLI_KEY_SEND;
}

size_t cli_term_read(struct cli_term *t, char *buf, size_t n, int timeout_ms, struct cli_term_events *ev)
{
    struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
    if (t->eof) {
        poll(NULL, 0, timeout_ms);
        return 0;
    }
    if (poll(&p, 1, timeout_ms) <= 0 || !(p.revents & (POLLIN | POLLHUP)))
        return 0;
    char in[256];
    ssize_t got = read(STDIN_FILENO, in, n < sizeof(in) ? n : sizeof(in));
    if (got <= 0) {
        t->eof = true;                      /* piped input ended: the board keeps running */
        return 0;
    }
    size_t k = 0;
    for (ssize_t i = 0; i < got && !ev->quit; i++)
        if (filter(t, in[i], &buf[k], ev))
            k++;
    return k;
}

void cli_term_close(struct cli_term *t)
{
    if (t && t->tty)
        tcsetattr(STDIN_FILENO, TCSANOW, &t->saved);
    free(t);
}

/* Whole lines to a stream (see lineout.h). */
#include "sim/core/lineout.h"

#include <string.h>

void lineout_init(struct lineout *l, FILE *f)
{
    memset(l, 0, sizeof(*l));
    l->f = f;
}

static void emit(struct lineout *l)
{
    if (l->f && l->len)
        fwrite(l->buf, 1, l->len, l->f);
    l->len = 0;
}

void lineout_write(struct lineout *l, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        l->buf[l->len++] = s[i];
        if (s[i] == '\n') {
            emit(l);
            l->shown_partial = false;
            if (l->f)
                fflush(l->f);
        } else if (l->len == sizeof(l->buf)) {
            emit(l);
            l->shown_partial = true;
        }
    }
}

void lineout_flush(struct lineout *l)
{
    if (l->len) {
        emit(l);
        l->shown_partial = true;
    }
    if (l->f)
        fflush(l->f);
}

void lineout_break(struct lineout *l)
{
    if (!l->shown_partial)
        return;
    if (l->f) {
        fputc('\n', l->f);
        fflush(l->f);
    }
    l->shown_partial = false;
}

/* A board's held output (see outbox.h). */
#include "sim/scenario/outbox.h"

#include <stdlib.h>

FILE *outbox_stream(struct outbox *b, FILE *dest)
{
    if (!dest)
        return NULL;
    for (int i = 0; i < b->n; i++)
        if (b->s[i].dest == dest)
            return b->s[i].buf;
    if (b->n == OUTBOX_STREAMS)
        return dest;                /* cannot happen with the engine's four destinations */
    FILE *buf = open_memstream(&b->s[b->n].text, &b->s[b->n].len);
    if (!buf)
        return NULL;
    b->s[b->n].dest = dest;
    b->s[b->n].buf = buf;
    return b->s[b->n++].buf;
}

void outbox_flush(struct outbox *b)
{
    for (int i = 0; i < b->n; i++) {
        fflush(b->s[i].buf);
        if (b->s[i].len) {
            fwrite(b->s[i].text, 1, b->s[i].len, b->s[i].dest);
            fflush(b->s[i].dest);
        }
        rewind(b->s[i].buf);        /* the next text reuses the buffer: len is the position */
    }
}

void outbox_close(struct outbox *b)
{
    outbox_flush(b);
    for (int i = 0; i < b->n; i++) {
        fclose(b->s[i].buf);
        free(b->s[i].text);
    }
    b->n = 0;
}

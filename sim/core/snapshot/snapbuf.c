/* Snapshot byte streams (see snapbuf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim/core/snapshot/snapbuf.h"

bool snap_grow(struct snap_writer *w, size_t n)
{
    if (w->failed)
        return false;
    size_t cap = w->cap ? w->cap : 4096;
    while (cap - w->len < n)
        cap *= 2;
    uint8_t *p = realloc(w->buf, cap);
    if (!p) {
        w->failed = true;
        return false;
    }
    w->buf = p;
    w->cap = cap;
    return true;
}

void snap_get(struct snap_reader *r, void *p, size_t n)
{
    if (!snap_ok(r) || r->len - r->pos < n) {
        if (snap_ok(r))
            snap_fail(r, "truncated: %zu bytes wanted at offset %zu of %zu", n, r->pos, r->len);
        memset(p, 0, n);
        return;
    }
    memcpy(p, r->buf + r->pos, n);
    r->pos += n;
}

bool snap_fail(struct snap_reader *r, const char *fmt, ...)
{
    if (!snap_ok(r))
        return false;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof(r->error), fmt, ap);
    va_end(ap);
    if (!r->error[0])
        snprintf(r->error, sizeof(r->error), "failed");
    return false;
}

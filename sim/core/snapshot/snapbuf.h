/* Snapshot byte streams: what devices, CPU backends and the clock write their state into and
 * read it back from. sim/core/snapshot/snapshot.c frames each part into a named section. */
#ifndef SIM_CORE_SNAPBUF_H
#define SIM_CORE_SNAPBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Appends bytes; grows as needed. Reused from save to save, so a machine's second and later
 * snapshots allocate nothing. */
struct snap_writer {
    uint8_t *buf;
    size_t len, cap;
    bool failed;                /* out of memory: what was written is incomplete */
};

/* Reads bytes back in the order they were written. A read past the end, or a part's own
 * complaint (snap_fail), sets error; later reads then return zeros, so a part's restore may
 * read everything and let its caller look at the error once. */
struct snap_reader {
    const uint8_t *buf;
    size_t len, pos;
    /* The state was written by another process (a snapshot file): host addresses the CPU
     * engine keeps in its own state are stale and must not be restored. */
    bool foreign;
    char error[256];            /* the first problem; empty while none */
};

bool snap_grow(struct snap_writer *w, size_t n);

static inline void snap_put(struct snap_writer *w, const void *p, size_t n)
{
    if (w->cap - w->len < n && !snap_grow(w, n))
        return;
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

void snap_get(struct snap_reader *r, void *p, size_t n);
/* Records why a restore cannot go on (the first reason is kept); returns false. */
bool snap_fail(struct snap_reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static inline bool snap_ok(const struct snap_reader *r)
{
    return r->error[0] == '\0';
}

static inline void snap_writer_free(struct snap_writer *w)
{
    free(w->buf);
    *w = (struct snap_writer){ 0 };
}

/* The bytes of the struct *p from field `first` up to (not including) field `end`, as the two
 * arguments of snap_put/snap_get: a device keeps its plain state (registers, counters, host
 * input; no pointers) together, between its wiring and its clock events. SNAP_TAIL: from
 * `first` to the end of the struct. */
#define SNAP_SPAN(p, first, end)                                                                \
    (void *)((char *)(p) + offsetof(__typeof__(*(p)), first)),                                   \
    (offsetof(__typeof__(*(p)), end) - offsetof(__typeof__(*(p)), first))
#define SNAP_TAIL(p, first)                                                                     \
    (void *)((char *)(p) + offsetof(__typeof__(*(p)), first)),                                   \
    (sizeof(*(p)) - offsetof(__typeof__(*(p)), first))

#endif

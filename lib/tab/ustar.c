/* ustar: write and read POSIX tar archives (see ustar.h; field layout from POSIX.1's "ustar
 * Interchange Format", GNU and pax extensions from GNU tar's manual, "Basic Tar Format"). */
#include "lib/tab/ustar.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Header field offsets and sizes. */
enum {
    H_NAME = 0, H_MODE = 100, H_UID = 108, H_GID = 116, H_SIZE = 124, H_MTIME = 136,
    H_CHKSUM = 148, H_TYPE = 156, H_MAGIC = 257, H_VERSION = 263, H_PREFIX = 345,
};
#define NAME_LEN    100
#define PREFIX_LEN  155

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static size_t round_block(size_t n)
{
    return (n + USTAR_BLOCK - 1) / USTAR_BLOCK * USTAR_BLOCK;
}

/* ---- writing ------------------------------------------------------------------------------ */

/* Makes room for n more bytes, zeroed. */
static uint8_t *grow(struct ustar_writer *w, size_t n)
{
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap : 8 * USTAR_BLOCK;
        while (cap < w->len + n)
            cap *= 2;
        uint8_t *d = realloc(w->data, cap);
        if (!d)
            return NULL;
        w->data = d;
        w->cap = cap;
    }
    uint8_t *p = w->data + w->len;
    memset(p, 0, n);
    w->len += n;
    return p;
}

/* Stores name, split into prefix "/" name when it is longer than the 100-byte field. */
static int put_name(uint8_t *h, const char *name, char *err, size_t errlen)
{
    size_t n = strlen(name);
    if (n == 0)
        return fail(err, errlen, "empty member name");
    if (n <= NAME_LEN) {
        memcpy(h + H_NAME, name, n);
        return 0;
    }
    for (size_t cut = n - 1; cut > 0; cut--)
        if (name[cut] == '/' && cut <= PREFIX_LEN && n - cut - 1 <= NAME_LEN && n - cut - 1 > 0) {
            memcpy(h + H_PREFIX, name, cut);
            memcpy(h + H_NAME, name + cut + 1, n - cut - 1);
            return 0;
        }
    return fail(err, errlen, "member name '%s' is too long for a ustar header (%zu bytes)", name, n);
}

static unsigned header_sum(const uint8_t *h)
{
    unsigned sum = 0;
    for (unsigned i = 0; i < USTAR_BLOCK; i++)
        sum += (i >= H_CHKSUM && i < H_CHKSUM + 8) ? ' ' : h[i];
    return sum;
}

int ustar_add(struct ustar_writer *w, const char *name, const void *data, size_t len,
              uint64_t mtime, char *err, size_t errlen)
{
    if ((uint64_t)len > 077777777777ull || mtime > 077777777777ull)
        return fail(err, errlen, "member '%s': size or time does not fit a ustar header", name);
    size_t at = w->len;
    uint8_t *h = grow(w, USTAR_BLOCK + round_block(len));
    if (!h)
        return fail(err, errlen, "out of memory");
    if (put_name(h, name, err, errlen)) {
        w->len = at;
        return -1;
    }
    snprintf((char *)h + H_MODE, 8, "%07o", 0644);
    snprintf((char *)h + H_UID, 8, "%07o", 0);
    snprintf((char *)h + H_GID, 8, "%07o", 0);
    snprintf((char *)h + H_SIZE, 12, "%011llo", (unsigned long long)len);
    snprintf((char *)h + H_MTIME, 12, "%011llo", (unsigned long long)mtime);
    h[H_TYPE] = '0';
    memcpy(h + H_MAGIC, "ustar", 6);            /* with its NUL */
    memcpy(h + H_VERSION, "00", 2);
    snprintf((char *)h + H_CHKSUM, 8, "%06o", header_sum(h));
    h[H_CHKSUM + 7] = ' ';                      /* "six octal digits, NUL, space" */
    if (len)
        memcpy(h + USTAR_BLOCK, data, len);
    return 0;
}

int ustar_finish(struct ustar_writer *w, char *err, size_t errlen)
{
    return grow(w, 2 * USTAR_BLOCK) ? 0 : fail(err, errlen, "out of memory");
}

void ustar_writer_free(struct ustar_writer *w)
{
    free(w->data);
    memset(w, 0, sizeof(*w));
}

/* ---- reading ------------------------------------------------------------------------------ */

void ustar_reader_init(struct ustar_reader *r, const uint8_t *buf, size_t len)
{
    memset(r, 0, sizeof(*r));
    r->buf = buf;
    r->len = len;
}

int ustar_is_tar(const uint8_t *buf, size_t len)
{
    return len >= USTAR_BLOCK && memcmp(buf + H_MAGIC, "ustar", 5) == 0;
}

/* A numeric field: octal digits (leading spaces, ended by NUL or space), or GNU base-256
 * (first byte's high bit set). Returns 0, or -1 if it holds anything else or overflows. */
static int number(const uint8_t *f, size_t n, uint64_t *v)
{
    *v = 0;
    if (f[0] & 0x80) {
        for (size_t i = 1; i < n; i++) {
            if (*v >> 56)
                return -1;
            *v = *v << 8 | f[i];
        }
        return (f[0] & 0x7f) ? -1 : 0;          /* sizes over 2^88: not ours */
    }
    size_t i = 0;
    while (i < n && f[i] == ' ')
        i++;
    for (; i < n && f[i] >= '0' && f[i] <= '7'; i++) {
        if (*v >> 60)
            return -1;
        *v = *v << 3 | (uint64_t)(f[i] - '0');
    }
    return (i == n || f[i] == 0 || f[i] == ' ') ? 0 : -1;
}

/* Checks the header at r->pos: magic, checksum, size; fills e's size, type, data. */
static int check_header(struct ustar_reader *r, struct ustar_entry *e, char *err, size_t errlen)
{
    const uint8_t *h = r->buf + r->pos;
    uint64_t stored, size;
    if (memcmp(h + H_MAGIC, "ustar", 5) != 0)
        return fail(err, errlen, "no tar header at byte offset %zu (no \"ustar\" magic at offset %zu)",
                    r->pos, r->pos + H_MAGIC);
    if (number(h + H_CHKSUM, 8, &stored) || stored != header_sum(h))
        return fail(err, errlen, "tar header at byte offset %zu: checksum mismatch (stored %llo, "
                    "computed %o)", r->pos, (unsigned long long)stored, header_sum(h));
    if (number(h + H_SIZE, 12, &size))
        return fail(err, errlen, "tar header at byte offset %zu: size field is not a number",
                    r->pos);
    size_t left = r->len - r->pos - USTAR_BLOCK;
    if (size > left)
        return fail(err, errlen, "truncated: the member at byte offset %zu needs %llu bytes of data, "
                    "only %zu remain", r->pos, (unsigned long long)size, left);
    e->header_offset = r->pos;
    e->size = (size_t)size;
    e->data = h + USTAR_BLOCK;
    e->type = (h[H_TYPE] == 0 || h[H_TYPE] == '7') ? '0' : (char)h[H_TYPE];
    return 0;
}

/* The member's own name: name field, after prefix "/" for POSIX ustar (GNU's format keeps
 * other fields where the prefix would be). */
static int header_name(const struct ustar_reader *r, char *out, char *err, size_t errlen)
{
    const uint8_t *h = r->buf + r->pos;
    size_t n = strnlen((const char *)h + H_NAME, NAME_LEN), p = 0;
    if (memcmp(h + H_MAGIC, "ustar\0", 6) == 0 && h[H_PREFIX]) {
        p = strnlen((const char *)h + H_PREFIX, PREFIX_LEN);
        memcpy(out, h + H_PREFIX, p);
        out[p++] = '/';
    }
    if (p + n > USTAR_NAME_MAX)
        return fail(err, errlen, "member name at byte offset %zu is too long", r->pos);
    memcpy(out + p, h + H_NAME, n);
    out[p + n] = 0;
    return 0;
}

/* Applies a pax extended header's records ("LEN key=value\n"): keeps "path". */
static int pax_records(struct ustar_reader *r, const struct ustar_entry *e, char *err, size_t errlen)
{
    size_t at = 0;
    while (at < e->size) {
        const char *rec = (const char *)e->data + at, *end = rec;
        size_t n = 0, room = e->size - at;
        while ((size_t)(end - rec) < room && *end >= '0' && *end <= '9' && n < room)
            n = n * 10 + (size_t)(*end++ - '0');
        size_t digits = (size_t)(end - rec);
        const char *eq = n > digits && n <= room ? memchr(end, '=', n - digits) : NULL;
        if (!eq || *end != ' ' || rec[n - 1] != '\n')
            return fail(err, errlen, "malformed pax record at byte offset %zu",
                        e->header_offset + USTAR_BLOCK + at);
        if ((size_t)(eq - end - 1) == 4 && memcmp(end + 1, "path", 4) == 0) {
            size_t vlen = (size_t)(rec + n - 1 - (eq + 1));
            if (vlen > USTAR_NAME_MAX)
                return fail(err, errlen, "pax path at byte offset %zu is too long", e->header_offset);
            memcpy(r->next_name, eq + 1, vlen);
            r->next_name[vlen] = 0;
        }
        at += n;
    }
    return 0;
}

/* Handles the records that describe the next member: GNU long name, pax headers. */
static int meta_record(struct ustar_reader *r, const struct ustar_entry *e, char *err, size_t errlen)
{
    if (e->type == 'L') {
        size_t n = strnlen((const char *)e->data, e->size);
        if (n > USTAR_NAME_MAX)
            return fail(err, errlen, "GNU long name at byte offset %zu is too long", e->header_offset);
        memcpy(r->next_name, e->data, n);
        r->next_name[n] = 0;
        return 0;
    }
    return e->type == 'x' ? pax_records(r, e, err, errlen) : 0;     /* 'g': global, unused */
}

static int zero_block(const uint8_t *b)
{
    for (unsigned i = 0; i < USTAR_BLOCK; i++)
        if (b[i])
            return 0;
    return 1;
}

int ustar_next(struct ustar_reader *r, struct ustar_entry *e, char *err, size_t errlen)
{
    for (;;) {
        if (r->pos == r->len)
            return 0;                   /* no end marker: the archive ends with the file */
        if (r->len - r->pos < USTAR_BLOCK)
            return fail(err, errlen, "truncated: %zu bytes at byte offset %zu, a tar header needs %u",
                        r->len - r->pos, r->pos, USTAR_BLOCK);
        if (zero_block(r->buf + r->pos))
            return 0;
        if (check_header(r, e, err, errlen) || header_name(r, e->name, err, errlen))
            return -1;
        size_t next = r->pos + USTAR_BLOCK + round_block(e->size);
        r->pos = next < r->len ? next : r->len;
        if (e->type == 'L' || e->type == 'x' || e->type == 'g') {
            if (meta_record(r, e, err, errlen))
                return -1;
            continue;
        }
        if (r->next_name[0]) {
            memcpy(e->name, r->next_name, sizeof(e->name));
            r->next_name[0] = 0;
        }
        return 1;
    }
}

/* Snapshot files (doc/snapshots.md has the format): a header, the state sections as saved in
 * memory, the RAM's non-zero 1 KiB chunks, and a CRC-32 of everything before it. All numbers
 * in the header are little-endian; the sections are this build's own bytes, which is why a
 * file is checked against the machine's own layout before it is used. */
#include "sim/core/snapshot/snapshot_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "boards-virtual/sim_boards.h"

#define FILE_MAGIC "TOCKSNAP"
#define FILE_VERSION 1u
#define FILE_HEADER 80u
#define FILE_CHUNK 1024u

struct file_header {
    uint32_t version, header_size;
    char board[16];
    uint32_t ram_base, ram_size, flash_size, flash_crc;
    uint64_t cycles, hz, state_len, ram_len;
};

/* CRC-32 and total size of the machine's flash (what the kernel and apps were loaded into). */
static uint32_t flash_crc(struct machine *m, uint32_t *size)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    *size = 0;
    for (int i = 0; i < m->bus.count; i++) {
        const struct bus_region *r = &m->bus.regions[i];
        if (r->kind == REGION_FLASH) {
            crc = crc32(crc, r->host, r->size);
            *size += r->size;
        }
    }
    return (uint32_t)crc;
}

static void put_le(struct snap_writer *w, uint64_t v, int bytes)
{
    uint8_t b[8];
    for (int i = 0; i < bytes; i++)
        b[i] = (uint8_t)(v >> (8 * i));
    snap_put(w, b, (size_t)bytes);
}

static uint64_t get_le(const uint8_t *p, int bytes)
{
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void put_header(struct snap_writer *w, const struct file_header *h)
{
    snap_put(w, FILE_MAGIC, 8);
    put_le(w, h->version, 4);
    put_le(w, h->header_size, 4);
    snap_put(w, h->board, sizeof(h->board));
    const uint32_t words[] = { h->ram_base, h->ram_size, h->flash_size, h->flash_crc };
    for (int i = 0; i < 4; i++)
        put_le(w, words[i], 4);
    const uint64_t longs[] = { h->cycles, h->hz, h->state_len, h->ram_len };
    for (int i = 0; i < 4; i++)
        put_le(w, longs[i], 8);
}

static void get_header(const uint8_t *p, struct file_header *h)
{
    h->version = (uint32_t)get_le(p + 8, 4);
    h->header_size = (uint32_t)get_le(p + 12, 4);
    memcpy(h->board, p + 16, sizeof(h->board));
    h->board[sizeof(h->board) - 1] = '\0';
    uint32_t *words[] = { &h->ram_base, &h->ram_size, &h->flash_size, &h->flash_crc };
    for (int i = 0; i < 4; i++)
        *words[i] = (uint32_t)get_le(p + 32 + 4 * i, 4);
    uint64_t *longs[] = { &h->cycles, &h->hz, &h->state_len, &h->ram_len };
    for (int i = 0; i < 4; i++)
        *longs[i] = get_le(p + 48 + 8 * i, 8);
}

/* The RAM section: (offset, length, bytes) for every 1 KiB chunk of the copy that is not zero. */
static void put_ram(struct snap_writer *w, const struct snap_ram *ram)
{
    for (size_t i = 0; i < ram->npages; i++) {
        size_t len;
        const uint8_t *page = snap_ram_page(ram, i, &len);
        for (size_t off = 0; off < len; off += FILE_CHUNK) {
            size_t n = len - off < FILE_CHUNK ? len - off : FILE_CHUNK;
            if (page == ram->zero || memcmp(page + off, ram->zero, n) == 0)
                continue;
            put_le(w, i * ram->page + off, 4);
            put_le(w, n, 4);
            snap_put(w, page + off, n);
        }
    }
}

static bool write_all(const char *path, const struct snap_writer *w, char *err, size_t errlen)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(w->buf, 1, w->len, f) == w->len;
    if (f && fclose(f) != 0)
        ok = false;
    if (!ok)
        snprintf(err, errlen, "%s: cannot write the snapshot: %s", path, strerror(errno));
    return ok;
}

bool snapshot_write_file(struct machine *m, const struct snapshot *s, const char *path,
                         char *err, size_t errlen)
{
    if (!s->valid) {
        snprintf(err, errlen, "%s: the snapshot holds no state to write", path);
        return false;
    }
    struct file_header h = { .version = FILE_VERSION, .header_size = FILE_HEADER,
                             .ram_base = s->ram.base, .ram_size = s->ram.size, .cycles = s->now,
                             .hz = s->hz, .state_len = s->state.len };
    snprintf(h.board, sizeof(h.board), "%s", s->desc->name);
    h.flash_crc = flash_crc(m, &h.flash_size);
    struct snap_writer body = { 0 }, w = { 0 };
    put_ram(&body, &s->ram);
    h.ram_len = body.len;
    put_header(&w, &h);
    snap_put(&w, s->state.buf, s->state.len);
    snap_put(&w, body.buf, body.len);
    put_le(&w, crc32(crc32(0L, Z_NULL, 0), w.buf, (uInt)w.len), 4);
    bool ok = !w.failed && !body.failed;
    if (!ok)
        snprintf(err, errlen, "%s: out of memory", path);
    ok = ok && write_all(path, &w, err, errlen);
    snap_writer_free(&body);
    snap_writer_free(&w);
    return ok;
}

/* ---- reading ------------------------------------------------------------------------------- */

static uint8_t *read_all(const char *path, size_t *size, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, n = 1;
    while (f && n > 0) {
        if (cap - len < 65536) {
            uint8_t *p = realloc(buf, cap = cap ? cap * 2 : 1u << 20);
            if (!p)
                break;
            buf = p;
        }
        n = fread(buf + len, 1, cap - len, f);
        len += n;
    }
    if (!f || ferror(f) || n > 0) {
        snprintf(err, errlen, "%s: cannot read the snapshot: %s", path, f ? "read error or out of memory" : strerror(errno));
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    *size = len;
    return buf;
}

/* The file's own consistency: magic, version, the sizes the header announces, the CRC. */
static bool check_file(const char *path, const uint8_t *p, size_t size, struct file_header *h,
                       char *err, size_t errlen)
{
    if (size < 8 || memcmp(p, FILE_MAGIC, 8) != 0 || size < FILE_HEADER + 4) {
        snprintf(err, errlen, "%s: not a tocksim snapshot (%s)", path,
                 size >= 8 && memcmp(p, FILE_MAGIC, 8) == 0 ? "too short for its header" : "no TOCKSNAP magic");
        return false;
    }
    get_header(p, h);
    if (h->version != FILE_VERSION || h->header_size != FILE_HEADER) {
        snprintf(err, errlen, "%s: snapshot format version %u (header of %u bytes); this tocksim "
                 "reads version %u", path, h->version, h->header_size, FILE_VERSION);
        return false;
    }
    uint64_t want = FILE_HEADER + 4 + (h->state_len < size ? h->state_len : size) +
                    (h->ram_len < size ? h->ram_len : size);
    if (h->state_len >= size || h->ram_len >= size || want != size) {
        snprintf(err, errlen, "%s: %s: the header announces %llu bytes, the file has %zu", path,
                 want > size ? "truncated" : "bytes after the end", (unsigned long long)want, size);
        return false;
    }
    uint32_t stored = (uint32_t)get_le(p + size - 4, 4);
    uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), p, (uInt)(size - 4));
    if (stored != crc) {
        snprintf(err, errlen, "%s: corrupt: the file's CRC-32 says 0x%08x, its contents give 0x%08x",
                 path, stored, crc);
        return false;
    }
    return true;
}

/* The file against the machine it is for: board, RAM, clock, flash. */
static bool check_machine(const char *path, const struct file_header *h, struct machine *m,
                          char *err, size_t errlen)
{
    struct bus_region *ram = snapshot_ram_region(m);
    uint32_t fsize, fcrc = flash_crc(m, &fsize);
    if (strcmp(h->board, m->desc->name) != 0)
        snprintf(err, errlen, "%s: a snapshot of board %s, not %s", path, h->board, m->desc->name);
    else if (!ram || h->ram_size != ram->size || h->ram_base != ram->base)
        snprintf(err, errlen, "%s: a snapshot of %u bytes of RAM at 0x%08x; this machine has %u at "
                 "0x%08x (--ram)", path, h->ram_size, h->ram_base, ram ? ram->size : 0, ram ? ram->base : 0);
    else if (h->hz != m->clock.hz)
        snprintf(err, errlen, "%s: a snapshot of a %llu Hz CPU, this one runs at %llu Hz", path,
                 (unsigned long long)h->hz, (unsigned long long)m->clock.hz);
    else if (fsize != h->flash_size || fcrc != h->flash_crc)
        snprintf(err, errlen, "%s: the flash differs from the snapshot's (CRC-32 0x%08x, the "
                 "snapshot's 0x%08x): load the same kernel and apps, in the same order", path,
                 fcrc, h->flash_crc);
    else
        return true;
    return false;
}

static bool load_ram(struct snapshot *s, const uint8_t *p, uint64_t len)
{
    uint64_t pos = 0;
    while (pos < len) {
        if (len - pos < 8)
            return false;
        uint32_t off = (uint32_t)get_le(p + pos, 4), n = (uint32_t)get_le(p + pos + 4, 4);
        pos += 8;
        if (n > len - pos || !snap_ram_load(&s->ram, off, p + pos, n))
            return false;
        pos += n;
    }
    return true;
}

static struct snapshot *from_file(struct machine *m, const char *path, const uint8_t *p,
                                  const struct file_header *h, char *err, size_t errlen)
{
    char why[300];
    struct snapshot *s = snapshot_new(m, why, sizeof(why));
    if (!s) {
        snprintf(err, errlen, "%s: %s", path, why);
        return NULL;
    }
    snap_put(&s->state, p + FILE_HEADER, h->state_len);
    if (!load_ram(s, p + FILE_HEADER + h->state_len, h->ram_len))
        snprintf(why, sizeof(why), "corrupt RAM section (a chunk outside the RAM)");
    else if (snapshot_check_layout(m, s, why, sizeof(why)) && !s->state.failed) {
        s->now = h->cycles;
        s->hz = h->hz;
        s->valid = true;
        s->foreign = true;
        return s;
    }
    snprintf(err, errlen, "%s: %s", path, s->state.failed ? "out of memory" : why);
    snapshot_free(s);
    return NULL;
}

struct snapshot *snapshot_read_file(struct machine *m, const char *path, char *err, size_t errlen)
{
    size_t size = 0;
    struct file_header h;
    struct snapshot *s = NULL;
    uint8_t *p = read_all(path, &size, err, errlen);
    if (p && check_file(path, p, size, &h, err, errlen) && check_machine(path, &h, m, err, errlen))
        s = from_file(m, path, p, &h, err, errlen);
    free(p);
    return s;
}

/* A snapshot's copy of guest RAM (see snapshot_ram.h). */
#include "sim/core/snapshot/snapshot_ram.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGEMAP_PRESENT (1ull << 63)
#define PAGEMAP_SWAPPED (1ull << 62)

bool snap_ram_init(struct snap_ram *s, const struct bus_region *ram)
{
    memset(s, 0, sizeof(*s));
    s->base = ram->base;
    s->size = ram->size;
    s->page = (size_t)sysconf(_SC_PAGESIZE);
    s->npages = (ram->size + s->page - 1) / s->page;
    /* Its own mapping, like the RAM's: pages the copy never holds cost nothing. */
    s->copy = mmap(NULL, s->npages * s->page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (s->copy == MAP_FAILED)
        s->copy = NULL;
    s->held = calloc(s->npages, 1);
    s->pagemap = calloc(s->npages, sizeof(uint64_t));
    s->zero = calloc(1, s->page);
    return s->copy && s->held && s->pagemap && s->zero;
}

void snap_ram_free(struct snap_ram *s)
{
    if (s->copy)
        munmap(s->copy, s->npages * s->page);
    free(s->held);
    free(s->pagemap);
    free(s->zero);
    memset(s, 0, sizeof(*s));
}

/* Fills s->pagemap for the RAM's host pages; false if pagemap cannot tell (then every page
 * counts as touched). */
static bool read_pagemap(struct snap_ram *s, const struct bus_region *ram, int fd)
{
    if (fd < 0)
        return false;
    size_t want = s->npages * sizeof(uint64_t);
    off_t at = (off_t)((uintptr_t)ram->host / s->page * sizeof(uint64_t));
    return pread(fd, s->pagemap, want, at) == (ssize_t)want;
}

static bool touched(const struct snap_ram *s, bool known, size_t i)
{
    return !known || (s->pagemap[i] & (PAGEMAP_PRESENT | PAGEMAP_SWAPPED));
}

static size_t page_len(const struct snap_ram *s, size_t i)
{
    size_t off = i * s->page;
    return s->size - off < s->page ? s->size - off : s->page;
}

void snap_ram_save(struct snap_ram *s, const struct bus_region *ram, int pagemap_fd)
{
    bool known = read_pagemap(s, ram, pagemap_fd);
    for (size_t i = 0; i < s->npages; i++) {
        size_t off = i * s->page, len = page_len(s, i);
        if (touched(s, known, i)) {
            memcpy(s->copy + off, ram->host + off, len);
            s->held[i] = 1;
        } else if (s->held[i]) {
            memset(s->copy + off, 0, len);      /* never read the RAM page: it would map it */
            s->held[i] = 0;
        }
    }
}

/* Consecutive rewritten pages, reported as one range. */
struct changes {
    void (*fn)(void *ctx, uint32_t addr, uint32_t len);
    void *ctx;
    uint32_t begin, end;
};

static void note_change(struct changes *c, uint32_t addr, uint32_t len)
{
    if (c->end != c->begin && c->end != addr) {
        c->fn(c->ctx, c->begin, c->end - c->begin);
        c->begin = c->end = addr;
    }
    if (c->end == c->begin)
        c->begin = c->end = addr;
    c->end += len;
}

unsigned snap_ram_restore(struct snap_ram *s, struct bus_region *ram, int pagemap_fd,
                          void (*changed)(void *ctx, uint32_t addr, uint32_t len), void *ctx)
{
    bool known = read_pagemap(s, ram, pagemap_fd);
    struct changes c = { changed, ctx, 0, 0 };
    unsigned n = 0;
    for (size_t i = 0; i < s->npages; i++) {
        bool t = touched(s, known, i);
        if (!t && !s->held[i])
            continue;                           /* zero in both */
        size_t off = i * s->page, len = page_len(s, i);
        const uint8_t *want = s->held[i] ? s->copy + off : s->zero;
        if (t && memcmp(ram->host + off, want, len) == 0)
            continue;
        memcpy(ram->host + off, want, len);
        note_change(&c, s->base + (uint32_t)off, (uint32_t)len);
        n++;
    }
    if (c.end != c.begin)
        changed(ctx, c.begin, c.end - c.begin);
    return n;
}

const uint8_t *snap_ram_page(const struct snap_ram *s, size_t i, size_t *len)
{
    *len = page_len(s, i);
    return s->held[i] ? s->copy + i * s->page : s->zero;
}

bool snap_ram_load(struct snap_ram *s, uint32_t off, const uint8_t *data, uint32_t len)
{
    if (off > s->size || len > s->size - off)
        return false;
    memcpy(s->copy + off, data, len);
    for (size_t p = off / s->page; len && p <= (off + len - 1) / s->page; p++)
        s->held[p] = 1;
    return true;
}

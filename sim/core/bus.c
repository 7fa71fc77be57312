/* The bus (see bus.h): a small table of regions, looked up linearly. The CPU backend maps the
 * same regions into Unicorn; this table serves the loader, device dispatch and unit tests. */
#include "sim/core/bus.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

void bus_init(struct bus *b)
{
    memset(b, 0, sizeof(*b));
}

void bus_free(struct bus *b)
{
    for (int i = 0; i < b->count; i++)
        if (b->regions[i].host)
            munmap(b->regions[i].host, b->regions[i].size);
    memset(b, 0, sizeof(*b));
}

static bool overlaps(const struct bus_region *r, uint32_t base, uint32_t size)
{
    uint64_t a0 = r->base, a1 = (uint64_t)r->base + r->size;
    uint64_t b0 = base, b1 = (uint64_t)base + size;
    return a0 < b1 && b0 < a1;
}

static struct bus_region *add_region(struct bus *b, const char *name, enum region_kind kind,
                                     uint32_t base, uint32_t size)
{
    if (b->count == BUS_MAX_REGIONS || size == 0 || (uint64_t)base + size > 0x100000000ull)
        return NULL;
    for (int i = 0; i < b->count; i++)
        if (overlaps(&b->regions[i], base, size))
            return NULL;
    struct bus_region *r = &b->regions[b->count++];
    memset(r, 0, sizeof(*r));
    r->name = name;
    r->kind = kind;
    r->base = base;
    r->size = size;
    return r;
}

struct bus_region *bus_map_memory(struct bus *b, const char *name, enum region_kind kind,
                                  uint32_t base, uint32_t size)
{
    /* Its own mapping, not the heap: zero pages appear as the guest touches them (a board's
     * megabytes of RAM and flash cost nothing until used), and the heap stays small. */
    uint8_t *host = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (host == MAP_FAILED)
        return NULL;
    struct bus_region *r = add_region(b, name, kind, base, size);
    if (!r) {
        munmap(host, size);
        return NULL;
    }
    r->host = host;
    return r;
}

struct bus_region *bus_map_device(struct bus *b, const char *name, uint32_t base, uint32_t size,
                                  const struct device_ops *ops, void *dev)
{
    struct bus_region *r = add_region(b, name, REGION_DEVICE, base, size);
    if (r) {
        r->ops = ops;
        r->dev = dev;
    }
    return r;
}

const struct bus_region *bus_first_of_kind(const struct bus *b, enum region_kind kind)
{
    for (int i = 0; i < b->count; i++)
        if (b->regions[i].kind == kind)
            return &b->regions[i];
    return NULL;
}

struct bus_region *bus_find(struct bus *b, uint32_t addr)
{
    for (int i = 0; i < b->count; i++) {
        struct bus_region *r = &b->regions[i];
        if (addr - r->base < r->size)
            return r;
    }
    return NULL;
}

/* The region holding all of [addr, addr+size), or NULL. */
static struct bus_region *find_span(struct bus *b, uint32_t addr, uint64_t size)
{
    struct bus_region *r = bus_find(b, addr);
    if (!r || (uint64_t)(addr - r->base) + size > r->size)
        return NULL;
    return r;
}

enum bus_status bus_read(struct bus *b, uint32_t addr, unsigned size, uint32_t *value)
{
    struct bus_region *r = find_span(b, addr, size);
    *value = 0;
    if (!r)
        return BUS_UNMAPPED;
    if (addr & (size - 1))
        return BUS_MISALIGNED;
    if (r->kind == REGION_DEVICE) {
        *value = r->ops->read(r->dev, addr - r->base, size);
        return BUS_OK;
    }
    const uint8_t *p = r->host + (addr - r->base);
    for (unsigned i = 0; i < size; i++)
        *value |= (uint32_t)p[i] << (8 * i);
    return BUS_OK;
}

enum bus_status bus_write(struct bus *b, uint32_t addr, unsigned size, uint32_t value)
{
    struct bus_region *r = find_span(b, addr, size);
    if (!r)
        return BUS_UNMAPPED;
    if (addr & (size - 1))
        return BUS_MISALIGNED;
    if (r->kind == REGION_FLASH)
        return BUS_READ_ONLY;
    if (r->kind == REGION_DEVICE) {
        r->ops->write(r->dev, addr - r->base, value, size);
        return BUS_OK;
    }
    uint8_t *p = r->host + (addr - r->base);
    for (unsigned i = 0; i < size; i++)
        p[i] = (uint8_t)(value >> (8 * i));
    return BUS_OK;
}

bool bus_peek(struct bus *b, uint32_t addr, void *out, size_t len)
{
    struct bus_region *r = find_span(b, addr, len);
    if (!r || r->kind == REGION_DEVICE)
        return false;
    memcpy(out, r->host + (addr - r->base), len);
    return true;
}

enum bus_status bus_load(struct bus *b, uint32_t addr, const void *data, size_t len)
{
    if (len == 0)
        return BUS_OK;
    struct bus_region *r = find_span(b, addr, len);
    if (!r)
        return BUS_UNMAPPED;
    if (r->kind == REGION_DEVICE)
        return BUS_UNMAPPED;
    memcpy(r->host + (addr - r->base), data, len);
    return BUS_OK;
}

const char *bus_status_name(enum bus_status s)
{
    switch (s) {
    case BUS_OK: return "ok";
    case BUS_UNMAPPED: return "no memory or device at this address";
    case BUS_READ_ONLY: return "read-only memory";
    case BUS_MISALIGNED: return "misaligned access";
    }
    return "?";
}

/* DMA: a device copying to or from guest memory, never through another device. */
static bool dma_read(void *ctx, uint32_t addr, void *buf, size_t len)
{
    return bus_peek(ctx, addr, buf, len);
}

static bool dma_write(void *ctx, uint32_t addr, const void *buf, size_t len)
{
    struct bus_region *r = find_span(ctx, addr, len);
    if (!r || r->kind != REGION_RAM)
        return false;
    memcpy(r->host + (addr - r->base), buf, len);
    return true;
}

void bus_dma_init(struct device_dma *d, struct bus *b)
{
    *d = (struct device_dma){ dma_read, dma_write, b };
}

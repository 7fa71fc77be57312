/* A debugger's view of the bus (bus.h, bus_debug_read/write): memory as bytes, device
 * registers through their side-effect-free peek. */
#include "sim/core/bus.h"

#include <string.h>

/* Bytes [addr, addr+n) of one device region, from the words that hold them. */
static bool device_read(struct bus_region *r, uint32_t addr, uint8_t *out, size_t n)
{
    if (!r->ops->peek)
        return false;
    for (size_t i = 0; i < n; i++) {
        uint32_t off = addr + (uint32_t)i - r->base, word;
        if (!r->ops->peek(r->dev, off & ~3u, &word))
            return false;
        out[i] = (uint8_t)(word >> (8 * (off & 3)));
    }
    return true;
}

size_t bus_debug_read(struct bus *b, uint32_t addr, void *out, size_t len)
{
    uint8_t *o = out;
    size_t done = 0;
    while (done < len) {
        uint32_t a = addr + (uint32_t)done;
        struct bus_region *r = bus_find(b, a);
        if (!r)
            break;
        size_t n = r->size - (a - r->base);
        n = n < len - done ? n : len - done;
        if (r->kind != REGION_DEVICE)
            memcpy(o + done, r->host + (a - r->base), n);
        else if (!device_read(r, a, o + done, n))
            break;
        done += n;
    }
    return done;
}

/* The widest guest write (4, 2, 1 bytes) that fits at addr, aligned, within n bytes. */
static unsigned write_size(uint32_t addr, size_t n)
{
    if ((addr & 3) == 0 && n >= 4)
        return 4;
    return (addr & 1) == 0 && n >= 2 ? 2 : 1;
}

size_t bus_debug_write(struct bus *b, uint32_t addr, const void *data, size_t len)
{
    const uint8_t *d = data;
    size_t done = 0;
    while (done < len) {
        uint32_t a = addr + (uint32_t)done;
        struct bus_region *r = bus_find(b, a);
        if (!r)
            break;
        if (r->kind != REGION_DEVICE) {
            size_t n = r->size - (a - r->base);
            n = n < len - done ? n : len - done;
            memcpy(r->host + (a - r->base), d + done, n);
            done += n;
            continue;
        }
        unsigned size = write_size(a, len - done);
        uint32_t v = 0;
        for (unsigned i = 0; i < size; i++)
            v |= (uint32_t)d[done + i] << (8 * i);
        r->ops->write(r->dev, a - r->base, v, size);
        done += size;
    }
    return done;
}

/* The bus: the machine's physical address map of RAM, flash and device regions. */
#ifndef SIM_BUS_H
#define SIM_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/device.h"

#define BUS_MAX_REGIONS 32

enum region_kind { REGION_RAM, REGION_FLASH, REGION_DEVICE };

struct bus_region {
    const char *name;
    enum region_kind kind;
    uint32_t base;
    uint32_t size;
    uint8_t *host;                      /* RAM/flash contents (owned by the bus) */
    const struct device_ops *ops;       /* devices only */
    void *dev;                          /* device state */
    void *owner;                        /* the CPU backend's context for this region */
};

enum bus_status { BUS_OK, BUS_UNMAPPED, BUS_READ_ONLY, BUS_MISALIGNED };

struct bus {
    struct bus_region regions[BUS_MAX_REGIONS];
    int count;
};

void bus_init(struct bus *b);
void bus_free(struct bus *b);
/* Maps zeroed memory. Flash is read-only to the guest but writable by bus_load. Returns the
 * region, or NULL (overlap, table full, out of memory). */
struct bus_region *bus_map_memory(struct bus *b, const char *name, enum region_kind kind,
                                  uint32_t base, uint32_t size);
struct bus_region *bus_map_device(struct bus *b, const char *name, uint32_t base, uint32_t size,
                                  const struct device_ops *ops, void *dev);
/* The region containing addr, or NULL. */
struct bus_region *bus_find(struct bus *b, uint32_t addr);
/* The first region of this kind in the map (e.g. the flash the CPU backends translate code
 * from), or NULL. */
const struct bus_region *bus_first_of_kind(const struct bus *b, enum region_kind kind);
/* Guest-view accesses of 1, 2 or 4 bytes (little-endian); flash writes fail with BUS_READ_ONLY. */
enum bus_status bus_read(struct bus *b, uint32_t addr, unsigned size, uint32_t *value);
enum bus_status bus_write(struct bus *b, uint32_t addr, unsigned size, uint32_t value);
/* Host access: copies bytes out of RAM or flash; false unless [addr, addr+len) lies wholly in
 * one memory region (a device, nothing, or a span across regions). */
bool bus_peek(struct bus *b, uint32_t addr, void *out, size_t len);
/* Loader access: copies bytes into RAM or flash; fails unless [addr, addr+len) lies wholly in
 * one memory region. */
enum bus_status bus_load(struct bus *b, uint32_t addr, const void *data, size_t len);
const char *bus_status_name(enum bus_status s);
/* A device_dma over the bus: reads from RAM or flash, writes to RAM only (ctx = the bus). */
void bus_dma_init(struct device_dma *d, struct bus *b);

/* A debugger's accesses (sim/core/bus_debug.c), across regions. Reads of RAM and flash copy
 * bytes; device registers are read with the device's peek (no side effects), by whole words,
 * and fail for a device without one. Writes go into RAM and flash (flash too: a debugger may
 * patch it) and to devices as guest writes of 1, 2 or 4 aligned bytes. Return the number of
 * bytes done from addr on (the access stops at the first byte that cannot be). */
size_t bus_debug_read(struct bus *b, uint32_t addr, void *out, size_t len);
size_t bus_debug_write(struct bus *b, uint32_t addr, const void *data, size_t len);

#endif

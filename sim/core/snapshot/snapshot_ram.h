/* A snapshot's copy of guest RAM, restored by putting back only the pages that differ. */
#ifndef SIM_CORE_SNAPSHOT_RAM_H
#define SIM_CORE_SNAPSHOT_RAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/bus.h"

/*
 * Guest RAM is a host mapping of zero pages that the guest fills as it touches them. Which host
 * pages were ever touched (present or swapped) is one pread of /proc/self/pagemap (~4 us for
 * 2 MiB of RAM, 0.5 us for 64 KiB): an untouched page still reads zero, so a page neither
 * touched in the machine nor held in the copy cannot differ, and only the others are compared
 * (memcmp). A board of 2 MiB whose kernel and apps use 100 KiB compares 100 KiB, not 2 MiB
 * (~150 us). Without pagemap every page is compared. Measured in doc/snapshots.md.
 */
struct snap_ram {
    uint32_t base, size;            /* the guest RAM region */
    size_t page;                    /* host page size: the unit of tracking and copying */
    size_t npages;
    uint8_t *copy;                  /* RAM as saved: a mapping whose unheld pages stay zero */
    uint8_t *held;                  /* per page: the copy holds what was saved (else zeros) */
    uint64_t *pagemap;              /* scratch: the RAM's pagemap entries */
    uint8_t *zero;                  /* a page of zeros */
};

/* Sets s up for the RAM region; false if out of memory. */
bool snap_ram_init(struct snap_ram *s, const struct bus_region *ram);
void snap_ram_free(struct snap_ram *s);
/* Copies the touched pages of RAM. pagemap_fd: /proc/self/pagemap, or -1. */
void snap_ram_save(struct snap_ram *s, const struct bus_region *ram, int pagemap_fd);
/* Puts back every page of RAM that differs from the copy; changed(ctx, addr, len) hears of
 * each rewritten range (consecutive pages merged). Returns the number of pages rewritten. */
unsigned snap_ram_restore(struct snap_ram *s, struct bus_region *ram, int pagemap_fd,
                          void (*changed)(void *ctx, uint32_t addr, uint32_t len), void *ctx);
/* The bytes of page i of the copy (the zero page when it holds none) and its length. */
const uint8_t *snap_ram_page(const struct snap_ram *s, size_t i, size_t *len);
/* Stores len bytes at offset off of the copy (a snapshot file's RAM); false if outside. */
bool snap_ram_load(struct snap_ram *s, uint32_t off, const uint8_t *data, uint32_t len);

#endif

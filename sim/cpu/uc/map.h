/* The bus mapped into Unicorn: memory directly, devices and a mirror of memory through MMIO. */
#ifndef SIM_UC_MAP_H
#define SIM_UC_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#include "sim/core/bus.h"

/* Called after every device register access (addr: the bus address), in the middle of a
 * block: a backend keeps its slice deadline in step with the devices here. */
typedef void uc_map_after_device_fn(void *cpu, uint32_t addr);

/* Interface:
 * - each RAM/flash region is mapped at its bus address (host memory, full speed) and mirrored
 *   at alias_base + (region index << 24) as MMIO: every access to the mirror is done by a
 *   callback, counted in *slow_accesses, and flushes the TLB, so a page mapped to the mirror
 *   (a page only partly allowed by the MPU/PMP) is checked again at its next access;
 * - each device region is MMIO whose callbacks call the device's ops, then after_device.
 * Lives inside the backend's state; the bus regions' `owner` points to it. */
struct uc_map {
    uc_engine *uc;
    struct bus *bus;
    uint32_t alias_base;
    uint64_t *slow_accesses;
    uc_map_after_device_fn *after_device;
    void *cpu;
};

/* Maps every bus region (m filled in by the caller); false with a message in err if Unicorn
 * refuses one. */
bool uc_map_bus(struct uc_map *m, char *err, unsigned errlen);
/* A TLB entry for one access of `type` to a page only partly allowed, already judged allowed:
 * fetches and devices at the page itself, memory data through the mirror. */
void uc_map_grant_once(const struct uc_map *m, uint32_t page, uc_mem_type type, uc_tlb_entry *e);

#endif

/* The bus mapped into Unicorn (sim/cpu/uc/map.h), the same for every CPU backend. What the MPU or PMP
 * allows is the backends' business (their TLB fill hooks); this file only provides the
 * mappings those hooks choose between. */
#include <stdio.h>
#include <string.h>

#include "sim/cpu/uc/map.h"

static uint64_t on_device_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    (void)uc;
    struct bus_region *r = ud;
    struct uc_map *m = r->owner;
    uint32_t v = r->ops->read(r->dev, (uint32_t)off, size);
    m->after_device(m->cpu, r->base + (uint32_t)off);
    return v;
}

static void on_device_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *ud)
{
    (void)uc;
    struct bus_region *r = ud;
    struct uc_map *m = r->owner;
    r->ops->write(r->dev, (uint32_t)off, (uint32_t)value, size);
    m->after_device(m->cpu, r->base + (uint32_t)off);
}

/* The mirror of a memory region: every access comes here. */
static uint64_t on_alias_read(uc_engine *uc, uint64_t off, unsigned size, void *ud)
{
    struct bus_region *r = ud;
    struct uc_map *m = r->owner;
    uint64_t v = 0;
    memcpy(&v, r->host + off, size);        /* little-endian host, as the guest */
    (*m->slow_accesses)++;
    uc_ctl_flush_tlb(uc);
    return v;
}

static void on_alias_write(uc_engine *uc, uint64_t off, unsigned size, uint64_t value, void *ud)
{
    struct bus_region *r = ud;
    struct uc_map *m = r->owner;
    memcpy(r->host + off, &value, size);
    (*m->slow_accesses)++;
    uc_ctl_flush_tlb(uc);
}

static bool map_region(struct uc_map *m, int idx, char *err, unsigned errlen)
{
    struct bus_region *r = &m->bus->regions[idx];
    uc_err e;
    r->owner = m;
    if (r->kind == REGION_DEVICE) {
        e = uc_mmio_map(m->uc, r->base, r->size, on_device_read, r, on_device_write, r);
    } else {
        e = uc_mem_map_ptr(m->uc, r->base, r->size, UC_PROT_ALL, r->host);
        if (e == UC_ERR_OK)
            e = uc_mmio_map(m->uc, m->alias_base + ((uint32_t)idx << 24), r->size, on_alias_read, r,
                            on_alias_write, r);
    }
    if (e != UC_ERR_OK) {
        snprintf(err, errlen, "cannot map %s at 0x%08x (%u bytes): %s", r->name, r->base, r->size,
                 uc_strerror(e));
        return false;
    }
    return true;
}

bool uc_map_bus(struct uc_map *m, char *err, unsigned errlen)
{
    for (int i = 0; i < m->bus->count; i++)
        if (!map_region(m, i, err, errlen))
            return false;
    return true;
}

/* Where the mirror shows the memory at addr. */
static uint32_t alias_of(const struct uc_map *m, const struct bus_region *r, uint32_t addr)
{
    int idx = (int)(r - m->bus->regions);
    return m->alias_base + ((uint32_t)idx << 24) + (addr - r->base);
}

void uc_map_grant_once(const struct uc_map *m, uint32_t page, uc_mem_type type, uc_tlb_entry *e)
{
    const struct bus_region *r = bus_find(m->bus, page);
    bool device = r->kind == REGION_DEVICE;
    e->paddr = (type == UC_MEM_FETCH || device) ? page : alias_of(m, r, page);
    e->perms = type == UC_MEM_FETCH ? UC_PROT_EXEC : type == UC_MEM_WRITE ? UC_PROT_WRITE : UC_PROT_READ;
}

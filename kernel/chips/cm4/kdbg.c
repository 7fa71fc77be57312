/* cm4 chip: the tocksim kernel-debug device (doc/devices/kdbg.md). An event is a few register
 * writes: PID, SLOT, the arguments it uses, then its kind to EVENT (which commits it). Only
 * CREATED carries the name, one character per write to NAME. Absent on QEMU (ID reads 0),
 * where this driver does nothing. */
#include <stdint.h>

#include "kernel/chips/cm4/kdbg.h"

/* Register indexes (word offsets); ARG4.. follow RAM_SIZE (register map version 3). */
enum { ID, VERSION, PID, SLOT, ARG0, ARG1, ARG2, ARG3, NAME, EVENT, RAM_SIZE, ARG4 };
enum { EV_CREATED = 1, EV_STATE, EV_FAULT, EV_SWITCH, EV_SYSCALL, EV_LAYOUT, EV_ALLOW };

static volatile uint32_t *regs(const struct cm4_kdbg *k)
{
    return (volatile uint32_t *)k->base;
}

/* Writes PID and SLOT, then commits kind with the arguments already written. */
static void commit(const struct cm4_kdbg *k, uint32_t kind, uint32_t pid, unsigned slot)
{
    volatile uint32_t *r = regs(k);
    r[PID] = pid;
    r[SLOT] = slot;
    r[EVENT] = kind;
}

static void kdbg_created(void *dev, uint32_t pid, unsigned slot, const char *name,
                         unsigned len, unsigned restarts)
{
    struct cm4_kdbg *k = dev;
    if (!k->present)
        return;
    for (unsigned i = 0; i < len; i++)
        regs(k)[NAME] = (uint8_t)name[i];
    regs(k)[ARG0] = restarts;
    commit(k, EV_CREATED, pid, slot);
}

static void kdbg_state(void *dev, uint32_t pid, unsigned slot, enum procev_state state,
                       unsigned restarts, uint32_t mem_used, uint32_t mem_size)
{
    struct cm4_kdbg *k = dev;
    if (!k->present)
        return;
    regs(k)[ARG0] = state;
    regs(k)[ARG1] = restarts;
    regs(k)[ARG2] = mem_used;
    regs(k)[ARG3] = mem_size;
    commit(k, EV_STATE, pid, slot);
}

static void kdbg_fault(void *dev, uint32_t pid, unsigned slot, enum procev_fault kind,
                       uint32_t addr)
{
    struct cm4_kdbg *k = dev;
    if (!k->present)
        return;
    regs(k)[ARG0] = kind;
    regs(k)[ARG1] = addr;
    commit(k, EV_FAULT, pid, slot);
}

static void kdbg_switched(void *dev, uint32_t pid, unsigned slot)
{
    struct cm4_kdbg *k = dev;
    if (k->present)
        commit(k, EV_SWITCH, pid, slot);
}

/* Writes n event arguments: ARG0..ARG3, then ARG4.. (version 3). */
static void args(const struct cm4_kdbg *k, const uint32_t *a, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        regs(k)[i < 4 ? ARG0 + i : ARG4 + (i - 4)] = a[i];
}

/* LAYOUT and ALLOW need the version 3 registers: an older device does not hear them. */
static void kdbg_layout(void *dev, uint32_t pid, unsigned slot, const struct procev_layout *l)
{
    struct cm4_kdbg *k = dev;
    if (!k->present || k->version < 3)
        return;
    const uint32_t a[] = { l->flash_start, l->flash_size, l->app_start, l->ram_start,
                           l->ram_size, l->app_break, l->mpu_break, l->kernel_break,
                           l->grant_top, l->stack_start, l->heap_start };
    args(k, a, sizeof(a) / sizeof(a[0]));
    commit(k, EV_LAYOUT, pid, slot);
}

static void kdbg_allowed(void *dev, uint32_t pid, unsigned slot, uint32_t driver, unsigned cls,
                         unsigned num, uint32_t addr, uint32_t len)
{
    struct cm4_kdbg *k = dev;
    if (!k->present || k->version < 3)
        return;
    const uint32_t a[] = { driver, cls, num, addr, len };
    args(k, a, sizeof(a) / sizeof(a[0]));
    commit(k, EV_ALLOW, pid, slot);
}

int cm4_kdbg_init(struct cm4_kdbg *k, uintptr_t base, uint32_t id)
{
    k->base = base;
    k->present = regs(k)[ID] == id;
    k->version = k->present ? regs(k)[VERSION] : 0;
    k->hil = (struct hil_process_events){ k, kdbg_created, kdbg_state, kdbg_fault,
                                          kdbg_switched, kdbg_layout, kdbg_allowed };
    return k->present;
}

/* RAM_SIZE (register map version 2) if the device has it, else linked_size. */
uint32_t cm4_kdbg_ram_size(const struct cm4_kdbg *k, uint32_t linked_size)
{
    if (!k->present || k->version < 2 || regs(k)[RAM_SIZE] == 0)
        return linked_size;
    return regs(k)[RAM_SIZE];
}

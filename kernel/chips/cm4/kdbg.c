/* cm4 chip: the tocksim kernel-debug device (doc/devices/kdbg.md), on both boards. From
 * version 4 an event is a record in RAM whose address the kernel writes to EVENT_AT; older
 * devices take a few register writes: the arguments, PID, SLOT, then the kind to EVENT (which
 * commits it), CREATED's name one character per write to NAME. Absent on QEMU (ID reads 0),
 * where this driver does nothing. */
#include <stdint.h>

#include "kernel/chips/cm4/kdbg.h"

/* Register indexes (word offsets); ARG4.. follow RAM_SIZE (register map version 3), EVENT_AT
 * follows ARG11 (version 4). */
enum { ID, VERSION, PID, SLOT, ARG0, ARG1, ARG2, ARG3, NAME, EVENT, RAM_SIZE, ARG4,
       EVENT_AT = ARG4 + 8 };
enum { EV_CREATED = 1, EV_STATE, EV_FAULT, EV_SWITCH, EV_SYSCALL, EV_LAYOUT, EV_ALLOW };
enum { MAX_ARGS = 12, NAME_MAX = 31 };

/* Version 4's event record (doc/devices/kdbg.md): the device reads it from RAM when EVENT_AT is
 * written with its address. One device write per event instead of up to 15: each is a trip out
 * of the simulator's CPU engine. Events come from the kernel thread only, so one will do. */
static struct {
    uint32_t kind, pid, slot, arg[MAX_ARGS], name_len;
    char name[NAME_MAX + 1];
} record;

static volatile uint32_t *regs(const struct cm4_kdbg *k)
{
    return (volatile uint32_t *)k->base;
}

/* Sends event kind about (pid, slot) with n arguments and, for CREATED, the name. */
static void send(const struct cm4_kdbg *k, uint32_t kind, uint32_t pid, unsigned slot,
                 const uint32_t *a, unsigned n, const char *name, unsigned len)
{
    volatile uint32_t *r = regs(k);
    if (len > NAME_MAX)
        len = NAME_MAX;
    if (k->version >= 4) {
        record.kind = kind;
        record.pid = pid;
        record.slot = slot;
        for (unsigned i = 0; i < n; i++)
            record.arg[i] = a[i];
        for (unsigned i = 0; i < len; i++)
            record.name[i] = name[i];
        record.name_len = len;
        __asm__ volatile("" ::: "memory");  /* the record is in RAM before the device reads it */
        r[EVENT_AT] = (uint32_t)(uintptr_t)&record;
        return;
    }
    for (unsigned i = 0; i < len; i++)
        r[NAME] = (uint8_t)name[i];
    for (unsigned i = 0; i < n; i++)
        r[i < 4 ? ARG0 + i : ARG4 + (i - 4)] = a[i];
    r[PID] = pid;
    r[SLOT] = slot;
    r[EVENT] = kind;
}

static void kdbg_created(void *dev, uint32_t pid, unsigned slot, const char *name, unsigned len,
                         unsigned restarts)
{
    struct cm4_kdbg *k = dev;
    const uint32_t a[] = { restarts };
    if (k->present)
        send(k, EV_CREATED, pid, slot, a, 1, name, len);
}

static void kdbg_state(void *dev, uint32_t pid, unsigned slot, enum procev_state state,
                       unsigned restarts, uint32_t mem_used, uint32_t mem_size)
{
    struct cm4_kdbg *k = dev;
    const uint32_t a[] = { state, restarts, mem_used, mem_size };
    if (k->present)
        send(k, EV_STATE, pid, slot, a, 4, 0, 0);
}

static void kdbg_fault(void *dev, uint32_t pid, unsigned slot, enum procev_fault kind,
                       uint32_t addr)
{
    struct cm4_kdbg *k = dev;
    const uint32_t a[] = { kind, addr };
    if (k->present)
        send(k, EV_FAULT, pid, slot, a, 2, 0, 0);
}

static void kdbg_switched(void *dev, uint32_t pid, unsigned slot)
{
    struct cm4_kdbg *k = dev;
    if (k->present)
        send(k, EV_SWITCH, pid, slot, 0, 0, 0, 0);
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
    send(k, EV_LAYOUT, pid, slot, a, sizeof(a) / sizeof(a[0]), 0, 0);
}

static void kdbg_allowed(void *dev, uint32_t pid, unsigned slot, uint32_t driver, unsigned cls,
                         unsigned num, uint32_t addr, uint32_t len)
{
    struct cm4_kdbg *k = dev;
    if (!k->present || k->version < 3)
        return;
    const uint32_t a[] = { driver, cls, num, addr, len };
    send(k, EV_ALLOW, pid, slot, a, sizeof(a) / sizeof(a[0]), 0, 0);
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

/* Process faults: the Tock-style fault report and the fault policies. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/fault.h"
#include "kernel/core/kernel.h"
#include "kernel/core/kprintf.h"
#include "kernel/core/panic.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "kernel/core/upcall.h"
#include "kernel/hil/process_events.h"

uint32_t fault_count;

#define LINE "-------------------------------------------"

struct region {
    uintptr_t lo, hi;
    const char *name;
};

/* One region of the map: its top boundary, its name and size, the fault address if inside. */
static void print_region(const struct region *r, int have, uintptr_t addr)
{
    if (r->hi <= r->lo)
        return;
    kprintf(" 0x%08x +%s\r\n", (uint32_t)r->hi, LINE);
    kprintf("            | %-24s %6u\r\n", r->name, (uint32_t)(r->hi - r->lo));
    if (have && addr >= r->lo && addr < r->hi)
        kprintf("            |   >>> 0x%08x: fault address (offset %u) <<<\r\n",
                (uint32_t)addr, (uint32_t)(addr - r->lo));
}

/* The app's part of its RAM, split where memop 10/11 said the stack and heap start. */
static unsigned app_regions(const struct process *p, struct region *r)
{
    uintptr_t lo = p->ram_start, brk = p->app_break;
    uintptr_t stack = p->stack_start, heap = p->heap_start;
    unsigned n = 0;
    if (heap > lo && heap <= brk) {
        r[n++] = (struct region){ heap, brk, "^ Heap" };
        brk = heap;
    }
    if (stack > lo && stack <= brk) {
        r[n++] = (struct region){ stack, brk, "Data" };
        r[n++] = (struct region){ lo, stack, "v Stack" };
    } else {
        r[n++] = (struct region){ lo, brk, "App memory" };
    }
    return n;
}

/* Where an address outside p lies, for the last line of the map. */
static const char *place(const struct process *p, uintptr_t addr, uint32_t *len)
{
    for (struct process *q = NULL; (q = process_next(q)) != NULL;) {
        if (q == p)
            continue;
        if ((addr >= q->ram_start && addr < q->ram_start + q->ram_size) ||
            (addr >= q->flash_start && addr < q->flash_start + q->flash_size))
            return process_name(q, len);
    }
    *len = 0;
    if (addr >= kernel->ram_start && addr < kernel->app_ram_start)
        return "kernel RAM";
    if (addr >= kernel->app_ram_start && addr < kernel->ram_start + kernel->ram_size)
        return "unused process RAM";
    if (addr >= kernel->kernel_flash_start && addr < kernel->apps_start)
        return "kernel flash";
    if (addr >= kernel->apps_start && addr < kernel->apps_start + kernel->apps_size)
        return "apps flash";
    if (addr >= 0x40000000u && addr < 0x60000000u)
        return "peripherals";
    if (addr >= 0xe0000000u)
        return "system (PPB)";
    return "unmapped";
}

/* Prints p's memory map, top to bottom, marking addr in its region if have. */
void fault_print_memory_map(const struct process *p, int have, uintptr_t addr)
{
    uintptr_t top = p->ram_start + p->ram_size;
    uintptr_t code = p->flash_start + tbf_app_start_offset(&p->tbf);
    struct region ram[] = {
        { p->grant_top, top, "Grant ptrs + upcalls" },
        { p->kernel_break, p->grant_top, "v Grants" },
        { p->mpu_break, p->kernel_break, "Unused" },
        { p->app_break, p->mpu_break, "Accessible, above brk" },
    };
    struct region app[3], flash[] = {
        { code, p->flash_start + p->flash_size, "App flash" },
        { p->flash_start, code, "Protected (TBF header)" },
    };
    unsigned napp = app_regions(p, app);
    kprintf(" Address    Region                      Size (bytes)\r\n");
    for (unsigned i = 0; i < sizeof ram / sizeof ram[0]; i++)
        print_region(&ram[i], have, addr);
    for (unsigned i = 0; i < napp; i++)
        print_region(&app[i], have, addr);
    kprintf(" 0x%08x +%s RAM start\r\n            .....\r\n", (uint32_t)p->ram_start, LINE);
    for (unsigned i = 0; i < 2; i++)
        print_region(&flash[i], have, addr);
    kprintf(" 0x%08x +%s flash start\r\n", (uint32_t)p->flash_start, LINE);
    int inside = (addr >= p->ram_start && addr < top) ||
                 (addr >= p->flash_start && addr < p->flash_start + p->flash_size);
    if (have && !inside) {
        uint32_t len;
        const char *where = place(p, addr, &len);
        kprintf(" >>> fault address 0x%08x is outside this process: %.*s <<<\r\n",
                (uint32_t)addr, len ? (int)len : 64, where);
    }
}

/* Prints p's status block: name, state, pid, counters, last syscall, completion code. */
void fault_print_status(const struct process *p)
{
    uint32_t len;
    const char *name = process_name(p, &len);
    kprintf("---| App Status |---\r\n");
    kprintf("App: %.*s   -   [%s]   pid %u\r\n", (int)len, name, process_state_name(p), p->id);
    kprintf(" Events Queued: %u   Syscall Count: %u   Dropped Upcall Count: %u\r\n",
            p->queue ? p->queue->count : 0, p->syscall_count, p->dropped_upcalls);
    kprintf(" Restart Count: %u   Timeslice Expirations: %u\r\n", p->restart_count,
            p->timeslice_expirations);
    if (p->last_syscall[0] == 0xffffffffu)
        kprintf(" Last Syscall: None\r\n");
    else
        kprintf(" Last Syscall: %s(0x%x, %u)\r\n", syscall_class_name(p->last_syscall[0]),
                p->last_syscall[1], p->last_syscall[2]);
    if (p->has_completion_code)
        kprintf(" Completion Code: %u\r\n", p->completion_code);
    else
        kprintf(" Completion Code: None\r\n");
}

/* Prints p's full report: status, memory map, registers, MPU regions. */
void fault_print_process(const struct process *p)
{
    fault_print_status(p);
    kprintf("\r\n");
    fault_print_memory_map(p, 0, 0);
    kprintf("\r\n");
    arch_context_print(&p->ctx, process_frame_ok(p), p->flash_start);
    kprintf("\r\n---| MPU |---\r\n");
    arch_mpu_print(&p->mpu);
}

/* What the report says of a hardware fault: where, if known. */
struct hw_fault {
    struct arch_fault f;
    int frame_ok, have_addr;
    uintptr_t addr;
};

/* Reads the arch's fault status; the address is the data address when the hardware gives
 * one, else the PC for faults that concern the instruction itself. */
static void read_hw(struct process *p, struct hw_fault *h)
{
    arch_fault_read(&h->f);
    h->frame_ok = process_frame_ok(p);
    h->have_addr = h->f.addr_valid || (h->f.addr_is_pc && h->frame_ok);
    h->addr = h->f.addr_valid ? h->f.addr : (h->have_addr ? arch_process_pc(&p->ctx) : 0);
}

/* Tells the board's event listener: kind and address as the report's first line says. */
static void report_event(struct process *p, const struct hw_fault *h)
{
    static const uint8_t kinds[] = {
        [ARCH_FAULT_MPU] = PROCEV_FAULT_MPU, [ARCH_FAULT_BUS] = PROCEV_FAULT_BUS,
        [ARCH_FAULT_USAGE] = PROCEV_FAULT_USAGE, [ARCH_FAULT_HARD] = PROCEV_FAULT_HARD,
    };
    process_report_fault(p, kinds[h->f.kind], (uint32_t)h->addr);
}

/* Short name of a fault kind as reports print it ("mpu", "bus", "usage", "hard"). */
const char *fault_kind_name(enum arch_fault_kind kind)
{
    static const char *const names[] = {
        [ARCH_FAULT_MPU] = "mpu", [ARCH_FAULT_BUS] = "bus",
        [ARCH_FAULT_USAGE] = "usage", [ARCH_FAULT_HARD] = "hard",
    };
    return names[kind];
}

/* The one-line summary and the full report of a hardware fault. */
static void report_hw(struct process *p, const struct hw_fault *h)
{
    uint32_t len;
    const char *name = process_name(p, &len);
    kprintf("\r\nProcess %.*s (pid %u) faulted: %s fault (%s)", (int)len, name, p->id,
            fault_kind_name(h->f.kind), h->f.detail);
    if (h->have_addr)
        kprintf(" at address 0x%08x\r\n", (uint32_t)h->addr);
    else
        kprintf(", address unknown\r\n");
    arch_fault_print(&h->f);
    kprintf("\r\n");
    fault_print_status(p);
    kprintf("\r\n");
    fault_print_memory_map(p, h->have_addr, h->addr);
    kprintf("\r\n");
    arch_context_print(&p->ctx, h->frame_ok, p->flash_start);
    kprintf("\r\n---| MPU |---\r\n");
    arch_mpu_print(&p->mpu);
}

/* Reports p's fault (hardware if reason is NULL) and applies its policy: panic, restart or stop. */
void fault_process(struct process *p, const char *reason)
{
    uint32_t len;
    const char *name = process_name(p, &len);
    struct hw_fault h;
    fault_count++;
    if (!reason) {
        read_hw(p, &h);
        report_event(p, &h);        /* a kernel-decided fault has no kind: state only */
    }
    process_set_state(p, PROC_FAULTED); /* as the report shows it; the policy decides next */
    if (reason) {
        kprintf("\r\nProcess %.*s (pid %u) faulted: %s\r\n", (int)len, name, p->id, reason);
        fault_print_process(p);
    } else {
        report_hw(p, &h);
    }
    switch (p->policy) {
    case FAULT_PANIC:
        panic("Process %.*s had a fault", (int)len, name);
    case FAULT_RESTART:
        if (p->restart_count < p->restart_threshold) {
            uint32_t old = p->id;
            process_restart(p);
            kprintf("Process %.*s: restarting (restart %u of %u), pid %u -> %u\r\n", (int)len,
                    name, p->restart_count, p->restart_threshold, old, p->id);
            return;
        }
        kprintf("Process %.*s: faulted %u times, restart limit reached: stopped\r\n",
                (int)len, name, p->restart_count + 1);
        break;
    case FAULT_STOP:
        kprintf("Process %.*s: stopped (fault policy)\r\n", (int)len, name);
        break;
    }
    process_end_faulted(p);
}

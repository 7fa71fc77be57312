/* Processes: the process table, memory layout, states, start/restart/terminate, checks. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernel/arch/arch.h"
#include "kernel/core/grant.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "kernel/core/upcall.h"
#include "kernel/hil/process_events.h"

struct process processes[PROCESS_MAX];
unsigned process_slots_used;
static uint32_t next_id;

#define ALIGN_UP(x, a)   (((x) + (a) - 1) & ~(uintptr_t)((a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~(uintptr_t)((a) - 1))
#define MIN_BLOCK        1024u
#define MIN_APP_RAM      (2u * ARCH_FRAME_SIZE + 8u)   /* room for the first stack frame */

/* The arguments of a process's entry point (crt0's _start), in argument registers 0-3 as
 * Tock's ProcessStandard queues them (kernel/src/process_standard.rs, the initial
 * FunctionCall's argument0..3) and libtock-c's crt0 takes them
 * (_start(app_start, mem_start, memory_len, app_heap_break)). */
enum crt0_arg {
    CRT0_APP_START,     /* the binary in flash, after the TBF header and protected region */
    CRT0_MEM_START,     /* the process's RAM block */
    CRT0_MEM_LEN,       /* its size in bytes */
    CRT0_APP_BREAK,     /* the initial app break: the end of the RAM the process may use */
    CRT0_NUM_ARGS
};

static size_t table_size(void)
{
    return ALIGN_UP(kernel->num_drivers * sizeof(void *), 8);
}

/* Bytes each RAM block keeps at its top for the kernel: grant table, upcall queue, grants. */
size_t process_kernel_reserve(void)
{
    size_t n = table_size() + ALIGN_UP(sizeof(struct upcall_queue), 8);
    for (unsigned i = 0; i < kernel->num_drivers; i++)
        n += grant_record_size(kernel->drivers[i]);
    return n;
}

/* RAM block size (a power of two) for an image needing minimum_ram_size bytes; 0 if more
 * than the processes' RAM could ever hold. That check comes first: the TBF field is any
 * 32-bit value, and near 2^31 the doubling below wrapped to 0 on 32-bit targets and never
 * ended (a valid-checksum image hung the boot: found by the boot fuzzer, doc/fuzzing.md). */
size_t process_ram_block_size(uint32_t minimum_ram_size)
{
    if (minimum_ram_size > kernel->app_ram_size)
        return 0;
    size_t app = ALIGN_UP((size_t)(minimum_ram_size < MIN_APP_RAM ? MIN_APP_RAM
                                                                  : minimum_ram_size), 1024);
    size_t need = app + process_kernel_reserve();
    size_t block = MIN_BLOCK;
    while (block < need)
        block <<= 1;
    return block;
}

/* Whether [start, start + size) overlaps no other process's RAM block. */
static int ram_free(uintptr_t start, size_t size)
{
    for (int i = 0; i < PROCESS_MAX; i++) {
        const struct process *q = &processes[i];
        if (q->state != PROC_UNUSED && start < q->ram_start + q->ram_size &&
            q->ram_start < start + size)
            return 0;
    }
    return 1;
}

/* The lowest free block of size bytes aligned to its size in the apps' RAM (or exactly at
 * fixed, if the image asks for it). 0 if none. */
static uintptr_t ram_alloc(size_t size, uint32_t fixed)
{
    uintptr_t lo = kernel->app_ram_start, hi = lo + kernel->app_ram_size;
    if (fixed != TBF_NO_ADDRESS) {
        uintptr_t a = fixed;
        return (a % size == 0 && a >= lo && a + size <= hi && ram_free(a, size)) ? a : 0;
    }
    for (uintptr_t a = ALIGN_UP(lo, size); a + size <= hi; a += size)
        if (ram_free(a, size))
            return a;
    return 0;
}

/* Picks the fault policy for the package name (board rules, else the default). */
static void set_policy(struct process *p)
{
    uint32_t len;
    const char *name = process_name(p, &len);
    p->policy = (uint8_t)kernel->fault_policy;
    p->restart_threshold = kernel->restart_threshold;
    for (unsigned i = 0; i < kernel->num_policy_rules; i++) {
        const struct fault_policy_rule *r = &kernel->policy_rules[i];
        if (strlen(r->name) == len && memcmp(r->name, name, len) == 0) {
            p->policy = (uint8_t)r->policy;
            p->restart_threshold = r->restart_threshold;
        }
    }
}

/* Claims a slot and a RAM block for image h and starts it; NULL or why it could not. */
const char *process_create(const struct tbf_header *h, uintptr_t flash, struct process **out)
{
    struct process *p = NULL;
    for (int i = 0; i < PROCESS_MAX && !p; i++)
        if (processes[i].state == PROC_UNUSED)
            p = &processes[i];
    if (!p)
        return "process table full";
    size_t block = process_ram_block_size(h->minimum_ram_size);
    uintptr_t ram = block ? ram_alloc(block, h->fixed_ram) : 0;
    if (!ram)
        return h->fixed_ram != TBF_NO_ADDRESS ? "fixed RAM address unavailable"
                                              : "not enough RAM";
    *p = (struct process){ .index = (uint8_t)(p - processes), .tbf = *h, .flash_start = flash,
                           .flash_size = h->total_size, .ram_start = ram,
                           .ram_size = (uint32_t)block };
    uint32_t app = h->minimum_ram_size < MIN_APP_RAM ? MIN_APP_RAM : h->minimum_ram_size;
    p->initial_break = ram + ALIGN_UP(app, 8);
    struct arch_mpu_config cfg;
    if (!arch_mpu_config(&cfg, flash, h->total_size, ram, block, p->initial_break,
                         ram + block - process_kernel_reserve())) {
        p->state = PROC_UNUSED;
        return "flash image size/alignment not coverable by the MPU";
    }
    set_policy(p);
    p->state = PROC_TERMINATED;     /* claims the slot and the RAM */
    if (p->index >= process_slots_used)
        process_slots_used = p->index + 1u;
    process_start(p);
    *out = p;
    return NULL;
}

/* Fresh kernel-owned area: grant table and upcall queue at the top, no grants. */
static void reset_kernel_area(struct process *p)
{
    uintptr_t top = p->ram_start + p->ram_size;
    p->grants = (void **)(top - table_size());
    memset(p->grants, 0, table_size());
    p->queue = (struct upcall_queue *)((uintptr_t)p->grants -
                                       ALIGN_UP(sizeof(struct upcall_queue), 8));
    upcall_queue_init(p->queue);
    p->grant_top = p->kernel_break = (uintptr_t)p->queue;
}

/* Tells the listener about a (re)started process: name, slot, new pid, restarts so far. */
static void report_created(struct process *p)
{
    const struct hil_process_events *ev = kernel->events;
    uint32_t len;
    const char *name = process_name(p, &len);
    p->reported = PROCEV_RUNNING;
    if (ev)
        ev->created(ev->dev, p->id, p->index, name, len, p->restart_count);
}

/* Tells the listener p's state if it differs from what it last heard. */
static void report_state(struct process *p)
{
    static const uint8_t map[] = {
        [PROC_RUNNING] = PROCEV_RUNNING, [PROC_YIELDED] = PROCEV_YIELDED,
        [PROC_YIELDED_FOR] = PROCEV_YIELDED, [PROC_FAULTED] = PROCEV_FAULTED,
        [PROC_TERMINATED] = PROCEV_TERMINATED,
    };
    const struct hil_process_events *ev = kernel->events;
    uint8_t now = p->stopped && process_alive(p) ? PROCEV_STOPPED : map[p->state];
    if (now == p->reported)
        return;
    p->reported = now;
    if (ev)
        ev->state(ev->dev, p->id, p->index, (enum procev_state)now, p->restart_count,
                  process_memory_used(p), p->ram_size);
}

/* Bytes of p's RAM block in use: below the app break plus the grants at the top. */
uint32_t process_memory_used(const struct process *p)
{
    return (uint32_t)(p->app_break - p->ram_start) +
           (uint32_t)(p->ram_start + p->ram_size - p->kernel_break);
}

/* Moves p to state s and tells the event listener if the reported state changed. */
void process_set_state(struct process *p, enum process_state s)
{
    p->state = (uint8_t)s;
    report_state(p);
}

/* Tells the event listener p faulted (kind, addr); p counts as faulted from then on. */
void process_report_fault(struct process *p, unsigned kind, uint32_t addr)
{
    const struct hil_process_events *ev = kernel->events;
    p->reported = PROCEV_FAULTED;
    if (ev)
        ev->fault(ev->dev, p->id, p->index, (enum procev_fault)kind, addr);
}

/* Tells the event listener p's memory layout, if it listens for layouts. */
void process_report_layout(const struct process *p)
{
    const struct hil_process_events *ev = kernel->events;
    if (!ev || !ev->layout)
        return;
    const struct procev_layout l = {
        .flash_start = (uint32_t)p->flash_start, .flash_size = p->flash_size,
        .app_start = (uint32_t)(p->flash_start + tbf_app_start_offset(&p->tbf)),
        .ram_start = (uint32_t)p->ram_start, .ram_size = p->ram_size,
        .app_break = (uint32_t)p->app_break, .mpu_break = (uint32_t)p->mpu_break,
        .kernel_break = (uint32_t)p->kernel_break, .grant_top = (uint32_t)p->grant_top,
        .stack_start = (uint32_t)p->stack_start, .heap_start = (uint32_t)p->heap_start,
    };
    ev->layout(ev->dev, p->id, p->index, &l);
}

/* Tells the event listener about an allowed buffer, if it listens for them. */
void process_report_allow(const struct process *p, uint32_t driver, unsigned cls, uint32_t num,
                          uint32_t addr, uint32_t len)
{
    const struct hil_process_events *ev = kernel->events;
    if (ev && ev->allowed)
        ev->allowed(ev->dev, p->id, p->index, driver, cls, num, addr, len);
}

/* (Re)starts p from its entry point with a new pid, fresh memory layout, grants and queue. Its
 * whole RAM block is zeroed first: a process never sees data it did not write in its current
 * life (a previous life's, or another process's that had the block before). */
void process_start(struct process *p)
{
    p->id = next_id++;
    memset((void *)p->ram_start, 0, p->ram_size);
    reset_kernel_area(p);
    p->app_break = p->initial_break;
    p->allow_hwm = p->ram_start;
    p->stack_start = p->heap_start = 0;
    p->mpu_break = arch_mpu_config(&p->mpu, p->flash_start, p->flash_size, p->ram_start,
                                   p->ram_size, p->app_break, p->kernel_break);
    p->syscall_count = p->dropped_upcalls = p->timeslice_expirations = 0;
    p->last_syscall[0] = 0xffffffffu;
    p->stopped = 0;
    p->state = PROC_RUNNING;
    uintptr_t entry = p->flash_start + tbf_init_offset(&p->tbf);
    const uint32_t args[CRT0_NUM_ARGS] = {
        [CRT0_APP_START] = (uint32_t)(p->flash_start + tbf_app_start_offset(&p->tbf)),
        [CRT0_MEM_START] = (uint32_t)p->ram_start,
        [CRT0_MEM_LEN] = p->ram_size,
        [CRT0_APP_BREAK] = (uint32_t)p->app_break,
    };
    arch_process_init(&p->ctx, entry, p->app_break, args);
    report_created(p);
    process_report_layout(p);
}

/* Starts p again, counting the restart. */
void process_restart(struct process *p)
{
    p->restart_count++;
    process_start(p);
}

/* Frees p's grants and upcalls; p ends in state final. */
static void end(struct process *p, enum process_state final)
{
    reset_kernel_area(p);
    p->stopped = 0;
    process_set_state(p, final);
    process_report_layout(p);
}

/* Ends p (grants freed, upcalls dropped) in state terminated, with its completion code. */
void process_terminate(struct process *p, int has_code, uint32_t code)
{
    p->has_completion_code = (uint8_t)(has_code != 0);
    p->completion_code = code;
    end(p, PROC_TERMINATED);
}

/* Ends p like process_terminate, in state faulted (fault policy stop). */
void process_end_faulted(struct process *p)
{
    p->has_completion_code = 0;
    end(p, PROC_FAULTED);
}

/* Stops a live p from being scheduled (process console), keeping its state. */
void process_stop(struct process *p)
{
    if (process_alive(p))
        p->stopped = 1;
    report_state(p);
}

/* Lets a stopped p be scheduled again. */
void process_resume(struct process *p)
{
    p->stopped = 0;
    report_state(p);
}

/* The process in slot index if it is alive with pid id, else NULL. */
struct process *process_lookup(unsigned index, uint32_t id)
{
    if (index >= PROCESS_MAX)
        return NULL;
    struct process *p = &processes[index];
    return process_alive(p) && p->id == id ? p : NULL;
}

/* The next live process after prev (NULL: from the first), or NULL. */
struct process *process_next(struct process *prev)
{
    int i = prev ? prev->index + 1 : 0;
    for (; i < (int)process_slots_used; i++)       /* the slots after were never claimed */
        if (process_alive(&processes[i]))
            return &processes[i];
    return NULL;
}

/* The first non-empty slot whose package name is name[0..len), or NULL. */
struct process *process_find(const char *name, size_t len)
{
    for (int i = 0; i < PROCESS_MAX; i++) {
        struct process *p = &processes[i];
        uint32_t n;
        const char *pn = process_name(p, &n);
        if (p->state != PROC_UNUSED && n == len && memcmp(pn, name, len) == 0)
            return p;
    }
    return NULL;
}

/* p's package name, "(unnamed)" if none; its length in *len (not NUL-terminated). */
const char *process_name(const struct process *p, uint32_t *len)
{
    if (p->tbf.name_len == 0) {
        *len = 9;
        return "(unnamed)";
    }
    *len = p->tbf.name_len;
    return p->tbf.name;
}

/* p's state as the process console prints it ("Running", "StoppedYielded", ...). */
const char *process_state_name(const struct process *p)
{
    static const char *const names[] = {
        [PROC_UNUSED] = "Unused", [PROC_RUNNING] = "Running", [PROC_YIELDED] = "Yielded",
        [PROC_YIELDED_FOR] = "YieldedFor", [PROC_FAULTED] = "Faulted",
        [PROC_TERMINATED] = "Terminated",
    };
    static const char *const stopped[] = {
        [PROC_RUNNING] = "StoppedRunning", [PROC_YIELDED] = "StoppedYielded",
        [PROC_YIELDED_FOR] = "StoppedYieldedFor",
    };
    if (p->stopped && process_alive(p))
        return stopped[p->state];
    return names[p->state];
}

/* Whether [addr, addr + len) lies in [lo, hi), without overflow. */
static int within(uintptr_t addr, size_t len, uintptr_t lo, uintptr_t hi)
{
    return addr >= lo && addr <= hi && len <= hi - addr;
}

/* Whether [addr, addr + len) lies in p's RAM below its break (len 0: always). */
int process_can_write(const struct process *p, uintptr_t addr, size_t len)
{
    return len == 0 || within(addr, len, p->ram_start, p->app_break);
}

/* Whether [addr, addr + len) is writable by p or lies in its flash image. */
int process_can_read(const struct process *p, uintptr_t addr, size_t len)
{
    return process_can_write(p, addr, len) ||
           within(addr, len, p->flash_start, p->flash_start + p->flash_size);
}

/* Whether pc (bit 0 ignored: a Thumb function pointer's) lies in p's code. */
int process_can_execute(const struct process *p, uintptr_t pc)
{
    uintptr_t code = p->flash_start + tbf_app_start_offset(&p->tbf);
    pc &= ~(uintptr_t)1;
    return pc >= code && pc < p->flash_start + p->flash_size;
}

/* Whether p's trap frame lies in RAM p can access: only then may the kernel touch it. */
int process_frame_ok(const struct process *p)
{
    return within(arch_frame_addr(&p->ctx), ARCH_FRAME_SIZE, p->ram_start, p->mpu_break);
}

/* Moves p's break to new_break and its MPU view with it; 0, or ERR_NOMEM (nothing changed). */
int process_brk(struct process *p, uintptr_t new_break)
{
    if (new_break < p->ram_start || new_break < p->allow_hwm || new_break > p->kernel_break)
        return ERR_NOMEM;
    struct arch_mpu_config cfg;
    uintptr_t end = arch_mpu_config(&cfg, p->flash_start, p->flash_size, p->ram_start,
                                    p->ram_size, new_break, p->kernel_break);
    if (!end)
        return ERR_NOMEM;
    p->mpu = cfg;
    p->app_break = new_break;
    p->mpu_break = end;
    process_report_layout(p);
    return 0;
}

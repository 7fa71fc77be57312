/* What the window hears from the machine, turned into its process table and timeline. The
 * sources are the ones the trace is written from: the kernel's kdbg process events (trace
 * "proc"), the CPU's exception/trap entries ("exception", "trap") and returns to thread mode,
 * and the system calls and upcalls --strace decodes ("syscall", "upcall"), so the timeline and
 * a --trace of the same run agree. Only the CPU's sleeping is not in the trace (it has no
 * event): the kernel lane leaves those stretches empty. */
#include "sim/ui/view.h"

#include <string.h>

#include "sim/ui/memmap.h"

#define ALARM_DRIVER 0u
#define FAULT_MATCH_NS 5000000ull   /* a kernel fault report follows the CPU's fault within this */

unsigned ui_watch_lane(unsigned slot)
{
    return slot + 1 < UI_TL_LANES ? slot + 1 : UI_TL_LANES;
}

static void add(struct ui_view *v, enum ui_tl_kind kind, unsigned lane, unsigned pid, uint32_t value)
{
    if (lane >= UI_TL_LANES)
        return;
    struct ui_tl_event e = { .t_ns = ui_view_now_ns(v), .kind = (uint8_t)kind, .lane = (uint8_t)lane,
                             .pid = pid, .value = value };
    ui_tl_add(&v->tl, &e);
}

/* Where a fault address lies, for a process r: one of its regions, another process's, or a
 * part of the machine (the kernel's fault report says the same in words). */
static void fault_region(struct ui_view *v, const struct ui_proc *r, uint32_t addr, char *buf, size_t n)
{
    if (r->has_layout && ui_memmap_region_name(&r->layout, addr, buf, n))
        return;
    for (unsigned i = 0; i < v->procs.n; i++) {
        const struct proc_layout *l = &v->procs.rows[i].layout;
        if (&v->procs.rows[i] != r && v->procs.rows[i].has_layout &&
            ((addr >= l->ram_start && addr - l->ram_start < l->ram_size) ||
             (addr >= l->flash_start && addr - l->flash_start < l->flash_size))) {
            snprintf(buf, n, "outside: %s's memory", v->procs.rows[i].name);
            return;
        }
    }
    const struct ui_kernel_mem *k = ui_view_kernel_mem(v);
    const struct machine_layout *ml = &v->m->layout;
    struct bus_region *b = bus_find(&v->m->bus, addr);
    const char *what = !b ? "unmapped" : b->kind == REGION_DEVICE ? b->name
                     : b->kind == REGION_RAM ? (k && addr < k->app_ram ? "kernel RAM" : "unused process RAM")
                     : addr >= ml->apps_base && addr - ml->apps_base < ml->apps_size ? "apps flash" : "kernel flash";
    snprintf(buf, n, "outside: %s", what);
}

/* The CPU's side of a fault the kernel just reported: pc, registers, the symbol before pc. */
static void complete_fault(struct ui_view *v, struct ui_proc *r)
{
    struct ui_fault *f = &r->faults[(r->faults_total - 1) % UI_FAULTS_KEPT];
    fault_region(v, r, f->addr, f->region, sizeof(f->region));
    bool recent = v->have_cpu_fault && f->t_ns - v->cpu_fault_ns < FAULT_MATCH_NS;
    v->have_cpu_fault = false;
    if (!recent)
        return;
    f->have_cpu = true;
    f->pc = v->cpu_fault.pc;
    f->nregs = v->cpu_fault.nregs;
    memcpy(f->regs, v->cpu_fault.regs, sizeof(f->regs));
    uint32_t entry = 0;
    for (int i = 0; i < v->strace.napps; i++)
        if (v->strace.apps[i].flash_start == r->layout.flash_start)
            entry = v->strace.apps[i].entry & ~1u;
    symbols_describe(&v->syms, v->m, f->pc, &r->layout, entry, f->symbol, sizeof(f->symbol));
    srcsyms_describe(&v->src, f->pc, false, f->source, sizeof(f->source));
    uint32_t ret = f->regs[f->nregs == 17 ? 14 : 1];       /* cm4 lr, rv32 ra */
    srcsyms_describe(&v->src, ret, true, f->ret_source, sizeof(f->ret_source));
}

void ui_watch_process(void *ctx, const struct proc_event *e)
{
    struct ui_view *v = ctx;
    ui_procs_apply(&v->procs, e, ui_view_now_ns(v));
    unsigned lane = ui_watch_lane(e->slot);
    struct ui_proc *r = ui_procs_row(&v->procs, e->slot);
    switch (e->kind) {
    case PROC_SWITCH:
        add(v, UI_TL_SWITCH, lane, e->pid, 0);
        ui_tl_run(&v->tl, ui_view_now_ns(v), lane);
        v->prot_dirty |= 1u << (e->slot & 31);
        break;
    case PROC_CREATED: add(v, UI_TL_START, lane, e->pid, e->restarts); break;
    case PROC_FAULT:
        add(v, UI_TL_FAULT, lane, e->pid, e->fault_addr);
        if (r)
            complete_fault(v, r);
        break;
    case PROC_LAYOUT: v->prot_dirty |= 1u << (e->slot & 31); break;
    default: break;
    }
}

void ui_watch_exception(void *ctx, const struct cpu_exception *x)
{
    struct ui_view *v = ctx;
    uint64_t now = ui_view_now_ns(v);
    if (x->from_thread)
        ui_tl_run(&v->tl, now, UI_TL_KERNEL);
    if (x->cls == CPU_EXC_IRQ)
        add(v, UI_TL_IRQ, UI_TL_KERNEL, 0, (uint32_t)x->number);
    if (x->cls == CPU_EXC_FAULT && x->from_thread) {
        v->cpu_fault = *x;
        v->cpu_fault_ns = now;
        v->have_cpu_fault = true;
    }
}

/* A return to thread mode into a process's code: it runs; its MPU/PMP is read if it changed. */
void ui_watch_thread(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4])
{
    struct ui_view *v = ctx;
    (void)r;
    if (svc >= 0 || !psp)
        return;
    struct ui_proc *p = ui_procs_by_flash(&v->procs, pc);
    if (!p)
        return;
    ui_tl_run(&v->tl, ui_view_now_ns(v), ui_watch_lane(p->slot));
    if (v->prot_dirty & 1u << (p->slot & 31) || !p->has_prot) {
        machine_protection(v->m, &p->prot);
        p->has_prot = p->prot.kind != CPU_PROT_NONE;
        v->prot_dirty &= ~(1u << (p->slot & 31));
    }
}

void ui_watch_sleep(void *ctx, bool sleeping)
{
    struct ui_view *v = ctx;
    ui_tl_run(&v->tl, ui_view_now_ns(v), sleeping ? UI_TL_LANES : UI_TL_KERNEL);
}

/* The lane of strace's app: the process whose flash holds the app. */
static unsigned app_lane(struct ui_view *v, const struct strace *s, int app)
{
    struct ui_proc *p = app >= 0 ? ui_procs_by_flash(&v->procs, s->apps[app].flash_start) : NULL;
    return p ? ui_watch_lane(p->slot) : UI_TL_LANES;
}

static void on_call(struct ui_view *v, unsigned lane, const struct strace_event *e)
{
    struct ui_tl_event t = { .t_ns = ui_view_now_ns(v), .kind = UI_TL_SYSCALL, .lane = (uint8_t)lane,
                             .cls = (int8_t)e->cls, .pid = e->pid };
    memcpy(t.a, e->args, sizeof(t.a));
    v->tl.pending[lane] = ui_tl_add(&v->tl, &t) + 1;
    if (e->cls == 2 && e->args[0] == ALARM_DRIVER && (e->args[1] == 5 || e->args[1] == 6))
        add(v, UI_TL_ALARM_SET, lane, e->pid, e->args[2]);
}

/* The call's return (or, for a yield, the upcall that ended it) completes its event. */
static void on_return(struct ui_view *v, unsigned lane, const struct strace_event *e)
{
    struct ui_tl_event *c = v->tl.pending[lane] ? ui_tl_get_mut(&v->tl, v->tl.pending[lane] - 1) : NULL;
    v->tl.pending[lane] = 0;
    if (c) {
        memcpy(c->r, e->ret, sizeof(c->r));
        c->flags |= UI_TL_RETURNED | (e->kind == STRACE_EV_UPCALL ? UI_TL_TO_UPCALL : 0);
    }
    if (e->kind != STRACE_EV_UPCALL)
        return;
    struct ui_tl_event u = { .t_ns = ui_view_now_ns(v), .kind = UI_TL_UPCALL, .lane = (uint8_t)lane,
                             .cls = -1, .pid = e->pid, .value = e->fn };
    memcpy(u.a, e->ret, sizeof(u.a));
    u.r[0] = e->source_driver;
    u.r[1] = e->source_num;
    ui_tl_add(&v->tl, &u);
    if (e->source_driver == ALARM_DRIVER)
        add(v, UI_TL_ALARM_FIRED, lane, e->pid, e->fn);
}

void ui_watch_strace(void *ctx, const struct strace *s, const struct strace_event *e)
{
    struct ui_view *v = ctx;
    unsigned lane = app_lane(v, s, e->app);
    if (lane >= UI_TL_LANES)
        return;
    if (e->kind == STRACE_EV_CALL)
        on_call(v, lane, e);
    else if (e->kind == STRACE_EV_RETURN || e->kind == STRACE_EV_UPCALL)
        on_return(v, lane, e);
}

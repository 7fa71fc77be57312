/* Source-level fault reports (faultsrc.h). The CPU's fault entry gives the registers as they
 * were (struct cpu_exception), the kernel's fault event (kdbg, when the kernel has one) names
 * the process; the kernel prints its own report synchronously after both, so the annotation
 * waits for the next sign that the kernel has moved on. */
#include "sim/dwarf/faultsrc.h"

#include <stdio.h>
#include <string.h>

#define CM4_NREGS 17            /* r0-r12, sp, lr, pc, xpsr */
#define CM4_LR 14
#define RV_RA 1

/* The entry for the pending CPU fault. */
void faultsrc_complete(struct faultsrc *f)
{
    if (!f->have_cpu)
        return;
    f->have_cpu = false;
    struct faultsrc_entry *e = &f->kept[f->total++ % FAULTSRC_KEPT];
    bool cm4 = f->cpu.nregs == CM4_NREGS;
    memset(e, 0, sizeof(*e));
    e->t_ns = f->cpu_ns;
    e->pc = f->cpu.pc;
    e->ret = f->cpu.regs[cm4 ? CM4_LR : RV_RA];
    snprintf(e->process, sizeof(e->process), "%s", f->process);
    char where[FAULTSRC_LINE - 32];
    srcsyms_describe(&f->syms, e->pc, false, where, sizeof(where));
    snprintf(e->pc_line, sizeof(e->pc_line), "PC 0x%08x = %s", e->pc, where);
    srcsyms_describe(&f->syms, e->ret, true, where, sizeof(where));
    snprintf(e->ret_line, sizeof(e->ret_line), "%s 0x%08x = %s", cm4 ? "LR" : "RA", e->ret, where);
    f->process[0] = 0;
    f->unprinted = true;
}

/* stderr, after the console's whole lines: stdout stays the guest's console byte for byte
 * (the QEMU cross-checks compare it), and a log of both keeps the order. */
static void print_line(struct faultsrc *f, const char *prefix, const char *s)
{
    lineout_break(&f->m->console);
    fflush(f->m->console.f);
    fprintf(stderr, "%s%s\n", prefix, s);
}

/* Prints the pending entry (and any note about files that could not be used). */
static void show(struct faultsrc *f)
{
    faultsrc_complete(f);
    if (!f->unprinted)
        return;
    f->unprinted = false;
    if (!f->print || !f->m->console.f || f->printed > FAULTSRC_PRINT_MAX)
        return;
    if (f->printed++ == FAULTSRC_PRINT_MAX) {
        print_line(f, "", "tocksim: more faults: their sources are not printed");
        return;
    }
    const struct faultsrc_entry *e = faultsrc_latest(f, 0);
    char note[PATH_MAX + 100];
    while (srcsyms_take_note(&f->syms, note, sizeof(note)))
        print_line(f, "", note);
    print_line(f, "tocksim: ", e->pc_line);
    print_line(f, "tocksim: ", e->ret_line);
    fflush(stderr);
}

static void on_exception(void *ctx, const struct cpu_exception *x)
{
    struct faultsrc *f = ctx;
    if (x->cls != CPU_EXC_FAULT || x->nregs == 0)
        return;
    show(f);                    /* a fault while the last one is pending: that report is over */
    f->cpu = *x;
    f->cpu_ns = clock_ns_from_cycles(&f->m->clock, f->m->clock.now);
    f->have_cpu = true;
}

/* The kernel switching to a process again means its report is out. (Not the CPU's crossings
 * into thread mode: listening to those makes the rv32 backend look at the privilege after
 * every trap, at a cost in every system call; without the kernel's events, the report shows
 * at the next sleep or at the end.) */
static void on_process(void *ctx, const struct proc_event *e)
{
    struct faultsrc *f = ctx;
    if (e->kind == PROC_FAULT && f->have_cpu)
        snprintf(f->process, sizeof(f->process), "%s", e->name);
    else if (e->kind == PROC_SWITCH)
        show(f);
}

static void on_sleep(void *ctx, bool sleeping)
{
    if (sleeping)
        show(ctx);
}

bool faultsrc_attach(struct faultsrc *f, struct machine *m, bool print)
{
    memset(f, 0, sizeof(*f));
    f->m = m;
    f->print = print;
    srcsyms_init(&f->syms, m);
    struct machine_observer o = { .ctx = f, .exception = on_exception, .process = on_process,
                                  .sleep = on_sleep };
    return machine_add_observer(m, &o);
}

void faultsrc_flush(struct faultsrc *f)
{
    if (f->m) {
        machine_flush_output(f->m);
        show(f);
    }
}

const struct faultsrc_entry *faultsrc_latest(const struct faultsrc *f, unsigned k)
{
    if (k >= f->total || k >= FAULTSRC_KEPT)
        return NULL;
    return &f->kept[(f->total - 1 - k) % FAULTSRC_KEPT];
}

void faultsrc_free(struct faultsrc *f)
{
    if (f->m)
        machine_remove_observer(f->m, f);
    srcsyms_free(&f->syms);
    memset(f, 0, sizeof(*f));
}

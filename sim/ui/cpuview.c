/* The CPU panel's contents (cpuview.h): registers through the CPU's debug table (as the GDB
 * stub's target description), memory through the bus's debugger reads, text by the disassembly
 * service, names by the symbol tables and DWARF. */
#include "sim/ui/cpuview.h"

#include <string.h>

#include "sim/insn/disasm.h"
#include "sim/ui/view.h"

#define MAX_INSN 4                  /* bytes: Thumb-2 and RV32 instructions are 2 or 4 */
#define NEAR_START 96               /* decode from the function's start when the PC is this near */

/* The core registers (the debug table's core feature), values now. */
static void read_regs(struct ui_cpu *c, struct machine *m)
{
    const struct cpu_debug_ops *d = m->cpu.ops->debug;
    c->nregs = 0;
    for (int i = 0; d && i < d->nregs && c->nregs < UI_CPU_MAX_REGS; i++) {
        if (d->regs[i].system)
            continue;
        struct ui_cpu_reg *r = &c->regs[c->nregs];
        r->name = d->regs[i].name;
        r->value = 0;
        d->reg_get(m->cpu.impl, i, &r->value);
        r->changed = c->have_before && r->value != c->before[c->nregs];
        if (!strcmp(r->name, "pc"))
            c->pc = r->value;
        c->nregs++;
    }
}

/* The app whose flash holds pc, as a layout for the symbol lookup; false: the kernel's. */
static bool app_at(struct ui_view *v, uint32_t pc, struct proc_layout *l, uint32_t *entry)
{
    for (int i = 0; i < v->strace.napps; i++) {
        const struct strace_app *a = &v->strace.apps[i];
        if (pc >= a->flash_start && pc < a->flash_end) {
            *l = (struct proc_layout){ .flash_start = a->flash_start, .flash_size = a->flash_end - a->flash_start };
            *entry = a->entry & ~1u;
            return true;
        }
    }
    *l = (struct proc_layout){ 0 };
    *entry = 0;
    return false;
}

/* The PC's function ("name+0x1c") and source line; returns the function's start (pc if unknown). */
static uint32_t name_pc(struct ui_view *v, struct ui_cpu *c)
{
    struct proc_layout l;
    uint32_t entry, off = 0;
    app_at(v, c->pc, &l, &entry);
    const char *name = symbols_lookup(&v->syms, v->m, c->pc, &l, entry, &off);
    if (name && off)
        snprintf(c->where, sizeof(c->where), "%s+0x%x", name, (unsigned)off);
    else
        snprintf(c->where, sizeof(c->where), "%s", name ? name : "");
    if (!srcsyms_describe(&v->src, c->pc, false, c->source, sizeof(c->source)))
        c->source[0] = '\0';
    return name ? c->pc - off : c->pc;
}

/* Decodes from start: the addresses of the instructions up to and including the one at pc into
 * at[] (at most max); their number, or -1 if the decoding does not land on pc. */
static int decode_to(struct ui_cpu *c, struct machine *m, uint32_t start, uint32_t pc, uint32_t *at, int max)
{
    int n = 0;
    for (uint32_t a = start; a <= pc && n < max; n++) {
        uint8_t b[MAX_INSN];
        char text[96];
        size_t got = bus_debug_read(&m->bus, a, b, sizeof(b));
        unsigned size = got ? disasm_one(c->dis, a, b, got, text, sizeof(text)) : 0;
        at[n] = a;
        if (a == pc)
            return n + 1;
        a += size ? size : 2;
    }
    return -1;
}

/* The first of up to `before` instructions before pc: decoded from the function's start when it
 * is near, else from the farthest point within reach whose decoding lands on pc (Thumb-2 and
 * RVC have 2- and 4-byte instructions: a decoding from a wrong halfword may not). */
static uint32_t window_start(struct ui_cpu *c, struct machine *m, uint32_t func, int before)
{
    uint32_t at[NEAR_START / 2 + 2];
    int max = (int)(sizeof(at) / sizeof(at[0]));
    uint32_t pc = c->pc;
    if (func <= pc && pc - func <= NEAR_START) {     /* at its first instruction: nothing before */
        int n = decode_to(c, m, func, pc, at, max);
        if (n > 0)
            return at[n - 1 - (n - 1 < before ? n - 1 : before)];
    }
    for (uint32_t back = (uint32_t)before * MAX_INSN; back >= 2 && pc >= back; back -= 2) {
        int n = decode_to(c, m, pc - back, pc, at, max);
        if (n > 0)
            return at[n - 1 - (n - 1 < before ? n - 1 : before)];
    }
    return pc;
}

static void disassemble(struct ui_cpu *c, struct machine *m, uint32_t start, int after)
{
    c->nlines = 0;
    int left_after = after;
    for (uint32_t a = start; c->nlines < UI_CPU_MAX_LINES && (a <= c->pc || left_after-- > 0);) {
        struct ui_cpu_line *ln = &c->lines[c->nlines++];
        uint8_t b[MAX_INSN];
        size_t got = bus_debug_read(&m->bus, a, b, sizeof(b));
        ln->addr = a;
        ln->current = a == c->pc;
        unsigned size = 0;
        if (got) {
            size = disasm_one(c->dis, a, b, got, ln->text, sizeof(ln->text));
            disasm_hex(c->dis, b, size ? size : 2, ln->hex, sizeof(ln->hex));
        } else {
            snprintf(ln->text, sizeof(ln->text), "(no memory here)");
            ln->hex[0] = '\0';
        }
        a += size ? size : 2;
    }
}

void ui_cpu_refresh(struct ui_view *v, int before, int after)
{
    struct ui_cpu *c = &v->cpu;
    struct machine *m = v->m;
    read_regs(c, m);
    uint32_t func = name_pc(v, c);
    if (!c->dis && !c->dis_failed) {
        char err[200];
        if (!(c->dis = disasm_open(m->cpu.ops->arch, err, sizeof(err)))) {
            c->dis_failed = true;
            snprintf(c->note, sizeof(c->note), "no disassembly: %.100s", err);
        }
    }
    c->nlines = 0;
    if (!c->dis)
        return;
    before = before < 0 ? 0 : before >= UI_CPU_MAX_LINES ? UI_CPU_MAX_LINES - 1 : before;
    disassemble(c, m, window_start(c, m, func, before), after < 0 ? 0 : after);
}

enum machine_status ui_cpu_step(struct ui_view *v, uint64_t wait_ns, int before, int after)
{
    struct ui_cpu *c = &v->cpu;
    struct machine *m = v->m;
    c->have_before = false;
    read_regs(c, m);
    for (int i = 0; i < c->nregs; i++)
        c->before[i] = c->regs[i].value;
    c->have_before = true;
    c->shown = true;
    c->note[0] = '\0';
    uint64_t until = m->clock.now + clock_cycles_from_ns(&m->clock, wait_ns);
    enum machine_status st = m->cpu.ops->debug ? MACHINE_RUNNING : MACHINE_ERROR;
    while (st == MACHINE_RUNNING && m->clock.now < until)       /* asleep: wait for an interrupt */
        st = machine_step(m, until);
    if (st == MACHINE_DEBUG)
        c->steps++;
    else if (st == MACHINE_RUNNING)
        snprintf(c->note, sizeof(c->note), "asleep (wfi): no interrupt within the wait");
    else if (!m->cpu.ops->debug)
        snprintf(c->note, sizeof(c->note), "this CPU cannot step");
    ui_cpu_refresh(v, before, after);
    return st;
}

void ui_cpu_free(struct ui_cpu *c)
{
    disasm_close(c->dis);
    c->dis = NULL;
}

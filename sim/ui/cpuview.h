/* The window's CPU panel (doc/window.md, "Stepping instructions"): while the machine is paused,
 * "Step insn" runs exactly one guest instruction (machine_step: into exception and trap handlers
 * too) and the panel shows the disassembly around the PC, the current instruction marked, the
 * function it is in, and the core registers with the ones the step changed marked. No SDL here:
 * what the panel shows is computed (and unit-tested) apart from the drawing (draw_cpu.c). */
#ifndef SIM_UI_CPUVIEW_H
#define SIM_UI_CPUVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/machine.h"

#define UI_CPU_MAX_LINES 24
#define UI_CPU_MAX_REGS 40
#define UI_CPU_BEFORE 4             /* instructions shown before the PC, and after it, by default */
#define UI_CPU_AFTER 6
#define UI_CPU_WAIT_NS 1000000000ull    /* a step from wfi waits this long for an interrupt */

struct disasm;
struct ui_view;

struct ui_cpu_line {
    uint32_t addr;
    char hex[24];               /* the bytes as objdump shows them: "f8d3 3004", "4501" */
    char text[96];              /* "ldr r3, [r3, #4]" */
    bool current;               /* the instruction at the PC: the next to run */
};

struct ui_cpu_reg {
    const char *name;           /* the debug table's (GDB's) name: "r0", "sp", "a0" */
    uint32_t value;
    bool changed;               /* differs from its value before the last step */
};

struct ui_cpu {
    bool shown;                 /* the panel replaces the memory view and console (paused) */
    struct disasm *dis;         /* opened on first use */
    bool dis_failed;
    uint32_t pc;
    char where[128];            /* the function: "syscall_handle+0x1c" ("" if unknown) */
    char source[160];           /* "syscall_handle at kernel/core/syscall.c:171" ("" if unknown) */
    struct ui_cpu_line lines[UI_CPU_MAX_LINES];
    int nlines;
    struct ui_cpu_reg regs[UI_CPU_MAX_REGS];
    int nregs;
    uint32_t before[UI_CPU_MAX_REGS];   /* the registers before the last step */
    bool have_before;
    uint64_t steps;             /* instructions stepped from the window */
    char note[128];             /* "asleep (wfi): waiting for an interrupt", the disassembler's error */
};

/* Reads the CPU now: registers (changed: against the values before the last step), the
 * function and source line of the PC, and up to `before` instructions before the PC and `after`
 * after it (within UI_CPU_MAX_LINES). */
void ui_cpu_refresh(struct ui_view *v, int before, int after);
/* Runs exactly one instruction (an interrupt or exception taken on the way stops at its
 * handler's first instruction; a CPU asleep in wfi lets up to wait_ns of virtual time pass for
 * an interrupt), shows the panel and refreshes it. Returns machine_step's status: MACHINE_DEBUG
 * when one instruction ran. */
enum machine_status ui_cpu_step(struct ui_view *v, uint64_t wait_ns, int before, int after);
void ui_cpu_free(struct ui_cpu *c);

#endif

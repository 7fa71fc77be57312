/* The CPU seam of a machine: what the run loop needs from any CPU backend. */
#ifndef SIM_CPU_H
#define SIM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/snapshot/snapbuf.h"

/* Why a slice ended. */
enum cpu_stop {
    CPU_STOP_SLICE,     /* reached the deadline (or an interrupt was taken) */
    CPU_STOP_SLEEP,     /* wfi: nothing to do until an interrupt */
    CPU_STOP_EXIT,      /* the guest asked to end the run (semihosting, finisher) */
    CPU_STOP_ERROR,     /* lockup or host error: the run cannot continue (see ops->error) */
    CPU_STOP_DEBUG,     /* a breakpoint, watchpoint or single step stopped it (debug->stop_info) */
};

struct cpu_stats {
    uint64_t instructions;
    uint64_t exceptions;        /* exception/trap entries */
    uint64_t tlb_fills;
    uint64_t slow_accesses;     /* accesses to pages only partly allowed by the MPU/PMP */
    const char *cpu_state;      /* "in-place": exceptions work on the engine's CPU state
                                   (doc/unicorn.md); "api": through Unicorn's register calls */
};

/* The memory protection the kernel has programmed, as the CPU model holds it: the ARMv7-M MPU's
 * regions or the RISC-V PMP's entries (the window draws them over a process's memory). */
enum cpu_prot_kind { CPU_PROT_NONE, CPU_PROT_MPU, CPU_PROT_PMP };
#define CPU_PROT_R 1u
#define CPU_PROT_W 2u
#define CPU_PROT_X 4u
#define CPU_PROT_MAX 16

struct cpu_prot_entry {
    uint8_t index;              /* MPU region number / PMP entry number */
    uint8_t mode;               /* PMP: 1 TOR, 2 NA4, 3 NAPOT; MPU: 0 */
    uint8_t perms_user;         /* CPU_PROT_*: unprivileged (MPU) / user mode (PMP) */
    uint8_t perms_priv;         /* privileged (MPU) / machine mode (PMP) */
    uint8_t subregions_off;     /* MPU: SRD, bit i disables the i-th eighth; PMP: 0 */
    bool locked;                /* PMP: L */
    uint32_t base;
    uint64_t size;              /* [base, base + size); may reach 2^32 */
};

struct cpu_protection {
    enum cpu_prot_kind kind;
    uint32_t control;           /* MPU: CTRL (ENABLE 1, HFNMIENA 2, PRIVDEFENA 4); PMP: mseccfg */
    int n;                      /* enabled regions / active entries, in number order */
    struct cpu_prot_entry e[CPU_PROT_MAX];
};

/* An exception or trap entry: the same moment and number as the trace's "exception" (cm4) and
 * "trap" (rv32) events. */
enum cpu_exc_class { CPU_EXC_SYSCALL, CPU_EXC_IRQ, CPU_EXC_FAULT, CPU_EXC_OTHER };
#define CPU_EXC_MAX_REGS 33

struct cpu_exception {
    int number;                 /* cm4: exception number (16 + n: IRQ n); rv32: mcause */
    enum cpu_exc_class cls;
    bool from_thread;           /* taken from thread mode (cm4) / user mode (rv32): a process */
    uint32_t pc;                /* the interrupted instruction (return address / mepc) */
    /* Faults: the registers as they were (a process's or the kernel's) (cm4: r0-r12, sp, lr, pc,
     * xpsr; rv32: x0-x31, pc), else nregs = 0. */
    int nregs;
    uint32_t regs[CPU_EXC_MAX_REGS];
};

/* ---- Debugging (the GDB stub, sim/gdb/; doc/debugging.md) ---------------------------- */

/* One register as a debugger numbers and names it: the backend's table is in GDB's order, so
 * a register's index is its number in GDB's remote protocol and target description. */
struct cpu_reg_desc {
    const char *name;           /* GDB's name: "r0", "sp", "xpsr", "mstatus" */
    const char *type;           /* GDB's type: "int", "code_ptr", "data_ptr" */
    bool system;                /* in the system feature (else the core feature) */
};

enum cpu_watch_kind { CPU_WATCH_WRITE = 1, CPU_WATCH_READ = 2, CPU_WATCH_ACCESS = 3 };
enum cpu_debug_event { CPU_DEBUG_NONE, CPU_DEBUG_STEP, CPU_DEBUG_BREAK, CPU_DEBUG_WATCH };

/* Why the CPU stopped for the debugger. */
struct cpu_debug_stop {
    enum cpu_debug_event event;
    uint32_t pc;                /* where it stopped: the next instruction to run */
    enum cpu_watch_kind kind;   /* CPU_DEBUG_WATCH: the kind of access ... */
    uint32_t addr;              /* ... and its address (inside the watched range) */
};

/* What a backend offers a debugger. Breakpoints and watchpoints never patch guest memory, and
 * cost nothing while none is set; time stands still between calls. */
struct cpu_debug_ops {
    const char *gdb_arch;       /* GDB's architecture: "arm", "riscv:rv32" */
    const char *core_feature, *system_feature;  /* GDB's feature names for the two groups */
    const struct cpu_reg_desc *regs;
    int nregs;
    /* Registers by number (the index in regs); false for a number out of range. */
    bool (*reg_get)(void *cpu, int n, uint32_t *value);
    bool (*reg_set)(void *cpu, int n, uint32_t value);
    /* Runs exactly one instruction; an exception or interrupt taken on the way stops at the
     * first instruction of its handler (then the handler's instruction has not run yet).
     * CPU_STOP_DEBUG (stepped), CPU_STOP_SLEEP (it was a wfi), EXIT or ERROR. */
    enum cpu_stop (*step)(void *cpu);
    /* The debugger resumes: a breakpoint at the current pc does not stop the first instruction
     * (the one the debugger stopped at). */
    void (*resume)(void *cpu);
    /* Breakpoints (execution reaching addr stops before the instruction there) and
     * watchpoints (an access to [addr, addr+len) stops after the accessing instruction);
     * false if the table is full or the point unknown. */
    bool (*set_break)(void *cpu, uint32_t addr, bool on);
    bool (*set_watch)(void *cpu, uint32_t addr, uint32_t len, enum cpu_watch_kind kind, bool on);
    /* After CPU_STOP_DEBUG: why. */
    void (*stop_info)(void *cpu, struct cpu_debug_stop *out);
    /* The host changed guest memory at [addr, addr+len): drop translated code there. */
    void (*code_changed)(void *cpu, uint32_t addr, uint32_t len);
};

/* Implemented by each backend (sim/cpu/cortexm/cortexm.c, later sim/cpu/rv32/rv32.c). */
/* Guest edge coverage for the syscall fuzzer (sim/fuzz/): each basic block that starts in
 * [lo, hi) (the kernel's code) adds one to map[(hash(block) ^ prev) & mask] and becomes prev
 * (AFL's edge counting). The owner keeps the struct alive while it is set and zeroes prev
 * between inputs, so that an input's counts do not depend on the one before. */
struct cpu_coverage {
    uint8_t *map;
    uint32_t mask;              /* map size - 1: the size is a power of two */
    uint32_t lo, hi;
    uint32_t prev;              /* the previous block's hash, shifted right once */
};

/* Instruction-level observers (sim/insn/: --itrace, --profile). `cycle` is the clock's cycle
 * when the block or instruction starts (one instruction, one cycle). */
struct cpu_insn_observer {
    void *ctx;
    /* Each basic block that runs, with its instruction count as the clock counts it (a
     * block an exception cuts short counts whole, as for the clock). NULL: none. */
    void (*block)(void *ctx, uint32_t pc, uint32_t icount, uint64_t cycle);
    /* Each basic block that runs, as the code bytes it was translated from: [pc, pc + bytes)
     * (the fuzzer's coverage report maps them to source lines; a block an exception cuts
     * short counts whole). NULL: none. */
    void (*span)(void *ctx, uint32_t pc, uint32_t bytes);
    /* Each instruction, before it runs, with its bytes (size 2 or 4); executed false for a
     * Thumb IT block's instruction whose condition failed (a no-op the clock counts). NULL: no
     * instruction hook (an instruction hook slows the run ~10x). */
    void (*insn)(void *ctx, uint32_t pc, const uint8_t *bytes, uint32_t size, uint64_t cycle, bool executed);
};

/* The CPU's mode for a trace: cm4 'H' handler, 'P' privileged thread, 'U' unprivileged
 * thread; rv32 'M' machine, 'U' user. */
#define CPU_MODE_USER 'U'

struct cpu_ops {
    const char *arch;                                   /* "armv7m", "rv32" */
    uint16_t elf_machine;                               /* EM_ARM, EM_RISCV */
    void (*reset)(void *cpu);
    /* Runs until the clock reaches `deadline` (may overshoot by one basic block), the CPU
     * sleeps, or the run must stop. */
    enum cpu_stop (*run)(void *cpu, uint64_t deadline);
    /* True if a pending interrupt would wake a sleeping CPU. */
    bool (*wake_pending)(void *cpu);
    /* Ends the current run at the next basic block (called from device callbacks during run,
     * when an observer wants to look at the machine now, not at the next device deadline). */
    void (*stop_soon)(void *cpu);
    const char *(*error)(void *cpu);
    void (*stats)(void *cpu, struct cpu_stats *out);
    void (*destroy)(void *cpu);
    /* Snapshots (sim/core/snapshot/snapshot.h), between runs only: the CPU's registers and system
     * registers (the engine's saved context) and the backend's own state (statistics, trap
     * state; a protection model the backend owns). restore rebuilds what derives from that
     * state (protection hooks, the TLB) after the devices have been restored; a problem
     * (another engine version) goes to snap_fail. */
    void (*snapshot)(void *cpu, struct snap_writer *w);
    void (*restore)(void *cpu, struct snap_reader *r);
    /* The host rewrote guest RAM at [addr, addr + len) behind the engine's back (a restore):
     * drop code translated from it, if any. */
    void (*memory_changed)(void *cpu, uint32_t addr, uint32_t len);
    /* The protection programmed now (may be NULL: kind CPU_PROT_NONE). */
    void (*protection)(void *cpu, struct cpu_protection *out);
    const struct cpu_debug_ops *debug;                  /* NULL: no debugging */
    /* The host rewrote memory code may have run from, flash included (the boot fuzzer writes
     * a new apps region per input): drop what was translated from [addr, addr + len). */
    void (*code_changed)(void *cpu, uint32_t addr, uint32_t len);
    /* Starts counting coverage into cov (NULL: stops). Between runs only. False if the
     * engine refused the hook (the message in error()). */
    bool (*set_coverage)(void *cpu, struct cpu_coverage *cov);
    /* Installs the observer's hooks (NULL: removes them; the observer must live while set).
     * Between runs only; nothing is installed while none is set. False if the engine refused
     * (the message in error()). */
    bool (*set_insn_observer)(void *cpu, const struct cpu_insn_observer *o);
    /* The mode now (CPU_MODE_USER when a process runs unprivileged). */
    char (*mode)(void *cpu);
};

struct cpu {
    const struct cpu_ops *ops;
    void *impl;
};

#endif

/* The window's process table, kept up to date from the kernel's process events: state, memory
 * layout, allowed buffers, the protection the CPU held for each process, and its faults. */
#ifndef SIM_UI_PROCS_H
#define SIM_UI_PROCS_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/machine.h"

#define UI_PROCS_MAX 16
#define UI_FAULT_RED_NS 1000000000ull   /* a row stays red this long after a fault (virtual) */
#define UI_ALLOWS_MAX 16                /* buffers shown per process */
#define UI_FAULTS_KEPT 8                /* fault history per process (the latest ones) */

/* A buffer the process has allowed to a driver (kdbg ALLOW events). */
struct ui_allow {
    uint32_t driver, addr, len;
    uint8_t cls;                /* 3 allow-rw, 4 allow-ro, 7 allow-ur */
    uint8_t num;
};

/* One fault: what the kernel reported, and what the CPU saw when it happened. */
struct ui_fault {
    uint64_t t_ns;
    unsigned pid, restarts;
    char kind[16];              /* "mpu", "bus", "usage", "hard" */
    uint32_t addr;              /* the kernel's fault address */
    bool have_cpu;              /* pc and registers below are known */
    uint32_t pc;
    int nregs;                  /* cm4: r0-r12 sp lr pc xpsr; rv32: x0-x31 pc */
    uint32_t regs[CPU_EXC_MAX_REGS];
    char symbol[64];            /* the symbol before pc ("main+0x1c"), "" if unknown */
    char source[160];           /* pc in source terms: "main at apps/x/main.c:11 (x.elf)" */
    char ret_source[160];       /* the same for the LR (cm4) / ra (rv32): the call before it */
    char region[48];            /* where addr lies: a region of the process or outside it */
    bool have_layout;
    struct proc_layout layout;  /* the process's memory when it faulted */
};

struct ui_proc {
    unsigned slot, pid;
    char name[32];
    enum proc_state state;
    unsigned restarts;
    uint64_t syscalls;
    uint32_t mem_used, mem_size;    /* from the kernel's state reports; 0 until one arrives */
    bool has_fault;
    char fault[64];             /* "mpu fault at 0x00000000" */
    uint64_t fault_ns;          /* virtual time of the last fault */
    bool has_layout;            /* layout: from the kernel's LAYOUT events */
    struct proc_layout layout;
    struct ui_allow allows[UI_ALLOWS_MAX];
    unsigned nallows;
    bool has_prot;              /* prot: the CPU's MPU/PMP while the process last ran */
    struct cpu_protection prot;
    uint64_t faults_total;
    struct ui_fault faults[UI_FAULTS_KEPT];     /* ring: the latest at (faults_total - 1) % KEPT */
};

struct ui_procs {
    struct ui_proc rows[UI_PROCS_MAX];  /* sorted by slot */
    unsigned n;
    uint64_t events;            /* events seen; 0 means "no kernel process info" */
    int selected;               /* slot shown in the memory view; -1: none chosen (the first) */
    int current;                /* slot of the last SWITCH event, -1 none */
};

void ui_procs_init(struct ui_procs *t);
/* Applies one event seen at virtual time now_ns. Events for slots beyond UI_PROCS_MAX rows
 * are counted but not shown. A fault selects its process (the memory view jumps to it). */
void ui_procs_apply(struct ui_procs *t, const struct proc_event *e, uint64_t now_ns);
/* The row of slot, or NULL. */
struct ui_proc *ui_procs_row(struct ui_procs *t, unsigned slot);
/* The row whose layout (or, before one, nothing) puts addr in its flash; NULL if none. */
struct ui_proc *ui_procs_by_flash(struct ui_procs *t, uint32_t addr);
/* The selected row (the first row when none was chosen), or NULL. */
struct ui_proc *ui_procs_selected(struct ui_procs *t);
/* The latest fault of r, or NULL. The k-th before it: ui_procs_fault(r, k). */
const struct ui_fault *ui_procs_fault(const struct ui_proc *r, unsigned k);
/* "running", "yielded", "stopped", "faulted", "terminated". */
const char *ui_procs_state_name(enum proc_state s);
/* True if row r should be drawn as faulted at virtual time now_ns: the process is in the
 * faulted state, or it faulted less than UI_FAULT_RED_NS ago (a restart follows at once). */
bool ui_procs_alarm(const struct ui_proc *r, uint64_t now_ns);

#endif

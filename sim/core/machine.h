/* A machine: one board's CPU, bus, clock, trace and devices, and the run loop. */
#ifndef SIM_MACHINE_H
#define SIM_MACHINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/bus.h"
#include "sim/core/clock.h"
#include "sim/core/cpu.h"
#include "sim/core/lineout.h"
#include "sim/core/proc_event.h"
#include "sim/core/trace.h"

struct machine_config {
    const char *board;          /* "cm4" */
    const char *node;           /* name in traces (default: the board name) */
    uint32_t ram_size;          /* 0: the board's default */
    uint64_t seed;
    FILE *console;              /* UART0 / semihosting output (NULL: discard) */
};

struct machine_layout {
    uint32_t flash_base, flash_size, ram_base, ram_size, apps_base, apps_size;
};

/* MACHINE_DEBUG: a breakpoint, watchpoint or single step stopped the CPU (only while a
 * debugger set one: cpu.ops->debug->stop_info says which). */
enum machine_status { MACHINE_RUNNING, MACHINE_EXITED, MACHINE_TIMEOUT, MACHINE_ERROR, MACHINE_DEBUG };

/* Observers of a board's outputs (the scenario engine, the window, traces). Any may be NULL. */
struct machine_observer {
    void *ctx;
    void (*console)(void *ctx, const char *s, unsigned len);   /* UART0 / semihosting output */
    void (*led)(void *ctx, unsigned led, bool on);
    void (*pin)(void *ctx, unsigned pin, bool level);          /* output level changes */
    void (*process)(void *ctx, const struct proc_event *e);    /* kernel process events */
    /* CPU crossings into and out of thread mode (--strace): a thread-mode svc (svc = its
     * number, pc = after it, r = r0-r3 as passed) and each exception return to thread mode
     * (svc = -1, pc = where the thread resumes, r = r0-r3 as restored); psp: thread on PSP. */
    void (*thread)(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4]);
    /* Every exception or trap entry (where the trace writes "exception" / "trap"). */
    void (*exception)(void *ctx, const struct cpu_exception *x);
    /* The CPU went to sleep (wfi) or woke up. */
    void (*sleep)(void *ctx, bool sleeping);
};

#define MACHINE_MAX_OBSERVERS 8
#define MACHINE_MAX_INSN_OBSERVERS 4

/* The instruction-level observers of a machine (sim/core/insn_observers.c). */
struct machine_insn {
    struct cpu_insn_observer list[MACHINE_MAX_INSN_OBSERVERS];
    int n;
    struct cpu_insn_observer fan;       /* installed when n > 1: calls each */
};

struct board_desc;

struct machine {
    const struct board_desc *desc;
    struct machine_observer observers[MACHINE_MAX_OBSERVERS];
    int nobservers;
    bool thread_watched;                /* an observer has a `thread` callback */
    struct machine_insn insn;
    struct vclock clock;
    struct trace trace;
    struct bus bus;
    struct device_dma dma;              /* DMA over the bus, for devices that need it */
    struct cpu cpu;                     /* set by the board's build function */
    struct machine_layout layout;
    void *board;                        /* the board's device state */
    void (*board_free)(void *board);
    struct lineout console;             /* UART0 / semihosting output, whole lines */
    bool sleeping;
    bool exited;
    bool stop_requested;                /* machine_request_stop: end machine_run early */
    uint32_t buttons_held;              /* host state of buttons 0..31 (machine_press_button) */
    int exit_code;
    char error[300];
    /* Where the kernel keeps its system call driver table (its ELF symbols board_drivers and
     * board_num_drivers; 0 when the kernel has none, e.g. Tock's own): --strace names drivers
     * from it. */
    uint32_t kernel_drivers, kernel_num_drivers;
    /* /proc/self/pagemap for snapshots (sim/core/snapshot/snapshot.c): opened by the first one, -1 if
     * it cannot be. */
    int pagemap_fd;
    /* The images machine_load_images loaded (paths as given): symbols for the window. */
    char *kernel_path;
    struct machine_image { char *path; uint32_t base; } *images;
    int nimages;
    /* Apps' ELF files given by hand (--app-elf), for source-level fault reports and GDB
     * (sim/dwarf/appelf.h matches them to apps by name). */
    char **app_elfs;
    int napp_elfs;
};

#define MACHINE_PAGEMAP_UNOPENED (-2)

/* Builds a machine for cfg->board; NULL with a message in err on failure. */
struct machine *machine_create(const struct machine_config *cfg, char *err, size_t errlen);
void machine_destroy(struct machine *m);
void machine_stats(struct machine *m, struct cpu_stats *out);
/* Resets the CPU (after images are loaded). */
void machine_reset(struct machine *m);
/* Runs until the guest exits, an error, or virtual time reaches `until` cycles. Returns
 * MACHINE_RUNNING if machine_request_stop was called meanwhile (at the next event boundary). */
enum machine_status machine_run(struct machine *m, uint64_t until);
/* Runs due events, then exactly one instruction (debugging: cpu.ops->debug->step): returns
 * MACHINE_DEBUG when it ran. A sleeping CPU first lets time pass up to `until` waiting for an
 * interrupt (MACHINE_RUNNING if it still sleeps then: call again). An exception taken on the
 * way stops at its handler's first instruction. */
enum machine_status machine_step(struct machine *m, uint64_t until);
/* Asks the current machine_run to return soon (e.g. an observer saw what a scenario waits for). */
void machine_request_stop(struct machine *m);
/* Board helpers for the machine's own callbacks. */
void machine_console_write(void *m, const char *s, unsigned len);
/* Where the console goes (NULL: discard); guest errors printed meanwhile keep its lines whole. */
void machine_set_console(struct machine *m, FILE *f);
/* Shows output still held: the console's unfinished line, the summary of repeated guest errors.
 * Call before printing a run's result; machine_destroy calls it too. */
void machine_flush_output(struct machine *m);
void machine_guest_exit(void *m, int code);
void machine_led_changed(void *m, unsigned led, bool on);
void machine_pin_changed(void *m, unsigned pin, bool level);
void machine_process_event(void *m, const struct proc_event *e);
void machine_thread_crossing(void *m, int svc, uint32_t pc, bool psp, const uint32_t r[4]);
void machine_exception(void *m, const struct cpu_exception *x);
/* The protection the CPU has programmed now (kind CPU_PROT_NONE if the backend cannot say). */
void machine_protection(struct machine *m, struct cpu_protection *out);

/* Loads the kernel ELF and the apps' TBFs (placed one after the other from the apps region's
 * start) and remembers their paths (m->kernel_path, m->images) and the kernel's driver table
 * (m->kernel_drivers). False with the problem in err. */
bool machine_load_images(struct machine *m, const char *kernel, char *const *apps, int napps,
                         char *err, size_t errlen);

/* Remembers an app's ELF file given by hand (--app-elf); false only when memory runs out. */
bool machine_add_app_elf(struct machine *m, const char *path);

/* Host side of the board's I/O, for scenarios, the window and tests. Out-of-range indexes are
 * ignored (reads return false). */
bool machine_add_observer(struct machine *m, const struct machine_observer *o);
/* Removes the observers whose ctx is ctx (one that is going away while the machine stays). */
void machine_remove_observer(struct machine *m, void *ctx);
/* Instruction-level observers (--itrace, --profile; struct cpu_insn_observer): hooks in the
 * CPU only while one is added. Between runs only; false with the problem in m->error. */
bool machine_add_insn_observer(struct machine *m, const struct cpu_insn_observer *o);
/* Removes the instruction observers whose ctx is ctx. */
void machine_remove_insn_observer(struct machine *m, void *ctx);
/* The CPU's mode now (struct cpu_ops.mode; '?' if the backend cannot say). */
char machine_cpu_mode(struct machine *m);
unsigned machine_num_leds(const struct machine *m);
unsigned machine_num_buttons(const struct machine *m);
unsigned machine_num_pins(const struct machine *m);
void machine_press_button(struct machine *m, unsigned idx, bool pressed);
/* Whether button idx is held now, by whoever pressed it (a scenario, the window, the terminal). */
bool machine_button(const struct machine *m, unsigned idx);
void machine_drive_pin(struct machine *m, unsigned pin, bool level);
bool machine_led(struct machine *m, unsigned idx);
bool machine_pin(struct machine *m, unsigned pin);
/* Queues bytes for UART0's receiver; returns how many were accepted. */
size_t machine_console_input(struct machine *m, const uint8_t *buf, size_t n);
/* The board's IEEE 802.15.4 radio, or NULL if it has none (sim/radio/ connects it). */
struct radio802154 *machine_radio(struct machine *m);
/* Resets the whole board: every device, then the CPU (memory keeps its contents). */
void machine_reset_all(struct machine *m);
/* The earliest cycle at which the board may do anything on its own: now if the CPU is awake,
 * else its next clock event (CLOCK_NEVER: none), which is when it could wake. */
uint64_t machine_next_activity(struct machine *m);

#endif

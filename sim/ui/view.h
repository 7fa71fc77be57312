/* The window's state for one machine: what it has seen (console, processes, the timeline) and
 * its controls. */
#ifndef SIM_UI_VIEW_H
#define SIM_UI_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/dwarf/srcsyms.h"
#include "sim/trace/strace.h"
#include "sim/ui/console.h"
#include "sim/ui/cpuview.h"
#include "sim/ui/layout.h"
#include "sim/ui/procs.h"
#include "sim/core/symbols.h"
#include "sim/ui/timeline.h"

/* The kernel's own memory, from its ELF's linker symbols (read once, when first drawn). */
struct ui_kernel_mem {
    bool tried, known;
    uint32_t flash_end;                 /* _kernel_flash_end: kernel code and data images */
    uint32_t stack_lo, stack_hi;        /* _kernel_stack_start, _estack */
    uint32_t data_lo, bss_hi;           /* _sdata, _ebss */
    uint32_t app_ram;                   /* _app_ram_start: process RAM from here */
};

struct ui_view {
    struct machine *m;
    struct ui_console console;
    struct ui_procs procs;
    struct ui_timeline tl;
    struct strace strace;       /* decodes system calls and upcalls for the timeline, as --strace */
    struct symbols syms;
    struct srcsyms src;         /* source locations of faults (DWARF, sim/dwarf/) */
    struct ui_kernel_mem kmem;
    /* the CPU's side of the latest fault taken in thread mode, matched with the kernel's report */
    bool have_cpu_fault;
    struct cpu_exception cpu_fault;
    uint64_t cpu_fault_ns;
    uint32_t prot_dirty;        /* slots whose MPU/PMP to read when they next enter user mode */

    /* controls */
    bool paused;
    int speed_idx;              /* index into the speed table; see ui_view_speed() */
    uint64_t step_ns;
    uint32_t driven;            /* GPIO inputs driven high from the window */
    uint32_t buttons_down;      /* buttons this window holds (mouse, keys); drawn are
                                   all held ones: machine_button() */
    int mouse_button;           /* button held by the mouse, or -1 */
    bool console_focus;         /* typing goes to the UART */
    bool echo;                  /* copy console output to stdout */
    unsigned scroll;            /* console lines scrolled back from the end */
    unsigned hidden;            /* collapsed panels: bits 1 << enum ui_panel */
    int mouse_x, mouse_y;       /* last mouse position (physical pixels), -1 outside */
    bool dragging;              /* the timeline is being dragged */
    int drag_x;                 /* where the last drag step ended */

    /* machine state as the window shows it */
    enum machine_status status;
    double actual_speed;        /* measured virtual/wall ratio, smoothed */
    bool behind;                /* the host cannot keep up with the chosen speed */

    struct ui_cpu cpu;          /* the CPU panel: "Step insn" while paused */

    struct ui_layout layout;    /* of the last frame drawn */
};

/* Creates the view and registers its observers on m (call after the images are loaded: the
 * timeline's system call decoder finds the apps then); NULL if the machine has no free slot. */
struct ui_view *ui_view_create(struct machine *m);
/* The view registered on m by ui_view_create, or NULL. */
struct ui_view *ui_view_of(struct machine *m);
/* Unregisters and frees the view. */
void ui_view_destroy(struct ui_view *v);

/* Speed factor (virtual s per wall s) for the current speed_idx; INFINITY for "max". */
double ui_view_speed(const struct ui_view *v);
/* The speed_idx of the table entry nearest to factor (0 or less: 1x). */
int ui_view_speed_index(double factor);
/* Moves the speed one step slower (-1) or faster (+1), within the table. */
void ui_view_speed_step(struct ui_view *v, int dir);
/* "1×", "0.25×", "100×", "max". */
void ui_view_speed_label(const struct ui_view *v, char *buf, size_t n);

/* Presses or releases button idx (mouse or keys); ignores buttons the board lacks. */
void ui_view_button(struct ui_view *v, unsigned idx, bool pressed);
/* Releases every held button. */
void ui_view_release_all(struct ui_view *v);
/* Toggles the level the window drives on GPIO pin `pin`. */
void ui_view_toggle_pin(struct ui_view *v, unsigned pin);
/* Virtual time now, in ns. */
uint64_t ui_view_now_ns(const struct ui_view *v);
/* Shows process slot in the memory view. */
void ui_view_select(struct ui_view *v, unsigned slot);
/* The kernel's memory (read from its ELF on first use); NULL if unknown. */
const struct ui_kernel_mem *ui_view_kernel_mem(struct ui_view *v);

/* sim/ui/watch.c: the observers that feed the process table and the timeline. */
void ui_watch_process(void *ctx, const struct proc_event *e);
void ui_watch_exception(void *ctx, const struct cpu_exception *x);
void ui_watch_thread(void *ctx, int svc, uint32_t pc, bool psp, const uint32_t r[4]);
void ui_watch_sleep(void *ctx, bool sleeping);
void ui_watch_strace(void *ctx, const struct strace *s, const struct strace_event *e);
/* The lane of process slot on the timeline. */
unsigned ui_watch_lane(unsigned slot);

#endif

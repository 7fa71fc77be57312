/* The harness's state and the functions its files share (not for other rooms). */
#ifndef SIM_FUZZ_INTERNAL_H
#define SIM_FUZZ_INTERNAL_H

#include "sim/core/snapshot/snapshot.h"
#include "sim/fuzz/fuzz.h"
#include "sim/fuzz/program.h"

#define FZ_MAX_DRIVERS 16
/* The fuzzers' boards run their console UART this much faster (board_desc.console_speedup):
 * a process fault's report, printed polled, costs ~50 instead of ~1600 instructions per
 * character on rv32, and faults are frequent in fuzzing. Replays set the same. */
#define FZ_CONSOLE_SPEEDUP 64
#define FZ_MAX_PIDS 64

/* A system call driver of the kernel, as its table (board_drivers) says. */
struct fz_kdriver {
    uint32_t num;
    uint8_t num_upcalls, num_allow_ro, num_allow_rw, num_allow_ur;
    uint16_t grant_size;
};

/* A process the harness follows, by its slot. */
struct fz_proc {
    int slot;                   /* -1 until the kernel created it */
    unsigned pid;
    int state;                  /* enum proc_state last reported */
};

/* The system call the driver is in (entered, not yet returned). */
struct fz_call {
    bool open;
    uint32_t cls, a[4], r[4];
    uint32_t pos;               /* the record being executed */
    uint32_t brk;               /* the break before the call, as the host follows it */
};

/* One input's run. */
struct fz_exec {
    const struct fz_program *prog;
    struct fuzz_verdict *v;
    bool finding;               /* v holds the first oracle that fired */
    uint32_t cur_pid;           /* the process the kernel last switched to */
    struct fz_call call;
    uint32_t brk;               /* the driver's break, followed through brk/sbrk */
    uint32_t last_pos;          /* the record the driver was last seen in */
    uint32_t touch_from;        /* first record whose access is not yet known to have run */
    bool restarted;             /* the driver was created again: feed it the rest */
    bool dead;                  /* the driver ended (terminated, or faulted and stopped) */
    bool done;                  /* the driver ran every record */
    bool blocked;               /* the driver waits in a yield that has not returned */
    uint64_t blocked_since;
    int event_due;              /* record whose host event to apply now, -1: none */
    bool applied[FZ_MAX_RECORDS];
    bool watch_victim;          /* stop at the victim's next system call */
    unsigned dead_pids[FZ_MAX_PIDS];
    unsigned ndead;
    uint64_t last_progress;     /* cycle of the last crossing, switch or sleep */
};

struct fuzz_harness {
    struct machine *m;
    bool own_machine;
    struct snapshot *snap;
    FILE *log;
    uint8_t *ram;               /* host view of guest RAM */
    uint32_t ram_base, ram_size;
    uint32_t drv, vic;          /* guest addresses of the driver's and the victim's blocks */
    uint32_t drv_ram[2], vic_ram[2];    /* their RAM as the kernel's loader printed it (0: not
                                           seen): where the blocks are looked for */
    uint32_t base[FZ_NUM_BASES];    /* pointer bases, the driver's as it reported them */
    uint32_t code_start;        /* the driver's code: its flash after the TBF header */
    struct fz_kdriver kdrivers[FZ_MAX_DRIVERS];
    unsigned nkdrivers;
    struct fz_proc driver, victim;
    struct cpu_coverage cov;
    bool have_cov;
    struct fz_proc driver_at_boot, victim_at_boot;
    uint32_t pid_at_boot;       /* the process running when the snapshot was taken */
    char line[160];             /* the console line being printed */
    unsigned line_len;
    char panic_line[200];       /* the first "Kernel panic"/"Kernel fault" line of the input */
    struct fz_exec x;
};

/* harness.c: the console speed-up, at time 0 (both fuzzers, fuzzing and replaying). */
void fz_speed_up_console(struct machine *m);
/* harness.c: guest memory through the host view (addresses checked by the callers). */
void *fz_guest(struct fuzz_harness *h, uint32_t addr);
uint32_t fz_guest32(struct fuzz_harness *h, uint32_t addr);
void fz_put32(struct fuzz_harness *h, uint32_t addr, uint32_t v);
/* The driver block's field at offsetof(struct fz_driver_block, f). */
#define FZ_DRV(h, f) ((h)->drv + (uint32_t)offsetof(struct fz_driver_block, f))

/* observe.c: the machine observer that follows the two processes and the driver's calls. */
void fz_observe_install(struct fuzz_harness *h);
void fz_exec_reset(struct fuzz_harness *h, const struct fz_program *p, struct fuzz_verdict *v);

/* oracle.c */
/* Reports a finding (the first one sticks) and stops the machine soon. */
void fz_finding(struct fuzz_harness *h, enum fuzz_kind k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Checks one completed system call of the driver against what the kernel may answer. */
void fz_check_call(struct fuzz_harness *h, const struct fz_call *c);
/* Follows the driver's break through a completed brk/sbrk. */
void fz_follow_break(struct fuzz_harness *h, const struct fz_call *c);
/* After the input: the victim's guard and the driver's grant table. */
void fz_check_after(struct fuzz_harness *h);
/* The driver reached record `upto`: its loads and stores in [x.touch_from, upto) ran without
 * a fault, which is a finding for any address that is not the driver's. */
void fz_check_touches(struct fuzz_harness *h, uint32_t upto);
int fz_kdriver_index(const struct fuzz_harness *h, uint32_t num);

/* exec.c */
bool fz_exec_program(struct fuzz_harness *h, const struct fz_program *p, struct fuzz_verdict *v);

#endif

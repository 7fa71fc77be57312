/* One running board of a scenario (or of tocksim boot): its machine, images, and what the
 * scenario engine observes of it (console, LED history, pins, kernel process events). */
#ifndef SIM_SCENARIO_NODE_H
#define SIM_SCENARIO_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/core/machine.h"
#include "sim/dwarf/faultsrc.h"
#include "sim/scenario/scenario.h"

struct gdb_stub;

#define NODE_MAX_LEDS 8
#define NODE_MAX_PROCS 16
#define NODE_CONSOLE_KEEP (64u * 1024u)  /* unconsumed console output kept for matching */
#define NODE_REGEX_SPAN 4096u            /* a regex match may be up to this long */

struct led_change { uint64_t t_ns; bool on; };

struct node_proc {
    char name[32];
    unsigned pid, restarts;
    int state;                      /* enum proc_state */
    bool used;
    uint64_t changed_ns;            /* when state or restarts last changed (or it was created) */
};

struct node_fault {
    char name[32];
    char kind[16];
    uint32_t addr;
    uint64_t t_ns;
    bool consumed;
    char source[FAULTSRC_LINE];  /* "PC 0x… = main at apps/x/main.c:11 (x.elf)", "" if unknown */
};

struct node {
    const struct scenario_node *spec;
    struct machine *m;
    /* Observe without stopping the machine (a fuzz step: its harness decides where the
     * machine stops, exactly as when the input was fuzzed). */
    bool passive;
    /* Console output not yet consumed by wait_console (con[0..con_len), NULs dropped). */
    char *con;
    size_t con_len, con_cap, con_checked;
    uint64_t con_bytes, con_last_ns, con_match_ns;
    /* When each part of con arrived: marks[head..n) in order, mark k covering the bytes up to
     * (absolute) offset end (con[0] is at absolute offset con_base), so a match's time is the
     * time of its own last byte even when later output is already there. */
    struct con_mark { uint64_t end, t_ns; } *marks;
    size_t marks_head, marks_n, marks_cap;
    uint64_t con_base;
    char recent[4096];              /* the last bytes of output, consumed or not (a ring) */
    size_t recent_pos;
    /* Host input the UART has not taken yet. */
    uint8_t *in;
    size_t in_len, in_cap;
    /* LED changes (for expect_blink) and the time of the last LED/pin change. */
    struct { struct led_change *v; size_t n, cap; } leds[NODE_MAX_LEDS];
    uint64_t led_last_ns, pin_last_ns;
    bool buttons[8];
    /* Kernel process events (kdbg). */
    bool kdbg_seen;
    struct node_proc procs[NODE_MAX_PROCS];
    struct node_fault *faults;
    size_t nfaults, faults_cap;
    struct gdb_stub *gdb;           /* GDB takes part in running the board (NULL: no) */
    struct faultsrc fsrc;       /* source-level fault reports (printed where the console goes) */
};

/* Builds the board of spec, loads its kernel and apps, observes it and resets it (then
 * restores spec->snapshot, if given). trace (may be NULL) receives the machine's JSON-lines
 * trace. False with a message on failure. */
bool node_open(struct node *n, const struct scenario_node *spec, FILE *trace, char *err, size_t errlen);
void node_close(struct node *n);
/* Starts m from a snapshot file (after its images are loaded and it is reset). */
bool node_load_snapshot(struct machine *m, const char *path, char *err, size_t errlen);
/* Loads a kernel ELF and TBF apps into a machine (also used by the command line). */
bool node_load_images(struct machine *m, const char *kernel, char *const *apps, int napps, char *err,
                      size_t errlen);
uint64_t node_now_ns(const struct node *n);
/* Listens for GDB on 127.0.0.1:port for this board (doc/debugging.md, "Boards of a
 * scenario"); the first node_run waits for it to connect. */
bool node_gdb_open(struct node *n, int port, char *err, size_t errlen);
/* machine_run for the board, through GDB's stub when it has one (then GDB's breakpoints and
 * steps hold the board, and the caller, while GDB looks). */
enum machine_status node_run(struct node *n, uint64_t until);
/* The run is over: a GDB waiting for the board hears so (why: in words). */
void node_gdb_end(struct node *n, enum machine_status status, const char *why);
/* Queues console input and hands the UART what it can take now. */
bool node_write_console(struct node *n, const char *s, size_t len);
void node_feed_input(struct node *n);
/* wait_console: finds the step's text or regex in the unconsumed output; on a match, the
 * output up to its end is consumed and con_match_ns set. */
bool node_console_match(struct node *n, const struct step *s);
/* The last `lines` lines of recent console output (for failure reports), into buf. */
void node_console_tail(const struct node *n, int lines, char *buf, size_t len);
/* A process by name, or NULL. */
const struct node_proc *node_find_proc(const struct node *n, const char *name);

#endif

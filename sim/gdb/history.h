/* Reverse execution for GDB (bs, bc): checkpoints (machine snapshots) taken while the machine
 * runs forward, and deterministic replay from them. A position is the virtual clock's cycle
 * count: one instruction is one cycle, and the same inputs give the same run, so replaying
 * from a checkpoint reaches every earlier position exactly as it was. */
#ifndef SIM_GDB_HISTORY_H
#define SIM_GDB_HISTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/core/snapshot/snapshot.h"

#define HISTORY_INTERVAL (8u << 20)     /* cycles between checkpoints (131 ms at 64 MHz) */
#define HISTORY_MAX 1024                /* checkpoints kept; beyond, every other one goes */

struct history {
    struct snapshot **cp;               /* checkpoints in position order */
    uint64_t *pos;
    bool *stepped;                      /* the run from it was single steps (else a continue) */
    int n;
    struct snapshot *scratch;           /* the state before each replayed step */
    /* Points to switch off while replaying (breakpoints would stop it), and on again. */
    void (*points)(void *ctx, bool on);
    void *ctx;
};

enum history_result { HISTORY_MOVED, HISTORY_AT_START, HISTORY_ERROR };

void history_init(struct history *h, void (*points)(void *ctx, bool on), void *ctx);
void history_free(struct history *h);
/* Forgets everything (GDB wrote registers or memory: the recorded future is not this one). */
void history_clear(struct history *h);
/* Takes a checkpoint at m's position if the last one is HISTORY_INTERVAL behind (or forced, at
 * each resume: stepped says whether the machine now single-steps or continues). Replays repeat
 * the way the machine ran: interrupts are taken between blocks in a continue but between
 * instructions when stepping. */
void history_note(struct history *h, struct machine *m, bool force, bool stepped);
/* Moves m back one instruction (or to where time last jumped while it slept). */
enum history_result history_step_back(struct history *h, struct machine *m);
/* Moves m back to the last breakpoint or watchpoint hit before its position, or to the oldest
 * checkpoint (HISTORY_AT_START). The CPU's stop_info then describes the hit. */
enum history_result history_continue_back(struct history *h, struct machine *m);

#endif

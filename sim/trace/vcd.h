/* VCD (IEEE 1364 value change dump) of LEDs, buttons and GPIO pins, for GTKWave. */
#ifndef SIM_VCD_H
#define SIM_VCD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/machine.h"

struct vcd_change { uint64_t t_ns; uint32_t node, seq; int sig; bool value; };

/* A board's signals and its changes: each board records its own (boards may run on several
 * threads), merged by time, then board, then order when the dump is written. */
struct vcd_node {
    struct vcd *vcd;
    struct machine *m;
    char name[32];
    int index;
    int base;                       /* first signal: LEDs, then buttons, then pins */
    unsigned nleds, nbuttons, npins;
    struct vcd_change *ch;
    size_t n, cap;
};

/* Changes are kept in memory and written, sorted by time, when the dump is closed: boards of
 * one scenario run one after another up to each sync point, so changes arrive out of order. */
struct vcd {
    char *path;
    struct vcd_node **nodes;        /* each allocated once: it is an observer's context */
    int nnodes, nsigs;
    bool *value;                    /* current value per signal */
    bool *initial;
};

void vcd_init(struct vcd *v, const char *path);
/* Declares the board's signals (scope = name), records their values now and observes it. */
bool vcd_add_node(struct vcd *v, struct machine *m, const char *name);
/* Host-side changes the machine does not report: button presses, pins driven from outside. */
void vcd_button(struct vcd *v, int node, unsigned idx, bool pressed);
void vcd_sample_pins(struct vcd *v, int node);
/* Writes the file and frees everything; false with a message if it cannot be written. */
bool vcd_close(struct vcd *v, char *err, size_t errlen);

#endif

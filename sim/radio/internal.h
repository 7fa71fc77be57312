/* The medium's state, shared by the files of sim/radio/ (medium.h is the interface). Which
 * thread may touch what: a node's outbox and pending events are written only by its own
 * board's thread during a quantum and read at synchronisation points; everything else is
 * written only at synchronisation points (or between steps) and read by any board. */
#ifndef SIM_RADIO_INTERNAL_H
#define SIM_RADIO_INTERNAL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/radio/medium.h"

/* How long a frame stays in the medium's window after its end: longer than any board can be
 * behind the synchronisation point (a basic block) plus the energy/CCA look-back. */
#define MEDIUM_KEEP_NS 10000000ull

struct medium_frame {
    uint64_t start_ns, end_ns;
    int from;
    uint32_t seq;                   /* the sender's count */
    uint8_t channel, len;
    int8_t dbm;
    bool lost;                      /* the unit disk's transmission draw failed */
    int refs;                       /* the window's, plus each recorded event's */
    uint8_t psdu[RADIO_PSDU_MAX];
};

/* A frame as one node receives it. */
struct heard {
    const struct medium_frame *f;
    double mw;
};

struct medium_link {
    int to;
    double ratio;
    int rssi;
};

struct medium_node {
    struct medium *md;
    int index;
    const char *name;
    struct radio802154 *radio;
    double x, y, z;
    bool enabled;
    /* Written by the node's thread during a quantum. */
    struct medium_frame **outbox;
    size_t nout, capout;
    struct medium_event *pending;
    size_t npending, cappending;
    /* Written at synchronisation points, read by the node's thread. */
    struct heard *heard;
    size_t nheard, capheard;
    struct medium_link *links;      /* links model: outgoing links */
    size_t nlinks, caplinks;
    int touched;                    /* index in md->touched + 1 during a synchronisation */
};

struct jam {
    unsigned channel;
    double mw;
    uint64_t from_ns, to_ns;
};

struct medium {
    struct medium_params p;
    int nnodes;
    struct medium_node *nodes;
    struct medium_frame **window;   /* frames still relevant, by start time */
    size_t nwindow, capwindow;
    struct jam *jams;
    size_t njams, capjams;
    double max_range_m;             /* beyond it nothing is heard (0: no limit) */
    uint64_t last_prune_ns, sent;
    uint64_t last_sync_ns;          /* the latest synchronisation point's time */
    FILE *pcap;
    bool record;
    net_observer_fn observe;        /* the network's observer (medium_observe), or NULL */
    void *observe_ctx;
    struct medium_event *events;
    size_t nevents, capevents;
    struct medium_touch *touched;   /* the nodes the last synchronisation point handed frames to */
    size_t ntouched, captouched;
};

/* Grows *buf (of *cap elements of size elem) to hold need; false if out of memory. */
bool medium_grow(void **buf, size_t *cap, size_t need, size_t elem);

/* sim/radio/propagation.c: what reaches whom. */
struct reach {
    double dbm;
    uint8_t flags;                  /* RADIO_ARR_WEAK, RADIO_ARR_LOST */
};
/* How frame f from node s reaches node r; false if not at all (nothing to hand over). */
bool medium_reach(const struct medium *md, const struct medium_frame *f, int r, struct reach *out);
/* The distance beyond which no model parameters let anything be heard (0: unlimited). */
double medium_max_range(const struct medium_params *p);

/* sim/radio/reception.c: fates and energy, from a node's heard list. */
void medium_fate(const struct medium_node *n, const struct radio_arrival *a, struct radio_fate *out);
int medium_energy(const struct medium_node *n, unsigned channel, uint64_t from_ns, uint64_t to_ns);
/* Packet reception rate of an O-QPSK 2.4 GHz frame of len bytes at a linear SINR. */
double medium_prr(double sinr, unsigned len);

/* sim/radio/draw.c: reproducible draws from the medium's seed and the identities involved. */
double medium_uniform(uint64_t seed, uint64_t a, uint64_t b, uint64_t c);
double medium_gaussian(uint64_t seed, uint64_t a, uint64_t b, uint64_t c);

/* sim/radio/sync.c: moves the frames in the outboxes into the window without delivering them
 * (the end: the radios may be gone). */
void medium_capture_committed(struct medium *md);

/* sim/radio/pcap.c */
bool medium_pcap_header(FILE *f);
void medium_pcap_frame(FILE *f, const struct medium_frame *fr);

static inline double medium_mw(double dbm)
{
    return pow(10.0, dbm / 10.0);
}

#endif

/* The network as an observer sees it: where the nodes of a radio medium are and what becomes of
 * each frame. The medium (sim/radio/) publishes these events; a view (the window's network view,
 * sim/ui/net.c) listens without knowing the medium, so neither room includes the other. */
#ifndef SIM_CORE_NETOBS_H
#define SIM_CORE_NETOBS_H

#include <stdint.h>

/* What became of a frame at one receiver (or, for NET_TX, that it went on the air). */
enum net_outcome {
    NET_TX,                 /* on the air (to: -1) */
    NET_DELIVERED,          /* taken intact by the receiver (an ACK included) */
    NET_COLLIDED,           /* another frame or jamming overlapped it */
    NET_LOST,               /* lost on the way (the model's loss draw) */
    NET_RANGE,              /* too weak: interference range, below sensitivity */
    NET_CORRUPT,            /* arrived with a bad FCS (noise) */
    NET_IGNORED,            /* the receiver was not listening: off, other channel, busy, filtered */
    NET_OUTCOMES
};

enum net_event_kind { NET_EV_POSITION, NET_EV_FRAME };

struct net_event {
    enum net_event_kind kind;
    int node;                       /* POSITION: the node; FRAME: the sender */
    double x, y;                    /* POSITION: metres */
    int to;                         /* FRAME: the receiver (-1 for NET_TX) */
    enum net_outcome outcome;       /* FRAME */
    uint64_t start_ns, end_ns;      /* FRAME: on the air */
    uint64_t t_ns;                  /* when it happened (POSITION: when the node moved) */
};

/* Called on the thread that runs the synchronisation points, never from a board's thread. */
typedef void (*net_observer_fn)(void *ctx, const struct net_event *e);

#endif

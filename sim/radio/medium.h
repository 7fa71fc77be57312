/* The radio medium: the air between the IEEE 802.15.4 radios of many boards (doc/radio.md).
 *
 * Boards run in parallel between synchronisation points and never further apart than
 * MEDIUM_QUANTUM_NS, the shortest radio latency (a radio commits to a frame one turnaround
 * before it is on the air). During a quantum each radio only appends to its own node's outbox
 * and reads what the medium delivered before; at each synchronisation point (one thread)
 * medium_sync takes the outboxes in a fixed order (start time, then node index), decides who
 * hears each frame and hands it to their radios. So the results are the same for any number of
 * threads. */
#ifndef SIM_RADIO_MEDIUM_H
#define SIM_RADIO_MEDIUM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "peripherals/radio/radio802154.h"
#include "sim/core/netobs.h"

#define MEDIUM_QUANTUM_NS RADIO_TURNAROUND_NS

enum medium_model { MEDIUM_UNIT_DISK, MEDIUM_LOG_DISTANCE, MEDIUM_LINKS };

/* The propagation model and its parameters (doc/radio.md, "Models"). */
struct medium_params {
    enum medium_model model;
    uint64_t seed;
    double noise_dbm;               /* every model: the noise floor */
    /* unit disk (Cooja's UDGM) */
    double tx_range, interference_range, success_tx, success_rx;
    /* log-distance path loss with log-normal shadowing */
    double pl_d0_db, d0_m, exponent, shadowing_db, sensitivity_dbm;
    /* links (Cooja's DGRM): directed links set with medium_set_link */
};

/* Defaults of every parameter for a model. */
void medium_params_default(struct medium_params *p, enum medium_model model);
const char *medium_model_name(enum medium_model m);

/* What the scenario engine sees of the traffic (medium_record). */
enum medium_event_kind { MEDIUM_EV_TX, MEDIUM_EV_RX };
struct medium_frame;
struct medium_event {
    uint64_t t_ns;                  /* TX: start on the air; RX: the decision (frame end or start) */
    enum medium_event_kind kind;
    int node;                       /* TX: the sender; RX: the receiver */
    int from;                       /* the sender */
    enum radio_rx_result result;    /* RX only */
    int rssi, lqi;
    const struct medium_frame *frame;
};

struct medium;

struct medium *medium_new(const struct medium_params *p, int nnodes);
void medium_free(struct medium *md);
/* Node index's radio (its board's, on its clock), name and position. */
void medium_attach(struct medium *md, int index, const char *name, struct radio802154 *radio, double x, double y,
                   double z);
void medium_move(struct medium *md, int index, double x, double y, double z);
/* Node index's position now. */
void medium_position(const struct medium *md, int index, double *x, double *y, double *z);
/* The links model: frames from `from` reach `to` with this ratio and RSSI (ratio 0: no link). */
void medium_set_link(struct medium *md, int from, int to, double ratio, int rssi);
/* Disconnects a node's antenna (its frames reach nobody, it hears nothing), or reconnects it. */
void medium_set_enabled(struct medium *md, int index, bool on);
/* Noise of `dbm` at every node on `channel` during [from_ns, to_ns). */
void medium_jam(struct medium *md, unsigned channel, double dbm, uint64_t from_ns, uint64_t to_ns);
/* Writes every frame to a pcap file (IEEE 802.15.4 TAP, LINKTYPE 283) as it leaves the
 * medium's window; false with a message if the file cannot be written. */
bool medium_pcap_open(struct medium *md, const char *path, char *err, size_t errlen);
/* Keeps a record of frames and their fates for the scenario engine (off by default). */
void medium_record(struct medium *md, bool on);

/* A synchronisation point: every board is at now_ns (or just past it). Delivers the frames
 * committed since the last one; returns how many. */
size_t medium_sync(struct medium *md, uint64_t now_ns);
/* The nodes that last synchronisation point handed frames to, each with the earliest start
 * among them (the radio's next event is no later). */
struct medium_touch { int node; uint64_t first_ns; };
const struct medium_touch *medium_touched(const struct medium *md, size_t *n);

/* The record: events in time order (node order at equal times). */
const struct medium_event *medium_events(const struct medium *md, size_t *n);
/* Drops the recorded events before t_ns (UINT64_MAX: all). */
void medium_forget_before(struct medium *md, uint64_t t_ns);
/* A recorded frame's PSDU (FCS included) and channel; its times on the air. */
const uint8_t *medium_frame_psdu(const struct medium_frame *f, unsigned *len, unsigned *channel);
void medium_frame_times(const struct medium_frame *f, uint64_t *start_ns, uint64_t *end_ns);
/* Publishes every node's position now and on each move, and every frame on the air and its
 * outcome at each radio it reached (at synchronisation points), to fn (NULL: nobody). */
void medium_observe(struct medium *md, net_observer_fn fn, void *ctx);
/* The model's ranges for a sender of tx_dbm: unit disk, its two ranges; log-distance, where the
 * mean received power equals the sensitivity, and where it sinks 10 dB under the noise floor
 * (beyond, a frame is not even interference); links, 0 (no geometry). */
void medium_ranges(const struct medium *md, double tx_dbm, double *tx_m, double *interference_m);
/* What an observer calls a radio's result. */
enum net_outcome medium_outcome(enum radio_rx_result r);

/* Frames sent and receptions so far, for reports. */
uint64_t medium_frames_sent(const struct medium *md);
const char *medium_node_name(const struct medium *md, int index);

#endif

/* tocksim IEEE 802.15.4 radio: 2.4 GHz O-QPSK transceiver with DMA, hardware FCS, CSMA-CA,
 * automatic ACKs and address filtering. */
#ifndef PERIPHERALS_RADIO802154_H
#define PERIPHERALS_RADIO802154_H

/*
 * Interface
 *   Memory: a 4 KiB window (cm4: CM4_RADIO_BASE, rv32: RV32_RADIO_BASE); 32-bit registers.
 *           0x000 ID            "RDIO" (RADIO_ID), read-only
 *           0x004 VERSION       RADIO_VERSION, read-only
 *           0x008 STATE         the radio's phase (RADIO_ST_*), read-only
 *           0x00c COMMAND       write RADIO_CMD_*: ON, OFF, RX, IDLE, TX, ED
 *           0x010 CONFIG        RADIO_CFG_* bits                          (reset AUTO_ACK|CSMA|ACK_WAIT)
 *           0x014 CHANNEL       11..26                                    (reset 11)
 *           0x018 TX_POWER      dBm, signed, -40..10                      (reset 0)
 *           0x01c PAN_ID        [15:0]                                    (reset 0xffff)
 *           0x020 SHORT_ADDR    [15:0]                                    (reset 0xffff)
 *           0x024 LONG_ADDR_LO  extended address, low word                (reset: factory)
 *           0x028 LONG_ADDR_HI  extended address, high word               (reset: factory)
 *           0x02c CCA_THRESHOLD dBm, signed: energy at or above is "busy" (reset -77)
 *           0x030 CSMA          [3:0] macMinBE, [7:4] macMaxBE, [11:8] macMaxCSMABackoffs,
 *                               [15:12] macMaxFrameRetries                (reset 0x3453)
 *           0x034 TX_ADDR       guest address of the frame to send (MHR + payload)
 *           0x038 TX_LEN        its length, 1..125 (the radio appends the 2-byte FCS)
 *           0x03c TX_STATUS     result of the last TX: [3:0] RADIO_TX_*, [8] frame pending
 *                               bit of the ACK, [15:12] retries used, read-only
 *           0x040 RX_ADDR       guest address where received frames are written (127 bytes)
 *           0x044 RX_LEN        MHR + payload bytes of the frame there (FCS not written)
 *           0x048 RX_INFO       [7:0] LQI, [15:8] RSSI (dBm, signed), [16] ACK sent for it
 *           0x04c RX_DROPPED    frames lost while RX_DONE was pending; a write clears it
 *           0x050 ED_RESULT     [7:0] energy of the last ED/CCA (dBm, signed), [8] busy
 *           0x054 IRQ_STATUS    RADIO_IRQ_* latched; write 1 to clear
 *           0x058 IRQ_MASK      which of them drive the line                (reset 0)
 *   IRQ:    irq, high while IRQ_STATUS & IRQ_MASK != 0.
 *   Clock:  symbol timing of the 2.4 GHz PHY: 16 us a symbol, 32 us a byte on air.
 *   DMA:    the frame to send is read at the moment the radio commits to sending it; a
 *           received frame is written when its last byte has arrived (env.dma).
 *   Host:   the medium (sim/radio/) connects through struct radio802154_link and hands in
 *           frames with radio802154_arrive(); without a link the radio sends into nothing.
 * Register map and timings: doc/devices/radio802154.md.
 */

#include <stdbool.h>
#include <stdint.h>

#include "sim/core/device.h"

#define RADIO_PSDU_MAX 127          /* aMaxPHYPacketSize */

#define RADIO_ID       0x4f494452u  /* "RDIO" little-endian: must equal CM4_ID_RADIO */
#define RADIO_VERSION  1u

/* Timing of the 2.4 GHz O-QPSK PHY (IEEE 802.15.4-2006 6.5, 7.4), in nanoseconds. */
#define RADIO_BYTE_NS        32000u     /* 2 symbols of 16 us */
#define RADIO_SHR_PHR_BYTES  6u         /* 4 preamble bytes, SFD, PHR */
#define RADIO_TURNAROUND_NS  192000u    /* aTurnaroundTime: 12 symbols */
#define RADIO_CCA_NS         128000u    /* 8 symbols */
#define RADIO_BACKOFF_NS     320000u    /* aUnitBackoffPeriod: 20 symbols */
#define RADIO_ACK_WAIT_NS    864000u    /* macAckWaitDuration: 54 symbols after the frame */
#define RADIO_STARTUP_NS     192000u    /* off -> idle (our choice: one turnaround) */
#define RADIO_NOISE_DBM      (-100)     /* the noise floor an empty channel reads */
#define RADIO_MIN_CHANNEL    11
#define RADIO_MAX_CHANNEL    26

/* STATE values. */
enum radio_state {
    RADIO_ST_OFF, RADIO_ST_STARTUP, RADIO_ST_IDLE, RADIO_ST_RX_TURN, RADIO_ST_RX, RADIO_ST_ED,
    RADIO_ST_TX_PREP, RADIO_ST_TX, RADIO_ST_ACK_WAIT, RADIO_ST_ACK_TX,
};
/* COMMAND values. */
enum { RADIO_CMD_ON = 1, RADIO_CMD_OFF, RADIO_CMD_RX, RADIO_CMD_IDLE, RADIO_CMD_TX, RADIO_CMD_ED };
/* CONFIG bits. */
#define RADIO_CFG_AUTO_ACK     (1u << 0)    /* acknowledge frames that ask for it */
#define RADIO_CFG_PROMISCUOUS  (1u << 1)    /* no address filtering */
#define RADIO_CFG_CSMA         (1u << 2)    /* CSMA-CA before each transmission */
#define RADIO_CFG_ACK_WAIT     (1u << 3)    /* wait for the ACK a sent frame asks for, retry */
#define RADIO_CFG_PENDING      (1u << 5)    /* frame pending bit of automatic ACKs */
/* TX_STATUS results. */
enum { RADIO_TX_NONE, RADIO_TX_OK, RADIO_TX_ACKED, RADIO_TX_NOACK, RADIO_TX_BUSY, RADIO_TX_ABORTED,
       RADIO_TX_DMA_ERROR };
#define RADIO_TX_PENDING_BIT   (1u << 8)
/* IRQ_STATUS / IRQ_MASK bits. */
#define RADIO_IRQ_TX_DONE      (1u << 0)
#define RADIO_IRQ_RX_DONE      (1u << 1)
#define RADIO_IRQ_ED_DONE      (1u << 2)
#define RADIO_IRQ_READY        (1u << 3)
#define RADIO_IRQ_RX_DROPPED   (1u << 4)

/* What became of a frame that reached this radio (traces, the medium's record). */
enum radio_rx_result {
    RADIO_RX_OK,            /* written to RX_ADDR */
    RADIO_RX_ACK,           /* the ACK a transmission waited for */
    RADIO_DROP_RANGE,       /* too weak to receive (out of range, below sensitivity) */
    RADIO_DROP_LOSS,        /* lost on the way (a link's loss ratio) */
    RADIO_DROP_COLLISION,   /* another frame overlapped it */
    RADIO_DROP_CRC,         /* received with a bad FCS (noise) */
    RADIO_DROP_CHANNEL,     /* the radio is on another channel */
    RADIO_DROP_OFF,         /* the radio is off (or disconnected by the scenario) */
    RADIO_DROP_IDLE,        /* on but not listening (idle, turning around) */
    RADIO_DROP_BUSY,        /* transmitting */
    RADIO_DROP_FILTERED,    /* not addressed to this radio */
    RADIO_DROP_OVERFLOW,    /* RX_DONE was still pending */
    RADIO_RX_NUM_RESULTS
};
const char *radio_rx_result_name(enum radio_rx_result r);

/* A frame this radio puts on the air (valid during the transmit call only). */
struct radio_air {
    uint64_t start_ns, end_ns;      /* first preamble symbol .. last FCS symbol */
    uint32_t seq;                   /* this radio's count of frames sent, from 1 */
    uint8_t channel, len;           /* len: PSDU bytes, FCS included */
    int8_t dbm;
    const uint8_t *psdu;
};

/* A frame reaching this radio, as the medium hands it over. */
#define RADIO_ARR_WEAK   (1u << 0)  /* out of range or below sensitivity: energy only */
#define RADIO_ARR_LOST   (1u << 1)  /* lost on the way */
#define RADIO_ARR_DEAF   (1u << 2)  /* this radio is disconnected */
struct radio_arrival {
    uint64_t start_ns, end_ns;
    const void *frame;              /* the medium's handle, for the fate query */
    const char *from;               /* sender's name, for traces */
    uint32_t seq;                   /* the sender's frame count */
    int16_t rssi;                   /* received power, dBm */
    uint8_t channel, len, flags;
    const uint8_t *psdu;            /* valid while the medium keeps the frame */
};

/* The fate of a frame this radio received to its end. */
struct radio_fate {
    enum radio_rx_result result;    /* RADIO_RX_OK, _DROP_CRC, _DROP_COLLISION or _DROP_LOSS */
    int16_t rssi, sinr_db;
};

/* The radio's view of the medium. Calls come from the radio's own board (its thread). */
struct radio802154_link {
    void *ctx;
    void (*transmit)(void *ctx, const struct radio_air *f);
    /* The strongest power on the channel at this radio during [from_ns, to_ns], dBm. */
    int (*energy)(void *ctx, unsigned channel, uint64_t from_ns, uint64_t to_ns);
    void (*fate)(void *ctx, const struct radio_arrival *a, struct radio_fate *out);
    /* What became of an arrival (may be NULL). */
    void (*result)(void *ctx, const struct radio_arrival *a, enum radio_rx_result r, int rssi, int lqi);
};

#define RADIO_MAX_ARRIVALS 32

/* Steps of TX_PREP (turn to RX for the CCA, backoff, CCA) and of TX / ACK_TX (turnaround,
 * on the air). */
enum radio_sub { RADIO_SUB_LISTEN, RADIO_SUB_BACKOFF, RADIO_SUB_CCA, RADIO_SUB_TURN, RADIO_SUB_AIR };

struct radio802154 {
    struct device_env env;
    struct irq_line irq;
    struct radio802154_link link;
    uint64_t seed, prng;            /* CSMA-CA backoff draws */
    uint64_t eui64;                 /* the factory extended address (LONG_ADDR at reset) */
    /* Registers. */
    uint32_t config, channel, pan_id, short_addr, long_lo, long_hi, csma;
    int32_t tx_power, cca_threshold;
    uint32_t tx_addr, tx_len, tx_status, rx_addr, rx_len, rx_info, rx_dropped, ed_result;
    uint32_t irq_status, irq_mask;
    /* The phase machine: one event at a time moves it on. */
    enum radio_state state;
    enum radio_sub sub;
    struct clock_event ev;
    uint64_t listen_from_ns;        /* arrivals starting earlier are not heard */
    bool rx_after_tx, tx_queued;
    /* The guest's transmission (PSDU with FCS) and what is on the air now. */
    uint8_t tx_psdu[RADIO_PSDU_MAX];
    uint8_t tx_psdu_len, tx_dsn, nb, be, retries;
    bool tx_ack_req, tx_is_ack;
    uint8_t ack_psdu[5];
    const uint8_t *air_psdu;
    uint8_t air_len;
    uint32_t tx_seq;                /* frames put on the air, ever (not reset) */
    uint64_t tx_end_ns;
    /* Reception: frames on their way in (sorted by start) and the one being received. */
    struct radio_arrival arrivals[RADIO_MAX_ARRIVALS];
    int narrivals;
    struct clock_event arrive_ev;
    struct radio_arrival locked;
    bool is_locked;
    struct clock_event rx_end_ev;
};

extern const struct device_ops radio802154_ops;

/* Sets up r (then resets). seed: the CSMA-CA backoff draws; eui64: its factory address. */
void radio802154_init(struct radio802154 *r, const struct device_env *env, uint64_t seed, uint64_t eui64);
void radio802154_reset(void *dev);
/* Connects the radio to a medium (NULL: none). */
void radio802154_connect(struct radio802154 *r, const struct radio802154_link *link);
/* A frame will reach this radio (the medium calls it between the boards' runs, with
 * a->start_ns not before the radio's time). Dropped (traced) if too many are on their way. */
void radio802154_arrive(struct radio802154 *r, const struct radio_arrival *a);

/* ---- between the model's two files (radio802154.c: registers and sending,
 *      radio802154_rx.c: reception) ----------------------------------------------------------- */
uint64_t radio802154_now_ns(const struct radio802154 *r);
void radio802154_at(struct radio802154 *r, struct clock_event *e, uint64_t ns);
void radio802154_raise(struct radio802154 *r, uint32_t bits);
void radio802154_turn_to_rx(struct radio802154 *r);
void radio802154_commit(struct radio802154 *r, const uint8_t *psdu, uint8_t len, bool is_ack);
void radio802154_acked(struct radio802154 *r, bool pending);
void radio802154_rx_init(struct radio802154 *r);
/* Gives up the frame being received (the radio left RX), with the reason for the trace. */
void radio802154_abort_rx(struct radio802154 *r, enum radio_rx_result why);

#endif

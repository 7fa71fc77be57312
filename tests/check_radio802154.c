/* Unit tests: the IEEE 802.15.4 radio model (registers driven directly, no CPU) on a fake
 * medium and a fake guest RAM: state timings, transmission with FCS, CSMA-CA, ACKs and
 * retries, reception with filtering, automatic ACKs, drop reasons, energy detection; and the
 * frame helpers (FCS, MAC header parsing). */
#include <check.h>

#include "devtest.h"
#include "sim/core/snapshot/snapbuf.h"
#include "peripherals/radio/ieee802154_frame.h"
#include "peripherals/radio/radio802154.h"

enum {
    STATE = 0x008, COMMAND = 0x00c, CONFIG = 0x010, CHANNEL = 0x014, TX_POWER = 0x018, PAN_ID = 0x01c,
    SHORT_ADDR = 0x020, LONG_LO = 0x024, LONG_HI = 0x028, CCA_THRESHOLD = 0x02c, CSMA = 0x030,
    TX_ADDR = 0x034, TX_LEN = 0x038, TX_STATUS = 0x03c, RX_ADDR = 0x040, RX_LEN = 0x044, RX_INFO = 0x048,
    RX_DROPPED = 0x04c, ED_RESULT = 0x050, IRQ_STATUS = 0x054, IRQ_MASK = 0x058,
};

#define RAM_BASE 0x20000000u
#define TXBUF (RAM_BASE + 0x100)
#define RXBUF (RAM_BASE + 0x400)
#define US 1000ull

struct bench {
    struct devtest d;
    struct radio802154 r;
    struct irq_probe irq;
    struct device_dma dma;
    uint8_t ram[4096];
    /* The fake medium. */
    struct radio_air air[16];
    uint8_t air_psdu[16][127];
    int nair;
    int energy;                     /* what every energy query returns */
    enum radio_rx_result fate;      /* the verdict of every fate query */
    enum radio_rx_result results[16];
    int nresults;
};

static bool ram_read(void *ctx, uint32_t addr, void *buf, size_t len)
{
    struct bench *b = ctx;
    if (addr < RAM_BASE || addr - RAM_BASE + len > sizeof b->ram)
        return false;
    memcpy(buf, b->ram + (addr - RAM_BASE), len);
    return true;
}

static bool ram_write(void *ctx, uint32_t addr, const void *buf, size_t len)
{
    struct bench *b = ctx;
    if (addr < RAM_BASE || addr - RAM_BASE + len > sizeof b->ram)
        return false;
    memcpy(b->ram + (addr - RAM_BASE), buf, len);
    return true;
}

static void fake_transmit(void *ctx, const struct radio_air *f)
{
    struct bench *b = ctx;
    ck_assert_int_lt(b->nair, 16);
    memcpy(b->air_psdu[b->nair], f->psdu, f->len);
    b->air[b->nair] = *f;
    b->air[b->nair].psdu = b->air_psdu[b->nair];
    b->nair++;
}

static int fake_energy(void *ctx, unsigned channel, uint64_t from, uint64_t to)
{
    struct bench *b = ctx;
    (void)channel, (void)from, (void)to;
    return b->energy;
}

static void fake_fate(void *ctx, const struct radio_arrival *a, struct radio_fate *out)
{
    struct bench *b = ctx;
    *out = (struct radio_fate){ b->fate, a->rssi, 20 };
}

static void fake_result(void *ctx, const struct radio_arrival *a, enum radio_rx_result r, int rssi, int lqi)
{
    struct bench *b = ctx;
    (void)a, (void)rssi, (void)lqi;
    if (b->nresults < 16)
        b->results[b->nresults++] = r;
}

static uint32_t rd(struct bench *b, uint32_t off) { return radio802154_ops.read(&b->r, off, 4); }
static void wr(struct bench *b, uint32_t off, uint32_t v) { radio802154_ops.write(&b->r, off, v, 4); }

static uint64_t now_ns(struct bench *b)
{
    return clock_ns_from_cycles(&b->d.clock, b->d.clock.now);
}

/* Runs to the first cycle at or after ns. */
static void run_to_ns(struct bench *b, uint64_t ns)
{
    uint64_t c = clock_cycles_from_ns(&b->d.clock, ns);
    clock_advance_to(&b->d.clock, clock_ns_from_cycles(&b->d.clock, c) < ns ? c + 1 : c);
}

static void run_for(struct bench *b, uint64_t ns)
{
    run_to_ns(b, now_ns(b) + ns);
}

static void bench_init(struct bench *b)
{
    memset(b, 0, sizeof(*b));
    devtest_init(&b->d, "radio");
    b->dma = (struct device_dma){ ram_read, ram_write, b };
    b->d.env.dma = &b->dma;
    radio802154_init(&b->r, &b->d.env, 7, 0);
    irq_probe_attach(&b->irq, &b->r.irq, &b->d.clock);
    struct radio802154_link link = { b, fake_transmit, fake_energy, fake_fate, fake_result };
    radio802154_connect(&b->r, &link);
    b->energy = RADIO_NOISE_DBM;
    b->fate = RADIO_RX_OK;
}

/* Switches on and listens (384 us). */
static void bench_listen(struct bench *b)
{
    wr(b, COMMAND, RADIO_CMD_ON);
    run_for(b, RADIO_STARTUP_NS);
    wr(b, COMMAND, RADIO_CMD_RX);
    run_for(b, RADIO_TURNAROUND_NS);
    ck_assert_uint_eq(rd(b, STATE), RADIO_ST_RX);
}

/* A data frame: FC (data, 2006, short dst/src, PAN ID compression, ack request if ar), seq,
 * dst PAN, dst, src, payload; FCS appended. Returns the PSDU length. */
static uint8_t data_frame(uint8_t *p, uint16_t pan, uint16_t dst, uint16_t src, bool ar, const char *payload)
{
    uint16_t fc = IEEE802154_DATA | IEEE802154_FC_PANID_COMP | (ar ? IEEE802154_FC_ACK_REQ : 0) |
                  IEEE802154_ADDR_SHORT << 10 | 1u << 12 | IEEE802154_ADDR_SHORT << 14;
    uint8_t n = 0;
    p[n++] = (uint8_t)fc;
    p[n++] = (uint8_t)(fc >> 8);
    p[n++] = 42;
    p[n++] = (uint8_t)pan, p[n++] = (uint8_t)(pan >> 8);
    p[n++] = (uint8_t)dst, p[n++] = (uint8_t)(dst >> 8);
    p[n++] = (uint8_t)src, p[n++] = (uint8_t)(src >> 8);
    for (const char *c = payload; *c; c++)
        p[n++] = (uint8_t)*c;
    uint16_t fcs = ieee802154_crc16(p, n);
    p[n++] = (uint8_t)fcs;
    p[n++] = (uint8_t)(fcs >> 8);
    return n;
}

static uint8_t frame_buf[8][127];

/* Announces frame k arriving in `in` ns from now, on channel ch. */
static void arrive(struct bench *b, int k, uint8_t len, uint64_t in, uint8_t ch, uint8_t flags)
{
    uint64_t start = now_ns(b) + in;
    struct radio_arrival a = { start, start + (6u + len) * RADIO_BYTE_NS, NULL, "peer", (uint32_t)k + 1, -60,
                               ch, len, flags, frame_buf[k] };
    radio802154_arrive(&b->r, &a);
}

START_TEST(test_reset_values_and_bad_offsets)
{
    struct bench b;
    bench_init(&b);
    ck_assert_uint_eq(rd(&b, 0), RADIO_ID);
    ck_assert_uint_eq(RADIO_ID, CM4_ID_RADIO);
    ck_assert_uint_eq(rd(&b, 4), RADIO_VERSION);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_OFF);
    ck_assert_uint_eq(rd(&b, CONFIG), RADIO_CFG_AUTO_ACK | RADIO_CFG_CSMA | RADIO_CFG_ACK_WAIT);
    ck_assert_uint_eq(rd(&b, CHANNEL), 11);
    ck_assert_uint_eq(rd(&b, PAN_ID), 0xffff);
    ck_assert_uint_eq(rd(&b, SHORT_ADDR), 0xffff);
    ck_assert_int_eq((int32_t)rd(&b, CCA_THRESHOLD), -77);
    ck_assert_uint_eq(rd(&b, CSMA), 0x3453);
    wr(&b, CHANNEL, 27);
    ck_assert_uint_eq(rd(&b, CHANNEL), 11);
    wr(&b, CHANNEL, 26);
    ck_assert_uint_eq(rd(&b, CHANNEL), 26);
    wr(&b, TX_POWER, (uint32_t)-100);
    ck_assert_int_eq((int32_t)rd(&b, TX_POWER), -40);
    ck_assert_uint_eq(rd(&b, 0x100), 0);
    wr(&b, 0, 1);
    ck_assert_uint_eq(b.d.trace.guest_errors, 3);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_on_and_rx_take_a_turnaround_each)
{
    struct bench b;
    bench_init(&b);
    wr(&b, IRQ_MASK, RADIO_IRQ_READY);
    wr(&b, COMMAND, RADIO_CMD_ON);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_STARTUP);
    run_for(&b, RADIO_STARTUP_NS - 100);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_STARTUP);
    run_for(&b, 100);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_IDLE);
    ck_assert(b.irq.level);
    wr(&b, IRQ_STATUS, RADIO_IRQ_READY);
    ck_assert(!b.irq.level);
    wr(&b, COMMAND, RADIO_CMD_RX);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_RX_TURN);
    run_for(&b, RADIO_TURNAROUND_NS);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_RX);
    wr(&b, COMMAND, RADIO_CMD_OFF);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_OFF);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_tx_without_csma_timing_and_fcs)
{
    struct bench b;
    bench_init(&b);
    wr(&b, COMMAND, RADIO_CMD_ON);
    run_for(&b, RADIO_STARTUP_NS);
    memcpy(b.ram + 0x100, "\x41\x88\x07\xcd\xab\xff\xff\x01\x00hello", 14);
    wr(&b, CONFIG, 0);
    wr(&b, TX_ADDR, TXBUF);
    wr(&b, TX_LEN, 14);
    wr(&b, IRQ_MASK, RADIO_IRQ_TX_DONE);
    uint64_t t0 = now_ns(&b);
    wr(&b, COMMAND, RADIO_CMD_TX);
    ck_assert_int_eq(b.nair, 1);                    /* committed now, on the air a turnaround later */
    ck_assert_uint_eq(b.air[0].start_ns, t0 + 192 * US);
    ck_assert_uint_eq(b.air[0].end_ns, b.air[0].start_ns + (6 + 16) * 32 * US);
    ck_assert_uint_eq(b.air[0].len, 16);
    ck_assert_uint_eq(b.air[0].channel, 11);
    ck_assert(ieee802154_fcs_ok(b.air[0].psdu, 16));
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_TX);
    run_to_ns(&b, b.air[0].end_ns - 100);
    ck_assert(!b.irq.level);
    run_to_ns(&b, b.air[0].end_ns);
    ck_assert(b.irq.level);
    ck_assert_uint_eq(rd(&b, TX_STATUS), RADIO_TX_OK);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_IDLE);  /* started from IDLE */
    ck_assert_int_eq(devtest_trace_count(&b.d, "\"kind\":\"radio_tx\""), 1);
    ck_assert_ptr_nonnull(strstr(devtest_trace_text(&b.d), "\"psdu\":\"4188"));
    devtest_free(&b.d);
}
END_TEST

/* A radio saved mid-transmission (the frame on the air, TX_DONE due) and restored finishes the
 * same transmission at the same time with the same status and IRQ; its registers come back. */
START_TEST(test_snapshot_mid_transmission)
{
    struct bench b;
    bench_init(&b);
    wr(&b, COMMAND, RADIO_CMD_ON);
    run_for(&b, RADIO_STARTUP_NS);
    memcpy(b.ram + 0x100, "\x41\x88\x07\xcd\xab\xff\xff\x01\x00hello", 14);
    wr(&b, CONFIG, 0);                              /* no CSMA-CA: on the air a turnaround later */
    wr(&b, CHANNEL, 20);
    wr(&b, PAN_ID, 0xabcd);
    wr(&b, TX_ADDR, TXBUF);
    wr(&b, TX_LEN, 14);
    wr(&b, IRQ_MASK, RADIO_IRQ_TX_DONE);
    wr(&b, COMMAND, RADIO_CMD_TX);
    run_for(&b, 300 * US);                          /* on the air now */
    ck_assert_int_eq(b.nair, 1);
    struct snap_writer w = { 0 };
    clock_snapshot(&b.d.clock, &w);
    radio802154_ops.snapshot(&b.r, &w);
    uint64_t end = b.air[0].end_ns;
    run_to_ns(&b, end);
    ck_assert(b.irq.level);
    uint32_t status = rd(&b, TX_STATUS);
    wr(&b, IRQ_STATUS, RADIO_IRQ_TX_DONE);
    wr(&b, CHANNEL, 11);
    struct snap_reader r = { .buf = w.buf, .len = w.len };
    clock_restore_begin(&b.d.clock, &r);
    radio802154_ops.restore(&b.r, &r);
    clock_restore_end(&b.d.clock, &r);
    ck_assert_msg(snap_ok(&r), "%s", r.error);
    ck_assert_uint_eq(rd(&b, CHANNEL), 20);
    ck_assert_uint_eq(rd(&b, PAN_ID), 0xabcd);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_TX);
    run_to_ns(&b, end - 100);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_TX);
    run_to_ns(&b, end);
    ck_assert_uint_eq(rd(&b, TX_STATUS), status);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_IDLE);
    snap_writer_free(&w);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_crc16_kermit_check_value)
{
    ck_assert_uint_eq(ieee802154_crc16((const uint8_t *)"123456789", 9), 0x2189);
    /* An ACK for sequence number 0x56 (IEEE 802.15.4 examples): 02 00 56, FCS sent low byte first. */
    uint8_t ack[5] = { 0x02, 0x00, 0x56 };
    uint16_t fcs = ieee802154_crc16(ack, 3);
    ack[3] = (uint8_t)fcs, ack[4] = (uint8_t)(fcs >> 8);
    ck_assert(ieee802154_fcs_ok(ack, 5));
    ack[2] ^= 1;
    ck_assert(!ieee802154_fcs_ok(ack, 5));
}
END_TEST

START_TEST(test_mhr_parsing)
{
    struct ieee802154_mhr h;
    uint8_t f[127];
    uint8_t n = data_frame(f, 0xabcd, 0x1234, 0x0001, true, "xy");
    ck_assert(ieee802154_parse_mhr(f, n, &h));
    ck_assert_uint_eq(h.type, IEEE802154_DATA);
    ck_assert_uint_eq(h.seq, 42);
    ck_assert_uint_eq(h.dst_pan, 0xabcd);
    ck_assert_uint_eq(h.src_pan, 0xabcd);
    ck_assert_uint_eq(h.dst_addr, 0x1234);
    ck_assert_uint_eq(h.src_addr, 0x0001);
    ck_assert_uint_eq(h.len, 9);
    /* Long source address, separate PANs (2003 frame). */
    const uint8_t g[] = { 0x01, 0xc8, 0x05, 0x22, 0x11, 0xff, 0xff, 0x44, 0x33,
                          8, 7, 6, 5, 4, 3, 2, 1, 'p' };
    ck_assert(ieee802154_parse_mhr(g, sizeof g, &h));
    ck_assert_uint_eq(h.src_mode, IEEE802154_ADDR_LONG);
    ck_assert_uint_eq(h.src_pan, 0x3344);
    ck_assert_uint_eq(h.src_addr, 0x0102030405060708ull);
    ck_assert_uint_eq(h.len, sizeof g - 1);
    ck_assert(!ieee802154_parse_mhr(g, 12, &h));        /* cut short */
    /* 2015 frame, both short, PAN ID compression: one PAN ID. */
    const uint8_t k[] = { 0x41, 0xa8, 9, 0x22, 0x11, 0x02, 0x00, 0x01, 0x00 };
    ck_assert(ieee802154_parse_mhr(k, sizeof k, &h));
    ck_assert(h.has_dst_pan && !h.has_src_pan);
    ck_assert_uint_eq(h.len, 9);
}
END_TEST

START_TEST(test_csma_backs_off_then_sends_after_cca)
{
    struct bench b;
    bench_init(&b);
    bench_listen(&b);
    b.ram[0x100] = 0x01, b.ram[0x101] = 0x08;       /* data, short dst, no ACK request */
    wr(&b, TX_ADDR, TXBUF);
    wr(&b, TX_LEN, 3);
    uint64_t t0 = now_ns(&b);
    wr(&b, COMMAND, RADIO_CMD_TX);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_TX_PREP);
    run_for(&b, 7 * 320 * US + 128 * US);              /* at most 2^3 - 1 backoff periods, then CCA */
    ck_assert_int_eq(b.nair, 1);
    uint64_t lead = b.air[0].start_ns - t0 - 192 * US - 128 * US;
    ck_assert_uint_eq(lead % (320 * US), 0);           /* whole backoff periods */
    run_to_ns(&b, b.air[0].end_ns);
    ck_assert_uint_eq(rd(&b, TX_STATUS), RADIO_TX_OK);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_RX_TURN); /* started from RX: back to RX */
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_csma_gives_up_on_a_busy_channel)
{
    struct bench b;
    bench_init(&b);
    bench_listen(&b);
    b.energy = -50;
    b.ram[0x100] = 0x01;
    wr(&b, TX_ADDR, TXBUF);
    wr(&b, TX_LEN, 3);
    wr(&b, COMMAND, RADIO_CMD_TX);
    run_for(&b, 100000 * US);
    ck_assert_int_eq(b.nair, 0);
    ck_assert_uint_eq(rd(&b, TX_STATUS), RADIO_TX_BUSY);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS) & RADIO_IRQ_TX_DONE, RADIO_IRQ_TX_DONE);
    devtest_free(&b.d);
}
END_TEST

/* Sends a frame asking for an ACK; returns its air record. */
static const struct radio_air *send_acked_frame(struct bench *b)
{
    wr(b, CONFIG, RADIO_CFG_ACK_WAIT | RADIO_CFG_AUTO_ACK);
    uint8_t n = data_frame(b->ram + 0x100, 0x22, 0x5, 0x1, true, "hi");
    wr(b, TX_ADDR, TXBUF);
    wr(b, TX_LEN, n - 2u);
    wr(b, COMMAND, RADIO_CMD_TX);
    run_to_ns(b, b->air[b->nair - 1].end_ns);
    ck_assert_uint_eq(rd(b, STATE), RADIO_ST_ACK_WAIT);
    return &b->air[b->nair - 1];
}

START_TEST(test_ack_received_within_the_wait)
{
    struct bench b;
    bench_init(&b);
    bench_listen(&b);
    send_acked_frame(&b);
    uint8_t *ack = frame_buf[0];
    ack[0] = 0x12, ack[1] = 0, ack[2] = 42;             /* ACK with frame pending, seq 42 */
    uint16_t fcs = ieee802154_crc16(ack, 3);
    ack[3] = (uint8_t)fcs, ack[4] = (uint8_t)(fcs >> 8);
    arrive(&b, 0, 5, 192 * US, 11, 0);
    run_for(&b, 192 * US + 11 * 32 * US);
    ck_assert_uint_eq(rd(&b, TX_STATUS), RADIO_TX_ACKED | RADIO_TX_PENDING_BIT);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_RX);
    ck_assert_int_eq(b.results[b.nresults - 1], RADIO_RX_ACK);
    ck_assert_uint_eq(rd(&b, IRQ_STATUS) & RADIO_IRQ_RX_DONE, 0);   /* consumed, not delivered */
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_no_ack_retries_then_noack)
{
    struct bench b;
    bench_init(&b);
    bench_listen(&b);
    const struct radio_air *first = send_acked_frame(&b);   /* without CSMA: exact times */
    uint64_t end = first->end_ns;
    run_to_ns(&b, end + 864 * US - 100);
    ck_assert_int_eq(b.nair, 1);
    run_to_ns(&b, end + 864 * US);                  /* no ACK: the retry is committed */
    ck_assert_int_eq(b.nair, 2);
    ck_assert_uint_eq(b.air[1].start_ns, end + 864 * US + 192 * US);
    run_for(&b, 50000 * US);
    ck_assert_int_eq(b.nair, 4);
    ck_assert_uint_eq(rd(&b, TX_STATUS), RADIO_TX_NOACK | 3u << 12);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_rx_delivers_and_acknowledges)
{
    struct bench b;
    bench_init(&b);
    wr(&b, PAN_ID, 0x22);
    wr(&b, SHORT_ADDR, 0x5);
    wr(&b, RX_ADDR, RXBUF);
    wr(&b, IRQ_MASK, RADIO_IRQ_RX_DONE);
    bench_listen(&b);
    uint8_t n = data_frame(frame_buf[0], 0x22, 0x5, 0x1, true, "ping");
    arrive(&b, 0, n, 10 * US, 11, 0);
    run_for(&b, 10 * US + (6u + n) * 32 * US);
    ck_assert(b.irq.level);
    ck_assert_uint_eq(rd(&b, RX_LEN), n - 2u);
    ck_assert_mem_eq(b.ram + 0x400, frame_buf[0], n - 2u);
    ck_assert_uint_eq(rd(&b, RX_INFO), 170u | (uint32_t)(uint8_t)-60 << 8 | 1u << 16);  /* LQI of 20 dB */
    ck_assert_int_eq(b.nair, 1);                    /* the ACK, a turnaround after the frame */
    ck_assert_uint_eq(b.air[0].start_ns, now_ns(&b) + 192 * US);
    ck_assert_uint_eq(b.air[0].len, 5);
    ck_assert_uint_eq(b.air[0].psdu[0], 0x02);
    ck_assert_uint_eq(b.air[0].psdu[2], 42);
    ck_assert(ieee802154_fcs_ok(b.air[0].psdu, 5));
    ck_assert_int_eq(devtest_trace_count(&b.d, "\"kind\":\"radio_rx\""), 1);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_filtering_and_overflow)
{
    struct bench b;
    bench_init(&b);
    wr(&b, PAN_ID, 0x22);
    wr(&b, SHORT_ADDR, 0x5);
    wr(&b, RX_ADDR, RXBUF);
    bench_listen(&b);
    uint8_t n0 = data_frame(frame_buf[0], 0x23, 0x5, 1, false, "a");        /* other PAN */
    uint8_t n1 = data_frame(frame_buf[1], 0x22, 0x6, 1, false, "b");        /* other address */
    uint8_t n2 = data_frame(frame_buf[2], 0x22, 0xffff, 1, true, "c");      /* broadcast: no ACK */
    uint8_t n3 = data_frame(frame_buf[3], 0xffff, 0x5, 1, false, "d");      /* broadcast PAN */
    arrive(&b, 0, n0, 0, 11, 0);
    arrive(&b, 1, n1, 1000 * US, 11, 0);
    arrive(&b, 2, n2, 2000 * US, 11, 0);
    arrive(&b, 3, n3, 3000 * US, 11, 0);
    run_for(&b, 4000 * US);
    ck_assert_int_eq(b.nresults, 4);
    ck_assert_int_eq(b.results[0], RADIO_DROP_FILTERED);
    ck_assert_int_eq(b.results[1], RADIO_DROP_FILTERED);
    ck_assert_int_eq(b.results[2], RADIO_RX_OK);
    ck_assert_int_eq(b.results[3], RADIO_DROP_OVERFLOW); /* RX_DONE still pending */
    ck_assert_uint_eq(rd(&b, RX_DROPPED), 1);
    ck_assert_int_eq(b.nair, 0);
    wr(&b, CONFIG, RADIO_CFG_PROMISCUOUS);
    wr(&b, IRQ_STATUS, RADIO_IRQ_RX_DONE);
    arrive(&b, 0, n0, 0, 11, 0);
    run_for(&b, 1000 * US);
    ck_assert_int_eq(b.results[4], RADIO_RX_OK);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_drop_reasons)
{
    struct bench b;
    bench_init(&b);
    wr(&b, RX_ADDR, RXBUF);
    wr(&b, CONFIG, RADIO_CFG_PROMISCUOUS);
    uint8_t n = data_frame(frame_buf[0], 0x22, 0xffff, 1, false, "x");
    arrive(&b, 0, n, 0, 11, 0);                      /* off */
    run_for(&b, 1000 * US);
    bench_listen(&b);
    arrive(&b, 0, n, 0, 12, 0);                      /* other channel */
    arrive(&b, 0, n, 1000 * US, 11, RADIO_ARR_WEAK);
    arrive(&b, 0, n, 2000 * US, 11, RADIO_ARR_LOST);
    arrive(&b, 0, n, 3000 * US, 11, 0);              /* received ... */
    arrive(&b, 0, n, 3100 * US, 11, 0);              /* ... while this one starts */
    run_for(&b, 4000 * US);
    b.fate = RADIO_DROP_CRC;
    wr(&b, IRQ_STATUS, RADIO_IRQ_RX_DONE);
    arrive(&b, 0, n, 0, 11, 0);
    run_for(&b, 1000 * US);
    static const enum radio_rx_result want[] = { RADIO_DROP_OFF, RADIO_DROP_CHANNEL, RADIO_DROP_RANGE,
                                                 RADIO_DROP_LOSS, RADIO_DROP_COLLISION, RADIO_RX_OK, RADIO_DROP_CRC };
    ck_assert_int_eq(b.nresults, 7);
    for (int i = 0; i < 7; i++)
        ck_assert_str_eq(radio_rx_result_name(b.results[i]), radio_rx_result_name(want[i]));
    ck_assert_ptr_nonnull(strstr(devtest_trace_text(&b.d), "\"reason\":\"collision\""));
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_energy_detection)
{
    struct bench b;
    bench_init(&b);
    bench_listen(&b);
    wr(&b, IRQ_MASK, RADIO_IRQ_ED_DONE);
    b.energy = -60;
    wr(&b, COMMAND, RADIO_CMD_ED);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_ED);
    run_for(&b, 128 * US);
    ck_assert(b.irq.level);
    ck_assert_uint_eq(rd(&b, ED_RESULT), (uint32_t)(uint8_t)-60 | 1u << 8);
    ck_assert_uint_eq(rd(&b, STATE), RADIO_ST_RX);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_tx_from_bad_memory_fails_cleanly)
{
    struct bench b;
    bench_init(&b);
    wr(&b, COMMAND, RADIO_CMD_ON);
    run_for(&b, RADIO_STARTUP_NS);
    wr(&b, TX_ADDR, 0x10);
    wr(&b, TX_LEN, 10);
    wr(&b, COMMAND, RADIO_CMD_TX);
    ck_assert_uint_eq(rd(&b, TX_STATUS), RADIO_TX_DMA_ERROR);
    ck_assert_uint_eq(b.d.trace.guest_errors, 1);
    ck_assert_int_eq(b.nair, 0);
    devtest_free(&b.d);
}
END_TEST

Suite *radio802154_suite(void)
{
    Suite *s = suite_create("radio802154");
    TCase *tc = tcase_create("radio802154");
    tcase_add_test(tc, test_reset_values_and_bad_offsets);
    tcase_add_test(tc, test_on_and_rx_take_a_turnaround_each);
    tcase_add_test(tc, test_tx_without_csma_timing_and_fcs);
    tcase_add_test(tc, test_snapshot_mid_transmission);
    tcase_add_test(tc, test_crc16_kermit_check_value);
    tcase_add_test(tc, test_mhr_parsing);
    tcase_add_test(tc, test_csma_backs_off_then_sends_after_cca);
    tcase_add_test(tc, test_csma_gives_up_on_a_busy_channel);
    tcase_add_test(tc, test_ack_received_within_the_wait);
    tcase_add_test(tc, test_no_ack_retries_then_noack);
    tcase_add_test(tc, test_rx_delivers_and_acknowledges);
    tcase_add_test(tc, test_filtering_and_overflow);
    tcase_add_test(tc, test_drop_reasons);
    tcase_add_test(tc, test_energy_detection);
    tcase_add_test(tc, test_tx_from_bad_memory_fails_cleanly);
    suite_add_tcase(s, tc);
    return s;
}

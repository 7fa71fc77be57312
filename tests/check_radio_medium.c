/* Unit tests: the radio medium (sim/radio/) with real radio models on their own clocks, run
 * in lock-step by hand, against outcomes computed by hand for each propagation model: unit disk
 * ranges and RSSI, collisions, transmission/reception ratios; log-distance RSSI, sensitivity,
 * SINR-based collisions, the PRR formula; explicit links; channels, disconnected antennas,
 * jamming, energy detection; the capture's bytes. */
#include <check.h>
#include <math.h>
#include <unistd.h>

#include "devtest.h"
#include "peripherals/radio/ieee802154_frame.h"
#include "peripherals/radio/radio802154.h"
#include "sim/radio/internal.h"

enum { COMMAND = 0x00c, CONFIG = 0x010, CHANNEL = 0x014, TX_POWER = 0x018, TX_ADDR = 0x034, TX_LEN = 0x038,
       RX_ADDR = 0x040, IRQ_STATUS = 0x054, ED_RESULT = 0x050 };
#define RAM_BASE 0x20000000u
#define US 1000ull
#define MAXN 6

struct node {
    struct devtest d;
    struct radio802154 r;
    struct device_dma dma;
    uint8_t ram[1024];
};

struct net {
    struct node n[MAXN];
    int count;
    struct medium *md;
    uint64_t now;
};

static bool ram_read(void *ctx, uint32_t addr, void *buf, size_t len)
{
    struct node *n = ctx;
    if (addr < RAM_BASE || addr - RAM_BASE + len > sizeof n->ram)
        return false;
    memcpy(buf, n->ram + (addr - RAM_BASE), len);
    return true;
}

static bool ram_write(void *ctx, uint32_t addr, const void *buf, size_t len)
{
    struct node *n = ctx;
    if (addr < RAM_BASE || addr - RAM_BASE + len > sizeof n->ram)
        return false;
    memcpy(n->ram + (addr - RAM_BASE), buf, len);
    return true;
}

static void wr(struct net *t, int i, uint32_t off, uint32_t v) { radio802154_ops.write(&t->n[i].r, off, v, 4); }
static uint32_t rd(struct net *t, int i, uint32_t off) { return radio802154_ops.read(&t->n[i].r, off, 4); }

static const char *const names[MAXN] = { "a", "b", "c", "d", "e", "f" };

/* count nodes at x = xs[i] (metres), promiscuous, listening on channel 11. */
static void net_init(struct net *t, const struct medium_params *p, int count, const double *xs)
{
    memset(t, 0, sizeof(*t));
    t->count = count;
    t->md = medium_new(p, count);
    medium_record(t->md, true);
    for (int i = 0; i < count; i++) {
        struct node *n = &t->n[i];
        devtest_init(&n->d, "radio");
        n->dma = (struct device_dma){ ram_read, ram_write, n };
        n->d.env.dma = &n->dma;
        radio802154_init(&n->r, &n->d.env, (uint64_t)i, 0x0200000000000000ull | (uint64_t)(i + 1));
        medium_attach(t->md, i, names[i], &n->r, xs[i], 0, 0);
        wr(t, i, CONFIG, RADIO_CFG_PROMISCUOUS);
        wr(t, i, RX_ADDR, RAM_BASE + 0x200);
        wr(t, i, COMMAND, RADIO_CMD_ON);
    }
}

/* Lock-step: every clock to t in quanta, a synchronisation point after each. */
static void run_to(struct net *t, uint64_t until)
{
    while (t->now < until) {
        uint64_t next = t->now + MEDIUM_QUANTUM_NS < until ? t->now + MEDIUM_QUANTUM_NS : until;
        for (int i = 0; i < t->count; i++) {
            struct vclock *c = &t->n[i].d.clock;
            clock_advance_to(c, clock_cycles_from_ns(c, next));
            wr(t, i, IRQ_STATUS, RADIO_IRQ_RX_DONE);        /* the "driver" takes every frame */
        }
        t->now = next;
        medium_sync(t->md, t->now);
    }
}

static void listen_all(struct net *t)
{
    run_to(t, t->now + RADIO_STARTUP_NS);
    for (int i = 0; i < t->count; i++)
        wr(t, i, COMMAND, RADIO_CMD_RX);
    run_to(t, t->now + RADIO_TURNAROUND_NS);
}

/* Node i sends a 20-byte broadcast frame now, without CSMA. */
static void send(struct net *t, int i)
{
    struct node *n = &t->n[i];
    static const uint8_t frame[18] = { 0x41, 0x88, 1, 0x22, 0x00, 0xff, 0xff, 0x01, 0x00, 'p', 'a', 'y', 'l', 'o',
                                       'a', 'd', '!', '!' };
    memcpy(n->ram, frame, sizeof frame);
    wr(t, i, CONFIG, RADIO_CFG_PROMISCUOUS);
    wr(t, i, TX_ADDR, RAM_BASE);
    wr(t, i, TX_LEN, sizeof frame);
    wr(t, i, COMMAND, RADIO_CMD_TX);
}

static void net_free(struct net *t)
{
    medium_free(t->md);
    for (int i = 0; i < t->count; i++)
        devtest_free(&t->n[i].d);
}

/* The result of the recorded RX event of `node` for the k-th frame of `from` (-1: none), and
 * its RSSI. */
static int rx_result(struct net *t, int node, int from, int k, int *rssi)
{
    size_t n;
    const struct medium_event *e = medium_events(t->md, &n);
    for (size_t i = 0; i < n; i++)
        if (e[i].kind == MEDIUM_EV_RX && e[i].node == node && e[i].from == from && k-- == 0) {
            if (rssi)
                *rssi = e[i].rssi;
            return (int)e[i].result;
        }
    return -1;
}

START_TEST(test_unit_disk_ranges_and_rssi)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_UNIT_DISK);
    struct net t;
    net_init(&t, &p, 4, (const double[]){ 0, 30, 80, 150 });
    listen_all(&t);
    send(&t, 0);
    run_to(&t, t.now + 2000 * US);
    int rssi = 0;
    ck_assert_int_eq(rx_result(&t, 1, 0, 0, &rssi), RADIO_RX_OK);
    ck_assert_int_eq(rssi, -61);                    /* -10 + 30/50 * (-95 + 10) */
    ck_assert_int_eq(rx_result(&t, 2, 0, 0, NULL), RADIO_DROP_RANGE);  /* interference range only */
    ck_assert_int_eq(rx_result(&t, 3, 0, 0, NULL), -1);                /* beyond: nothing at all */
    ck_assert_uint_eq(medium_frames_sent(t.md), 1);
    ck_assert_int_eq(devtest_trace_count(&t.n[1].d, "\"kind\":\"radio_rx\""), 1);
    ck_assert_int_eq(devtest_trace_count(&t.n[2].d, "\"reason\":\"range\""), 1);
    net_free(&t);
}
END_TEST

START_TEST(test_unit_disk_collision_includes_interference_range)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_UNIT_DISK);
    struct net t;
    net_init(&t, &p, 3, (const double[]){ 0, 40, 120 });   /* c: only interference at b */
    listen_all(&t);
    send(&t, 0);
    run_to(&t, t.now + 100 * US);
    send(&t, 2);
    run_to(&t, t.now + 3000 * US);
    ck_assert_int_eq(rx_result(&t, 1, 0, 0, NULL), RADIO_DROP_COLLISION);
    ck_assert_int_eq(rx_result(&t, 1, 2, 0, NULL), RADIO_DROP_RANGE);
    net_free(&t);
}
END_TEST

START_TEST(test_unit_disk_success_ratios)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_UNIT_DISK);
    p.success_tx = 0;
    struct net t;
    net_init(&t, &p, 2, (const double[]){ 0, 10 });
    listen_all(&t);
    send(&t, 0);
    run_to(&t, t.now + 2000 * US);
    ck_assert_int_eq(rx_result(&t, 1, 0, 0, NULL), RADIO_DROP_LOSS);
    net_free(&t);
    p.success_tx = 1;
    p.success_rx = 0;
    net_init(&t, &p, 2, (const double[]){ 0, 10 });
    listen_all(&t);
    send(&t, 0);
    run_to(&t, t.now + 2000 * US);
    ck_assert_int_eq(rx_result(&t, 1, 0, 0, NULL), RADIO_DROP_CRC);
    net_free(&t);
}
END_TEST

START_TEST(test_log_distance_rssi_and_sensitivity)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_LOG_DISTANCE);
    p.shadowing_db = 0;
    struct net t;
    net_init(&t, &p, 3, (const double[]){ 0, 10, 100 });
    listen_all(&t);
    send(&t, 0);
    run_to(&t, t.now + 2000 * US);
    int rssi = 0;
    ck_assert_int_eq(rx_result(&t, 1, 0, 0, &rssi), RADIO_RX_OK);
    ck_assert_int_eq(rssi, -70);                    /* 0 dBm - (40 + 10 * 3 * log10(10)) */
    ck_assert_int_eq(rx_result(&t, 2, 0, 0, &rssi), RADIO_DROP_RANGE);
    ck_assert_int_eq(rssi, -100);                   /* below -95 dBm sensitivity */
    net_free(&t);
}
END_TEST

START_TEST(test_log_distance_sinr_collision)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_LOG_DISTANCE);
    p.shadowing_db = 0;
    struct net t;
    /* b hears a at 10 m (-70 dBm) and c at 3 m (-54.3 dBm): SINR -15.7 dB for a's frame. */
    net_init(&t, &p, 3, (const double[]){ 0, 10, 13 });
    listen_all(&t);
    send(&t, 0);
    run_to(&t, t.now + 100 * US);
    send(&t, 2);
    run_to(&t, t.now + 3000 * US);
    ck_assert_int_eq(rx_result(&t, 1, 0, 0, NULL), RADIO_DROP_COLLISION);
    net_free(&t);
}
END_TEST

START_TEST(test_prr_formula)
{
    /* 802.15.4-2006 Annex E, O-QPSK: at 0 dB a 20-byte frame mostly survives (DSSS gain), at
     * -5 dB it is lost, at 5 dB it is certain. */
    ck_assert(medium_prr(1.0, 20) > 0.95 && medium_prr(1.0, 20) < 0.99);
    ck_assert(medium_prr(pow(10, -0.5), 20) < 0.01);
    ck_assert(medium_prr(pow(10, 0.5), 127) > 0.9999);
}
END_TEST

START_TEST(test_links_model)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_LINKS);
    struct net t;
    net_init(&t, &p, 3, (const double[]){ 0, 0, 0 });
    medium_set_link(t.md, 0, 1, 1.0, -50);
    medium_set_link(t.md, 0, 2, 0.5, -80);
    listen_all(&t);
    int delivered = 0;
    for (int k = 0; k < 100; k++) {
        send(&t, 0);
        run_to(&t, t.now + 2000 * US);
        int rssi = 0;
        ck_assert_int_eq(rx_result(&t, 1, 0, k, &rssi), RADIO_RX_OK);
        ck_assert_int_eq(rssi, -50);
        delivered += rx_result(&t, 2, 0, k, NULL) == RADIO_RX_OK;
    }
    ck_assert_int_ge(delivered, 35);
    ck_assert_int_le(delivered, 65);
    ck_assert_int_eq(rx_result(&t, 0, 1, 0, NULL), -1);     /* links are directed */
    medium_set_link(t.md, 0, 1, 0, 0);
    send(&t, 0);
    run_to(&t, t.now + 2000 * US);
    ck_assert_int_eq(rx_result(&t, 1, 0, 100, NULL), -1);   /* removed */
    net_free(&t);
}
END_TEST

START_TEST(test_channels_cca_and_disconnection)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_UNIT_DISK);
    struct net t;
    net_init(&t, &p, 3, (const double[]){ 0, 10, 20 });
    wr(&t, 2, CHANNEL, 12);
    listen_all(&t);
    send(&t, 0);
    run_to(&t, t.now + 400 * US);                   /* a's frame is on the air */
    wr(&t, 1, COMMAND, RADIO_CMD_ED);
    run_to(&t, t.now + 200 * US);
    ck_assert_uint_eq(rd(&t, 1, ED_RESULT) >> 8 & 1, 1);       /* busy */
    run_to(&t, t.now + 2000 * US);
    ck_assert_int_eq(rx_result(&t, 2, 0, 0, NULL), RADIO_DROP_CHANNEL);
    medium_set_enabled(t.md, 1, false);
    send(&t, 0);
    run_to(&t, t.now + 2000 * US);
    ck_assert_int_eq(rx_result(&t, 1, 0, 1, NULL), RADIO_DROP_OFF);
    medium_set_enabled(t.md, 1, true);
    medium_set_enabled(t.md, 0, false);
    send(&t, 0);
    run_to(&t, t.now + 2000 * US);
    ck_assert_int_eq(rx_result(&t, 1, 0, 2, NULL), -1);       /* a's antenna is off: nobody hears */
    net_free(&t);
}
END_TEST

START_TEST(test_jamming)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_UNIT_DISK);
    struct net t;
    net_init(&t, &p, 2, (const double[]){ 0, 10 });
    listen_all(&t);
    medium_jam(t.md, 11, -50, t.now, t.now + 5000 * US);
    wr(&t, 1, COMMAND, RADIO_CMD_ED);
    run_to(&t, t.now + 200 * US);
    ck_assert_int_eq((int8_t)rd(&t, 1, ED_RESULT), -50);
    send(&t, 0);
    run_to(&t, t.now + 2000 * US);
    ck_assert_int_eq(rx_result(&t, 1, 0, 0, NULL), RADIO_DROP_COLLISION);
    run_to(&t, t.now + 4000 * US);
    send(&t, 0);
    run_to(&t, t.now + 2000 * US);
    ck_assert_int_eq(rx_result(&t, 1, 0, 1, NULL), RADIO_RX_OK);
    net_free(&t);
}
END_TEST

START_TEST(test_pcap_bytes)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_UNIT_DISK);
    struct net t;
    char path[] = "/tmp/tocksim-pcap-XXXXXX", err[200];
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    net_init(&t, &p, 2, (const double[]){ 0, 10 });
    ck_assert(medium_pcap_open(t.md, path, err, sizeof err));
    listen_all(&t);
    send(&t, 0);
    uint64_t start = t.now + 192 * US;
    run_to(&t, t.now + 2000 * US);
    net_free(&t);
    FILE *f = fopen(path, "rb");
    uint8_t b[128];
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    unlink(path);
    ck_assert_uint_eq(n, 24 + 16 + 20 + 20);
    ck_assert_uint_eq(b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24, 0xa1b23c4du);
    ck_assert_uint_eq(b[20] | b[21] << 8, 283);
    ck_assert_uint_eq(b[28] | b[29] << 8 | b[30] << 16 | (uint32_t)b[31] << 24, (uint32_t)(start % 1000000000u));
    ck_assert_uint_eq(b[32], 40);                   /* TAP 20 + PSDU 20 */
    ck_assert_uint_eq(b[40 + 2], 20);               /* TAP length */
    ck_assert_uint_eq(b[40 + 16], 11);              /* channel */
    ck_assert(ieee802154_fcs_ok(b + 60, 20));
}
END_TEST

struct seen { struct net_event ev[32]; int n; };

static void observe(void *ctx, const struct net_event *e)
{
    struct seen *s = ctx;
    if (s->n < 32)
        s->ev[s->n++] = *e;
}

/* The network view's observer: positions (now and on moves), a frame on the air and its fate at
 * each radio it reached; the ranges the view draws. */
START_TEST(test_observer_hears_positions_and_outcomes)
{
    struct medium_params p;
    medium_params_default(&p, MEDIUM_UNIT_DISK);
    struct net t;
    static struct seen seen;
    memset(&seen, 0, sizeof(seen));
    net_init(&t, &p, 3, (const double[]){ 0, 30, 80 });        /* b in range, c interference only */
    medium_observe(t.md, observe, &seen);
    ck_assert_int_eq(seen.n, 3);
    ck_assert(seen.ev[2].kind == NET_EV_POSITION && seen.ev[2].node == 2 && seen.ev[2].x == 80);
    medium_move(t.md, 1, 35, 5, 0);
    ck_assert(seen.ev[3].kind == NET_EV_POSITION && seen.ev[3].node == 1 && seen.ev[3].x == 35 && seen.ev[3].y == 5);
    listen_all(&t);
    seen.n = 0;
    send(&t, 0);
    run_to(&t, t.now + 2000000);
    ck_assert_int_eq(seen.n, 3);
    ck_assert(seen.ev[0].kind == NET_EV_FRAME && seen.ev[0].outcome == NET_TX && seen.ev[0].node == 0 &&
              seen.ev[0].to == -1 && seen.ev[0].end_ns > seen.ev[0].start_ns);
    for (int i = 1; i < 3; i++) {
        ck_assert_int_eq(seen.ev[i].node, 0);
        ck_assert_uint_eq(seen.ev[i].start_ns, seen.ev[0].start_ns);
        ck_assert_int_eq(seen.ev[i].outcome, seen.ev[i].to == 1 ? NET_DELIVERED : NET_RANGE);
    }
    ck_assert_int_ne(seen.ev[1].to, seen.ev[2].to);
    double tx, intf;
    medium_ranges(t.md, 0, &tx, &intf);
    ck_assert(tx == 50 && intf == 100);
    net_free(&t);
    medium_params_default(&p, MEDIUM_LOG_DISTANCE);
    struct medium *md = medium_new(&p, 1);
    medium_ranges(md, 0, &tx, &intf);                           /* 0 dBm: 40 + 30 log10(d) = 95 */
    ck_assert_double_eq_tol(tx, pow(10, 55.0 / 30), 1e-9);
    ck_assert_double_eq_tol(intf, pow(10, 70.0 / 30), 1e-9);
    medium_free(md);
    ck_assert_int_eq(medium_outcome(RADIO_DROP_COLLISION), NET_COLLIDED);
    ck_assert_int_eq(medium_outcome(RADIO_RX_ACK), NET_DELIVERED);
    ck_assert_int_eq(medium_outcome(RADIO_DROP_FILTERED), NET_IGNORED);
}
END_TEST

Suite *radio_medium_suite(void)
{
    Suite *s = suite_create("radio_medium");
    TCase *tc = tcase_create("radio_medium");
    tcase_add_test(tc, test_unit_disk_ranges_and_rssi);
    tcase_add_test(tc, test_unit_disk_collision_includes_interference_range);
    tcase_add_test(tc, test_unit_disk_success_ratios);
    tcase_add_test(tc, test_log_distance_rssi_and_sensitivity);
    tcase_add_test(tc, test_log_distance_sinr_collision);
    tcase_add_test(tc, test_prr_formula);
    tcase_add_test(tc, test_links_model);
    tcase_add_test(tc, test_channels_cca_and_disconnection);
    tcase_add_test(tc, test_jamming);
    tcase_add_test(tc, test_pcap_bytes);
    tcase_add_test(tc, test_observer_hears_positions_and_outcomes);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests: the IEEE 802.15.4 capsule (driver 0x30001, doc/drivers/ieee802154.md) on a fake
 * radio, driven with the call sequences of libtock-c's libtock/net/ieee802154.c: settings and
 * their getters (value + 1), long addresses through CFG and as u64, the neighbor and key
 * tables, send (framing, sequence numbers, ACK request for unicast), send_raw, transmissions of
 * several processes, the RX ring buffer in libtock-c's layout, radio on/off, NODEVICE. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/capsules/ieee802154.h"
#include "kernel/capsules/ieee802154_frame.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "tests/kernel_fake_hil.h"

#define RADIO IEEE802154_DRIVER_NUM
#define RING_LEN (2 + 3 * 130)              /* libtock-c's libtock_ieee802154_RING_BUFFER_LEN */

static struct process *app(void)
{
    return kt_process("app", 0, 4000);
}

/* Command cmd(a0, a1) answers Success u32 v. */
#define assert_u32(p, cmd, a0, v)                                                            \
    do {                                                                                     \
        kf_command(p, RADIO, cmd, a0, 0);                                                    \
        kf_assert_r0_r1(p, RET_SUCCESS_U32, v);                                              \
    } while (0)

START_TEST(test_exists_status_on_off)
{
    struct process *p = app();
    kf_command(p, RADIO, 0, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert_int_eq(kf_radio.starts, 1);            /* on from boot, as Tock boards */
    kf_command(p, RADIO, 1, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    kf_command(p, RADIO, 31, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    kf_command(p, RADIO, 1, 0, 0);
    kf_assert_failure(p, ERR_OFF);
    kf_command(p, RADIO, 30, 0, 0);
    kf_command(p, RADIO, 1, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    kf_command(p, RADIO, 32, 0, 0);
    kf_assert_failure(p, ERR_NOSUPPORT);
}
END_TEST

START_TEST(test_settings_and_getters_plus_one)
{
    struct process *p = app();
    assert_u32(p, 8, 0, 0xffffu + 1);                /* defaults */
    assert_u32(p, 10, 0, 0xabcdu + 1);
    assert_u32(p, 11, 0, 26u + 1);
    assert_u32(p, 12, 0, 0u + 1);
    kf_command(p, RADIO, 2, 0x1234, 0);
    kf_command(p, RADIO, 4, 0x22, 0);
    kf_command(p, RADIO, 5, 15, 0);
    kf_command(p, RADIO, 6, (uint32_t)-17, 0);
    kf_command(p, RADIO, 7, 0, 0);                   /* config commit */
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert_uint_eq(kf_radio.short_addr, 0x1234);
    ck_assert_uint_eq(kf_radio.pan, 0x22);
    ck_assert_uint_eq(kf_radio.channel, 15);
    ck_assert_int_eq(kf_radio.power, -17);
    assert_u32(p, 8, 0, 0x1235);
    assert_u32(p, 10, 0, 0x23);
    assert_u32(p, 11, 0, 16);
    assert_u32(p, 12, 0, (uint32_t)-16);              /* libtock-c subtracts one: -17 */
    kf_command(p, RADIO, 5, 27, 0);
    kf_assert_failure(p, ERR_INVAL);
    kf_command(p, RADIO, 6, 11, 0);
    kf_assert_failure(p, ERR_INVAL);
}
END_TEST

START_TEST(test_long_address_cfg_and_u64)
{
    struct process *p = app();
    kf_command(p, RADIO, 29, 0, 0);                  /* the radio's factory address */
    kt_assert_frame(p, RET_SUCCESS_U64, (uint32_t)KF_RADIO_EUI64, (uint32_t)(KF_RADIO_EUI64 >> 32), kt_frame(p)[3]);
    kf_command(p, RADIO, 28, 0x89abcdef, 0x01234567);
    ck_assert_uint_eq(kf_radio.long_addr, 0x0123456789abcdefull);
    kf_command(p, RADIO, 9, 0, 0);
    kf_assert_failure(p, ERR_INVAL);                 /* no CFG */
    uint8_t *cfg = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 7);
    kf_command(p, RADIO, 9, 0, 0);
    kf_assert_failure(p, ERR_SIZE);
    cfg = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 8);
    kf_command(p, RADIO, 9, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert_mem_eq(cfg, "\x01\x23\x45\x67\x89\xab\xcd\xef", 8);   /* Tock's [u8; 8]: MSB first */
    memcpy(cfg, "\x10\x20\x30\x40\x50\x60\x70\x80", 8);
    kf_command(p, RADIO, 3, 0, 0);
    ck_assert_uint_eq(kf_radio.long_addr, 0x1020304050607080ull);
}
END_TEST

START_TEST(test_neighbor_table)
{
    struct process *p = app();
    assert_u32(p, 13, 0, 5);                         /* max 4, plus one */
    assert_u32(p, 14, 0, 1);
    uint8_t *cfg = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 8);
    for (unsigned i = 0; i < 4; i++) {
        memset(cfg, (int)(0x10 + i), 8);
        assert_u32(p, 17, 0x100 + i, i + 1);
    }
    memset(cfg, 0x11, 8);
    assert_u32(p, 17, 0x101, 2);                     /* already there: its index */
    memset(cfg, 0x99, 8);
    kf_command(p, RADIO, 17, 0x999, 0);
    kf_assert_failure(p, ERR_INVAL);                 /* full */
    assert_u32(p, 14, 0, 5);
    assert_u32(p, 15, 2, 0x103);
    kf_command(p, RADIO, 16, 3, 0);
    ck_assert_uint_eq(cfg[0], 0x13);
    kf_command(p, RADIO, 18, 1, 0);                  /* the later ones move down */
    kf_assert_r0(p, RET_SUCCESS);
    assert_u32(p, 15, 1, 0x103);
    assert_u32(p, 14, 0, 4);
    kf_command(p, RADIO, 18, 3, 0);
    kf_assert_failure(p, ERR_INVAL);
    kf_command(p, RADIO, 15, 3, 0);
    kf_assert_failure(p, ERR_INVAL);
}
END_TEST

START_TEST(test_key_table)
{
    struct process *p = app();
    assert_u32(p, 19, 0, 5);
    uint8_t *cfg = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 27);
    memset(cfg, 0, 27);
    cfg[0] = 5;                                      /* ENC-MIC-32 */
    cfg[1] = 2;                                      /* key source 4 + index */
    memcpy(cfg + 2, "\xa1\xa2\xa3\xa4\x07", 5);
    memset(cfg + 11, 0x5a, 16);
    assert_u32(p, 24, 0, 1);
    assert_u32(p, 24, 0, 1);                         /* the same key: its index */
    assert_u32(p, 20, 0, 2);
    assert_u32(p, 21, 0, 6);
    cfg = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 10);
    kf_command(p, RADIO, 22, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert_mem_eq(cfg, "\x02\xa1\xa2\xa3\xa4\x07\0\0\0\0", 10);
    cfg = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 16);
    kf_command(p, RADIO, 23, 0, 0);
    ck_assert_uint_eq(cfg[15], 0x5a);
    cfg = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 27);
    cfg[0] = 4;                                      /* no such security level */
    kf_command(p, RADIO, 24, 0, 0);
    kf_assert_failure(p, ERR_INVAL);
    kf_command(p, RADIO, 25, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    assert_u32(p, 20, 0, 1);
}
END_TEST

/* libtock-c's libtock_ieee802154_send: CFG of 27 bytes (level 0), RO payload, subscribe TX,
 * command 26 (destination). */
static void send(struct process *p, uint16_t dst, const char *payload)
{
    uint8_t *cfg = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 27);
    memset(cfg, 0, 27);
    uint8_t *buf = kf_allow(p, SYSCALL_ALLOW_RO, RADIO, 0, 0x400, (uint32_t)strlen(payload));
    memcpy(buf, payload, strlen(payload));
    kf_subscribe(p, RADIO, 1);
    kf_command(p, RADIO, 26, dst, 0);
}

START_TEST(test_send_frames_the_payload)
{
    struct process *p = app();
    kf_command(p, RADIO, 2, 0x0001, 0);
    send(p, 0x0002, "hello");
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert_uint_eq(kf_radio.transmits, 1);
    ck_assert_uint_eq(kf_radio.sent_len[0], 9 + 5);
    /* Data, ACK request, PAN ID compression; 2006, short addresses; seq 0; PAN; dst; src. */
    ck_assert_mem_eq(kf_radio.sent[0], "\x61\x98\x00\xcd\xab\x02\x00\x01\x00hello", 14);
    kf_wait_for(p, RADIO, 1);
    kf_radio_tx_done(0, 1);
    kf_assert_woke(p, 0, 1, 0);
    send(p, IEEE802154_BROADCAST_ADDR, "hi");
    ck_assert_mem_eq(kf_radio.sent[1], "\x41\x98\x01\xcd\xab\xff\xff\x01\x00hi", 11);   /* no ACK request */
    kf_wait_for(p, RADIO, 1);
    kf_radio_tx_done(ERR_NOACK, 0);
    kf_assert_woke(p, ERR_NOACK, 0, 0);
}
END_TEST

START_TEST(test_send_errors)
{
    struct process *p = app();
    kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 10);
    kf_command(p, RADIO, 26, 2, 0);
    kf_assert_failure(p, ERR_INVAL);                 /* CFG shorter than Tock's 11 bytes */
    uint8_t *cfg = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 1, 0x300, 11);
    cfg[0] = 5;
    kf_command(p, RADIO, 26, 2, 0);
    kf_assert_failure(p, ERR_NOSUPPORT);             /* no link-layer security */
    send(p, 2, "x");                                 /* in flight */
    send(p, 2, "y");                                 /* pending, as Tock's pending_tx */
    kf_assert_r0(p, RET_SUCCESS);
    send(p, 2, "z");
    kf_assert_failure(p, ERR_BUSY);
    kf_radio_tx_done(0, 1);                          /* "y" goes out */
    kf_radio_tx_done(0, 1);
    kf_allow(p, SYSCALL_ALLOW_RO, RADIO, 0, 0x400, 120);
    kf_command(p, RADIO, 26, 2, 0);
    kf_assert_failure(p, ERR_SIZE);                  /* 9 + 120 > 125 */
    kf_radio.refuse = ERR_OFF;
    send(p, 2, "z");
    kf_assert_failure(p, ERR_OFF);
}
END_TEST

START_TEST(test_send_raw)
{
    struct process *p = app();
    uint8_t *f = kf_allow(p, SYSCALL_ALLOW_RO, RADIO, 0, 0x400, 6);
    memcpy(f, "\x01\x08\x07\xff\xff\x42", 6);
    kf_subscribe(p, RADIO, 1);
    kf_command(p, RADIO, 27, 0, 0);
    kf_assert_r0(p, RET_SUCCESS);
    ck_assert_mem_eq(kf_radio.sent[0], f, 6);
    kf_wait_for(p, RADIO, 1);
    kf_radio_tx_done(ERR_BUSY, 0);
    kf_assert_woke(p, ERR_BUSY, 0, 0);
    kf_allow(p, SYSCALL_ALLOW_RO, RADIO, 0, 0x400, 0);
    kf_command(p, RADIO, 27, 0, 0);
    kf_assert_failure(p, ERR_SIZE);
}
END_TEST

START_TEST(test_two_processes_take_turns)
{
    struct process *a = kt_process("a", 0, 4000), *b = kt_process("b", 0x1000, 4000);
    send(a, 2, "from a");
    send(b, 2, "from b");
    kf_assert_r0(b, RET_SUCCESS);                    /* queued */
    ck_assert_uint_eq(kf_radio.transmits, 1);
    kf_wait_for(a, RADIO, 1);
    kf_wait_for(b, RADIO, 1);
    kf_radio_tx_done(0, 1);
    kf_assert_woke(a, 0, 1, 0);
    kf_assert_waiting(b);
    ck_assert_uint_eq(kf_radio.transmits, 2);
    ck_assert_mem_eq(kf_radio.sent[1] + 9, "from b", 6);
    kf_radio_tx_done(0, 0);
    kf_assert_woke(b, 0, 0, 0);
}
END_TEST

static const uint8_t rx_frame[] = { 0x41, 0x88, 0x05, 0xcd, 0xab, 0xff, 0xff, 0x02, 0x00, 'p', 'i', 'n', 'g' };

START_TEST(test_rx_ring_buffer_as_libtock_c_reads_it)
{
    struct process *p = app();
    uint8_t *ring = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 0, 0x600, RING_LEN);
    memset(ring, 0, RING_LEN);
    kf_subscribe(p, RADIO, 0);
    kf_wait_for(p, RADIO, 0);
    kf_radio_receive(rx_frame, sizeof rx_frame, -61, 170);
    kf_assert_woke(p, 170, (uint32_t)-61, 0);
    ck_assert_uint_eq(ring[0], 0);                   /* read index */
    ck_assert_uint_eq(ring[1], 1);                   /* write index */
    const uint8_t *rec = ring + 2;
    ck_assert_uint_eq(rec[0], 3 + 9);                /* payload at record + rec[0] */
    ck_assert_uint_eq(rec[1], 4);
    ck_assert_uint_eq(rec[2], 0);
    ck_assert_mem_eq(rec + 3, rx_frame, sizeof rx_frame);
    ck_assert_mem_eq(rec + rec[0], "ping", 4);
    for (int i = 0; i < 3; i++)                      /* full: the oldest frames go */
        kf_radio_receive(rx_frame, sizeof rx_frame, -61, 170);
    ck_assert_uint_eq(ring[1], 1);
    ck_assert_uint_eq(ring[0], 2);
}
END_TEST

START_TEST(test_rx_needs_a_well_formed_ring)
{
    struct process *p = app();
    kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 0, 0x600, RING_LEN - 1);
    kf_subscribe(p, RADIO, 0);
    kf_wait_for(p, RADIO, 0);
    kf_radio_receive(rx_frame, sizeof rx_frame, -61, 170);
    kf_assert_waiting(p);                            /* not libtock-c's size: no upcall */
    uint8_t *ring = kf_allow(p, SYSCALL_ALLOW_RW, RADIO, 0, 0x600, RING_LEN);
    ring[0] = 0, ring[1] = 7;                        /* an index past the frames */
    kf_radio_receive(rx_frame, sizeof rx_frame, -61, 170);
    kf_assert_waiting(p);
    ring[1] = 0;
    kf_radio_receive((const uint8_t *)"\x41\xc8\x05", 3, -61, 170);   /* header cut short */
    kf_assert_waiting(p);
    kf_radio_receive(rx_frame, sizeof rx_frame, -61, 170);
    ck_assert_int_eq(p->state, PROC_RUNNING);
}
END_TEST

START_TEST(test_nodevice_without_a_radio)
{
    struct process *p = app();
    kt_set_drivers(kf_drivers, KF_NUM_DRIVERS - 1);  /* a board whose radio is absent */
    kf_command(p, RADIO, 0, 0, 0);
    kf_assert_failure(p, ERR_NODEVICE);
}
END_TEST

Suite *kernel_ieee802154_suite(void)
{
    Suite *s = suite_create("kernel_ieee802154");
    TCase *tc = tcase_create("ieee802154");
    kf_add_fixture(tc);
    tcase_add_test(tc, test_exists_status_on_off);
    tcase_add_test(tc, test_settings_and_getters_plus_one);
    tcase_add_test(tc, test_long_address_cfg_and_u64);
    tcase_add_test(tc, test_neighbor_table);
    tcase_add_test(tc, test_key_table);
    tcase_add_test(tc, test_send_frames_the_payload);
    tcase_add_test(tc, test_send_errors);
    tcase_add_test(tc, test_send_raw);
    tcase_add_test(tc, test_two_processes_take_turns);
    tcase_add_test(tc, test_rx_ring_buffer_as_libtock_c_reads_it);
    tcase_add_test(tc, test_rx_needs_a_well_formed_ring);
    tcase_add_test(tc, test_nodevice_without_a_radio);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests: CMSDK APB UART model (registers driven directly, no CPU). */
#include <check.h>

#include "devtest.h"
#include "peripherals/cmsdk/cmsdk_uart.h"

enum { DATA = 0x000, STATE = 0x004, CTRL = 0x008, INTSTATUS = 0x00c, BAUDDIV = 0x010 };
enum { TXFULL = 1, RXFULL = 2, TXOVR = 4, RXOVR = 8 };
enum { TX_EN = 1, RX_EN = 2, TX_INTEN = 4, RX_INTEN = 8, TXO_INTEN = 16, RXO_INTEN = 32, HSTEST = 64 };
enum { INT_TX = 1, INT_RX = 2, INT_TXO = 4, INT_RXO = 8 };

/* A UART on a test bench: host output captured, IRQ lines probed. */
struct bench {
    struct devtest d;
    struct cmsdk_uart u;
    struct irq_probe tx, rx, ovf;
    uint8_t out[512];
    int nout;
};

static void sink(void *ctx, uint8_t byte)
{
    struct bench *b = ctx;
    b->out[b->nout++] = byte;
}

static void bench_init(struct bench *b)
{
    memset(b, 0, sizeof(*b));
    devtest_init(&b->d, "uart0");
    cmsdk_uart_init(&b->u, &b->d.env, CM4_PCLK_HZ, sink, b);
    irq_probe_attach(&b->tx, &b->u.irq_tx, &b->d.clock);
    irq_probe_attach(&b->rx, &b->u.irq_rx, &b->d.clock);
    irq_probe_attach(&b->ovf, &b->u.irq_ovf, &b->d.clock);
}

static uint32_t rd(struct bench *b, uint32_t off)
{
    return cmsdk_uart_ops.read(&b->u, off, 4);
}

static void wr(struct bench *b, uint32_t off, uint32_t v)
{
    cmsdk_uart_ops.write(&b->u, off, v, 4);
}

START_TEST(test_reset_values_and_ids)
{
    struct bench b;
    bench_init(&b);
    ck_assert_uint_eq(rd(&b, STATE), 0);
    ck_assert_uint_eq(rd(&b, CTRL), 0);
    ck_assert_uint_eq(rd(&b, INTSTATUS), 0);
    ck_assert_uint_eq(rd(&b, BAUDDIV), 0);
    ck_assert_uint_eq(rd(&b, 0xfd0), 0x04);         /* PID4 */
    ck_assert_uint_eq(rd(&b, 0xfe0), 0x21);         /* PID0: part number 0x821 */
    ck_assert_uint_eq(rd(&b, 0xfe4), 0xb8);
    ck_assert_uint_eq(rd(&b, 0xff0), 0x0d);         /* CID0..3 = 0xb105f00d */
    ck_assert_uint_eq(rd(&b, 0xffc), 0xb1);
    wr(&b, BAUDDIV, 0xfff123);                      /* 20-bit register */
    ck_assert_uint_eq(rd(&b, BAUDDIV), 0xff123);
    wr(&b, CTRL, 0xff);
    ck_assert_uint_eq(rd(&b, CTRL), 0x7f);
    cmsdk_uart_reset(&b.u);
    ck_assert_uint_eq(rd(&b, CTRL), 0);
    ck_assert_uint_eq(rd(&b, BAUDDIV), 0);
    ck_assert_uint_eq(b.d.trace.guest_errors, 0);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_bad_offsets_are_guest_errors)
{
    struct bench b;
    bench_init(&b);
    ck_assert_uint_eq(rd(&b, 0x014), 0);
    ck_assert_uint_eq(b.d.trace.guest_errors, 1);
    ck_assert_uint_eq(rd(&b, 0xfe1), 0);            /* unaligned inside the ID block */
    ck_assert_uint_eq(b.d.trace.guest_errors, 2);
    wr(&b, 0x800, 1);
    ck_assert_uint_eq(b.d.trace.guest_errors, 3);
    wr(&b, 0xfe0, 1);                               /* ID registers are read-only */
    ck_assert_uint_eq(b.d.trace.guest_errors, 4);
    ck_assert_uint_eq(rd(&b, 0xfe0), 0x21);
    devtest_free(&b.d);
}
END_TEST

/* BAUDDIV 217 (115200 baud at 25 MHz): one character = 2170 PCLK ticks. */
START_TEST(test_tx_timing_txfull_and_irq)
{
    struct bench b;
    bench_init(&b);
    wr(&b, BAUDDIV, 217);
    wr(&b, CTRL, TX_EN | TX_INTEN);
    wr(&b, DATA, 'A');
    /* The shift register was free: the byte leaves the buffer at once (TX interrupt). */
    ck_assert_int_eq(b.nout, 1);
    ck_assert_uint_eq(b.out[0], 'A');
    ck_assert_uint_eq(rd(&b, STATE) & TXFULL, 0);
    ck_assert_uint_eq(rd(&b, INTSTATUS), INT_TX);
    ck_assert(b.tx.level);
    wr(&b, INTSTATUS, INT_TX);
    ck_assert(!b.tx.level);

    wr(&b, DATA, 'B');                              /* waits for 'A' to finish */
    ck_assert_uint_eq(rd(&b, STATE) & TXFULL, TXFULL);
    ck_assert_int_eq(b.nout, 1);
    uint64_t end_a = devtest_pclk_cycle(2170);
    ck_assert_uint_eq(end_a, 5556);
    clock_advance_to(&b.d.clock, end_a - 1);
    ck_assert_uint_eq(rd(&b, STATE) & TXFULL, TXFULL);
    ck_assert(!b.tx.level);
    clock_advance_to(&b.d.clock, end_a);
    ck_assert_uint_eq(rd(&b, STATE) & TXFULL, 0);
    ck_assert_int_eq(b.nout, 2);
    ck_assert_uint_eq(b.out[1], 'B');
    ck_assert(b.tx.level);
    ck_assert_uint_eq(b.tx.last_rise, end_a);

    /* 'C' follows 'B' back to back: its slot starts when 'B' ends, at tick 4340. */
    wr(&b, DATA, 'C');
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(4340) - 1);
    ck_assert_int_eq(b.nout, 2);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(4340));
    ck_assert_int_eq(b.nout, 3);
    ck_assert_uint_eq(b.out[2], 'C');
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_tx_overrun_replaces_byte_and_interrupts)
{
    struct bench b;
    bench_init(&b);
    wr(&b, BAUDDIV, 16);
    wr(&b, CTRL, TX_EN | TXO_INTEN);
    wr(&b, DATA, '1');
    wr(&b, DATA, '2');                              /* buffered */
    ck_assert(!b.ovf.level);
    wr(&b, DATA, '3');                              /* buffer full: overrun */
    ck_assert_uint_eq(rd(&b, STATE), TXFULL | TXOVR);
    ck_assert_uint_eq(rd(&b, INTSTATUS), INT_TXO);
    ck_assert(b.ovf.level);
    wr(&b, INTSTATUS, INT_TXO);                     /* also clears STATE.TXOVR */
    ck_assert_uint_eq(rd(&b, STATE), TXFULL);
    ck_assert(!b.ovf.level);
    clock_advance_to(&b.d.clock, 100000);
    ck_assert_int_eq(b.nout, 2);
    ck_assert_uint_eq(b.out[1], '3');
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_tx_disabled_holds_byte_until_enabled)
{
    struct bench b;
    bench_init(&b);
    wr(&b, BAUDDIV, 16);
    wr(&b, DATA, 'x');
    clock_advance_to(&b.d.clock, 10000);
    ck_assert_int_eq(b.nout, 0);
    ck_assert_uint_eq(rd(&b, STATE), TXFULL);
    cmsdk_uart_flush(&b.u);                         /* TX off: nothing ever went out */
    ck_assert_int_eq(b.nout, 0);
    wr(&b, CTRL, TX_EN);
    ck_assert_int_eq(b.nout, 1);
    ck_assert_uint_eq(rd(&b, STATE), 0);
    ck_assert(!b.tx.level);                         /* TX interrupt not enabled */
    devtest_free(&b.d);
}
END_TEST

/* QEMU transmits even with an illegal BAUDDIV (and logs a guest error): so do we, timing
 * characters as BAUDDIV 16 (160 ticks). */
START_TEST(test_tx_with_invalid_bauddiv)
{
    struct bench b;
    bench_init(&b);
    wr(&b, CTRL, TX_EN);
    ck_assert_uint_eq(b.d.trace.guest_errors, 1);
    wr(&b, DATA, 'a');
    wr(&b, DATA, 'b');
    ck_assert_int_eq(b.nout, 1);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(160));
    ck_assert_int_eq(b.nout, 2);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_tx_high_speed_test_mode)
{
    struct bench b;
    bench_init(&b);
    wr(&b, BAUDDIV, 1000);
    wr(&b, CTRL, TX_EN | HSTEST);                   /* one bit per PCLK: 10 ticks a byte */
    wr(&b, DATA, 'a');
    wr(&b, DATA, 'b');
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(10) - 1);
    ck_assert_int_eq(b.nout, 1);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(10));
    ck_assert_int_eq(b.nout, 2);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_flush_hands_over_buffered_byte)
{
    struct bench b;
    bench_init(&b);
    wr(&b, BAUDDIV, 217);
    wr(&b, CTRL, TX_EN);
    wr(&b, DATA, 'o');
    wr(&b, DATA, 'k');
    ck_assert_int_eq(b.nout, 1);
    cmsdk_uart_flush(&b.u);
    ck_assert_int_eq(b.nout, 2);
    ck_assert_uint_eq(b.out[1], 'k');
    ck_assert_uint_eq(rd(&b, STATE) & TXFULL, 0);
    devtest_free(&b.d);
}
END_TEST

/* BAUDDIV 16: a character is 160 ticks (cycle 410), a bit 16 ticks. */
START_TEST(test_rx_queue_paces_bytes_and_interrupts)
{
    struct bench b;
    bench_init(&b);
    wr(&b, BAUDDIV, 16);
    wr(&b, CTRL, RX_EN | RX_INTEN);
    ck_assert_uint_eq(cmsdk_uart_receive(&b.u, (const uint8_t *)"hi!", 3), 3);
    ck_assert_uint_eq(rd(&b, STATE), RXFULL);
    ck_assert(b.rx.level);
    ck_assert_uint_eq(rd(&b, INTSTATUS), INT_RX);
    ck_assert_uint_eq(rd(&b, DATA), 'h');
    ck_assert_uint_eq(rd(&b, STATE), 0);
    ck_assert(b.rx.level);                          /* reading does not clear the interrupt */
    wr(&b, INTSTATUS, INT_RX);
    ck_assert(!b.rx.level);
    /* 'i' arrives one character after 'h'. */
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(160) - 1);
    ck_assert_uint_eq(rd(&b, STATE), 0);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(160));
    ck_assert_uint_eq(rd(&b, STATE), RXFULL);
    ck_assert(b.rx.level);
    ck_assert_uint_eq(b.rx.last_rise, devtest_pclk_cycle(160));
    /* The guest is slow: '!' is due already, but comes one bit time after the read. */
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(1000));
    ck_assert_uint_eq(rd(&b, DATA), 'i');
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(1016) - 1);
    ck_assert_uint_eq(rd(&b, STATE), 0);
    clock_advance_to(&b.d.clock, devtest_pclk_cycle(1016));
    ck_assert_uint_eq(rd(&b, DATA), '!');
    clock_advance_to(&b.d.clock, 1000000);
    ck_assert_uint_eq(rd(&b, STATE), 0);
    ck_assert_uint_eq(rd(&b, STATE) & RXOVR, 0);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_rx_paste_loses_nothing)
{
    struct bench b;
    bench_init(&b);
    uint8_t text[200], got[200];
    for (int i = 0; i < 200; i++)
        text[i] = (uint8_t)(i * 7 + 1);
    wr(&b, BAUDDIV, 217);
    wr(&b, CTRL, RX_EN);
    ck_assert_uint_eq(cmsdk_uart_receive(&b.u, text, 200), 200);
    int n = 0;
    for (uint64_t t = 0; n < 200 && t < 100000000; t += 1000) {   /* a polling guest */
        clock_advance_to(&b.d.clock, t);
        if (rd(&b, STATE) & RXFULL)
            got[n++] = (uint8_t)rd(&b, DATA);
    }
    ck_assert_int_eq(n, 200);
    ck_assert_mem_eq(got, text, 200);
    ck_assert_uint_eq(rd(&b, STATE) & RXOVR, 0);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_rx_disabled_holds_input_and_queue_limit)
{
    struct bench b;
    bench_init(&b);
    uint8_t big[CMSDK_UART_RXQ_SIZE + 44];
    memset(big, 'z', sizeof(big));
    ck_assert_uint_eq(cmsdk_uart_receive(&b.u, big, sizeof(big)), CMSDK_UART_RXQ_SIZE);
    ck_assert_uint_eq(cmsdk_uart_receive(&b.u, big, 1), 0);
    clock_advance_to(&b.d.clock, 100000);
    ck_assert_uint_eq(rd(&b, STATE), 0);            /* RX disabled: input waits */
    wr(&b, CTRL, RX_EN);
    ck_assert_uint_eq(rd(&b, STATE), RXFULL);
    ck_assert(!b.rx.level);                         /* RX interrupt not enabled */
    ck_assert_uint_eq(rd(&b, DATA), 'z');
    ck_assert_uint_eq(cmsdk_uart_receive(&b.u, big, 5), 1);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_rx_overrun_from_the_wire)
{
    struct bench b;
    bench_init(&b);
    cmsdk_uart_rx_wire(&b.u, 'q');                  /* RX disabled: dropped */
    ck_assert_uint_eq(rd(&b, STATE), 0);
    wr(&b, CTRL, RX_EN | RXO_INTEN);
    cmsdk_uart_rx_wire(&b.u, '1');
    ck_assert(!b.ovf.level);
    cmsdk_uart_rx_wire(&b.u, '2');
    ck_assert_uint_eq(rd(&b, STATE), RXFULL | RXOVR);
    ck_assert_uint_eq(rd(&b, INTSTATUS), INT_RXO);
    ck_assert(b.ovf.level);
    ck_assert(!b.rx.level);
    ck_assert_uint_eq(rd(&b, DATA), '2');           /* the newer byte wins */
    wr(&b, STATE, RXOVR);                           /* STATE overrun bits are W1C too */
    ck_assert_uint_eq(rd(&b, STATE), 0);
    ck_assert_uint_eq(rd(&b, INTSTATUS), 0);
    ck_assert(!b.ovf.level);
    /* Without its enable, an overrun shows in STATE only. */
    wr(&b, CTRL, RX_EN);
    cmsdk_uart_rx_wire(&b.u, '3');
    cmsdk_uart_rx_wire(&b.u, '4');
    ck_assert_uint_eq(rd(&b, STATE), RXFULL | RXOVR);
    ck_assert_uint_eq(rd(&b, INTSTATUS), 0);
    ck_assert(!b.ovf.level);
    wr(&b, CTRL, RX_EN | RXO_INTEN);                /* enabling it now raises the line */
    ck_assert(b.ovf.level);
    devtest_free(&b.d);
}
END_TEST

START_TEST(test_reset_cancels_transmission)
{
    struct bench b;
    bench_init(&b);
    wr(&b, BAUDDIV, 16);
    wr(&b, CTRL, TX_EN | TX_INTEN);
    wr(&b, DATA, 'a');
    wr(&b, DATA, 'b');
    cmsdk_uart_reset(&b.u);
    ck_assert(!b.tx.level);
    ck_assert_uint_eq(clock_next_deadline(&b.d.clock), CLOCK_NEVER);
    clock_advance_to(&b.d.clock, 100000);
    ck_assert_int_eq(b.nout, 1);
    ck_assert_uint_eq(rd(&b, STATE), 0);
    devtest_free(&b.d);
}
END_TEST

Suite *cmsdk_uart_suite(void)
{
    Suite *s = suite_create("cmsdk_uart");
    TCase *tc = tcase_create("registers");
    tcase_add_test(tc, test_reset_values_and_ids);
    tcase_add_test(tc, test_bad_offsets_are_guest_errors);
    suite_add_tcase(s, tc);
    tc = tcase_create("tx");
    tcase_add_test(tc, test_tx_timing_txfull_and_irq);
    tcase_add_test(tc, test_tx_overrun_replaces_byte_and_interrupts);
    tcase_add_test(tc, test_tx_disabled_holds_byte_until_enabled);
    tcase_add_test(tc, test_tx_with_invalid_bauddiv);
    tcase_add_test(tc, test_tx_high_speed_test_mode);
    tcase_add_test(tc, test_flush_hands_over_buffered_byte);
    tcase_add_test(tc, test_reset_cancels_transmission);
    suite_add_tcase(s, tc);
    tc = tcase_create("rx");
    tcase_add_test(tc, test_rx_queue_paces_bytes_and_interrupts);
    tcase_add_test(tc, test_rx_paste_loses_nothing);
    tcase_add_test(tc, test_rx_disabled_holds_input_and_queue_limit);
    tcase_add_test(tc, test_rx_overrun_from_the_wire);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests: NS16550A UART (registers driven directly, no CPU). */
#include <check.h>

#include "boards-virtual/rv32/memmap.h"
#include "devtest.h"
#include "peripherals/virt/ns16550a.h"

enum { RBR = 0, IER = 1, IIR = 2, FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };

struct fixture {
    struct devtest d;
    struct ns16550a u;
    struct irq_probe irq;
    char out[64];
    unsigned nout;
};

static void on_tx(void *ctx, uint8_t byte)
{
    struct fixture *f = ctx;
    if (f->nout < sizeof(f->out) - 1)
        f->out[f->nout++] = (char)byte;
}

static void setup(struct fixture *f)
{
    memset(f, 0, sizeof(*f));
    devtest_init(&f->d, "uart0");
    ns16550a_init(&f->u, &f->d.env, RV32_UART_BAUDBASE, on_tx, f);
    irq_probe_attach(&f->irq, &f->u.irq, &f->d.clock);
}

static uint32_t rd(struct fixture *f, uint32_t off) { return ns16550a_ops.read(&f->u, off, 1); }
static void wr(struct fixture *f, uint32_t off, uint32_t v) { ns16550a_ops.write(&f->u, off, v, 1); }

START_TEST(test_reset_values_as_qemu)
{
    struct fixture f;
    setup(&f);
    ck_assert_uint_eq(rd(&f, IER), 0);
    ck_assert_uint_eq(rd(&f, IIR), 0x01);
    ck_assert_uint_eq(rd(&f, LCR), 0);
    ck_assert_uint_eq(rd(&f, MCR), 0x08);
    ck_assert_uint_eq(rd(&f, LSR), 0x60);
    ck_assert_uint_eq(rd(&f, MSR), 0xb0);
    wr(&f, LCR, 0x80);                                  /* DLAB */
    ck_assert_uint_eq(rd(&f, RBR), 12);                 /* DLL */
    ck_assert_uint_eq(rd(&f, IER), 0);                  /* DLM */
    wr(&f, RBR, 3);
    wr(&f, LCR, 0x03);                                  /* 8N1, DLAB off */
    ck_assert_uint_eq(f.u.dll, 3);
    wr(&f, SCR, 0x5a);
    ck_assert_uint_eq(rd(&f, SCR), 0x5a);
    ck_assert_uint_eq(f.d.trace.guest_errors, 0);
    devtest_free(&f.d);
}
END_TEST

START_TEST(test_transmit_is_instant_with_thre_interrupt)
{
    struct fixture f;
    setup(&f);
    wr(&f, RBR, 'h');
    wr(&f, RBR, 'i');                                   /* no polling needed, as on QEMU */
    ck_assert_str_eq(f.out, "hi");
    ck_assert_uint_eq(rd(&f, LSR) & 0x60, 0x60);
    ck_assert(!f.irq.level);
    wr(&f, IER, 0x02);                                  /* enabling THRE interrupt: pending */
    ck_assert(f.irq.level);
    ck_assert_uint_eq(rd(&f, IIR), 0x02);               /* reading IIR clears it */
    ck_assert(!f.irq.level);
    ck_assert_uint_eq(rd(&f, IIR), 0x01);
    wr(&f, RBR, '!');                                   /* each write: empty again, pending */
    ck_assert(f.irq.level);
    devtest_free(&f.d);
}
END_TEST

/* Cycles of one 8N1 character at divisor d (10 bits of d ticks at the baud base clock). */
static uint64_t char_cycles(unsigned d)
{
    return (10ull * d * RV32_CPU_HZ + RV32_UART_BAUDBASE - 1) / RV32_UART_BAUDBASE;
}

START_TEST(test_receive_paced_without_fifo)
{
    struct fixture f;
    setup(&f);
    wr(&f, LCR, 0x03);
    wr(&f, IER, 0x01);
    ck_assert_uint_eq(ns16550a_receive(&f.u, (const uint8_t *)"ab", 2), 2);
    ck_assert_uint_eq(rd(&f, LSR) & 1, 1);              /* the first byte at once */
    ck_assert(f.irq.level);
    ck_assert_uint_eq(rd(&f, IIR), 0x04);
    ck_assert_uint_eq(rd(&f, RBR), 'a');
    ck_assert(!f.irq.level);
    ck_assert_uint_eq(rd(&f, LSR) & 1, 0);              /* 'b' one character later */
    clock_advance_to(&f.d.clock, char_cycles(12) + 1);
    ck_assert_uint_eq(rd(&f, LSR) & 1, 1);
    ck_assert_uint_eq(rd(&f, RBR), 'b');
    devtest_free(&f.d);
}
END_TEST

START_TEST(test_fifo_trigger_and_timeout)
{
    struct fixture f;
    setup(&f);
    wr(&f, LCR, 0x03);
    wr(&f, FCR, 0x47);                                  /* FIFO on, cleared, trigger 4 */
    wr(&f, IER, 0x01);
    ck_assert_uint_eq(rd(&f, IIR), 0xc1);               /* FIFOs on, nothing pending */
    ns16550a_receive(&f.u, (const uint8_t *)"12345", 5);
    clock_advance_to(&f.d.clock, 2 * char_cycles(12) + 1);
    ck_assert_uint_eq(f.u.rx_len, 3);
    ck_assert(!f.irq.level);                            /* below the trigger level */
    clock_advance_to(&f.d.clock, 3 * char_cycles(12) + 1);
    ck_assert(f.irq.level);
    ck_assert_uint_eq(rd(&f, IIR), 0xc4);
    for (int i = 0; i < 4; i++)
        ck_assert_uint_eq(rd(&f, RBR), (uint32_t)('1' + i));
    ck_assert(!f.irq.level);
    clock_advance_to(&f.d.clock, 5 * char_cycles(12));
    ck_assert_uint_eq(f.u.rx_len, 1);                   /* '5' arrived, below trigger */
    clock_advance_to(&f.d.clock, 10 * char_cycles(12));
    ck_assert(f.irq.level);                             /* character timeout */
    ck_assert_uint_eq(rd(&f, IIR), 0xcc);
    ck_assert_uint_eq(rd(&f, RBR), '5');
    ck_assert(!f.irq.level);
    devtest_free(&f.d);
}
END_TEST

Suite *ns16550a_suite(void)
{
    Suite *s = suite_create("ns16550a");
    TCase *tc = tcase_create("ns16550a");
    tcase_add_test(tc, test_reset_values_as_qemu);
    tcase_add_test(tc, test_transmit_is_instant_with_thre_interrupt);
    tcase_add_test(tc, test_receive_paced_without_fifo);
    tcase_add_test(tc, test_fifo_trigger_and_timeout);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests: the console capsule (driver 0x1, doc/drivers/console.md) on a fake UART. Writes
 * send min(length, allowed buffer) bytes (Tock's console.rs: never past what the app allowed),
 * in chunks of at most 64 bytes ending after a newline, one process's write whole before the
 * next; reads take exactly min(length, buffer) bytes; bytes nobody reads wait in a 64-byte ring
 * with backpressure, or go to the process console while no process owns the input. */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "kernel/capsules/console.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "tests/kernel_fake_hil.h"

#define CONSOLE CONSOLE_DRIVER_NUM
#define RO SYSCALL_ALLOW_RO
#define RW SYSCALL_ALLOW_RW

/* p allows text (at offset off of its RAM) for writing, followed in memory by a '#' it did not
 * allow; evaluates to the buffer. */
#define allow_text(p, off, text)                                                             \
    ({                                                                                       \
        uint32_t n_ = (uint32_t)strlen(text);                                                \
        uint8_t *b_ = kf_allow(p, RO, CONSOLE, 1, off, n_);                                  \
        memcpy(b_, text, n_);                                                                \
        b_[n_] = '#';                                                                        \
        b_;                                                                                  \
    })

/* p writes len bytes and waits for the write-done upcall. */
#define write_and_wait(p, len)                                                               \
    do {                                                                                     \
        kf_command(p, CONSOLE, 1, len, 0);                                                   \
        kf_assert_r0(p, RET_SUCCESS);                                                        \
        kf_wait_for(p, CONSOLE, 1);                                                          \
    } while (0)

START_TEST(test_write_never_reads_past_the_allowed_buffer)
{
    struct process *p = kt_process("app", 0, 2000);
    allow_text(p, 0x100, "0123456789");
    write_and_wait(p, 11);                                  /* one more than allowed */
    kf_uart_drain();
    ck_assert_str_eq(kf_uart.wire, "0123456789");
    kf_assert_woke(p, 10, 0, 0);
}
END_TEST

START_TEST(test_write_sends_the_requested_length_when_shorter)
{
    struct process *p = kt_process("app", 0, 2000);
    allow_text(p, 0x100, "0123456789");
    write_and_wait(p, 4);
    kf_uart_drain();
    ck_assert_str_eq(kf_uart.wire, "0123");
    kf_assert_woke(p, 4, 0, 0);
    process_set_state(p, PROC_RUNNING);
    write_and_wait(p, 10);                                  /* exactly the buffer */
    kf_uart_drain();
    ck_assert_str_eq(kf_uart.wire, "01230123456789");
    kf_assert_woke(p, 10, 0, 0);
}
END_TEST

START_TEST(test_write_without_a_buffer_completes_empty)
{
    struct process *p = kt_process("app", 0, 2000);
    write_and_wait(p, 5);
    kf_assert_woke(p, 0, 0, 0);
    ck_assert_uint_eq(kf_uart.transmits, 0);
}
END_TEST

START_TEST(test_chunks_of_at_most_64_end_after_a_newline)
{
    struct process *p = kt_process("app", 0, 2000);
    char text[151];
    memset(text, 'x', 150);
    memcpy(text, "line one\n", 9);
    text[150] = 0;
    allow_text(p, 0x100, text);
    write_and_wait(p, 150);
    kf_uart_drain();
    ck_assert_str_eq(kf_uart.wire, text);
    ck_assert_uint_eq(kf_uart.transmits, 4);
    ck_assert_uint_eq(kf_uart.tx_lens[0], 9);
    ck_assert_uint_eq(kf_uart.tx_lens[1], 64);
    ck_assert_uint_eq(kf_uart.tx_lens[2], 64);
    ck_assert_uint_eq(kf_uart.tx_lens[3], 13);
    kf_assert_woke(p, 150, 0, 0);
}
END_TEST

START_TEST(test_second_write_while_pending_is_busy)
{
    struct process *p = kt_process("app", 0, 2000);
    allow_text(p, 0x100, "abc");
    kf_command(p, CONSOLE, 1, 3, 0);
    kf_command(p, CONSOLE, 1, 3, 0);
    kf_assert_failure(p, ERR_BUSY);
    kf_uart_drain();
    kf_command(p, CONSOLE, 1, 3, 0);
    kf_assert_r0(p, RET_SUCCESS);
    kf_uart_drain();
    ck_assert_str_eq(kf_uart.wire, "abcabc");
}
END_TEST

START_TEST(test_one_write_goes_out_whole_before_the_next_process)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    char text[104];                                         /* room for "b\n" after */
    memset(text, 'a', 100);
    text[100] = 0;
    allow_text(a, 0x100, text);
    allow_text(b, 0x100, "b\n");
    write_and_wait(a, 100);
    write_and_wait(b, 2);                                   /* while a's first chunk is out */
    kf_uart_drain();
    ck_assert_str_eq(kf_uart.wire, strcat(text, "b\n"));
    kf_assert_woke(a, 100, 0, 0);
    kf_assert_woke(b, 2, 0, 0);
}
END_TEST

START_TEST(test_a_buffer_shrunk_mid_write_shortens_the_write)
{
    struct process *p = kt_process("app", 0, 2000);
    char text[151];
    memset(text, 'z', 150);
    text[150] = 0;
    allow_text(p, 0x100, text);
    kf_command(p, CONSOLE, 1, 150, 0);                      /* 64 bytes in flight */
    kf_allow(p, RO, CONSOLE, 1, 0x100, 70);
    kf_wait_for(p, CONSOLE, 1);
    kf_uart_drain();
    ck_assert_uint_eq(kf_uart.wire_len, 70);
    kf_assert_woke(p, 70, 0, 0);
}
END_TEST

START_TEST(test_read_takes_exactly_min_of_length_and_buffer)
{
    struct process *p = kt_process("app", 0, 2000);
    uint8_t *buf = kf_allow(p, RW, CONSOLE, 1, 0x200, 4);
    buf[4] = '#';
    kf_command(p, CONSOLE, 2, 10, 0);
    kf_assert_r0(p, RET_SUCCESS);
    kf_wait_for(p, CONSOLE, 2);
    kf_uart_type("abcdef");
    kf_assert_woke(p, 0, 4, 0);                             /* status, bytes read */
    ck_assert_mem_eq(buf, "abcd#", 5);
    process_set_state(p, PROC_RUNNING);                     /* "ef" waited for this read */
    kf_command(p, CONSOLE, 2, 2, 0);
    kf_wait_for(p, CONSOLE, 2);
    kf_assert_woke(p, 0, 2, 0);
    ck_assert_mem_eq(buf, "efcd#", 5);
}
END_TEST

START_TEST(test_read_errors_abort_and_empty_read)
{
    struct process *p = kt_process("app", 0, 2000);
    kf_command(p, CONSOLE, 2, 4, 0);
    kf_assert_failure(p, ERR_RESERVE);                      /* no buffer */
    kf_allow(p, RW, CONSOLE, 1, 0x200, 8);
    kf_command(p, CONSOLE, 2, 0, 0);                        /* length 0: done at once */
    kf_wait_for(p, CONSOLE, 2);
    kf_assert_woke(p, 0, 0, 0);
    kf_command(p, CONSOLE, 2, 8, 0);
    kf_command(p, CONSOLE, 2, 8, 0);
    kf_assert_failure(p, ERR_BUSY);
    kf_uart_type("ab");
    kf_command(p, CONSOLE, 3, 0, 0);                        /* abort */
    kf_assert_r0(p, RET_SUCCESS);
    kf_wait_for(p, CONSOLE, 2);
    kf_assert_woke(p, ERR_CANCEL, 2, 0);
    kf_command(p, CONSOLE, 3, 0, 0);                        /* nothing to abort */
    kf_assert_r0(p, RET_SUCCESS);
    kf_command(p, CONSOLE, 4, 0, 0);
    kf_assert_failure(p, ERR_NOSUPPORT);
}
END_TEST

/* 64 bytes fill the ring and the capsule holds the UART; the next read gets every byte, in
 * order, the ring's first. */
START_TEST(test_unread_bytes_wait_in_the_ring_with_backpressure)
{
    struct process *p = kt_process("app", 0, 4000);
    char typed[68];
    for (int i = 0; i < 67; i++)
        typed[i] = (char)('0' + i % 64);
    typed[67] = 0;
    kf_uart_type(typed);
    ck_assert(kf_uart.held);
    ck_assert_uint_eq(kf_uart.pending_len, 3);              /* still in the UART */
    uint8_t *buf = kf_allow(p, RW, CONSOLE, 1, 0x200, 100);
    kf_command(p, CONSOLE, 2, 67, 0);
    kf_wait_for(p, CONSOLE, 2);
    kf_assert_woke(p, 0, 67, 0);
    ck_assert(!kf_uart.held);
    ck_assert_mem_eq(buf, typed, 67);
}
END_TEST

START_TEST(test_the_oldest_read_gets_the_byte)
{
    struct process *a = kt_process("a", 0x0000, 2000);
    struct process *b = kt_process("b", 0x1000, 2000);
    uint8_t *ba = kf_allow(a, RW, CONSOLE, 1, 0x200, 1);
    uint8_t *bb = kf_allow(b, RW, CONSOLE, 1, 0x200, 1);
    kf_command(b, CONSOLE, 2, 1, 0);
    kf_command(a, CONSOLE, 2, 1, 0);
    kf_uart_type("xy");
    ck_assert_uint_eq(*bb, 'x');
    ck_assert_uint_eq(*ba, 'y');
}
END_TEST

/* Until a live process has read the console, bytes nobody reads go to the process console
 * when the kernel is idle and no write is in flight. */
START_TEST(test_unowned_input_goes_to_the_process_console_when_idle)
{
    struct process *p = kt_process("app", 0, 2000);
    allow_text(p, 0x100, "out");
    kf_command(p, CONSOLE, 1, 3, 0);
    kf_uart_type("hi");
    console_idle();
    ck_assert_uint_eq(kf_fallback_len, 0);                  /* a write is in flight */
    kf_uart_drain();
    console_idle();
    ck_assert_uint_eq(kf_fallback_len, 2);
    ck_assert_mem_eq(kf_fallback, "hi", 2);
    kf_allow(p, RW, CONSOLE, 1, 0x200, 1);
    kf_command(p, CONSOLE, 2, 1, 0);
    kf_uart_type("ab");                                     /* 'a' read, 'b' kept for p */
    console_idle();
    ck_assert_uint_eq(kf_fallback_len, 2);
    process_terminate(p, 0, 0);                             /* the owner is gone */
    console_idle();
    ck_assert_uint_eq(kf_fallback_len, 3);
    ck_assert_uint_eq(kf_fallback[2], 'b');
}
END_TEST

Suite *kernel_console_suite(void)
{
    Suite *s = suite_create("kernel_console");
    TCase *tc = tcase_create("console");
    kf_add_fixture(tc);
    tcase_add_test(tc, test_write_never_reads_past_the_allowed_buffer);
    tcase_add_test(tc, test_write_sends_the_requested_length_when_shorter);
    tcase_add_test(tc, test_write_without_a_buffer_completes_empty);
    tcase_add_test(tc, test_chunks_of_at_most_64_end_after_a_newline);
    tcase_add_test(tc, test_second_write_while_pending_is_busy);
    tcase_add_test(tc, test_one_write_goes_out_whole_before_the_next_process);
    tcase_add_test(tc, test_a_buffer_shrunk_mid_write_shortens_the_write);
    tcase_add_test(tc, test_read_takes_exactly_min_of_length_and_buffer);
    tcase_add_test(tc, test_read_errors_abort_and_empty_read);
    tcase_add_test(tc, test_unread_bytes_wait_in_the_ring_with_backpressure);
    tcase_add_test(tc, test_the_oldest_read_gets_the_byte);
    tcase_add_test(tc, test_unowned_input_goes_to_the_process_console_when_idle);
    suite_add_tcase(s, tc);
    return s;
}

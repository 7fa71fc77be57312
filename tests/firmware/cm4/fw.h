/* cm4 bare-metal test firmware: console, formatter, checks, exception table, exit. */
#ifndef FW_H
#define FW_H

#include <stdarg.h>
#include <stdint.h>

/* uart.c: CMSDK APB UART0, polled transmit. */
void uart_init(void);
void uart_putc(char c);
void uart_flush(void);

/* fmt.c: printf subset: %c %s %d %u %x %X with optional '0' flag and width; "%%". */
void fw_vprintf(const char *fmt, va_list ap);
void fw_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* board.c: leaves the simulation with `code` (0 = success) through the tocksim finisher when
 * present, else ARM semihosting. Never returns. */
void fw_exit(int code) __attribute__((noreturn));

/* check.c: each check prints one line "  <label> = <value> ok" or "... FAIL (want ...)";
 * the label is a format string with its arguments. */
void check_eq(uint32_t got, uint32_t want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void check_true(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int check_failures(void);
int check_count(void);

/* start.c: every exception but reset enters exc_entry (start_asm.S), which calls the handler
 * registered here for that exception number with the stacked frame and EXC_RETURN.
 * An exception without a handler prints a line and exits with status 3. */
#define FW_NUM_EXC (16 + 32)
typedef void (*exc_handler_t)(uint32_t *frame, uint32_t exc_return);
void exc_set_handler(int exc, exc_handler_t h);
extern const uint32_t fw_vectors[FW_NUM_EXC];

/* Memory helpers (libc names because the compiler may call them). */
void *memcpy(void *dst, const void *src, unsigned n);
void *memset(void *dst, int c, unsigned n);

#endif

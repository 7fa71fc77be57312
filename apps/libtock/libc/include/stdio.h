/* libtock libc subset: formatted output to the console (libc/printf.c). */
#ifndef LIBTOCK_STDIO_H
#define LIBTOCK_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

/*
 * Conversions: %d %i %u %x %X %o %c %s %p %%, flags '-' '0' '+' ' ', width and precision
 * (number or '*'), length modifiers hh h l ll z t j. No floating point.
 * printf writes through the console driver in chunks of up to 128 bytes (one write syscall
 * each; a line shorter than that is one write) and returns the number of bytes written.
 */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int sprintf(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int puts(const char *s);        /* s and a newline */
int putchar(int c);
int getchar(void);              /* blocks; the character or EOF */

#endif

/* Kernel console output: a small printf onto the board's polled debug output. */
#ifndef KERNEL_CORE_KPRINTF_H
#define KERNEL_CORE_KPRINTF_H

#include <stdarg.h>
#include <stddef.h>

/* Where kprintf writes: one character at a time, synchronously (the board's UART in polled
 * mode, so reports get out even while interrupts are off). NULL discards the output. */
void kprintf_set_output(void (*putc)(char c));

/* Formats like printf (not type-checked by the compiler: uint32_t is unsigned long on the
 * target and unsigned int on the host, both printed with %u/%x): %d %i %u %x %X %c %s %p %%, flags '-' and '0', a width and a precision
 * (also '*'); 'l' and 'z' length modifiers are accepted and ignored (32-bit kernel). */
void kprintf(const char *fmt, ...);
void kvprintf(const char *fmt, va_list ap);
/* Same, into buf (always NUL-terminated when n > 0); returns the length it wanted. */
int ksnprintf(char *buf, size_t n, const char *fmt, ...);

#endif

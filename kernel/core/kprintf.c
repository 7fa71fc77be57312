/* Kernel console output: a small printf onto the board's polled debug output. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/core/kprintf.h"

static void (*out_putc)(char c);

/* Sets where kprintf writes, one character at a time (NULL: nowhere). */
void kprintf_set_output(void (*putc)(char c))
{
    out_putc = putc;
}

/* An output target: the console, or a bounded buffer. */
struct sink {
    int to_buf;
    char *buf;
    size_t cap, len;
};

static void emit(struct sink *s, char c)
{
    if (s->to_buf) {
        if (s->len + 1 < s->cap)
            s->buf[s->len] = c;
    } else if (out_putc) {
        out_putc(c);
    }
    s->len++;
}

static void emit_padded(struct sink *s, const char *str, size_t n, int width, int left, char pad)
{
    int fill = width > (int)n ? width - (int)n : 0;
    if (!left)
        while (fill-- > 0)
            emit(s, pad);
    for (size_t i = 0; i < n; i++)
        emit(s, str[i]);
    if (left)
        while (fill-- > 0)
            emit(s, ' ');
}

/* Converts v to text in tmp (right to left); returns the start. */
static char *utoa(char *end, uint32_t v, unsigned base, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;
    do {
        *--p = digits[v % base];
        v /= base;
    } while (v);
    return p;
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
    char tmp[12];
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            emit(s, *fmt);
            continue;
        }
        int left = 0, width = 0, prec = -1;
        char pad = ' ';
        for (fmt++; *fmt == '-' || *fmt == '0'; fmt++)
            *fmt == '-' ? (left = 1) : (pad = '0');
        if (*fmt == '*') {
            width = va_arg(ap, int);
            fmt++;
        }
        for (; *fmt >= '0' && *fmt <= '9'; fmt++)
            width = width * 10 + (*fmt - '0');
        if (*fmt == '.') {
            prec = 0;
            if (*++fmt == '*') {
                prec = va_arg(ap, int);
                fmt++;
            }
            for (; *fmt >= '0' && *fmt <= '9'; fmt++)
                prec = prec * 10 + (*fmt - '0');
        }
        while (*fmt == 'l' || *fmt == 'z')
            fmt++;
        char *end = tmp + sizeof tmp, *p;
        switch (*fmt) {
        case 'd':
        case 'i': {
            int32_t v = va_arg(ap, int32_t);
            p = utoa(end, v < 0 ? 0u - (uint32_t)v : (uint32_t)v, 10, 0);
            if (v < 0) {
                if (pad == '0' && width > 0) {
                    emit(s, '-');
                    width--;
                } else {
                    *--p = '-';
                }
            }
            emit_padded(s, p, (size_t)(end - p), width, left, pad);
            break;
        }
        case 'u':
            p = utoa(end, va_arg(ap, uint32_t), 10, 0);
            emit_padded(s, p, (size_t)(end - p), width, left, pad);
            break;
        case 'x':
        case 'X':
            p = utoa(end, va_arg(ap, uint32_t), 16, *fmt == 'X');
            emit_padded(s, p, (size_t)(end - p), width, left, pad);
            break;
        case 'p':
            emit(s, '0');
            emit(s, 'x');
            p = utoa(end, (uint32_t)(uintptr_t)va_arg(ap, void *), 16, 0);
            emit_padded(s, p, (size_t)(end - p), 8, 0, '0');
            break;
        case 'c':
            tmp[0] = (char)va_arg(ap, int);
            emit_padded(s, tmp, 1, width, left, ' ');
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            size_t n = 0;
            while ((prec < 0 || (int)n < prec) && str[n])
                n++;
            emit_padded(s, str, n, width, left, ' ');
            break;
        }
        case '%':
            emit(s, '%');
            break;
        default:
            if (!*fmt)
                return;
            emit(s, '%');
            emit(s, *fmt);
        }
    }
}

/* kprintf with a va_list. */
void kvprintf(const char *fmt, va_list ap)
{
    struct sink s = { 0, 0, 0, 0 };
    format(&s, fmt, ap);
}

/* Formats (see kprintf.h for the conversions) onto the kernel console, synchronously. */
void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
}

/* Formats into buf (NUL-terminated if n > 0); returns the length it wanted. */
int ksnprintf(char *buf, size_t n, const char *fmt, ...)
{
    struct sink s = { 1, buf, n, 0 };
    va_list ap;
    va_start(ap, fmt);
    format(&s, fmt, ap);
    va_end(ap);
    if (n > 0)
        buf[s.len < n ? s.len : n - 1] = '\0';
    return (int)s.len;
}

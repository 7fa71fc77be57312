/* A small printf for the test firmware: enough for deterministic transcripts. */

#include "tests/firmware/cm4/fw.h"

// Prints `v` in `base` (10 or 16), at least `width` characters, padded with `pad`.
static void put_unsigned(uint32_t v, unsigned base, int width, char pad, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[12];
    int n = 0;

    do {
        buf[n++] = digits[v % base];
        v /= base;
    } while (v);
    while (width-- > n)
        uart_putc(pad);
    while (n)
        uart_putc(buf[--n]);
}

static void put_string(const char *s, int width)
{
    int len = 0;

    while (s[len])
        len++;
    for (int i = 0; i < len; i++)
        uart_putc(s[i]);
    while (width-- > len)
        uart_putc(' ');
}

void fw_vprintf(const char *fmt, va_list ap)
{
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            uart_putc(*fmt);
            continue;
        }
        char pad = ' ';
        int width = 0;
        if (*++fmt == '0')
            pad = '0';
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l')
            fmt++;
        switch (*fmt) {
        case 'c': uart_putc((char)va_arg(ap, int)); break;
        case 's': put_string(va_arg(ap, const char *), width); break;
        case 'u': put_unsigned(va_arg(ap, uint32_t), 10, width, pad, 0); break;
        case 'x': put_unsigned(va_arg(ap, uint32_t), 16, width, pad, 0); break;
        case 'X': put_unsigned(va_arg(ap, uint32_t), 16, width, pad, 1); break;
        case 'd': {
            int32_t v = va_arg(ap, int32_t);
            if (v < 0) {
                uart_putc('-');
                width--;
            }
            put_unsigned(v < 0 ? -(uint32_t)v : (uint32_t)v, 10, width, pad, 0);
            break;
        }
        case '\0': return;
        default: uart_putc(*fmt); break;
        }
    }
}

void fw_printf(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fw_vprintf(fmt, ap);
    va_end(ap);
}

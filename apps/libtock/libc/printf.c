/* libtock libc subset: a compact printf family, no floating point. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "udiv64.h"

/* Where formatted characters go: a bounded buffer, or the console through a buffer. */
struct sink {
    char *buf;
    size_t size, len;       /* capacity, characters stored */
    size_t total;           /* characters produced (the return value) */
    int console;            /* flush buf to the console when full */
    int error;
};

#define CONSOLE_CHUNK 128

static void flush(struct sink *s)
{
    if (s->console && s->len) {
        if (console_write(s->buf, s->len) < 0)
            s->error = 1;
        s->len = 0;
    }
}

static void emit(struct sink *s, char c)
{
    s->total++;
    if (s->len + 1 < s->size || (s->console && s->len < s->size))
        s->buf[s->len++] = c;
    if (s->console && s->len == s->size)
        flush(s);
}

static void emit_pad(struct sink *s, char c, int n)
{
    while (n-- > 0)
        emit(s, c);
}

/* A parsed conversion specification. */
struct spec {
    int left, zero, plus, space;
    int width, prec;        /* prec < 0: none */
    int size;               /* 0 int, 1 long long */
};

/* Formats an unsigned number with sign/prefix text, precision and width. */
static void emit_number(struct sink *s, const struct spec *sp, uint64_t v, unsigned base,
                        int upper, const char *prefix)
{
    char digits[24];
    int n = 0;
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    if (sp->size) {
        uint64_t w = v;
        do {
            uint32_t r;
            w = udiv64(w, base, &r);
            digits[n++] = set[r];
        } while (w != 0);
    } else {
        uint32_t w = (uint32_t)v;
        do digits[n++] = set[w % base]; while ((w /= base) != 0);
    }
    if (sp->prec == 0 && v == 0)
        n = 0;
    int zeros = sp->prec > n ? sp->prec - n : 0;
    int plen = (int)strlen(prefix);
    int pad = sp->width - n - zeros - plen;
    if (sp->zero && !sp->left && sp->prec < 0) {
        zeros += pad > 0 ? pad : 0;
        pad = 0;
    }
    if (!sp->left)
        emit_pad(s, ' ', pad);
    while (*prefix)
        emit(s, *prefix++);
    emit_pad(s, '0', zeros);
    while (n)
        emit(s, digits[--n]);
    if (sp->left)
        emit_pad(s, ' ', pad);
}

static void emit_string(struct sink *s, const struct spec *sp, const char *str)
{
    if (!str)
        str = "(null)";
    int n = (int)(sp->prec >= 0 ? strnlen(str, (size_t)sp->prec) : strlen(str));
    if (!sp->left)
        emit_pad(s, ' ', sp->width - n);
    for (int i = 0; i < n; i++)
        emit(s, str[i]);
    if (sp->left)
        emit_pad(s, ' ', sp->width - n);
}

/* Reads flags, width, precision and length; returns the conversion character. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    memset(sp, 0, sizeof(*sp));
    sp->prec = -1;
    for (;; f++) {
        if (*f == '-') sp->left = 1;
        else if (*f == '0') sp->zero = 1;
        else if (*f == '+') sp->plus = 1;
        else if (*f == ' ') sp->space = 1;
        else break;
    }
    if (*f == '*') {
        sp->width = va_arg(*ap, int);
        if (sp->width < 0)
            sp->left = 1, sp->width = -sp->width;
        f++;
    }
    for (; *f >= '0' && *f <= '9'; f++)
        sp->width = sp->width * 10 + (*f - '0');
    if (*f == '.') {
        f++;
        sp->prec = 0;
        if (*f == '*') {
            sp->prec = va_arg(*ap, int);
            f++;
        }
        for (; *f >= '0' && *f <= '9'; f++)
            sp->prec = sp->prec * 10 + (*f - '0');
    }
    while (*f == 'h' || *f == 'l' || *f == 'z' || *f == 't' || *f == 'j') {
        if ((f[0] == 'l' && f[1] == 'l') || *f == 'j')
            sp->size = 1;
        f += (f[0] == f[1]) ? 2 : 1;
    }
    return f;
}

static uint64_t get_unsigned(const struct spec *sp, va_list *ap)
{
    return sp->size ? va_arg(*ap, unsigned long long) : va_arg(*ap, unsigned int);
}

/* One conversion (*f is the conversion character). */
static void convert(struct sink *s, const struct spec *sp, char c, va_list *ap)
{
    switch (c) {
    case 'd': case 'i': {
        int64_t v = sp->size ? va_arg(*ap, long long) : va_arg(*ap, int);
        const char *prefix = v < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "";
        emit_number(s, sp, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, 10, 0, prefix);
        break;
    }
    case 'u': emit_number(s, sp, get_unsigned(sp, ap), 10, 0, ""); break;
    case 'x': emit_number(s, sp, get_unsigned(sp, ap), 16, 0, ""); break;
    case 'X': emit_number(s, sp, get_unsigned(sp, ap), 16, 1, ""); break;
    case 'o': emit_number(s, sp, get_unsigned(sp, ap), 8, 0, ""); break;
    case 'p': {
        struct spec p = *sp;
        p.size = 0, p.prec = 8;
        emit_number(s, &p, (uintptr_t)va_arg(*ap, void *), 16, 0, "0x");
        break;
    }
    case 'c': {
        char ch = (char)va_arg(*ap, int);
        struct spec one = *sp;
        one.prec = 1;
        char str[2] = { ch, 0 };
        if (ch == 0) {
            emit_pad(s, ' ', sp->left ? 0 : sp->width - 1);
            emit(s, 0);
            emit_pad(s, ' ', sp->left ? sp->width - 1 : 0);
        } else {
            emit_string(s, &one, str);
        }
        break;
    }
    case 's': emit_string(s, sp, va_arg(*ap, const char *)); break;
    case '%': emit(s, '%'); break;
    default: emit(s, '%'); if (c) emit(s, c); break;
    }
}

static int format(struct sink *s, const char *f, va_list ap)
{
    va_list args;
    va_copy(args, ap);
    while (*f) {
        if (*f != '%') {
            emit(s, *f++);
            continue;
        }
        struct spec sp;
        f = parse_spec(f + 1, &sp, &args);
        convert(s, &sp, *f, &args);
        if (*f)
            f++;
    }
    va_end(args);
    return (int)s->total;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s = { .buf = buf, .size = size };
    int n = format(&s, fmt, ap);
    if (size)
        buf[s.len] = 0;
    return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, (size_t)-1 >> 1, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *fmt, va_list ap)
{
    char chunk[CONSOLE_CHUNK];
    struct sink s = { .buf = chunk, .size = sizeof(chunk), .console = 1 };
    int n = format(&s, fmt, ap);
    flush(&s);
    return s.error ? EOF : n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int puts(const char *str)
{
    return printf("%s\n", str) < 0 ? EOF : 1;
}

int putchar(int c)
{
    char ch = (char)c;
    return console_write(&ch, 1) < 0 ? EOF : (unsigned char)ch;
}

int getchar(void)
{
    int c = getch();
    return c < 0 ? EOF : c;
}

/* Time and size values (see sim/core/units.h). Numbers are read digit by digit into 128 bits
 * (saturating far above any limit), never through a double: strtod took "infs" and
 * "1e30s" and a cast then made them 0, and a shift of a 64-bit size wrapped around. */
#include "sim/core/units.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef unsigned __int128 u128;

#define SATURATED ((u128)1 << 80)       /* beyond every limit even before scaling */
#define MAX_FRACTION_DIGITS 19          /* 10^-19 s is far below a nanosecond */

static enum units_error fail(enum units_error e, char *why, size_t n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum units_error fail(enum units_error e, char *why, size_t n, const char *fmt, ...)
{
    if (why && n) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, n, fmt, ap);
        va_end(ap);
    }
    return e;
}

static int digit_value(char ch, unsigned base)
{
    int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
          : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : 99;
    return d < (int)base ? d : -1;
}

/* Digits in `base` at *p into *v (saturating at SATURATED); how many there were. */
static size_t read_digits(const char **p, unsigned base, u128 *v)
{
    size_t n = 0;
    for (int d; (d = digit_value(**p, base)) >= 0; (*p)++, n++)
        *v = *v < SATURATED ? *v * base + (u128)d : *v;
    return n;
}

/* The digits after a decimal point as frac / den (digits beyond the 19th are dropped). */
static size_t read_fraction(const char **p, u128 *frac, u128 *den)
{
    size_t n = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++, n++)
        if (n < MAX_FRACTION_DIGITS) {
            *frac = *frac * 10 + (u128)(**p - '0');
            *den *= 10;
        }
    return n;
}

enum units_error units_parse_time(const char *s, uint64_t *ns, char *why, size_t n)
{
    static const struct { const char *unit; uint64_t scale; } units[] = {
        { "", 1000000000 }, { "s", 1000000000 }, { "ms", 1000000 }, { "us", 1000 }, { "ns", 1 } };
    const char *p = s;
    u128 whole = 0, frac = 0, den = 1;
    if (s[0] == '-' && (s[1] == '.' || digit_value(s[1], 10) >= 0))
        return fail(UNITS_RANGE, why, n, "time '%s' is negative", s);
    size_t nd = read_digits(&p, 10, &whole);
    if (*p == '.')
        p++, nd += read_fraction(&p, &frac, &den);
    if (nd == 0)
        return fail(UNITS_SYNTAX, why, n, "time '%s' is not a number with a unit, such as 250ms", s);
    size_t u = 0;
    while (u < sizeof(units) / sizeof(units[0]) && strcmp(p, units[u].unit) != 0)
        u++;
    if (u == sizeof(units) / sizeof(units[0]))
        return fail(UNITS_SYNTAX, why, n, "time '%s' has an unknown unit '%s' (expected s, ms, us or ns)", s, p);
    u128 t = whole * units[u].scale + (frac * units[u].scale + den / 2) / den;
    if (t >= UNITS_TIME_LIMIT_NS)
        return fail(UNITS_RANGE, why, n, "time '%s' is too long: the limit is %llu.%03llu s (2^63 ns)", s,
                    (unsigned long long)(UNITS_TIME_LIMIT_NS / 1000000000),
                    (unsigned long long)(UNITS_TIME_LIMIT_NS / 1000000 % 1000));
    *ns = (uint64_t)t;
    return UNITS_OK;
}

enum units_error units_parse_size(const char *s, uint32_t *bytes, char *why, size_t n)
{
    bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
    const char *p = hex ? s + 2 : s;
    u128 v = 0;
    if (*s == '-' && digit_value(s[1], 10) >= 0)
        return fail(UNITS_RANGE, why, n, "size '%s' is negative", s);
    if (read_digits(&p, hex ? 16 : 10, &v) == 0)
        return fail(UNITS_SYNTAX, why, n, "size '%s' is not a number of bytes (with K or M), such as 64K", s);
    if (*p == 'K' || *p == 'k')
        v <<= 10, p++;
    else if (*p == 'M' || *p == 'm')
        v <<= 20, p++;
    if (*p)
        return fail(UNITS_SYNTAX, why, n, "size '%s' has an unknown unit '%s' (expected K or M)", s, p);
    if (v == 0)
        return fail(UNITS_RANGE, why, n, "size '%s' is zero", s);
    if (v > UNITS_SIZE_MAX)
        return fail(UNITS_RANGE, why, n, "size '%s' is too large: the limit is %uM (%u bytes)", s,
                    (unsigned)(UNITS_SIZE_MAX >> 20), (unsigned)UNITS_SIZE_MAX);
    *bytes = (uint32_t)v;
    return UNITS_OK;
}

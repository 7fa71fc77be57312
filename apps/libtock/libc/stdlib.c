/* libtock libc subset: exit, abort, assert, number parsing. */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#include "tock.h"

void exit(int status)
{
    tock_exit((uint32_t)status);
}

void abort(void)
{
    printf("abort()\n");
    tock_exit(1);
}

void libtock_assert_fail(const char *cond, const char *file, int line)
{
    printf("assertion \"%s\" failed: %s:%d\n", cond, file, line);
    tock_exit(1);
}

int abs(int x)
{
    return x < 0 ? -x : x;
}

unsigned long strtoul(const char *s, char **end, int base)
{
    const char *p = s;
    while (isspace(*p))
        p++;
    int neg = *p == '-';
    if (*p == '-' || *p == '+')
        p++;
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' && isxdigit(p[2]))
        p += 2, base = 16;
    else if (base == 0)
        base = p[0] == '0' ? 8 : 10;
    unsigned long v = 0;
    const char *start = p;
    for (;; p++) {
        int d = isdigit(*p) ? *p - '0' : isalpha(*p) ? (*p | 32) - 'a' + 10 : 99;
        if (d >= base)
            break;
        v = v * (unsigned long)base + (unsigned long)d;
    }
    if (end)
        *end = (char *)(p == start ? s : p);
    return neg ? -v : v;
}

long strtol(const char *s, char **end, int base)
{
    return (long)strtoul(s, end, base);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

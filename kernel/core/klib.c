/* The few C library functions the compiler may call in freestanding code. */
#include <stddef.h>
#include <stdint.h>

/* A 32-bit word that may alias anything (the byte buffers the functions below fill). */
typedef uint32_t __attribute__((may_alias)) klib_word;

/* C library memcpy: copies n bytes between regions that do not overlap; returns dst. Word at a
 * time when both sides share their alignment (always, for the kernel's own structures): the
 * kernel copies process images and frames, and byte loops were most of those instructions. */
void *memcpy(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if ((((uintptr_t)d ^ (uintptr_t)s) & 3) == 0) {
        for (; n && ((uintptr_t)d & 3); n--)
            *d++ = *s++;
        for (; n >= 4; n -= 4, d += 4, s += 4)
            *(klib_word *)(void *)d = *(const klib_word *)(const void *)s;
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

/* C library memmove: copies n bytes, the regions may overlap; returns dst. */
void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (d < s) {
        while (n--)
            *d++ = *s++;
    } else {
        while (n--)
            d[n] = s[n];
    }
    return dst;
}

/* C library memset: fills n bytes with (unsigned char)c; returns dst. Four words per turn once
 * aligned: a process restart clears the process's whole RAM (8 KiB byte by byte was 33,000 of a
 * restart's 52,000 kernel instructions). */
void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;
    klib_word w = (uint8_t)c * 0x01010101u;
    for (; n && ((uintptr_t)d & 3); n--)
        *d++ = (uint8_t)c;
    for (; n >= 16; n -= 16, d += 16) {
        klib_word *q = (klib_word *)(void *)d;
        q[0] = w;
        q[1] = w;
        q[2] = w;
        q[3] = w;
    }
    for (; n >= 4; n -= 4, d += 4)
        *(klib_word *)(void *)d = w;
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

/* C library memcmp: compares n bytes as unsigned chars; <0, 0 or >0. */
int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;
    for (; n--; x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

/* C library strlen: bytes before the terminating NUL. */
size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

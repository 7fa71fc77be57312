/* libtock libc subset: heap, exit, number parsing (libc/stdlib.c, libc/malloc.c). */
#ifndef LIBTOCK_STDLIB_H
#define LIBTOCK_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

/* The heap starts after .bss and grows the program break (memop sbrk) on demand. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);

__attribute__((noreturn)) void exit(int status);    /* Tock exit-terminate */
__attribute__((noreturn)) void abort(void);

int abs(int x);
int atoi(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);

#endif

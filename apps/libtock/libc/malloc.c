/* libtock libc subset: a first-fit heap on the program break (memop brk). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tock.h"

/*
 * The heap runs from the end of .bss (_ram_end, app.ld) to the program break, and grows the
 * break when no free block fits. Every block starts with its size (header included, a
 * multiple of 8); free blocks form an address-ordered list and merge with their neighbours.
 */
struct block {
    size_t size;
    struct block *next;     /* free blocks only */
};

#define HDR         8u      /* payloads stay 8-aligned */
#define MIN_BLOCK   16u
#define GROW_STEP   256u    /* grow the break by at least this much */

extern char _ram_end[];     /* linker symbol: start of the heap */

static struct block *free_list;
static uintptr_t heap_end;  /* the program break as far as the heap knows it */

/* Inserts b into the free list in address order, merging with neighbours. */
static void insert_free(struct block *b)
{
    struct block *prev = NULL, *cur = free_list;
    while (cur && cur < b) {
        prev = cur;
        cur = cur->next;
    }
    b->next = cur;
    if (cur && (char *)b + b->size == (char *)cur) {
        b->size += cur->size;
        b->next = cur->next;
    }
    if (prev && (char *)prev + prev->size == (char *)b) {
        prev->size += b->size;
        prev->next = b->next;
    } else if (prev) {
        prev->next = b;
    } else {
        free_list = b;
    }
}

/* Adds at least `need` bytes to the heap from the break. Returns 0 or -1 (no memory). */
static int grow(size_t need)
{
    if (heap_end == 0) {
        uintptr_t brk = (uintptr_t)tock_sbrk(0);
        heap_end = ((uintptr_t)_ram_end + 7) & ~(uintptr_t)7;
        if (brk > heap_end + MIN_BLOCK) {
            struct block *b = (struct block *)heap_end;
            b->size = (brk - heap_end) & ~(size_t)7;
            heap_end += b->size;
            insert_free(b);
        }
    }
    size_t step = need > GROW_STEP ? need : GROW_STEP;
    uintptr_t start = heap_end;
    if (tock_brk((void *)(start + step)) != 0)
        return -1;
    heap_end = start + step;
    struct block *b = (struct block *)start;
    b->size = step;
    insert_free(b);
    return 0;
}

void *malloc(size_t size)
{
    if (size == 0 || size > 0x100000)
        return NULL;
    size_t need = (size + HDR + 7) & ~(size_t)7;
    for (int tries = 0; tries < 2; tries++) {
        for (struct block **p = &free_list; *p; p = &(*p)->next) {
            struct block *b = *p;
            if (b->size < need)
                continue;
            if (b->size - need >= MIN_BLOCK) {
                struct block *rest = (struct block *)((char *)b + need);
                rest->size = b->size - need;
                rest->next = b->next;
                *p = rest;
                b->size = need;
            } else {
                *p = b->next;
            }
            return (char *)b + HDR;
        }
        if (grow(need) != 0)
            return NULL;
    }
    return NULL;
}

void free(void *ptr)
{
    if (ptr)
        insert_free((struct block *)((char *)ptr - HDR));
}

void *calloc(size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size)
        return NULL;
    void *p = malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void *realloc(void *ptr, size_t size)
{
    if (!ptr)
        return malloc(size);
    size_t have = ((struct block *)((char *)ptr - HDR))->size - HDR;
    if (size <= have)
        return ptr;
    void *n = malloc(size);
    if (n) {
        memcpy(n, ptr, have);
        free(ptr);
    }
    return n;
}

/* Grants: per-process driver state allocated from the top of the process's own RAM. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernel/core/grant.h"
#include "kernel/core/kernel.h"
#include "kernel/core/process.h"

#define ALIGN8(x) (((x) + 7u) & ~(size_t)7u)

static size_t buffers_before(const struct driver *d, enum buffer_kind k)
{
    size_t n = 0;
    if (k > BUF_RO)
        n += d->num_allow_ro;
    if (k > BUF_RW)
        n += d->num_allow_rw;
    return n;
}

static size_t data_offset(const struct driver *d)
{
    size_t nbuf = (size_t)d->num_allow_ro + d->num_allow_rw + d->num_allow_ur;
    return ALIGN8(d->num_upcalls * sizeof(struct upcall_slot) + nbuf * sizeof(struct buffer_slot));
}

/* Bytes of d's grant: upcall and buffer slots, then its data, 8-byte aligned. */
size_t grant_record_size(const struct driver *d)
{
    return ALIGN8(data_offset(d) + d->grant_size);
}

/* Takes size bytes (zeroed, 8-aligned) below p's kernel break; NULL if they would reach the
 * process. */
void *grant_alloc(struct process *p, size_t size)
{
    size_t room = p->kernel_break - p->mpu_break;
    if (size > room || ALIGN8(size) > room)
        return NULL;
    size = ALIGN8(size);
    p->kernel_break -= size;
    memset((void *)p->kernel_break, 0, size);
    if (size)
        process_report_layout(p);       /* a driver without grant data moves nothing */
    return (void *)p->kernel_break;
}

/* Driver idx's grant in p if allocated and p is alive, else NULL; never allocates. */
void *grant_peek_index(const struct process *p, int idx)
{
    if (idx < 0 || (unsigned)idx >= kernel->num_drivers || !process_alive(p))
        return NULL;
    return p->grants[idx];
}

/* Driver idx's grant in p, allocated on first use; NULL: bad index, p dead, or no room. */
void *grant_enter_index(struct process *p, int idx)
{
    if (idx < 0 || (unsigned)idx >= kernel->num_drivers || !process_alive(p))
        return NULL;
    if (!p->grants[idx])
        p->grants[idx] = grant_alloc(p, grant_record_size(kernel->drivers[idx]));
    return p->grants[idx];
}

/* Upcall slot sub of a grant of d (sub checked by the caller). */
struct upcall_slot *grant_upcall_slot(const struct driver *d, void *grant, uint32_t sub)
{
    (void)d;
    return (struct upcall_slot *)grant + sub;
}

/* Buffer slot num of kind k of a grant of d (num checked by the caller). */
struct buffer_slot *grant_buffer_slot(const struct driver *d, void *grant, enum buffer_kind k,
                                      uint32_t num)
{
    struct buffer_slot *first =
        (struct buffer_slot *)((uint8_t *)grant + d->num_upcalls * sizeof(struct upcall_slot));
    return first + buffers_before(d, k) + num;
}

static int index_of(const struct driver *d)
{
    for (unsigned i = 0; i < kernel->num_drivers; i++)
        if (kernel->drivers[i] == d)
            return (int)i;
    return -1;
}

/* d's capsule data in p's grant, allocating the grant if needed; NULL: no room. */
void *grant_data(struct process *p, const struct driver *d)
{
    uint8_t *g = grant_enter_index(p, index_of(d));
    return g ? g + data_offset(d) : NULL;
}

/* d's capsule data in p's grant if it exists, else NULL. */
void *grant_data_peek(const struct process *p, const struct driver *d)
{
    uint8_t *g = grant_peek_index(p, index_of(d));
    return g ? g + data_offset(d) : NULL;
}

/* Length of the buffer p allowed to d in slot (k, num), its address in *ptr; 0 and NULL if none. */
uint32_t grant_buffer(const struct process *p, const struct driver *d, enum buffer_kind k,
                      uint32_t num, uint8_t **ptr)
{
    void *g = grant_peek_index(p, index_of(d));
    uint32_t count = k == BUF_RO ? d->num_allow_ro : k == BUF_RW ? d->num_allow_rw
                                                                 : d->num_allow_ur;
    *ptr = NULL;
    if (!g || num >= count)
        return 0;
    struct buffer_slot *s = grant_buffer_slot(d, g, k, num);
    *ptr = (uint8_t *)s->ptr;
    return s->len;
}

/* Grants: per-process driver state allocated from the top of the process's own RAM. */
#ifndef KERNEL_CORE_GRANT_H
#define KERNEL_CORE_GRANT_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/core/driver.h"

struct process;

/*
 * A driver's grant in a process holds, in order: num_upcalls upcall slots, num_allow_ro,
 * num_allow_rw and num_allow_ur buffer slots, then grant_size bytes of capsule data. Grants
 * are allocated on first use (subscribe, allow, command) below the kernel break, zeroed, and
 * all freed together when the process ends or restarts. A process that can't get its grant
 * gets ERR_NOMEM: one process can never exhaust kernel memory.
 */

struct upcall_slot {
    uint32_t fn;                /* 0: the null upcall */
    uint32_t userdata;
};

struct buffer_slot {
    uintptr_t ptr;
    uint32_t len;
};

enum buffer_kind { BUF_RO, BUF_RW, BUF_UR };

/* Bytes a driver's grant takes (8-byte multiple). */
size_t grant_record_size(const struct driver *d);
/* Takes size bytes (8-aligned) below the kernel break; NULL if that would reach the process's
 * accessible memory. */
void *grant_alloc(struct process *p, size_t size);

/* The grant of driver index idx for p, allocated if needed; NULL on ERR_NOMEM. */
void *grant_enter_index(struct process *p, int idx);
/* The grant if already allocated, else NULL. */
void *grant_peek_index(const struct process *p, int idx);

struct upcall_slot *grant_upcall_slot(const struct driver *d, void *grant, uint32_t sub);
struct buffer_slot *grant_buffer_slot(const struct driver *d, void *grant, enum buffer_kind k,
                                      uint32_t num);

/* For capsules: their data in p's grant, allocated if needed (NULL: no memory) or only if it
 * exists (peek). */
void *grant_data(struct process *p, const struct driver *d);
void *grant_data_peek(const struct process *p, const struct driver *d);
/* For capsules: the buffer p allowed in slot num; returns its length (0 if none) and the
 * pointer in *ptr. The kernel checked it lies in p's memory when it was allowed. */
uint32_t grant_buffer(const struct process *p, const struct driver *d, enum buffer_kind k,
                      uint32_t num, uint8_t **ptr);

#endif

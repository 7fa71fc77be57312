/* The engine's CPU state in a snapshot: Unicorn's saved context, written and read back whole. */
#ifndef SIM_UC_CONTEXT_H
#define SIM_UC_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#include "sim/core/snapshot/snapbuf.h"

/*
 * uc_context_save copies QEMU's CPU state (registers, system registers, the exclusive monitor,
 * cached mode flags) in ~0.1 us; restoring it into the same engine is the fast path of an
 * in-memory snapshot. That state also holds a few host addresses (on Unicorn 2.1.1's ARM: the
 * PMSAv7 region arrays) and bytes the engine never writes. A snapshot read from a file was
 * written by another process: those bytes are stale there, so such a restore keeps the live
 * engine's own values for them. Which bytes they are is measured, not assumed: the bytes that
 * differ between the contexts of two fresh engines of the same model (made once, on the first
 * foreign restore, ~1 ms).
 */
struct uc_snap {
    uc_engine *uc;
    uc_arch arch;
    uc_mode mode;
    int model;
    uc_context *ctx;            /* allocated once */
    size_t size;                /* uc_context_size */
    uint8_t *private_bytes;     /* per byte: 1 if engine-private (NULL until measured) */
};

/* False if Unicorn cannot allocate a context. */
bool uc_snap_init(struct uc_snap *s, uc_engine *uc, uc_arch arch, uc_mode mode, int model);
void uc_snap_free(struct uc_snap *s);
/* Writes the Unicorn version, the context's size and the context. */
void uc_snap_save(struct uc_snap *s, struct snap_writer *w);
/* Reads them back into the engine (r->foreign: keeping its private bytes); another version or
 * size is an error. */
void uc_snap_restore(struct uc_snap *s, struct snap_reader *r);
/* How many bytes of the context are engine-private (measured on first use); -1 if the fresh
 * engines cannot be made. For tests and doc/unicorn.md. */
int uc_snap_private_count(struct uc_snap *s);

#endif

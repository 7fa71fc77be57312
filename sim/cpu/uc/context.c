/* The engine's CPU state in a snapshot (see sim/cpu/uc/context.h). */
#include <stdlib.h>
#include <string.h>

#include "sim/cpu/uc/context.h"

bool uc_snap_init(struct uc_snap *s, uc_engine *uc, uc_arch arch, uc_mode mode, int model)
{
    memset(s, 0, sizeof(*s));
    s->uc = uc;
    s->arch = arch;
    s->mode = mode;
    s->model = model;
    s->size = uc_context_size(uc);
    return uc_context_alloc(uc, &s->ctx) == UC_ERR_OK;
}

void uc_snap_free(struct uc_snap *s)
{
    if (s->ctx)
        uc_context_free(s->ctx);
    free(s->private_bytes);
    memset(s, 0, sizeof(*s));
}

void uc_snap_save(struct uc_snap *s, struct snap_writer *w)
{
    uint32_t version = uc_version(NULL, NULL);
    uint64_t size = s->size;
    uc_context_save(s->uc, s->ctx);
    snap_put(w, &version, sizeof(version));
    snap_put(w, &size, sizeof(size));
    snap_put(w, s->ctx, s->size);
}

/* A fresh engine of the model, its context saved in *out; false if it cannot be made. */
static bool fresh_context(const struct uc_snap *s, uc_engine **uc, uc_context **out)
{
    *out = NULL;
    if (uc_open(s->arch, s->mode, uc) != UC_ERR_OK)
        return false;
    /* A small translation buffer: nothing runs on it, and the default costs page tables. */
    if (uc_ctl_set_tcg_buffer_size(*uc, 1u << 20) != UC_ERR_OK ||
        uc_ctl_set_cpu_model(*uc, s->model) != UC_ERR_OK || uc_context_size(*uc) != s->size ||
        uc_context_alloc(*uc, out) != UC_ERR_OK)
        return false;
    return uc_context_save(*uc, *out) == UC_ERR_OK;
}

/* Finds the engine-private bytes (see the header): those two fresh engines disagree on, and
 * the 7 on either side: two heap addresses of one process often share their high bytes, so a
 * differing byte stands for the whole word around it (whose alignment in the context is not
 * known here). */
static bool measure_private_bytes(struct uc_snap *s)
{
    uc_engine *uc[2] = { NULL, NULL };
    uc_context *ctx[2] = { NULL, NULL };
    bool ok = (s->private_bytes = calloc(1, s->size)) != NULL &&
              fresh_context(s, &uc[0], &ctx[0]) && fresh_context(s, &uc[1], &ctx[1]);
    for (size_t i = 0; ok && i < s->size; i++) {
        if (((uint8_t *)ctx[0])[i] == ((uint8_t *)ctx[1])[i])
            continue;
        size_t lo = i >= 7 ? i - 7 : 0, hi = i + 8 < s->size ? i + 8 : s->size;
        memset(s->private_bytes + lo, 1, hi - lo);
    }
    for (int k = 0; k < 2; k++) {
        if (ctx[k])
            uc_context_free(ctx[k]);
        if (uc[k])
            uc_close(uc[k]);
    }
    if (!ok) {
        free(s->private_bytes);
        s->private_bytes = NULL;
    }
    return ok;
}

int uc_snap_private_count(struct uc_snap *s)
{
    if (!s->private_bytes && !measure_private_bytes(s))
        return -1;
    int n = 0;
    for (size_t i = 0; i < s->size; i++)
        n += s->private_bytes[i];
    return n;
}

/* A context written by another process: its bytes over the live context, but the private ones. */
static void merge_foreign(struct uc_snap *s, const uint8_t *blob)
{
    uint8_t *live = (uint8_t *)s->ctx;
    uc_context_save(s->uc, s->ctx);
    for (size_t i = 0; i < s->size; i++)
        if (!s->private_bytes[i])
            live[i] = blob[i];
}

void uc_snap_restore(struct uc_snap *s, struct snap_reader *r)
{
    uint32_t version;
    uint64_t size;
    snap_get(r, &version, sizeof(version));
    snap_get(r, &size, sizeof(size));
    if (!snap_ok(r))
        return;
    if (version != uc_version(NULL, NULL) || size != s->size) {
        snap_fail(r, "CPU state of Unicorn %u.%u (%llu bytes); this tocksim runs Unicorn %u.%u "
                  "(%zu bytes)", version >> 24, (version >> 16) & 0xff, (unsigned long long)size,
                  uc_version(NULL, NULL) >> 24, (uc_version(NULL, NULL) >> 16) & 0xff, s->size);
        return;
    }
    const uint8_t *blob = r->buf + r->pos;
    if (r->len - r->pos < s->size) {
        snap_fail(r, "truncated CPU state");
        return;
    }
    r->pos += s->size;
    if (r->foreign && !s->private_bytes && !measure_private_bytes(s)) {
        snap_fail(r, "cannot open a second Unicorn engine to compare CPU states");
        return;
    }
    if (r->foreign)
        merge_foreign(s, blob);
    else
        memcpy(s->ctx, blob, s->size);
    uc_context_restore(s->uc, s->ctx);
}

/* Machine snapshots (see snapshot.h). The state is a sequence of named sections, each the
 * bytes one part of the machine wrote: "machine", "clock", every device by its bus name,
 * "board", "cpu". Restoring reads them back in the same order; the clock's queue empties first
 * and every device puts its events back, the CPU comes last and rebuilds what derives from
 * devices and registers. RAM is kept apart (snapshot_ram.c). */
#include "sim/core/snapshot/snapshot_internal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boards-virtual/sim_boards.h"

struct bus_region *snapshot_ram_region(struct machine *m)
{
    for (int i = 0; i < m->bus.count; i++)
        if (m->bus.regions[i].kind == REGION_RAM)
            return &m->bus.regions[i];
    return NULL;
}

/* /proc/self/pagemap, opened once per machine; -1 where it cannot be (then RAM is compared
 * whole). */
static int pagemap_fd(struct machine *m)
{
    if (m->pagemap_fd == MACHINE_PAGEMAP_UNOPENED) {
        m->pagemap_fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
        if (m->pagemap_fd < 0)
            m->pagemap_fd = -1;
    }
    return m->pagemap_fd;
}

/* Devices: each once, in bus order (a device mapped twice would be saved twice otherwise). */
static bool first_mapping(const struct bus *b, int i)
{
    if (b->regions[i].kind != REGION_DEVICE)
        return false;
    for (int k = 0; k < i; k++)
        if (b->regions[k].dev == b->regions[i].dev)
            return false;
    return true;
}

struct snapshot *snapshot_new(struct machine *m, char *err, size_t errlen)
{
    struct bus_region *ram = snapshot_ram_region(m);
    if (!m->cpu.ops->snapshot || !ram) {
        snprintf(err, errlen, "%s: this board cannot be snapshotted (%s)", m->desc->name,
                 ram ? "its CPU backend has no snapshots" : "it has no RAM");
        return NULL;
    }
    for (int i = 0; i < m->bus.count; i++) {
        const struct bus_region *r = &m->bus.regions[i];
        if (r->kind == REGION_DEVICE && (!r->ops->snapshot || !r->ops->restore)) {
            snprintf(err, errlen, "%s: device %s (%s) has no snapshot functions", m->desc->name,
                     r->name, r->ops->kind);
            return NULL;
        }
    }
    struct snapshot *s = calloc(1, sizeof(*s));
    if (!s || !snap_ram_init(&s->ram, ram)) {
        snprintf(err, errlen, "out of memory for a snapshot of %u bytes of RAM", ram->size);
        snapshot_free(s);
        return NULL;
    }
    s->desc = m->desc;
    return s;
}

void snapshot_free(struct snapshot *s)
{
    if (!s)
        return;
    snap_writer_free(&s->state);
    snap_ram_free(&s->ram);
    free(s);
}

uint64_t snapshot_time_ns(const struct snapshot *s)
{
    return s->hz ? clock_ticks_at(s->now, s->hz, 1000000000u) : 0;
}

unsigned snapshot_pages_restored(const struct snapshot *s)
{
    return s->pages_restored;
}

/* ---- sections -------------------------------------------------------------------------- */

/* Writes a section's header with its length to come; returns where the length goes. */
static size_t section_begin(struct snap_writer *w, const char *name)
{
    uint8_t n = (uint8_t)strlen(name);
    uint32_t len = 0;
    snap_put(w, &n, 1);
    snap_put(w, name, n);
    snap_put(w, &len, sizeof(len));
    return w->len - sizeof(len);
}

static void section_end(struct snap_writer *w, size_t at)
{
    uint32_t len = (uint32_t)(w->len - at - sizeof(len));
    if (!w->failed)
        memcpy(w->buf + at, &len, sizeof(len));
}

/* Opens the next section of all, which must be `name`, as the reader part. */
static bool section_open(struct snap_reader *all, const char *name, struct snap_reader *part)
{
    uint8_t n = 0;
    char got[256];
    uint32_t len = 0;
    snap_get(all, &n, 1);
    snap_get(all, got, n);
    got[n] = '\0';
    snap_get(all, &len, sizeof(len));
    if (!snap_ok(all))
        return false;
    if (strcmp(got, name) != 0)
        return snap_fail(all, "section '%s' where '%s' was expected", got, name);
    if (all->len - all->pos < len)
        return snap_fail(all, "section '%s' is truncated", name);
    *part = (struct snap_reader){ .buf = all->buf + all->pos, .len = len, .foreign = all->foreign };
    all->pos += len;
    return true;
}

/* A section was read: it must have been read whole, without complaint. */
static void section_close(struct snap_reader *all, const struct snap_reader *part, const char *name,
                          const char *kind)
{
    if (!snap_ok(part))
        snap_fail(all, "%s (%s): %s", name, kind, part->error);
    else if (part->pos != part->len)
        snap_fail(all, "%s (%s): %zu bytes in the snapshot, %zu read back (written by another "
                  "build?)", name, kind, part->len, part->pos);
}

/* ---- the parts, in order ------------------------------------------------------------------ */

static void machine_part_save(const struct machine *m, struct snap_writer *w)
{
    snap_put(w, &m->sleeping, sizeof(m->sleeping));
    snap_put(w, &m->exited, sizeof(m->exited));
    snap_put(w, &m->exit_code, sizeof(m->exit_code));
    snap_put(w, &m->buttons_held, sizeof(m->buttons_held));
}

static void machine_part_restore(struct machine *m, struct snap_reader *r)
{
    snap_get(r, &m->sleeping, sizeof(m->sleeping));
    snap_get(r, &m->exited, sizeof(m->exited));
    snap_get(r, &m->exit_code, sizeof(m->exit_code));
    snap_get(r, &m->buttons_held, sizeof(m->buttons_held));
    m->stop_requested = false;
}

static void save_parts(struct machine *m, struct snap_writer *w)
{
    size_t at = section_begin(w, "machine");
    machine_part_save(m, w);
    section_end(w, at);
    at = section_begin(w, "clock");
    clock_snapshot(&m->clock, w);
    section_end(w, at);
    for (int i = 0; i < m->bus.count; i++) {
        const struct bus_region *d = &m->bus.regions[i];
        if (!first_mapping(&m->bus, i))
            continue;
        at = section_begin(w, d->name);
        d->ops->snapshot(d->dev, w);
        section_end(w, at);
    }
    at = section_begin(w, "board");
    if (m->desc->snapshot)
        m->desc->snapshot(m, w);
    section_end(w, at);
    at = section_begin(w, "cpu");
    m->cpu.ops->snapshot(m->cpu.impl, w);
    section_end(w, at);
}

static void restore_devices(struct machine *m, struct snap_reader *all)
{
    struct snap_reader part;
    for (int i = 0; i < m->bus.count && snap_ok(all); i++) {
        struct bus_region *d = &m->bus.regions[i];
        if (!first_mapping(&m->bus, i) || !section_open(all, d->name, &part))
            continue;
        d->ops->restore(d->dev, &part);
        section_close(all, &part, d->name, d->ops->kind);
    }
}

static void restore_parts(struct machine *m, struct snap_reader *all)
{
    struct snap_reader part;
    if (section_open(all, "machine", &part)) {
        machine_part_restore(m, &part);
        section_close(all, &part, "machine", "run state");
    }
    if (snap_ok(all) && section_open(all, "clock", &part)) {
        clock_restore_begin(&m->clock, &part);
        section_close(all, &part, "clock", "time and events");
    }
    restore_devices(m, all);
    if (snap_ok(all) && section_open(all, "board", &part)) {
        if (m->desc->restore)
            m->desc->restore(m, &part);
        section_close(all, &part, "board", m->desc->name);
    }
    if (snap_ok(all) && section_open(all, "cpu", &part)) {
        m->cpu.ops->restore(m->cpu.impl, &part);
        section_close(all, &part, "cpu", m->cpu.ops->arch);
    }
    if (snap_ok(all))
        clock_restore_end(&m->clock, all);
}

/* ---- layout check (files) ------------------------------------------------------------------ */

static bool next_header(struct snap_reader *r, char name[256], uint32_t *len)
{
    uint8_t n = 0;
    snap_get(r, &n, 1);
    snap_get(r, name, n);
    name[n] = '\0';
    snap_get(r, len, sizeof(*len));
    if (snap_ok(r) && r->len - r->pos < *len)
        snap_fail(r, "section '%s' is truncated", name);
    r->pos += snap_ok(r) ? *len : 0;
    return snap_ok(r);
}

/* file against mine: the same sections, the same sizes. */
static bool same_sections(struct snap_reader *file, struct snap_reader *mine, char *err, size_t errlen)
{
    char a[256], b[256];
    uint32_t alen, blen;
    while (mine->pos < mine->len && next_header(mine, b, &blen)) {
        if (file->pos == file->len) {
            snprintf(err, errlen, "the state ends before section '%s'", b);
            return false;
        }
        if (!next_header(file, a, &alen)) {
            snprintf(err, errlen, "%s", file->error);
            return false;
        }
        if (strcmp(a, b) != 0 || alen != blen) {
            snprintf(err, errlen, "section '%s' (%u bytes) where this tocksim has '%s' (%u bytes): "
                     "a snapshot from another build?", a, alen, b, blen);
            return false;
        }
    }
    if (file->pos != file->len)
        snprintf(err, errlen, "%zu bytes of state after the last section", file->len - file->pos);
    return file->pos == file->len;
}

bool snapshot_check_layout(struct machine *m, const struct snapshot *s, char *err, size_t errlen)
{
    struct snap_writer mine = { 0 };
    save_parts(m, &mine);
    struct snap_reader file = { .buf = s->state.buf, .len = s->state.len };
    struct snap_reader ours = { .buf = mine.buf, .len = mine.len };
    bool ok = !mine.failed && same_sections(&file, &ours, err, errlen);
    if (mine.failed)
        snprintf(err, errlen, "out of memory");
    snap_writer_free(&mine);
    return ok;
}

/* ---- save and restore ---------------------------------------------------------------------- */

static bool same_board(struct machine *m, const struct snapshot *s, char *err, size_t errlen)
{
    struct bus_region *ram = snapshot_ram_region(m);
    if (s->desc == m->desc && ram && ram->size == s->ram.size)
        return true;
    snprintf(err, errlen, "a snapshot of a %s board with %u bytes of RAM cannot hold or restore "
             "a %s board with %u", s->desc->name, s->ram.size, m->desc->name, ram ? ram->size : 0);
    return false;
}

bool snapshot_save(struct machine *m, struct snapshot *s, char *err, size_t errlen)
{
    if (!same_board(m, s, err, errlen))
        return false;
    s->state.len = 0;
    s->state.failed = false;
    save_parts(m, &s->state);
    snap_ram_save(&s->ram, snapshot_ram_region(m), pagemap_fd(m));
    s->now = m->clock.now;
    s->hz = m->clock.hz;
    s->valid = !s->state.failed;
    s->foreign = false;
    if (!s->valid)
        snprintf(err, errlen, "out of memory while saving a snapshot");
    return s->valid;
}

static void on_ram_changed(void *ctx, uint32_t addr, uint32_t len)
{
    struct machine *m = ctx;
    m->cpu.ops->memory_changed(m->cpu.impl, addr, len);
}

bool snapshot_restore(struct machine *m, struct snapshot *s, char *err, size_t errlen)
{
    if (!s->valid) {
        snprintf(err, errlen, "the snapshot holds no state yet");
        return false;
    }
    if (!same_board(m, s, err, errlen))
        return false;
    /* RAM first: the CPU, restored last, rebuilds translations and the TLB after both. */
    s->pages_restored = snap_ram_restore(&s->ram, snapshot_ram_region(m), pagemap_fd(m),
                                         on_ram_changed, m);
    struct snap_reader r = { .buf = s->state.buf, .len = s->state.len, .foreign = s->foreign };
    restore_parts(m, &r);
    if (!snap_ok(&r)) {
        snprintf(err, errlen, "%s", r.error);
        return false;
    }
    /* A file's state is now this process's: save it as such, so later restores of s take the
     * fast path (no engine-private bytes to keep). */
    return !s->foreign || snapshot_save(m, s, err, errlen);
}

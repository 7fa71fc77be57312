/*
 * tocksim kernel-debug device ("KDBG").
 *
 * Our own device: the kernel writes what happens to its processes (created, state changes and
 * restarts, faults, context switches, optionally system calls) into a few registers, and the
 * simulator turns each event into a struct proc_event for the scenario engine, the window and
 * --strace. Up to version 3 the kernel wrote each argument, and the name one character at a
 * time, into registers; version 4 lets it write an event record in its RAM and hand over its
 * address (EVENT_AT), which the device reads by DMA: every device write is a callback out of
 * the CPU engine, and per context switch and system call they added up. The device remembers
 * each slot's name from its CREATED event, so later events about the slot need no name. Absent
 * on QEMU's mps2-an386 (ID reads 0): the kernel checks ID before reporting. Register map in
 * kdbg.h and doc/devices/kdbg.md.
 *
 * Chosen readings: registers keep their values after EVENT (only the name buffer is cleared);
 * an event with an unknown kind, state or fault kind, or a slot out of range, is a traced guest
 * error and is dropped.
 */
#include "kdbg.h"

#include <stdio.h>
#include <string.h>

enum { A_ID = 0x000, A_VERSION = 0x004, A_PID = 0x008, A_SLOT = 0x00c, A_ARG0 = 0x010,
       A_ARG3 = 0x01c, A_NAME = 0x020, A_EVENT = 0x024, A_RAM_SIZE = 0x028, A_ARG4 = 0x02c,
       A_ARG11 = 0x048, A_EVENT_AT = 0x04c };

static const char *const state_names[] = { "running", "yielded", "stopped", "faulted", "terminated" };
static const char *const event_names[] = { "created", "state", "fault", "switch", "syscall", "layout",
                                           "allow" };
static const char *const fault_names[] = { "", "mpu", "bus", "usage", "hard" };

const char *kdbg_state_name(enum proc_state s)
{
    return (unsigned)s < sizeof(state_names) / sizeof(state_names[0]) ? state_names[s] : "?";
}

const char *kdbg_event_name(enum proc_event_kind k)
{
    return (unsigned)k < sizeof(event_names) / sizeof(event_names[0]) ? event_names[k] : "?";
}

/* The argument register at offset (ARG0..ARG3, ARG4..ARG11), or NULL. */
static uint32_t *arg_reg(struct kdbg *k, uint32_t offset)
{
    if (offset % 4)
        return NULL;
    if (offset >= A_ARG0 && offset <= A_ARG3)
        return &k->arg[(offset - A_ARG0) / 4];
    if (offset >= A_ARG4 && offset <= A_ARG11)
        return &k->arg[4 + (offset - A_ARG4) / 4];
    return NULL;
}

static uint32_t kdbg_read(void *dev, uint32_t offset, unsigned size)
{
    struct kdbg *k = dev;
    (void)size;
    uint32_t *arg = arg_reg(k, offset);
    if (arg)
        return *arg;
    switch (offset) {
    case A_ID: return KDBG_ID;
    case A_VERSION: return KDBG_VERSION;
    case A_PID: return k->pid;
    case A_SLOT: return k->slot;
    case A_NAME: return k->name_len;
    case A_EVENT: return k->committed;
    case A_RAM_SIZE: return k->ram_size;
    default: break;
    }
    trace_guest_error(k->env.trace, k->env.name, "kdbg read: bad offset 0x%x", offset);
    return 0;
}

/* FAULT: ARG0 the kind, ARG1 the address. */
static bool decode_fault(const struct kdbg *k, struct proc_event *e)
{
    e->kind = PROC_FAULT;
    e->state = PROC_FAULTED;
    if (k->arg[0] < KDBG_FAULT_MPU || k->arg[0] > KDBG_FAULT_HARD)
        return false;
    snprintf(e->fault_kind, sizeof(e->fault_kind), "%s", fault_names[k->arg[0]]);
    e->fault_addr = k->arg[1];
    return true;
}

/* LAYOUT: ARG0..ARG10 in the order of struct proc_layout. */
static void decode_layout(const struct kdbg *k, struct proc_event *e)
{
    const uint32_t *a = k->arg;
    e->kind = PROC_LAYOUT;
    e->state = PROC_RUNNING;
    e->layout = (struct proc_layout){ .flash_start = a[0], .flash_size = a[1], .app_start = a[2],
                                      .ram_start = a[3], .ram_size = a[4], .app_break = a[5],
                                      .mpu_break = a[6], .kernel_break = a[7], .grant_top = a[8],
                                      .stack_start = a[9], .heap_start = a[10] };
}

/* Fills the kind-specific fields of e from the registers; false if they are invalid. */
static bool decode(struct kdbg *k, uint32_t kind, struct proc_event *e)
{
    switch (kind) {
    case KDBG_EV_CREATED:
        e->kind = PROC_CREATED;
        e->state = PROC_RUNNING;
        e->restarts = k->arg[0];
        return true;
    case KDBG_EV_STATE:
        e->kind = PROC_STATE;
        e->state = (enum proc_state)k->arg[0];
        e->restarts = k->arg[1];
        e->mem_used = k->arg[2];
        e->mem_size = k->arg[3];
        return k->arg[0] <= PROC_TERMINATED;
    case KDBG_EV_FAULT:
        return decode_fault(k, e);
    case KDBG_EV_SWITCH:
        e->kind = PROC_SWITCH;
        e->state = PROC_RUNNING;
        return true;
    case KDBG_EV_SYSCALL:
        e->kind = PROC_SYSCALL;
        e->state = PROC_RUNNING;
        memcpy(e->args, k->arg, sizeof(e->args));
        return true;
    case KDBG_EV_LAYOUT:
        decode_layout(k, e);
        return true;
    case KDBG_EV_ALLOW:
        e->kind = PROC_ALLOW;
        e->state = PROC_RUNNING;
        e->allow = (struct proc_allow){ k->arg[0], k->arg[1], k->arg[2], k->arg[3], k->arg[4] };
        return k->arg[1] == 3 || k->arg[1] == 4 || k->arg[1] == 7;
    default:
        return false;
    }
}

static void trace_layout(struct trace *t, const struct proc_event *e)
{
    const struct proc_layout *l = &e->layout;
    trace_event(t, "proc", "\"event\":\"layout\",\"pid\":%u,\"slot\":%u,\"name\":\"%s\",\"flash\":[%u,%u,%u],"
                "\"ram\":[%u,%u],\"app_break\":%u,\"mpu_break\":%u,\"kernel_break\":%u,\"grant_top\":%u,"
                "\"stack_start\":%u,\"heap_start\":%u", e->pid, e->slot, e->name, l->flash_start, l->flash_size,
                l->app_start, l->ram_start, l->ram_size, l->app_break, l->mpu_break, l->kernel_break,
                l->grant_top, l->stack_start, l->heap_start);
}

static void trace_proc(struct kdbg *k, const struct proc_event *e)
{
    struct trace *t = k->env.trace;
    const char *ev = kdbg_event_name(e->kind);
    switch (e->kind) {
    case PROC_FAULT:
        trace_event(t, "proc", "\"event\":\"%s\",\"pid\":%u,\"slot\":%u,\"name\":\"%s\",\"fault\":\"%s\",\"addr\":%u",
                    ev, e->pid, e->slot, e->name, e->fault_kind, e->fault_addr);
        break;
    case PROC_SYSCALL:
        trace_event(t, "proc", "\"event\":\"%s\",\"pid\":%u,\"slot\":%u,\"name\":\"%s\",\"args\":[%u,%u,%u,%u]",
                    ev, e->pid, e->slot, e->name, e->args[0], e->args[1], e->args[2], e->args[3]);
        break;
    case PROC_LAYOUT:
        trace_layout(t, e);
        break;
    case PROC_ALLOW:
        trace_event(t, "proc", "\"event\":\"%s\",\"pid\":%u,\"slot\":%u,\"name\":\"%s\",\"driver\":%u,"
                    "\"class\":%u,\"num\":%u,\"addr\":%u,\"len\":%u", ev, e->pid, e->slot, e->name,
                    e->allow.driver, e->allow.cls, e->allow.num, e->allow.addr, e->allow.len);
        break;
    default:
        trace_event(t, "proc", "\"event\":\"%s\",\"pid\":%u,\"slot\":%u,\"name\":\"%s\",\"state\":\"%s\",\"restarts\":%u",
                    ev, e->pid, e->slot, e->name, kdbg_state_name(e->state), e->restarts);
        break;
    }
}

/* EVENT write: build the event, remember a created slot's name, deliver, clear the name. */
static void commit(struct kdbg *k, uint32_t kind)
{
    struct proc_event e;
    memset(&e, 0, sizeof(e));
    e.pid = k->pid;
    e.slot = k->slot;
    if (k->slot >= KDBG_SLOTS || !decode(k, kind, &e)) {
        trace_guest_error(k->env.trace, k->env.name, "kdbg: invalid event %u (slot %u, arg0 %u)",
                          kind, k->slot, k->arg[0]);
    } else {
        if (kind == KDBG_EV_CREATED)
            memcpy(k->slot_name[k->slot], k->name, sizeof(k->name));
        memcpy(e.name, k->name_len ? k->name : k->slot_name[k->slot], sizeof(e.name));
        k->committed++;
        trace_proc(k, &e);
        if (k->event)
            k->event(k->ctx, &e);
    }
    k->name_len = 0;
    memset(k->name, 0, sizeof(k->name));
}

/* EVENT_AT write: load the registers and the name buffer from the record at addr, commit. */
static void commit_record(struct kdbg *k, uint32_t addr)
{
    struct kdbg_record rec;
    if (!k->env.dma || !k->env.dma->read(k->env.dma->ctx, addr, &rec, sizeof(rec))) {
        trace_guest_error(k->env.trace, k->env.name, "kdbg: EVENT_AT 0x%08x: no event record "
                          "there (%zu bytes of RAM or flash)", addr, sizeof(rec));
        return;
    }
    k->pid = rec.pid;
    k->slot = rec.slot;
    memcpy(k->arg, rec.arg, sizeof(k->arg));
    k->name_len = 0;                    /* the record's name replaces any NAME writes */
    memset(k->name, 0, sizeof(k->name));
    for (uint32_t i = 0; i < rec.name_len && i < KDBG_NAME_MAX && rec.name[i]; i++)
        k->name[k->name_len++] = rec.name[i];
    commit(k, rec.kind);
}

static void kdbg_write(void *dev, uint32_t offset, uint32_t value, unsigned size)
{
    struct kdbg *k = dev;
    (void)size;
    uint32_t *arg = arg_reg(k, offset);
    if (arg) {
        *arg = value;
        return;
    }
    switch (offset) {
    case A_PID: k->pid = value; return;
    case A_SLOT: k->slot = value; return;
    case A_NAME:
        if (k->name_len < KDBG_NAME_MAX && (value & 0xff))
            k->name[k->name_len++] = (char)(value & 0xff);
        return;
    case A_EVENT: commit(k, value); return;
    case A_EVENT_AT: commit_record(k, value); return;
    case A_ID:
    case A_VERSION:
    case A_RAM_SIZE:
        trace_guest_error(k->env.trace, k->env.name, "kdbg write: read-only offset 0x%x", offset);
        return;
    default: break;
    }
    trace_guest_error(k->env.trace, k->env.name, "kdbg write: bad offset 0x%x", offset);
}

void kdbg_reset(void *dev)
{
    struct kdbg *k = dev;
    k->pid = k->slot = 0;
    memset(k->arg, 0, sizeof(k->arg));
    memset(k->name, 0, sizeof(k->name));
    memset(k->slot_name, 0, sizeof(k->slot_name));
    k->name_len = 0;
    k->committed = 0;
}

void kdbg_init(struct kdbg *k, const struct device_env *env,
               void (*event_cb)(void *ctx, const struct proc_event *e), void *ctx, uint32_t ram_size)
{
    memset(k, 0, sizeof(*k));
    k->env = *env;
    k->event = event_cb;
    k->ctx = ctx;
    k->ram_size = ram_size;
    kdbg_reset(k);
}

static void kdbg_snapshot(const void *dev, struct snap_writer *w)
{
    const struct kdbg *k = dev;
    snap_put(w, SNAP_SPAN(k, pid, ram_size));
}

static void kdbg_restore(void *dev, struct snap_reader *r)
{
    struct kdbg *k = dev;
    snap_get(r, SNAP_SPAN(k, pid, ram_size));
}

const struct device_ops kdbg_ops = {
    .kind = "tocksim-kdbg",
    .reset = kdbg_reset,
    .read = kdbg_read,
    .write = kdbg_write,
    .snapshot = kdbg_snapshot,
    .restore = kdbg_restore,
};

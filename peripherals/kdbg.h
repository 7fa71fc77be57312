/* tocksim kernel-debug device: the kernel reports process events to the simulator. */
#ifndef PERIPHERALS_KDBG_H
#define PERIPHERALS_KDBG_H

/*
 * Interface
 *   Memory: a 4 KiB window (cm4: CM4_KDBG_BASE). All registers are 32-bit.
 *           0x000 ID       "KDBG" (KDBG_ID), read-only; reads 0 where the device is absent
 *           0x004 VERSION  KDBG_VERSION, read-only
 *           0x008 PID      the process id the next event is about (read/write)
 *           0x00c SLOT     its process-table index, 0..KDBG_SLOTS-1 (read/write)
 *           0x010 ARG0 .. 0x01c ARG3   event arguments (read/write)
 *           0x020 NAME     write: append character (value & 0xff) to the name buffer (at most
 *                          31 characters, the rest dropped); read: characters buffered
 *           0x024 EVENT    write: commit an event of kind `value` (KDBG_EV_*) from the
 *                          registers above, then clear the name buffer; read: events committed
 *           0x028 RAM_SIZE bytes of RAM the board has (--ram), read-only (version 2)
 *           0x02c ARG4 .. 0x048 ARG11  more event arguments, read/write (version 3: LAYOUT
 *                          and ALLOW events)
 *           0x04c EVENT_AT write: the guest address of an event record (struct kdbg_record)
 *                          in RAM; loads the registers above from it and commits its event,
 *                          one device write for what took up to 15 (version 4)
 *   IRQs:   none.   Clock: none (events carry the virtual time of the EVENT write).
 *   DMA:    reads an event record at EVENT_AT (env->dma).
 *   Host:   each committed event becomes a struct proc_event (sim/core/proc_event.h) passed to the
 *           event callback, and a "proc" trace event.
 * Register map and event encoding: doc/devices/kdbg.md.
 */

#include <stdint.h>

#include "sim/core/device.h"
#include "sim/core/proc_event.h"

#define KDBG_ID       0x4742444bu   /* "KDBG" little-endian: must equal CM4_ID_KDBG */
#define KDBG_VERSION  4u
#define KDBG_ARGS     12            /* ARG0..ARG3 at 0x010, ARG4..ARG11 at 0x02c */
#define KDBG_SLOTS    16            /* process-table slots whose names the device remembers */
#define KDBG_NAME_MAX 31

/* What EVENT_AT points to: little-endian words, then the name's bytes (the first name_len of
 * them, at most KDBG_NAME_MAX, up to a 0 byte, become the name buffer: CREATED's name). */
struct kdbg_record {
    uint32_t kind, pid, slot, arg[KDBG_ARGS], name_len;
    char name[KDBG_NAME_MAX + 1];
};

/* EVENT values. */
enum kdbg_event { KDBG_EV_CREATED = 1, KDBG_EV_STATE = 2, KDBG_EV_FAULT = 3, KDBG_EV_SWITCH = 4,
                  KDBG_EV_SYSCALL = 5, KDBG_EV_LAYOUT = 6, KDBG_EV_ALLOW = 7 };
/* ARG0 of KDBG_EV_FAULT. */
enum kdbg_fault { KDBG_FAULT_MPU = 1, KDBG_FAULT_BUS = 2, KDBG_FAULT_USAGE = 3,
                  KDBG_FAULT_HARD = 4 };

struct kdbg {
    struct device_env env;
    void (*event)(void *ctx, const struct proc_event *e);
    void *ctx;
    /* State, up to ram_size (snapshots copy it as one span). */
    uint32_t pid, slot, arg[KDBG_ARGS];
    char name[KDBG_NAME_MAX + 1];
    unsigned name_len;
    char slot_name[KDBG_SLOTS][KDBG_NAME_MAX + 1];   /* from each slot's last CREATED */
    uint32_t committed;
    uint32_t ram_size;              /* RAM_SIZE: set by the board at build time */
};

extern const struct device_ops kdbg_ops;

/* Sets up k; event_cb (may be NULL) receives every committed event; ram_size is what RAM_SIZE
 * reads. */
void kdbg_init(struct kdbg *k, const struct device_env *env,
               void (*event_cb)(void *ctx, const struct proc_event *e), void *ctx, uint32_t ram_size);
void kdbg_reset(void *dev);
/* Short names of the values, for traces and messages ("running", "mpu", ...). */
const char *kdbg_state_name(enum proc_state s);
const char *kdbg_event_name(enum proc_event_kind k);

#endif

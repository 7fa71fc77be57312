/* Fuzz inputs as programs: bytes -> records for the fuzz-driver app, plus the host events
 * (buttons, console input, pins) that go with them. */
#ifndef SIM_FUZZ_PROGRAM_H
#define SIM_FUZZ_PROGRAM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "apps/fuzz-driver/abi.h"

/* Every record comes from this many input bytes (a trailing partial record is dropped), so
 * a mutation changes one record or shifts the ones after it: nothing re-interprets the
 * whole input. */
#define FZ_RECORD_BYTES 8

enum fz_event_kind { FZ_EV_NONE, FZ_EV_BUTTON, FZ_EV_CONSOLE, FZ_EV_PIN };

/* What the host does when the driver starts sleeping at a FZ_OP_SLEEP record. */
struct fz_event {
    uint8_t kind;           /* enum fz_event_kind */
    uint8_t index;          /* button or pin */
    uint8_t level;          /* pressed / high */
    uint8_t len;            /* console bytes */
    uint8_t bytes[4];
};

struct fz_program {
    unsigned count;
    struct fz_record rec[FZ_MAX_RECORDS];
    struct fz_event ev[FZ_MAX_RECORDS];
};

/* Decodes data (any bytes) into *p, deterministically; never fails. */
void fz_program_decode(const uint8_t *data, size_t size, struct fz_program *p);

/* Writes record i as one line of text ("allow-rw console #1 ptr=own_buf+3 len=17"), for
 * reports and the replay; results are not shown. */
void fz_record_describe(const struct fz_program *p, unsigned i, char *buf, size_t len);

/* Names of the system call classes and pointer bases, for descriptions. */
const char *fz_class_name(uint32_t cls);
const char *fz_base_name(unsigned base);

#endif

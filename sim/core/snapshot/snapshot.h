/* Machine snapshots: a whole machine saved and restored, in memory or through a file. */
#ifndef SIM_CORE_SNAPSHOT_H
#define SIM_CORE_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/machine.h"

/*
 * What a snapshot holds (doc/snapshots.md): the CPU (registers, system registers, the
 * backend's trap and protection state), guest RAM, every device's state (registers, timing,
 * its IRQ lines' levels, host input not yet delivered), the clock and its queue of events,
 * and the machine's own run state (sleeping, exited, buttons held). Not in it: flash, which
 * the guest cannot write (a snapshot file records its CRC-32 and is only loaded over the same
 * images); the wiring (observers, console and trace outputs and their counters); what the
 * scenario engine or the window remembers of the kernel.
 *
 * Saving and restoring happen between machine_run calls. Restoring into the machine that
 * saved puts back only the RAM pages that differ, in microseconds; a snapshot can be restored
 * any number of times. A failed restore (another board or build) leaves the machine
 * half-restored: destroy it.
 */
struct snapshot;

/* An empty snapshot for machines like m (board, RAM size); NULL with a message on failure. */
struct snapshot *snapshot_new(struct machine *m, char *err, size_t errlen);
void snapshot_free(struct snapshot *s);
/* Saves m into s (replacing what s held). False (message in err) if m is not of s's board or
 * memory ran out. */
bool snapshot_save(struct machine *m, struct snapshot *s, char *err, size_t errlen);
/* Puts m back in the state s holds. False with a message if s is empty or of another board. */
bool snapshot_restore(struct machine *m, struct snapshot *s, char *err, size_t errlen);
/* Virtual time of the saved state, in nanoseconds. */
uint64_t snapshot_time_ns(const struct snapshot *s);
/* Host pages of RAM the last restore rewrote (the others did not differ). */
unsigned snapshot_pages_restored(const struct snapshot *s);

/* Files (format: doc/snapshots.md). Writing records the CRC-32 of m's flash. Reading checks
 * the file against m — its board, RAM size, flash and this build's state layout — and
 * returns a snapshot to restore into m; NULL with a message naming the file and the problem. */
bool snapshot_write_file(struct machine *m, const struct snapshot *s, const char *path,
                         char *err, size_t errlen);
struct snapshot *snapshot_read_file(struct machine *m, const char *path, char *err, size_t errlen);

#endif

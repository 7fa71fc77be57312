/* What the snapshot files (snapshot_file.c, snapshot_layout.c) share with snapshot.c. */
#ifndef SIM_CORE_SNAPSHOT_INTERNAL_H
#define SIM_CORE_SNAPSHOT_INTERNAL_H

#include "sim/core/snapshot/snapbuf.h"
#include "sim/core/snapshot/snapshot.h"
#include "sim/core/snapshot/snapshot_ram.h"

struct snapshot {
    const struct board_desc *desc;
    struct snap_writer state;       /* the sections: machine, clock, devices, board, cpu */
    struct snap_ram ram;
    uint64_t now, hz;               /* the saved clock, for snapshot_time_ns */
    bool valid;                     /* holds a state */
    bool foreign;                   /* read from a file: not restored into this process yet */
    unsigned pages_restored;        /* by the last restore */
};

/* The machine's RAM region (every board has exactly one). */
struct bus_region *snapshot_ram_region(struct machine *m);
/* Checks that the sections of s are those this build writes for m, name by name and size by
 * size; false with a message naming the first that differs. */
bool snapshot_check_layout(struct machine *m, const struct snapshot *s, char *err, size_t errlen);

#endif

/* --save-snapshot and --load-snapshot, shared by the classic form and boot (doc/snapshots.md):
 * a machine is saved to a file when its run ends, and a run starts from a file after the
 * kernel and apps are loaded (they must be the same: the file records the flash's CRC-32). */
#include "sim/cli/cli.h"
#include "sim/core/snapshot/snapshot.h"

bool cli_snapshot_load(struct machine *m, const char *path, const char *who)
{
    char err[600];
    struct snapshot *s = snapshot_read_file(m, path, err, sizeof(err));
    bool ok = s && snapshot_restore(m, s, err, sizeof(err));
    if (!ok)
        fprintf(stderr, "%s: --load-snapshot: %s\n", who, err);
    snapshot_free(s);
    return ok;
}

bool cli_snapshot_save(struct machine *m, const char *path, const char *who)
{
    char err[600];
    struct snapshot *s = snapshot_new(m, err, sizeof(err));
    bool ok = s && snapshot_save(m, s, err, sizeof(err)) && snapshot_write_file(m, s, path, err, sizeof(err));
    if (!ok)
        fprintf(stderr, "%s: --save-snapshot: %s\n", who, err);
    snapshot_free(s);
    return ok;
}

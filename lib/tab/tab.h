/* tab: Tock Application Bundles (.tab), as Tock's elf2tab writes and tockloader reads them. */
#ifndef LIB_TAB_TAB_H
#define LIB_TAB_TAB_H

#include <stddef.h>
#include <stdint.h>

#include "lib/tbf/tbfimg.h"

/*
 * A TAB is a tar archive (lib/tab/ustar.h) holding
 *   metadata.toml   tab-version = 1, name = "...", only-for-boards = "...",
 *                   minimum-tock-kernel-version = "MAJ.MIN" (optional), build-date = ... (optional)
 *   <arch>.tbf      one TBF per architecture: "cortex-m4.tbf", "rv32imac.tbf", or for an app
 *                   linked at fixed addresses "rv32imac.0x80100080.0x80210000.tbf" (the
 *                   architecture is the name up to its first dot)
 * (Tock's doc/Compilation.md, "Tock Application Bundle"; elf2tab's src/main.rs.)
 */

#define TAB_MAX_TBFS    32
#define TAB_ARCH_MAX    63
#define TAB_FIELD_MAX   127

struct tab_tbf {
    char name[256];             /* member name in the archive */
    char arch[TAB_ARCH_MAX + 1];
    const uint8_t *data;        /* points into the archive */
    size_t len;
    int header_ok;              /* info is valid; else why says what is wrong */
    struct tbfimg_info info;
    char why[200];
};

struct tab {
    int has_metadata;
    char name[TAB_FIELD_MAX + 1];           /* metadata "name" */
    char kernel_version[TAB_FIELD_MAX + 1]; /* "minimum-tock-kernel-version", "" if absent */
    char boards[TAB_FIELD_MAX + 1];         /* "only-for-boards" */
    int n;
    struct tab_tbf tbf[TAB_MAX_TBFS];
};

/* Lists the TBFs of the archive in buf (which must outlive t) and reads its metadata.
 * Returns 0, or -1 with a message in err (not a tar file, malformed or truncated archive,
 * tab-version other than 1, no TBF at all, too many TBFs). */
int tab_read(const uint8_t *buf, size_t len, struct tab *t, char *err, size_t errlen);

/* What the board offers the next app. */
struct tab_target {
    /* The architectures whose code the board runs, best first, separated by spaces; a name
     * ending in '*' matches every architecture that starts with it ("rv32imac rv32i*"). */
    const char *archs;
    uint32_t cursor;            /* next free address in the apps region */
    uint32_t region_end;        /* end of the apps region */
};

/* Picks the TBF for the target: the best-ranked architecture; among TBFs linked for fixed
 * flash addresses, the lowest one that starts at or after the cursor and ends inside the
 * region. Returns its index, or -1 with a message in err naming the architectures the TAB
 * has, or why none of the matching TBFs fits here. */
int tab_pick(const struct tab *t, const struct tab_target *target, char *err, size_t errlen);

/* Where a TBF with a FixedAddresses flash address starts (address - header - protected
 * region), or 0 with *fixed = 0 when it may go anywhere. */
uint32_t tab_fixed_start(const struct tbfimg_info *info, int *fixed);

/* The metadata.toml text for a TAB. */
struct tab_meta {
    const char *name;                   /* package name ("" allowed) */
    const char *only_for_boards;        /* comma-separated board names, or "" */
    int has_kernel_version;
    uint16_t kernel_major, kernel_minor;
    const char *build_date;             /* RFC 3339 UTC time, or NULL to leave it out */
};

/* Writes metadata.toml into out (outlen bytes). Returns its length, or -1 if it does not
 * fit. */
int tab_metadata(const struct tab_meta *m, char *out, size_t outlen);

#endif

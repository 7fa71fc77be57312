/* ustar: write and read the POSIX tar ("ustar") archives that hold Tock Application Bundles. */
#ifndef LIB_TAB_USTAR_H
#define LIB_TAB_USTAR_H

#include <stddef.h>
#include <stdint.h>

/*
 * The format is POSIX.1-1988's ustar (IEEE Std 1003.1, "pax" chapter): a 512-byte header per
 * member (name, octal mode/uid/gid/size/mtime, checksum, type flag, magic "ustar\0" "00"), the
 * member's data padded to 512 bytes, and two zero blocks at the end. The reader also takes
 * what GNU tar and Rust's `tar` crate (which elf2tab uses) write: the GNU magic "ustar  \0",
 * GNU long names (type 'L'), pax extended headers (types 'x', 'g': a "path" record renames the
 * next member, other records are skipped) and base-256 sizes.
 */

#define USTAR_BLOCK     512u
#define USTAR_NAME_MAX  255             /* longest member name we keep (path included) */

/* An archive being written: a growing buffer. */
struct ustar_writer {
    uint8_t *data;
    size_t len, cap;
};

/* Appends a regular file `name` (at most 100 bytes, or a prefix/name split of at most 255)
 * with `len` bytes of data, mode 0644, owner 0, modification time `mtime` (seconds since the
 * epoch). Returns 0, or -1 with a message in err. */
int ustar_add(struct ustar_writer *w, const char *name, const void *data, size_t len,
              uint64_t mtime, char *err, size_t errlen);

/* Appends the end-of-archive marker (two zero blocks). Returns 0, or -1 (out of memory). */
int ustar_finish(struct ustar_writer *w, char *err, size_t errlen);

void ustar_writer_free(struct ustar_writer *w);

/* One member found by ustar_next: data points into the archive. */
struct ustar_entry {
    char name[USTAR_NAME_MAX + 1];
    char type;                  /* '0' regular file (also for the old '\0'), '5' directory, ... */
    const uint8_t *data;
    size_t size;
    size_t header_offset;       /* byte offset of the member's header in the archive */
};

struct ustar_reader {
    const uint8_t *buf;
    size_t len, pos;
    char next_name[USTAR_NAME_MAX + 1];     /* from a GNU 'L' or pax "path" record */
};

void ustar_reader_init(struct ustar_reader *r, const uint8_t *buf, size_t len);

/* Reads the next member (long-name and pax records are applied, not returned). Returns 1 with
 * *e filled, 0 at the end of the archive, or -1 with a message in err naming the byte offset
 * (bad checksum, not a tar header, a member running past the end of the file, ...). */
int ustar_next(struct ustar_reader *r, struct ustar_entry *e, char *err, size_t errlen);

/* True if buf starts with a tar header (ustar or GNU magic at byte offset 257). */
int ustar_is_tar(const uint8_t *buf, size_t len);

#endif

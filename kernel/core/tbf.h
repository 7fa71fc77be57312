/* Tock Binary Format v2 headers: parsing and the questions the kernel asks of them. */
#ifndef KERNEL_CORE_TBF_H
#define KERNEL_CORE_TBF_H

#include <stddef.h>
#include <stdint.h>

/* TLV types (Tock's doc/TockBinaryFormat.md). */
enum tbf_tlv {
    TBF_TLV_MAIN = 1,
    TBF_TLV_WRITEABLE_FLASH = 2,
    TBF_TLV_PACKAGE_NAME = 3,
    TBF_TLV_FIXED_ADDRESSES = 5,
    TBF_TLV_PERMISSIONS = 6,
    TBF_TLV_KERNEL_VERSION = 8,
    TBF_TLV_PROGRAM = 9,
};

#define TBF_FLAG_ENABLED  (1u << 0)
#define TBF_FLAG_STICKY   (1u << 1)
#define TBF_NO_ADDRESS    0xffffffffu   /* FixedAddresses: "not fixed" */

enum tbf_status {
    TBF_OK,
    TBF_END,                /* 0 or 0xffffffff where a header would be: no more images */
    TBF_PADDING,            /* a valid header without Main/Program: not an app, skip */
    TBF_ERR_TRUNCATED,      /* fewer than 16 bytes left */
    TBF_ERR_VERSION,        /* version != 2 */
    TBF_ERR_SIZES,          /* header_size/total_size inconsistent or past the apps region */
    TBF_ERR_CHECKSUM,
    TBF_ERR_TLV,            /* a TLV runs past the header or has the wrong length */
    TBF_ERR_ENTRY,          /* init_fn_offset or protected size outside the image */
};

struct tbf_header {
    const uint8_t *image;
    uint16_t version, header_size;
    uint32_t total_size, flags, checksum;
    /* Main (1) or Program (9); Program wins if both are present. */
    int is_program;
    uint32_t init_fn_offset, protected_trailer_size, minimum_ram_size;
    uint32_t binary_end_offset, app_version;       /* Program only */
    const char *name;                              /* PackageName, not NUL-terminated */
    uint32_t name_len;
    uint32_t fixed_ram, fixed_flash;               /* TBF_NO_ADDRESS if not fixed */
    int has_kernel_version;
    uint16_t kernel_major, kernel_minor;
    int has_permissions;
    const uint8_t *perms;                          /* 16-byte entries, unaligned */
    uint32_t perm_count;
    const uint8_t *wfr;                            /* WriteableFlashRegions: (offset, size) */
    uint32_t wfr_count;
};

/* Parses the TBF header at image, with avail bytes to the end of the apps region. Fills h as
 * far as it got (h->total_size is valid from TBF_ERR_SIZES on, see tbf_skip_size). */
enum tbf_status tbf_parse(const uint8_t *image, size_t avail, struct tbf_header *h);

/* One-line reason for a status ("checksum mismatch", ...). */
const char *tbf_status_str(enum tbf_status st);

/* How far to skip past an image that failed to parse, or 0 if its size can't be trusted and
 * the scan must stop. */
uint32_t tbf_skip_size(enum tbf_status st, const struct tbf_header *h, size_t avail);

/* XOR of the header's 32-bit words, the checksum word counted as 0 (bytes past header_size
 * in the last word as 0). */
uint32_t tbf_checksum(const uint8_t *image, uint32_t header_size);

/* Offset of the application binary (where r0 points at start): header + protected trailer. */
uint32_t tbf_app_start_offset(const struct tbf_header *h);
/* Offset of the entry point from the start of the image: header + init_fn_offset. */
uint32_t tbf_init_offset(const struct tbf_header *h);

/* Whether the Permissions TLV lets the process run command cmd of driver (no TLV: all). */
int tbf_command_allowed(const struct tbf_header *h, uint32_t driver, uint32_t cmd);

/* The i-th writeable flash region as (offset from the image start, size); 0 if none. */
int tbf_writeable_region(const struct tbf_header *h, uint32_t i, uint32_t *offset,
                         uint32_t *size);

#endif

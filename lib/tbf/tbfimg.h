/* tbfimg: build and check Tock Binary Format (TBF v2) images on the host. */
#ifndef TOOLS_TBFIMG_H
#define TOOLS_TBFIMG_H

#include <stddef.h>
#include <stdint.h>

/*
 * A TBF image, as Tock's doc/TockBinaryFormat.md defines it (all fields little-endian):
 *
 *   +--------------------------+  0
 *   | base header (16 bytes)   |  version=2 u16, header_size u16, total_size u32,
 *   |                          |  flags u32 (bit0 enabled, bit1 sticky), checksum u32
 *   | TLVs, each 4-aligned     |  type u16, length u16 (data bytes, padding not counted), data
 *   +--------------------------+  header_size
 *   | protected trailer        |  protected_size bytes of zeros (usually none)
 *   +--------------------------+  header_size + protected_size   <- "app binary start"
 *   | application binary       |
 *   +--------------------------+  binary_end_offset
 *   | footers (Program only)   |  credentials TLVs; padding is a "Reserved" credential
 *   +--------------------------+  total_size (a power of two here, see below)
 *
 * checksum = XOR of every 32-bit word of the header (base + TLVs) except the checksum word.
 * Our convention (doc/elf2tbf.md): total_size is a power of two >= TBFIMG_MIN_TOTAL, so one
 * PMSAv7 MPU region covers an app aligned to its size.
 */

#define TBFIMG_VERSION          2
#define TBFIMG_BASE_SIZE        16
#define TBFIMG_MIN_TOTAL        1024u
#define TBFIMG_FLAG_ENABLED     0x1u
#define TBFIMG_FLAG_STICKY      0x2u

/* TLV types (TbfHeaderTypes in Tock). */
enum {
    TBFIMG_TLV_MAIN = 1,
    TBFIMG_TLV_WFR = 2,
    TBFIMG_TLV_PACKAGE_NAME = 3,
    TBFIMG_TLV_FIXED_ADDRESSES = 5,
    TBFIMG_TLV_PERMISSIONS = 6,
    TBFIMG_TLV_PERSISTENT_ACL = 7,
    TBFIMG_TLV_KERNEL_VERSION = 8,
    TBFIMG_TLV_PROGRAM = 9,
    TBFIMG_TLV_SHORT_ID = 10,
    TBFIMG_TLV_CREDENTIALS = 128,
};

/* Credentials footer formats (TbfFooterV2CredentialsType in Tock). */
enum {
    TBFIMG_CRED_RESERVED = 0,
    TBFIMG_CRED_SHA256 = 3,
    TBFIMG_CRED_SHA384 = 4,
    TBFIMG_CRED_SHA512 = 5,
};

#define TBFIMG_MAX_NAME         255
#define TBFIMG_MAX_PERMS        16
#define TBFIMG_MAX_STORAGE_IDS  32      /* read or access IDs in the Persistent ACL TLV */
#define TBFIMG_MAX_WFR          8       /* writeable flash regions */
#define TBFIMG_NO_FIXED_ADDRESS 0xffffffffu

/* Which of Main (type 1) and Program (type 9) to emit. Tock >= 2.1 reads Program, 2.0 Main. */
enum tbfimg_headers { TBFIMG_HDR_BOTH, TBFIMG_HDR_MAIN, TBFIMG_HDR_PROGRAM };

struct tbfimg_perm {
    uint32_t driver;
    uint32_t offset;            /* in units of 64 commands */
    uint64_t allowed;           /* bit n = command offset*64+n allowed */
};

/* Everything that goes into a header besides sizes, which tbfimg_build computes. */
struct tbfimg_params {
    enum tbfimg_headers headers;
    const char *package_name;   /* NULL or "" = no PackageName TLV */
    int enabled;                /* flags bit 0 */
    int sticky;                 /* flags bit 1 */
    uint32_t protected_trailer; /* bytes of protected region after the header (multiple of 4) */
    uint32_t minimum_ram_size;
    uint32_t app_version;       /* Program TLV only */
    int has_kernel_version;
    uint16_t kernel_major, kernel_minor;
    int has_fixed;
    uint32_t fixed_ram, fixed_flash;
    size_t n_perms;
    struct tbfimg_perm perms[TBFIMG_MAX_PERMS];
    /* Persistent ACL (type 7, elf2tab's --write_id/--read_ids/--access_ids): write_id u32,
     * read count u16, read IDs u32..., access count u16, access IDs u32... */
    int has_acl;
    uint32_t write_id;
    size_t n_read_ids, n_access_ids;
    uint32_t read_ids[TBFIMG_MAX_STORAGE_IDS], access_ids[TBFIMG_MAX_STORAGE_IDS];
    /* WriteableFlashRegions (type 2), one TLV each as elf2tab writes them: offset from the
     * start of the TBF, size. */
    size_t n_wfr;
    struct { uint32_t offset, size; } wfr[TBFIMG_MAX_WFR];
    int has_short_id;           /* ShortId (type 10): u32 */
    uint32_t short_id;
    /* Footers (Program TLV only): footer_reserved bytes right after the binary are left for
     * the caller's credentials TLVs; the rest is "Reserved" padding, and all footers together
     * are at least minimum_footer bytes (elf2tab's --minimum-footer-size). */
    uint32_t footer_reserved;   /* a multiple of 4 */
    uint32_t minimum_footer;
};

/* Fills p with the defaults: both headers, enabled, nothing optional. */
void tbfimg_params_init(struct tbfimg_params *p);

/* Size of the header tbfimg_build will write for p (base + TLVs), a multiple of 4. */
size_t tbfimg_header_size(const struct tbfimg_params *p);

/* Total size for a header of hdr bytes and a binary of bin bytes: the smallest power of two
 * >= TBFIMG_MIN_TOTAL that holds them and the footers p asks for (with a Program TLV, leaving
 * no 4-byte footer gap). */
uint32_t tbfimg_total_size(const struct tbfimg_params *p, size_t hdr, size_t bin);

/* Builds a whole TBF: header, protected trailer, binary (init_offset = offset of the first
 * instruction from the start of the binary), footer padding. Returns a malloc'd buffer of
 * *out_len bytes, or NULL with a message in err. The binary ends at the Program TLV's
 * binary_end_offset = header + trailer + binary padded to 4; p->footer_reserved zero bytes
 * follow it for the caller to fill. */
uint8_t *tbfimg_build(const struct tbfimg_params *p, const uint8_t *bin, size_t bin_len,
                      uint32_t init_offset, size_t *out_len, char *err, size_t errlen);

/* Writes a padding object of `size` bytes (>= 16, a multiple of 4) at out: a base header
 * only (no Main/Program TLV, disabled), which Tock's loader skips by its total_size. Fills
 * alignment gaps between apps so the kernel's walk over the app list does not stop early. */
void tbfimg_padding(uint8_t *out, uint32_t size);

/* What tbfimg_parse found in a header. */
struct tbfimg_info {
    uint16_t version, header_size;
    uint32_t total_size, flags, checksum;
    int has_main, has_program;
    uint32_t init_fn_offset, protected_size, minimum_ram_size;
    uint32_t binary_end_offset, app_version;
    char package_name[TBFIMG_MAX_NAME + 1];
    int has_kernel_version;
    uint16_t kernel_major, kernel_minor;
    int has_fixed;
    uint32_t fixed_ram, fixed_flash;
    unsigned n_perms;
    unsigned n_wfr;             /* WriteableFlashRegions TLVs; the first one's region: */
    uint32_t wfr_offset, wfr_size;
    int has_acl;
    uint32_t write_id;
    unsigned n_read_ids, n_access_ids;
    int has_short_id;
    uint32_t short_id;
    unsigned n_tlvs;
    unsigned n_footers;         /* credentials footers between binary end and total size */
    unsigned footer_formats;    /* bit f set: a footer of credentials format f (f < 32) */
};

/* Parses and checks a TBF header at buf (len bytes available). Returns 0, or -1 with a
 * message in err (bad version, sizes, checksum, malformed TLV, truncated). */
int tbfimg_parse(const uint8_t *buf, size_t len, struct tbfimg_info *info,
                 char *err, size_t errlen);

/* Where an app goes in an apps region whose next free byte is `cursor`. An app linked for a
 * fixed flash address (FixedAddresses TLV) goes where its binary lands there: at
 * fixed_flash - (header_size + protected_size), which must not be below cursor. Any other app
 * goes to the next multiple of its total_size (a power of two: one MPU region covers it).
 * Returns 0 with *addr, or -1 with a message in err. The gap before *addr is for a padding
 * object (tbfimg_padding) when it is 16 bytes or more. */
int tbfimg_place(const struct tbfimg_info *info, uint32_t cursor, uint32_t *addr, char *err, size_t errlen);

/* XOR of the header words except the checksum word. hdr_len must be a multiple of 4. */
uint32_t tbfimg_checksum(const uint8_t *hdr, size_t hdr_len);

/* Little-endian field access shared by the tools and their tests. */
uint16_t tbfimg_get16(const uint8_t *p);
uint32_t tbfimg_get32(const uint8_t *p);
void tbfimg_put16(uint8_t *p, uint16_t v);
void tbfimg_put32(uint8_t *p, uint32_t v);

#endif

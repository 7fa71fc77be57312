/* Tock Binary Format v2 headers: parsing and the questions the kernel asks of them. */
#include <stddef.h>
#include <stdint.h>

#include "kernel/core/tbf.h"

#define BASE_HEADER_SIZE 16u
#define TLV_HEADER_SIZE  4u
#define PERM_ENTRY_SIZE  16u        /* driver u32, offset u32, allowed_commands u64 */

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* XOR of the header's 32-bit words, the checksum word itself read as 0. */
uint32_t tbf_checksum(const uint8_t *image, uint32_t header_size)
{
    uint32_t sum = 0;
    for (uint32_t off = 0; off < header_size; off += 4) {
        if (off == 12)
            continue;
        uint32_t word = 0;
        for (uint32_t b = 0; b < 4 && off + b < header_size; b++)
            word |= (uint32_t)image[off + b] << (8 * b);
        sum ^= word;
    }
    return sum;
}

/* Reads one TLV's value into h. Returns 0 if its length is wrong for its type. */
static int parse_tlv(struct tbf_header *h, uint16_t type, const uint8_t *v, uint16_t len)
{
    switch (type) {
    case TBF_TLV_MAIN:
        if (len != 12)
            return 0;
        if (!h->is_program) {
            h->init_fn_offset = rd32(v);
            h->protected_trailer_size = rd32(v + 4);
            h->minimum_ram_size = rd32(v + 8);
        }
        return 1;
    case TBF_TLV_PROGRAM:
        if (len != 20)
            return 0;
        h->is_program = 1;
        h->init_fn_offset = rd32(v);
        h->protected_trailer_size = rd32(v + 4);
        h->minimum_ram_size = rd32(v + 8);
        h->binary_end_offset = rd32(v + 12);
        h->app_version = rd32(v + 16);
        return 1;
    case TBF_TLV_PACKAGE_NAME:
        h->name = (const char *)v;
        h->name_len = len;
        return 1;
    case TBF_TLV_FIXED_ADDRESSES:
        if (len != 8)
            return 0;
        h->fixed_ram = rd32(v);
        h->fixed_flash = rd32(v + 4);
        return 1;
    case TBF_TLV_KERNEL_VERSION:
        if (len != 4)
            return 0;
        h->has_kernel_version = 1;
        h->kernel_major = rd16(v);
        h->kernel_minor = rd16(v + 2);
        return 1;
    case TBF_TLV_PERMISSIONS:
        if (len < 2 || 2u + (uint32_t)rd16(v) * PERM_ENTRY_SIZE > len)
            return 0;
        h->has_permissions = 1;
        h->perm_count = rd16(v);
        h->perms = v + 2;
        return 1;
    case TBF_TLV_WRITEABLE_FLASH:
        if (len % 8)
            return 0;
        h->wfr = v;
        h->wfr_count = len / 8u;
        return 1;
    default:
        return 1;                   /* unknown TLVs are skipped */
    }
}

/* Walks the TLVs between the base header and header_size. */
static enum tbf_status parse_tlvs(struct tbf_header *h, int *has_main)
{
    const uint8_t *img = h->image;
    uint32_t off = BASE_HEADER_SIZE;
    while (off + TLV_HEADER_SIZE <= h->header_size) {
        uint16_t type = rd16(img + off), len = rd16(img + off + 2);
        if (off + TLV_HEADER_SIZE + len > h->header_size)
            return TBF_ERR_TLV;
        if (!parse_tlv(h, type, img + off + TLV_HEADER_SIZE, len))
            return TBF_ERR_TLV;
        if (type == TBF_TLV_MAIN || type == TBF_TLV_PROGRAM)
            *has_main = 1;
        off += TLV_HEADER_SIZE + ((len + 3u) & ~3u);
    }
    return TBF_OK;
}

/* Parses the image at image (avail bytes left in the region) into *h; TBF_OK or why not. */
enum tbf_status tbf_parse(const uint8_t *image, size_t avail, struct tbf_header *h)
{
    *h = (struct tbf_header){ .image = image, .fixed_ram = TBF_NO_ADDRESS,
                              .fixed_flash = TBF_NO_ADDRESS };
    if (avail < BASE_HEADER_SIZE)
        return TBF_ERR_TRUNCATED;
    uint32_t first = rd32(image);
    if (first == 0 || first == 0xffffffffu)
        return TBF_END;
    h->version = rd16(image);
    h->header_size = rd16(image + 2);
    h->total_size = rd32(image + 4);
    h->flags = rd32(image + 8);
    h->checksum = rd32(image + 12);
    if (h->version != 2)
        return TBF_ERR_VERSION;
    if (h->header_size < BASE_HEADER_SIZE || h->header_size > h->total_size ||
        h->total_size > avail)
        return TBF_ERR_SIZES;
    if (tbf_checksum(image, h->header_size) != h->checksum)
        return TBF_ERR_CHECKSUM;
    int has_main = 0;
    enum tbf_status st = parse_tlvs(h, &has_main);
    if (st != TBF_OK)
        return st;
    if (!has_main)
        return TBF_PADDING;
    if ((uint64_t)h->header_size + h->init_fn_offset >= h->total_size ||
        (uint64_t)h->header_size + h->protected_trailer_size > h->total_size)
        return TBF_ERR_ENTRY;
    return TBF_OK;
}

/* A phrase for the loader's log saying what tbf_parse found. */
const char *tbf_status_str(enum tbf_status st)
{
    static const char *const str[] = {
        [TBF_OK] = "ok",
        [TBF_END] = "end of images",
        [TBF_PADDING] = "padding (no Main/Program TLV)",
        [TBF_ERR_TRUNCATED] = "truncated header",
        [TBF_ERR_VERSION] = "unsupported TBF version",
        [TBF_ERR_SIZES] = "inconsistent header/total size",
        [TBF_ERR_CHECKSUM] = "header checksum mismatch",
        [TBF_ERR_TLV] = "malformed TLV",
        [TBF_ERR_ENTRY] = "entry point or protected size outside the image",
    };
    return (unsigned)st < sizeof str / sizeof str[0] ? str[st] : "?";
}

/* Images are word-aligned and at least a base header long; anything else means the size word
 * is garbage and following it would land mid-image. */
uint32_t tbf_skip_size(enum tbf_status st, const struct tbf_header *h, size_t avail)
{
    if (st == TBF_END || st == TBF_ERR_TRUNCATED || st == TBF_ERR_VERSION)
        return 0;
    if (h->total_size < BASE_HEADER_SIZE || h->total_size % 4 || h->total_size > avail)
        return 0;
    return h->total_size;
}

/* Offset of the app binary in the image: after the header and protected region. */
uint32_t tbf_app_start_offset(const struct tbf_header *h)
{
    return h->header_size + h->protected_trailer_size;
}

/* Offset of the entry point in the image. */
uint32_t tbf_init_offset(const struct tbf_header *h)
{
    return h->header_size + h->init_fn_offset;
}

/* Whether h's permissions (if any) let the app call command cmd of driver. */
int tbf_command_allowed(const struct tbf_header *h, uint32_t driver, uint32_t cmd)
{
    if (!h->has_permissions)
        return 1;
    for (uint32_t i = 0; i < h->perm_count; i++) {
        const uint8_t *e = h->perms + i * PERM_ENTRY_SIZE;
        if (rd32(e) != driver || rd32(e + 4) != cmd / 64)
            continue;
        uint32_t bit = cmd % 64;
        uint32_t mask = bit < 32 ? rd32(e + 8) : rd32(e + 12);
        return (mask >> (bit % 32)) & 1u;
    }
    return 0;
}

/* 1 and writeable flash region i of h (offset and size in the image), or 0 if h has none. */
int tbf_writeable_region(const struct tbf_header *h, uint32_t i, uint32_t *offset,
                         uint32_t *size)
{
    if (i >= h->wfr_count)
        return 0;
    *offset = rd32(h->wfr + 8 * i);
    *size = rd32(h->wfr + 8 * i + 4);
    return 1;
}

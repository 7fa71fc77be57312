/* tbfparse: read and check a TBF header and its footers (see tbfimg.h). */
#include "lib/tbf/tbfimg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ALIGN4(x) (((x) + 3u) & ~(size_t)3u)

static void fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Checks a fixed-length TLV. */
static int want_len(uint16_t type, uint16_t len, uint16_t want, char *err, size_t errlen)
{
    if (len == want)
        return 0;
    fail(err, errlen, "TLV type %u has length %u, expected %u", type, len, want);
    return -1;
}

/* Main (type 1) and Program (type 9) share their first three fields. */
static int parse_program(uint16_t type, uint16_t len, const uint8_t *d, struct tbfimg_info *info,
                         char *err, size_t errlen)
{
    if (want_len(type, len, type == TBFIMG_TLV_MAIN ? 12 : 20, err, errlen))
        return -1;
    info->init_fn_offset = tbfimg_get32(d);
    info->protected_size = tbfimg_get32(d + 4);
    info->minimum_ram_size = tbfimg_get32(d + 8);
    if (type == TBFIMG_TLV_MAIN) {
        info->has_main = 1;
        return 0;
    }
    info->has_program = 1;
    info->binary_end_offset = tbfimg_get32(d + 12);
    info->app_version = tbfimg_get32(d + 16);
    return 0;
}

/* Persistent ACL: write ID, u16 count + read IDs, u16 count + access IDs; the counts must
 * account for the TLV's length exactly. */
static int parse_acl(uint16_t len, const uint8_t *d, struct tbfimg_info *info, char *err,
                     size_t errlen)
{
    unsigned reads = len >= 8 ? tbfimg_get16(d + 4) : 0, access = 0;
    size_t at = 6 + 4 * (size_t)reads;
    if (len >= 8 && at + 2 <= len)
        access = tbfimg_get16(d + at);
    if (len < 8 || at + 2 + 4 * (size_t)access != len) {
        fail(err, errlen, "persistent ACL TLV length %u does not match its ID counts", len);
        return -1;
    }
    info->has_acl = 1;
    info->write_id = tbfimg_get32(d);
    info->n_read_ids = reads;
    info->n_access_ids = access;
    return 0;
}

static int parse_name(uint16_t len, const uint8_t *d, struct tbfimg_info *info, char *err,
                      size_t errlen)
{
    if (len > TBFIMG_MAX_NAME) {
        fail(err, errlen, "package name TLV of %u bytes (at most %d)", len, TBFIMG_MAX_NAME);
        return -1;
    }
    memcpy(info->package_name, d, len);
    info->package_name[len] = 0;
    return 0;
}

/* WriteableFlashRegions: (offset, size) pairs; counts the TLVs, keeps the first region. */
static int parse_wfr(uint16_t len, const uint8_t *d, struct tbfimg_info *info, char *err,
                     size_t errlen)
{
    if (len == 0 || len % 8) {
        fail(err, errlen, "writeable flash regions TLV length %u is not a multiple of 8", len);
        return -1;
    }
    if (info->n_wfr++ == 0) {
        info->wfr_offset = tbfimg_get32(d);
        info->wfr_size = tbfimg_get32(d + 4);
    }
    return 0;
}

/* Decodes one header TLV into info. */
static int parse_tlv(uint16_t type, uint16_t len, const uint8_t *d, struct tbfimg_info *info,
                     char *err, size_t errlen)
{
    switch (type) {
    case TBFIMG_TLV_MAIN:
    case TBFIMG_TLV_PROGRAM:
        return parse_program(type, len, d, info, err, errlen);
    case TBFIMG_TLV_PACKAGE_NAME:
        return parse_name(len, d, info, err, errlen);
    case TBFIMG_TLV_FIXED_ADDRESSES:
        if (want_len(type, len, 8, err, errlen))
            return -1;
        info->has_fixed = 1;
        info->fixed_ram = tbfimg_get32(d);
        info->fixed_flash = tbfimg_get32(d + 4);
        return 0;
    case TBFIMG_TLV_PERMISSIONS:
        if (len < 2 || len != 2 + 16 * tbfimg_get16(d)) {
            fail(err, errlen, "permissions TLV length %u does not match its count", len);
            return -1;
        }
        info->n_perms = tbfimg_get16(d);
        return 0;
    case TBFIMG_TLV_PERSISTENT_ACL:
        return parse_acl(len, d, info, err, errlen);
    case TBFIMG_TLV_WFR:
        return parse_wfr(len, d, info, err, errlen);
    case TBFIMG_TLV_KERNEL_VERSION:
        if (want_len(type, len, 4, err, errlen))
            return -1;
        info->has_kernel_version = 1;
        info->kernel_major = tbfimg_get16(d);
        info->kernel_minor = tbfimg_get16(d + 2);
        return 0;
    case TBFIMG_TLV_SHORT_ID:
        if (want_len(type, len, 4, err, errlen))
            return -1;
        info->has_short_id = 1;
        info->short_id = tbfimg_get32(d);
        return 0;
    default:
        return 0;       /* unknown and out-of-tree TLVs are skipped, as Tock does */
    }
}

/* Checks the base header fields before the TLVs are read. */
static int parse_base(const uint8_t *buf, size_t len, struct tbfimg_info *info,
                      char *err, size_t errlen)
{
    if (len < TBFIMG_BASE_SIZE) {
        fail(err, errlen, "truncated: %zu bytes, a TBF header needs at least %d", len,
             TBFIMG_BASE_SIZE);
        return -1;
    }
    info->version = tbfimg_get16(buf);
    info->header_size = tbfimg_get16(buf + 2);
    info->total_size = tbfimg_get32(buf + 4);
    info->flags = tbfimg_get32(buf + 8);
    info->checksum = tbfimg_get32(buf + 12);
    if (info->version != TBFIMG_VERSION) {
        fail(err, errlen, "not a TBF v2 image (version field %u)", info->version);
        return -1;
    }
    if (info->header_size < TBFIMG_BASE_SIZE || info->header_size % 4) {
        fail(err, errlen, "bad header_size %u (must be >= 16 and a multiple of 4)",
             info->header_size);
        return -1;
    }
    if (info->total_size < info->header_size) {
        fail(err, errlen, "total_size %u is smaller than header_size %u",
             (unsigned)info->total_size, info->header_size);
        return -1;
    }
    if (len < info->header_size) {
        fail(err, errlen, "truncated: header_size is %u but only %zu bytes present",
             info->header_size, len);
        return -1;
    }
    uint32_t sum = tbfimg_checksum(buf, info->header_size);
    if (sum != info->checksum) {
        fail(err, errlen, "header checksum mismatch (stored 0x%08x, computed 0x%08x)",
             (unsigned)info->checksum, (unsigned)sum);
        return -1;
    }
    return 0;
}

/* Counts the credentials footers in [from, to) when they are all present and records their
 * formats; -1 if malformed. */
static int count_footers(const uint8_t *buf, size_t from, size_t to, unsigned *formats)
{
    int n = 0;
    while (from + 4 <= to) {
        uint16_t type = tbfimg_get16(buf + from), len = tbfimg_get16(buf + from + 2);
        if (type != TBFIMG_TLV_CREDENTIALS || len < 4 || from + 4 + len > to)
            return -1;
        uint32_t format = tbfimg_get32(buf + from + 4);
        if (format < 32)
            *formats |= 1u << format;
        from += 4 + ALIGN4(len);
        n++;
    }
    return n;
}

/* Checks binary_end_offset and, when the whole image is present, the footers after it. */
static int parse_footers(const uint8_t *buf, size_t len, struct tbfimg_info *info, char *err,
                         size_t errlen)
{
    if (info->binary_end_offset < info->header_size || info->binary_end_offset > info->total_size) {
        fail(err, errlen, "binary_end_offset %u outside [header_size %u, total_size %u]",
             (unsigned)info->binary_end_offset, info->header_size, (unsigned)info->total_size);
        return -1;
    }
    if (len < info->total_size)
        return 0;
    int n = count_footers(buf, info->binary_end_offset, info->total_size, &info->footer_formats);
    if (n < 0) {
        fail(err, errlen, "malformed footer after binary_end_offset %u",
             (unsigned)info->binary_end_offset);
        return -1;
    }
    info->n_footers = (unsigned)n;
    return 0;
}

int tbfimg_parse(const uint8_t *buf, size_t len, struct tbfimg_info *info,
                 char *err, size_t errlen)
{
    memset(info, 0, sizeof(*info));
    if (parse_base(buf, len, info, err, errlen))
        return -1;
    size_t pos = TBFIMG_BASE_SIZE;
    while (pos < info->header_size) {
        if (pos + 4 > info->header_size) {
            fail(err, errlen, "TLV header at offset %zu runs past the header end", pos);
            return -1;
        }
        uint16_t type = tbfimg_get16(buf + pos), tlen = tbfimg_get16(buf + pos + 2);
        if (pos + 4 + tlen > info->header_size) {
            fail(err, errlen, "TLV type %u at offset %zu (length %u) runs past header_size %u",
                 type, pos, tlen, info->header_size);
            return -1;
        }
        if (parse_tlv(type, tlen, buf + pos + 4, info, err, errlen))
            return -1;
        info->n_tlvs++;
        pos += 4 + ALIGN4(tlen);
    }
    return info->has_program ? parse_footers(buf, len, info, err, errlen) : 0;
}

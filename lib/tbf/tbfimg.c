/* tbfimg: build and check Tock Binary Format (TBF v2) images on the host. */
#include "lib/tbf/tbfimg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALIGN4(x) (((x) + 3u) & ~(size_t)3u)

/* Credentials footers: TLV header + u32 format; the TLV length field is 16 bits. */
#define FOOTER_MIN      8u
#define FOOTER_MAX      0x10000u        /* 4-byte TLV header + 0xfffc data bytes */

uint16_t tbfimg_get16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }

uint32_t tbfimg_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void tbfimg_put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }

void tbfimg_put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
    tbfimg_put32(p, (uint32_t)v);
    tbfimg_put32(p + 4, (uint32_t)(v >> 32));
}

static void fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

void tbfimg_params_init(struct tbfimg_params *p)
{
    memset(p, 0, sizeof(*p));
    p->headers = TBFIMG_HDR_BOTH;
    p->enabled = 1;
    p->fixed_ram = TBFIMG_NO_FIXED_ADDRESS;
    p->fixed_flash = TBFIMG_NO_FIXED_ADDRESS;
}

static size_t name_len(const struct tbfimg_params *p)
{
    return p->package_name ? strlen(p->package_name) : 0;
}

size_t tbfimg_header_size(const struct tbfimg_params *p)
{
    size_t n = TBFIMG_BASE_SIZE;
    if (p->headers != TBFIMG_HDR_PROGRAM)
        n += 4 + 12;
    if (p->headers != TBFIMG_HDR_MAIN)
        n += 4 + 20;
    if (name_len(p))
        n += 4 + ALIGN4(name_len(p));
    n += (4 + 8) * p->n_wfr;
    if (p->has_fixed)
        n += 4 + 8;
    if (p->n_perms)
        n += 4 + ALIGN4(2 + 16 * p->n_perms);
    if (p->has_kernel_version)
        n += 4 + 4;
    if (p->has_acl)
        n += 4 + 4 + 2 + 4 * p->n_read_ids + 2 + 4 * p->n_access_ids;
    if (p->has_short_id)
        n += 4 + 4;
    return n;
}

/* Bytes of footers after the binary: the caller's credentials, and Reserved space to reach
 * minimum_footer (a footer TLV is at least 8 bytes: elf2tab's rule). */
static size_t footer_space(const struct tbfimg_params *p)
{
    size_t f = p->footer_reserved;
    if (p->minimum_footer > f) {
        size_t extra = p->minimum_footer - f;
        f += ALIGN4(extra < FOOTER_MIN ? FOOTER_MIN : extra);
    }
    return f;
}

static uint32_t next_pow2(uint32_t x)
{
    uint32_t v = TBFIMG_MIN_TOTAL;
    while (v < x && v != 0)
        v <<= 1;
    return v;
}

uint32_t tbfimg_total_size(const struct tbfimg_params *p, size_t hdr, size_t bin)
{
    size_t end = hdr + p->protected_trailer + bin + footer_space(p);
    if (end > 0x80000000u)
        return 0;
    uint32_t total = next_pow2((uint32_t)end);
    /* A 4-byte gap cannot hold a footer TLV, and footers must fill the gap exactly. */
    size_t gap = total - (hdr + p->protected_trailer + bin + p->footer_reserved);
    if (p->headers != TBFIMG_HDR_MAIN && gap == 4)
        total <<= 1;
    return total;
}

/* Writes one TLV header at *pos and returns a pointer to its data. */
static uint8_t *tlv(uint8_t *buf, size_t *pos, uint16_t type, uint16_t len)
{
    tbfimg_put16(buf + *pos, type);
    tbfimg_put16(buf + *pos + 2, len);
    uint8_t *data = buf + *pos + 4;
    *pos += 4 + ALIGN4(len);
    return data;
}

/* Persistent ACL: write ID, then the read and access ID lists, each after its u16 count. */
static void write_acl(const struct tbfimg_params *p, uint8_t *out, size_t *pos)
{
    size_t len = 4 + 2 + 4 * p->n_read_ids + 2 + 4 * p->n_access_ids;
    uint8_t *d = tlv(out, pos, TBFIMG_TLV_PERSISTENT_ACL, (uint16_t)len);
    tbfimg_put32(d, p->write_id);
    tbfimg_put16(d + 4, (uint16_t)p->n_read_ids);
    d += 6;
    for (size_t i = 0; i < p->n_read_ids; i++, d += 4)
        tbfimg_put32(d, p->read_ids[i]);
    tbfimg_put16(d, (uint16_t)p->n_access_ids);
    d += 2;
    for (size_t i = 0; i < p->n_access_ids; i++, d += 4)
        tbfimg_put32(d, p->access_ids[i]);
}

/* Writes the optional TLVs (package name, fixed addresses, permissions, kernel version). */
static void write_optional_tlvs(const struct tbfimg_params *p, uint8_t *out, size_t *pos)
{
    size_t nl = name_len(p);
    if (nl)
        memcpy(tlv(out, pos, TBFIMG_TLV_PACKAGE_NAME, (uint16_t)nl), p->package_name, nl);
    for (size_t i = 0; i < p->n_wfr; i++) {
        uint8_t *d = tlv(out, pos, TBFIMG_TLV_WFR, 8);
        tbfimg_put32(d, p->wfr[i].offset);
        tbfimg_put32(d + 4, p->wfr[i].size);
    }
    if (p->has_fixed) {
        uint8_t *d = tlv(out, pos, TBFIMG_TLV_FIXED_ADDRESSES, 8);
        tbfimg_put32(d, p->fixed_ram);
        tbfimg_put32(d + 4, p->fixed_flash);
    }
    if (p->n_perms) {
        uint8_t *d = tlv(out, pos, TBFIMG_TLV_PERMISSIONS, (uint16_t)(2 + 16 * p->n_perms));
        tbfimg_put16(d, (uint16_t)p->n_perms);
        for (size_t i = 0; i < p->n_perms; i++) {
            tbfimg_put32(d + 2 + 16 * i, p->perms[i].driver);
            tbfimg_put32(d + 6 + 16 * i, p->perms[i].offset);
            put64(d + 10 + 16 * i, p->perms[i].allowed);
        }
    }
    if (p->has_kernel_version) {
        uint8_t *d = tlv(out, pos, TBFIMG_TLV_KERNEL_VERSION, 4);
        tbfimg_put16(d, p->kernel_major);
        tbfimg_put16(d + 2, p->kernel_minor);
    }
    if (p->has_acl)
        write_acl(p, out, pos);
    if (p->has_short_id)
        tbfimg_put32(tlv(out, pos, TBFIMG_TLV_SHORT_ID, 4), p->short_id);
}

/* Writes base header and TLVs into out (zeroed, hdr bytes); checksum last. */
static void write_header(const struct tbfimg_params *p, uint8_t *out, size_t hdr,
                         uint32_t total, uint32_t init_offset, uint32_t bin_end)
{
    uint32_t flags = (p->enabled ? TBFIMG_FLAG_ENABLED : 0) | (p->sticky ? TBFIMG_FLAG_STICKY : 0);
    tbfimg_put16(out, TBFIMG_VERSION);
    tbfimg_put16(out + 2, (uint16_t)hdr);
    tbfimg_put32(out + 4, total);
    tbfimg_put32(out + 8, flags);
    size_t pos = TBFIMG_BASE_SIZE;
    if (p->headers != TBFIMG_HDR_PROGRAM) {
        uint8_t *d = tlv(out, &pos, TBFIMG_TLV_MAIN, 12);
        tbfimg_put32(d, init_offset);
        tbfimg_put32(d + 4, p->protected_trailer);
        tbfimg_put32(d + 8, p->minimum_ram_size);
    }
    if (p->headers != TBFIMG_HDR_MAIN) {
        uint8_t *d = tlv(out, &pos, TBFIMG_TLV_PROGRAM, 20);
        tbfimg_put32(d, init_offset);
        tbfimg_put32(d + 4, p->protected_trailer);
        tbfimg_put32(d + 8, p->minimum_ram_size);
        tbfimg_put32(d + 12, bin_end);
        tbfimg_put32(d + 16, p->app_version);
    }
    write_optional_tlvs(p, out, &pos);
    tbfimg_put32(out + 12, tbfimg_checksum(out, hdr));
}

/* Fills [from, to) with "Reserved" credentials footers (to - from is 0 or >= 8, 4-aligned). */
static void write_footers(uint8_t *out, size_t from, size_t to)
{
    while (to - from >= FOOTER_MIN) {
        size_t chunk = to - from;
        if (chunk > FOOTER_MAX) {
            chunk = FOOTER_MAX;
            if (to - from - chunk < FOOTER_MIN)
                chunk -= FOOTER_MIN;
        }
        tbfimg_put16(out + from, TBFIMG_TLV_CREDENTIALS);
        tbfimg_put16(out + from + 2, (uint16_t)(chunk - 4));
        tbfimg_put32(out + from + 4, TBFIMG_CRED_RESERVED);
        from += chunk;
    }
}

static int check_params(const struct tbfimg_params *p, char *err, size_t errlen)
{
    if (name_len(p) > TBFIMG_MAX_NAME) {
        fail(err, errlen, "package name is %zu bytes long (at most %d)", name_len(p),
             TBFIMG_MAX_NAME);
        return -1;
    }
    if (p->n_perms > TBFIMG_MAX_PERMS) {
        fail(err, errlen, "%zu permissions (at most %d)", p->n_perms, TBFIMG_MAX_PERMS);
        return -1;
    }
    if (p->n_read_ids > TBFIMG_MAX_STORAGE_IDS || p->n_access_ids > TBFIMG_MAX_STORAGE_IDS ||
        p->n_wfr > TBFIMG_MAX_WFR) {
        fail(err, errlen, "more than %d storage IDs or %d writeable flash regions",
             TBFIMG_MAX_STORAGE_IDS, TBFIMG_MAX_WFR);
        return -1;
    }
    if (p->headers == TBFIMG_HDR_MAIN && (p->footer_reserved || p->minimum_footer)) {
        fail(err, errlen, "footers (credentials, --minimum-footer-size) need the Program TLV "
             "(--headers both or program)");
        return -1;
    }
    if (p->protected_trailer % 4 || p->footer_reserved % 4) {
        fail(err, errlen, "protected trailer size %u or reserved footer size %u is not a "
             "multiple of 4", (unsigned)p->protected_trailer, (unsigned)p->footer_reserved);
        return -1;
    }
    return 0;
}

uint8_t *tbfimg_build(const struct tbfimg_params *p, const uint8_t *bin, size_t bin_len,
                      uint32_t init_offset, size_t *out_len, char *err, size_t errlen)
{
    if (check_params(p, err, errlen))
        return NULL;
    size_t hdr = tbfimg_header_size(p);
    size_t padded = ALIGN4(bin_len);       /* footers and the next TLV stay 4-aligned */
    uint32_t total = tbfimg_total_size(p, hdr, padded);
    if (total == 0) {
        fail(err, errlen, "binary of %zu bytes is too large for a TBF", bin_len);
        return NULL;
    }
    if (init_offset >= p->protected_trailer + bin_len) {
        fail(err, errlen, "entry offset 0x%x is outside the %zu-byte binary",
             (unsigned)init_offset, bin_len);
        return NULL;
    }
    uint8_t *out = calloc(1, total);
    if (!out) {
        fail(err, errlen, "out of memory (%u bytes)", (unsigned)total);
        return NULL;
    }
    size_t bin_start = hdr + p->protected_trailer;
    size_t bin_end = bin_start + padded;
    write_header(p, out, hdr, total, init_offset, (uint32_t)bin_end);
    if (bin_len)
        memcpy(out + bin_start, bin, bin_len);
    if (p->headers != TBFIMG_HDR_MAIN)
        write_footers(out, bin_end + p->footer_reserved, total);
    *out_len = total;
    return out;
}

int tbfimg_place(const struct tbfimg_info *info, uint32_t cursor, uint32_t *addr, char *err, size_t errlen)
{
    uint32_t total = info->total_size;
    if (info->has_fixed && info->fixed_flash != TBFIMG_NO_FIXED_ADDRESS) {
        uint32_t start = info->header_size + info->protected_size;
        uint32_t at = info->fixed_flash - start;
        if (info->fixed_flash < start || at < cursor) {
            snprintf(err, errlen, "linked for flash address 0x%08x (FixedAddresses), so its TBF must start at "
                     "0x%08x, but the apps before it reach 0x%08x: give the apps in the order of their addresses",
                     (unsigned)info->fixed_flash, (unsigned)at, (unsigned)cursor);
            return -1;
        }
        if (at - cursor > 0 && at - cursor < TBFIMG_BASE_SIZE) {
            snprintf(err, errlen, "its fixed start 0x%08x leaves a %u-byte gap after the app before it, too small "
                     "for a padding object", (unsigned)at, (unsigned)(at - cursor));
            return -1;
        }
        *addr = at;
        return 0;
    }
    if (total == 0 || (total & (total - 1))) {
        snprintf(err, errlen, "total_size %u is not a power of two", (unsigned)total);
        return -1;
    }
    uint64_t at = ((uint64_t)cursor + total - 1) & ~(uint64_t)(total - 1);
    if (at > 0xffffffffull) {
        snprintf(err, errlen, "no room above 0x%08x", (unsigned)cursor);
        return -1;
    }
    *addr = (uint32_t)at;
    return 0;
}

void tbfimg_padding(uint8_t *out, uint32_t size)
{
    memset(out, 0, TBFIMG_BASE_SIZE);
    tbfimg_put16(out, TBFIMG_VERSION);
    tbfimg_put16(out + 2, TBFIMG_BASE_SIZE);
    tbfimg_put32(out + 4, size);
    tbfimg_put32(out + 12, tbfimg_checksum(out, TBFIMG_BASE_SIZE));
}

uint32_t tbfimg_checksum(const uint8_t *hdr, size_t hdr_len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 4 <= hdr_len; i += 4)
        if (i != 12)
            sum ^= tbfimg_get32(hdr + i);
    return sum;
}

/* credentials: hash footers of a TBF (Tock's TbfFooterV2Credentials; formats from
 * TbfFooterV2CredentialsType: SHA256 = 3, SHA384 = 4, SHA512 = 5). */
#include "tools/elf2tbf/credentials.h"

#include "lib/tbf/tbfimg.h"
#include "tools/elf2tbf/sha2.h"

static const struct {
    unsigned bit, format, len;
    void (*hash)(const void *data, size_t len, uint8_t *out);
} hashes_table[] = {
    { CRED_SHA256, TBFIMG_CRED_SHA256, SHA256_LEN, sha256 },
    { CRED_SHA384, TBFIMG_CRED_SHA384, SHA384_LEN, sha384 },
    { CRED_SHA512, TBFIMG_CRED_SHA512, SHA512_LEN, sha512 },
};
#define N_HASHES (sizeof(hashes_table) / sizeof(hashes_table[0]))

uint32_t credentials_size(unsigned hashes)
{
    uint32_t n = 0;
    for (unsigned i = 0; i < N_HASHES; i++)
        if (hashes & hashes_table[i].bit)
            n += 4 + 4 + hashes_table[i].len;
    return n;
}

void credentials_write(uint8_t *tbf, uint32_t binary_end, unsigned hashes)
{
    uint8_t *at = tbf + binary_end;
    for (unsigned i = 0; i < N_HASHES; i++) {
        if (!(hashes & hashes_table[i].bit))
            continue;
        tbfimg_put16(at, TBFIMG_TLV_CREDENTIALS);
        tbfimg_put16(at + 2, (uint16_t)(4 + hashes_table[i].len));
        tbfimg_put32(at + 4, hashes_table[i].format);
        hashes_table[i].hash(tbf, binary_end, at + 8);
        at += 8 + hashes_table[i].len;
    }
}

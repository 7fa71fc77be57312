/* sha2: SHA-256, SHA-384 and SHA-512 (FIPS 180-4), for TBF credentials footers. */
#ifndef TOOLS_ELF2TBF_SHA2_H
#define TOOLS_ELF2TBF_SHA2_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32
#define SHA384_LEN 48
#define SHA512_LEN 64

/* One-shot digests of len bytes at data into out (SHA*_LEN bytes). */
void sha256(const void *data, size_t len, uint8_t out[SHA256_LEN]);
void sha384(const void *data, size_t len, uint8_t out[SHA384_LEN]);
void sha512(const void *data, size_t len, uint8_t out[SHA512_LEN]);

#endif

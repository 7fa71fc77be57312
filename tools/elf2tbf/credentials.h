/* credentials: the hash footers elf2tab adds with --sha256, --sha384 and --sha512. */
#ifndef TOOLS_ELF2TBF_CREDENTIALS_H
#define TOOLS_ELF2TBF_CREDENTIALS_H

#include <stdint.h>

/* Which hashes to add (a bit mask). */
enum { CRED_SHA256 = 1u, CRED_SHA384 = 2u, CRED_SHA512 = 4u };

/* Bytes the footers for `hashes` take: per hash a credentials TLV (type 128, 4 bytes), the
 * format word (4 bytes) and the digest. */
uint32_t credentials_size(unsigned hashes);

/* Writes the footers at tbf + binary_end (space reserved by tbfimg_build): SHA-256, SHA-384,
 * SHA-512 in that order, each over the TBF's bytes [0, binary_end), which is what Tock's
 * kernel checks (header, protected region and binary). */
void credentials_write(uint8_t *tbf, uint32_t binary_end, unsigned hashes);

#endif

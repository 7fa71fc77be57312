/* Fuzz inputs as TBF images: bytes -> a TBF v2 header the kernel's loader will read past the
 * checksum (the boot fuzzer and the TBF parser targets). */
#ifndef SIM_FUZZ_TBFGEN_H
#define SIM_FUZZ_TBFGEN_H

#include <stddef.h>
#include <stdint.h>

/* Builds an image from data into out (cap bytes, zeroed first): a base header (version,
 * flags and total size chosen by the input, mostly sane), then TLVs chosen by the input
 * (Main, Program, package name, fixed addresses, kernel version, permissions, writeable
 * flash, unknown types) with boundary values in their fields, header_size, and a checksum
 * that matches (so the loader goes past it: that is where the interesting code is). The
 * image's total_size is what the header says, which may exceed what was written. Returns
 * the bytes written (at least the header). */
size_t fz_tbf_generate(const uint8_t *data, size_t size, uint8_t *out, size_t cap);

/* Recomputes the checksum word of the TBF header at img (header_size from its bytes, clamped
 * to len). */
void fz_tbf_fix_checksum(uint8_t *img, size_t len);

#endif

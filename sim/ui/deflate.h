/* Deflate compression (RFC 1951, fixed Huffman codes) and the CRC-32 / Adler-32 checksums. */
#ifndef SIM_UI_DEFLATE_H
#define SIM_UI_DEFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer. Start zeroed; free data with free(). */
struct ui_bytes {
    uint8_t *data;
    size_t len, cap;
    bool oom;                   /* an append failed: the contents are incomplete */
};

/* Appends n bytes; false (and b->oom set) when memory runs out. */
bool ui_bytes_append(struct ui_bytes *b, const void *p, size_t n);

/* CRC-32 as PNG and zip use it (reflected 0xEDB88320). Start with crc = 0. */
uint32_t ui_deflate_crc32(uint32_t crc, const void *buf, size_t n);
/* Adler-32 as zlib uses it. Start with adler = 1. */
uint32_t ui_deflate_adler32(uint32_t adler, const void *buf, size_t n);

/* Appends the raw deflate stream of in[0..n) to out: one final block with the fixed Huffman
 * codes and greedy LZ77 matches (good on screenshots' flat colours). False on out of memory. */
bool ui_deflate(const uint8_t *in, size_t n, struct ui_bytes *out);

#endif

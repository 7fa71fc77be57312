/* Deflate decompression (RFC 1951: stored, fixed and dynamic Huffman blocks). */
#ifndef SIM_UI_INFLATE_H
#define SIM_UI_INFLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/ui/deflate.h"

/* Appends the data of the raw deflate stream in[0..n) to out. On a malformed stream, false
 * with the reason in err; *used (if not NULL) is the number of input bytes consumed. */
bool ui_inflate(const uint8_t *in, size_t n, struct ui_bytes *out, size_t *used,
                char *err, size_t errlen);

#endif

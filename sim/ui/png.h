/* PNG files: writing screenshots and reading 8-bit RGB/RGBA images back for comparisons. */
#ifndef SIM_UI_PNG_H
#define SIM_UI_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/ui/deflate.h"

/* An RGB image, 3 bytes per pixel, rows packed top to bottom. */
struct ui_image {
    int w, h;
    uint8_t *rgb;
};

/* Allocates a black w x h image; false on out of memory. */
bool ui_image_alloc(struct ui_image *img, int w, int h);
void ui_image_free(struct ui_image *img);
/* Pointer to pixel (x, y); the caller keeps x, y inside the image. */
static inline uint8_t *ui_image_pixel(const struct ui_image *img, int x, int y)
{
    return img->rgb + ((size_t)y * (size_t)img->w + (size_t)x) * 3;
}

/* Appends a PNG file (8-bit truecolour, filter 0, fixed-Huffman deflate) to out. */
bool ui_png_encode(const struct ui_image *img, struct ui_bytes *out);
/* Decodes a non-interlaced 8-bit RGB or RGBA PNG (alpha is dropped) into img. */
bool ui_png_decode(const uint8_t *data, size_t n, struct ui_image *img, char *err, size_t errlen);

/* File versions; errors name the file. */
bool ui_png_write(const char *path, const struct ui_image *img, char *err, size_t errlen);
bool ui_png_read(const char *path, struct ui_image *img, char *err, size_t errlen);

/* Compares two images: false if the sizes differ; else *bad counts the pixels where any
 * channel differs by more than tolerance (0..255). */
bool ui_png_compare(const struct ui_image *a, const struct ui_image *b, int tolerance, size_t *bad);

#endif

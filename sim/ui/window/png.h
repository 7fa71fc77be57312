/* PNG files (libpng): writing screenshots and reading images back for comparisons. */
#ifndef SIM_UI_PNG_H
#define SIM_UI_PNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* Writes img as an 8-bit RGB PNG with fixed settings (zlib level 6, no filters), so the same
 * picture always gives the same bytes. A file that cannot be written completely is removed.
 * Errors name the file and the problem. */
bool ui_png_write(const char *path, const struct ui_image *img, char *err, size_t errlen);
/* Reads any valid PNG up to UI_PNG_MAX_SIDE pixels a side into 8-bit RGB: palettes and grey
 * are expanded, 16-bit samples keep their high byte, alpha is dropped (not composited),
 * interlacing is undone. Errors name the file and what is wrong with it. */
#define UI_PNG_MAX_SIDE 16384
bool ui_png_read(const char *path, struct ui_image *img, char *err, size_t errlen);

/* Compares two images: false if the sizes differ; else *bad counts the pixels where any
 * channel differs by more than tolerance (0..255). */
bool ui_png_compare(const struct ui_image *a, const struct ui_image *b, int tolerance, size_t *bad);

#endif

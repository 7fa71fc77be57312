/* PNG files through libpng. libpng reports errors by calling an error function that must not
 * return; ours records the message and jumps back to the setjmp in decode()/encode(), so a bad
 * file becomes an error message naming the file, never an abort or a line libpng prints on its
 * own. Warnings (benign problems, e.g. an odd colour profile) do not fail a read: the pixels are
 * still right. The last one is kept, because some errors only say "Invalid IHDR data" after a
 * warning that said what is invalid. */
#include "sim/ui/window/png.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <png.h>

/* Fixed so the same picture gives the same bytes (with the same zlib). No filters and zlib's
 * default level measured best on screenshots' flat colours: smaller and faster than libpng's
 * adaptive filters (doc/window.md, "Screenshots"). */
#define WRITE_LEVEL 6
#define WRITE_FILTERS PNG_FILTER_NONE

/* One file being read or written; the io_ptr and error_ptr of libpng's callbacks. */
struct png_file {
    FILE *f;
    png_bytep *rows;            /* row pointers into the image, freed after a longjmp too */
    char msg[300];              /* what went wrong */
    char warning[120];          /* libpng's last warning */
};

bool ui_image_alloc(struct ui_image *img, int w, int h)
{
    img->w = w;
    img->h = h;
    img->rgb = calloc((size_t)w * (size_t)h * 3 + 1, 1);
    return img->rgb != NULL;
}

void ui_image_free(struct ui_image *img)
{
    free(img->rgb);
    img->rgb = NULL;
}

static void on_error(png_structp png, png_const_charp msg)
{
    struct png_file *pf = png_get_error_ptr(png);
    if (pf->warning[0])
        snprintf(pf->msg, sizeof(pf->msg), "%s (%s)", msg, pf->warning);
    else
        snprintf(pf->msg, sizeof(pf->msg), "%s", msg);
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    struct png_file *pf = png_get_error_ptr(png);
    snprintf(pf->warning, sizeof(pf->warning), "%s", msg);
}

/* Our own I/O functions: libpng's default ones say only "Read Error" / "Write Error". */
static void read_bytes(png_structp png, png_bytep data, size_t n)
{
    struct png_file *pf = png_get_io_ptr(png);
    pf->warning[0] = '\0';          /* a warning explains only an error that follows it at once */
    if (fread(data, 1, n, pf->f) == n)
        return;
    png_error(png, ferror(pf->f) ? strerror(errno) : "truncated: the file ends early");
}

static void write_bytes(png_structp png, png_bytep data, size_t n)
{
    struct png_file *pf = png_get_io_ptr(png);
    if (fwrite(data, 1, n, pf->f) != n)
        png_error(png, strerror(errno));
}

static void flush_bytes(png_structp png)
{
    (void)png;                  /* fclose flushes; its error is checked there */
}

/* ---- reading ------------------------------------------------------------------------------- */

/* Asks libpng for 8-bit RGB whatever the file holds. */
static void want_rgb8(png_structp png, png_infop info)
{
    png_set_expand(png);                /* palette -> RGB, grey < 8 bits -> 8, tRNS -> alpha */
    png_set_scale_16(png);
    png_set_strip_alpha(png);
    png_set_gray_to_rgb(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
}

/* Allocates img at the file's size and points pf->rows at its rows; png_error on failure. */
static void image_rows(png_structp png, png_infop info, struct png_file *pf, struct ui_image *img)
{
    int w = (int)png_get_image_width(png, info), h = (int)png_get_image_height(png, info);
    if (png_get_rowbytes(png, info) != (size_t)w * 3)
        png_error(png, "cannot convert the image to 8-bit RGB");
    pf->rows = malloc(sizeof(*pf->rows) * (size_t)h);
    if (!pf->rows || !ui_image_alloc(img, w, h))
        png_error(png, "out of memory");
    for (int y = 0; y < h; y++)
        pf->rows[y] = ui_image_pixel(img, 0, y);
}

static bool decode(struct png_file *pf, struct ui_image *img)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, pf, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    bool ok = false;
    if (!info)
        snprintf(pf->msg, sizeof(pf->msg), "out of memory");
    else if (setjmp(png_jmpbuf(png)) == 0) {
        png_set_read_fn(png, pf, read_bytes);
        png_set_sig_bytes(png, 8);
        png_set_user_limits(png, UI_PNG_MAX_SIDE, UI_PNG_MAX_SIDE);
        png_read_info(png, info);
        want_rgb8(png, info);
        image_rows(png, info, pf, img);
        png_read_image(png, pf->rows);
        png_read_end(png, NULL);        /* checks the rest of the file, up to IEND */
        ok = true;
    }
    png_destroy_read_struct(&png, &info, NULL);
    return ok;
}

static bool has_signature(struct png_file *pf)
{
    png_byte sig[8];
    size_t n = fread(sig, 1, sizeof(sig), pf->f);
    if (n == sizeof(sig) && png_sig_cmp(sig, 0, sizeof(sig)) == 0)
        return true;
    snprintf(pf->msg, sizeof(pf->msg), "%s", ferror(pf->f) ? strerror(errno)
             : n == 0 ? "empty file, not a PNG" : "not a PNG file (bad signature)");
    return false;
}

bool ui_png_read(const char *path, struct ui_image *img, char *err, size_t errlen)
{
    struct png_file pf = { .f = fopen(path, "rb") };
    *img = (struct ui_image){ 0 };
    if (!pf.f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    bool ok = has_signature(&pf) && decode(&pf, img);
    fclose(pf.f);
    free(pf.rows);
    if (!ok) {
        ui_image_free(img);
        snprintf(err, errlen, "%s: %s", path, pf.msg);
    }
    return ok;
}

/* ---- writing ------------------------------------------------------------------------------- */

static bool encode(struct png_file *pf, const struct ui_image *img)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, pf, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    bool ok = false;
    if (!info)
        snprintf(pf->msg, sizeof(pf->msg), "out of memory");
    else if (setjmp(png_jmpbuf(png)) == 0) {
        png_set_write_fn(png, pf, write_bytes, flush_bytes);
        png_set_IHDR(png, info, (png_uint_32)img->w, (png_uint_32)img->h, 8, PNG_COLOR_TYPE_RGB,
                     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_set_compression_level(png, WRITE_LEVEL);
        png_set_filter(png, PNG_FILTER_TYPE_BASE, WRITE_FILTERS);
        png_write_info(png, info);
        for (int y = 0; y < img->h; y++)
            png_write_row(png, ui_image_pixel(img, 0, y));
        png_write_end(png, NULL);
        ok = true;
    }
    png_destroy_write_struct(&png, &info);
    return ok;
}

/* Half a PNG must not pass for a reference later; only a regular file is removed (the path may
 * be a device or a pipe). */
static void remove_partial(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
        remove(path);
}

bool ui_png_write(const char *path, const struct ui_image *img, char *err, size_t errlen)
{
    struct png_file pf = { .f = fopen(path, "wb") };
    if (!pf.f) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        return false;
    }
    bool ok = encode(&pf, img);
    if (fclose(pf.f) != 0 && ok) {
        snprintf(pf.msg, sizeof(pf.msg), "%s", strerror(errno));
        ok = false;
    }
    if (!ok) {
        snprintf(err, errlen, "%s: cannot write: %s", path, pf.msg);
        remove_partial(path);
    }
    return ok;
}

bool ui_png_compare(const struct ui_image *a, const struct ui_image *b, int tolerance, size_t *bad)
{
    if (a->w != b->w || a->h != b->h)
        return false;
    size_t n = (size_t)a->w * (size_t)a->h, count = 0;
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < 3; c++)
            if (abs(a->rgb[i * 3 + c] - b->rgb[i * 3 + c]) > tolerance) {
                count++;
                break;
            }
    *bad = count;
    return true;
}

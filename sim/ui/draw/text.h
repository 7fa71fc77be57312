/* Text in the window: DejaVu fonts through SDL2_ttf, drawn from per-font glyph atlases. */
#ifndef SIM_UI_TEXT_H
#define SIM_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>
#include <SDL_ttf.h>

enum ui_font { UI_FONT_SANS, UI_FONT_BOLD, UI_FONT_MONO, UI_FONT_COUNT };

#define UI_TEXT_ASCII  95       /* ' '..'~' */
#define UI_TEXT_EXTRAS 8        /* a few symbols beyond ASCII, see sim/ui/draw/text.c */
#define UI_TEXT_GLYPHS (UI_TEXT_ASCII + UI_TEXT_EXTRAS)

struct ui_glyph {
    SDL_Rect src;               /* in the atlas; w == 0: the font lacks it */
    int advance;
};

struct ui_face {
    TTF_Font *font;
    SDL_Texture *atlas;         /* white glyphs on transparent; colour comes from colour mod */
    struct ui_glyph glyphs[UI_TEXT_GLYPHS];
    int height;
};

struct ui_text {
    SDL_Renderer *renderer;
    float scale;
    struct ui_face faces[UI_FONT_COUNT];
};

/* Opens the fonts at sizes for this scale and builds their atlases on the renderer. False with
 * a message naming the font files and the Debian package when the fonts are missing. */
bool ui_text_open(struct ui_text *t, SDL_Renderer *r, float scale, char *err, size_t errlen);
void ui_text_close(struct ui_text *t);
/* Draws UTF-8 text with its top-left at (x, y); characters without a glyph show as '?'. If it
 * is wider than max_w (> 0), it is cut and ends with an ellipsis. Returns the width drawn. */
int ui_text_draw(struct ui_text *t, enum ui_font f, int x, int y, const char *s, SDL_Color c, int max_w);
int ui_text_width(struct ui_text *t, enum ui_font f, const char *s);
int ui_text_height(const struct ui_text *t, enum ui_font f);
/* Finds a font file (e.g. "DejaVuSans.ttf") in $TOCKSIM_FONT_DIR and the usual directories;
 * fills path and returns true, or false. */
bool ui_text_find_font(const char *file, char *path, size_t n);

#endif

/* Text for the window. Each font is rendered once per scale into an atlas texture of white
 * glyphs (ASCII plus a few symbols), and strings are drawn glyph by glyph from it with the
 * renderer's colour modulation: no per-frame font rendering, and the same path works on the
 * software renderer used for screenshots. Kerning is not applied. */
#include "sim/ui/draw/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Symbols beyond ASCII the window uses, in glyph order after '~'. */
static const Uint32 extras[UI_TEXT_EXTRAS] = {
    0x2026,     /* … ellipsis */
    0x00D7,     /* × times */
    0x00B5,     /* µ micro */
    0x00B7,     /* · middle dot */
    0x2014,     /* — em dash */
    0x25B6,     /* ▶ play */
    0x2013,     /* – en dash */
    0x25C0,     /* ◀ back */
};

static const struct { const char *file; int pt; } font_files[UI_FONT_COUNT] = {
    [UI_FONT_SANS] = { "DejaVuSans.ttf", 14 },
    [UI_FONT_BOLD] = { "DejaVuSans-Bold.ttf", 14 },
    [UI_FONT_MONO] = { "DejaVuSansMono.ttf", 13 },
};

static const char *const font_dirs[] = {
    "/usr/share/fonts/truetype/dejavu",     /* Debian, Ubuntu: fonts-dejavu-core */
    "/usr/share/fonts/dejavu",              /* Fedora */
    "/usr/share/fonts/TTF",                 /* Arch */
    "/usr/local/share/fonts",
};

bool ui_text_find_font(const char *file, char *path, size_t n)
{
    const char *env = getenv("TOCKSIM_FONT_DIR");
    if (env && *env) {
        snprintf(path, n, "%s/%s", env, file);
        if (access(path, R_OK) == 0)
            return true;
    }
    for (size_t i = 0; i < sizeof(font_dirs) / sizeof(font_dirs[0]); i++) {
        snprintf(path, n, "%s/%s", font_dirs[i], file);
        if (access(path, R_OK) == 0)
            return true;
    }
    return false;
}

static Uint32 glyph_codepoint(int i)
{
    return i < UI_TEXT_ASCII ? (Uint32)(' ' + i) : extras[i - UI_TEXT_ASCII];
}

/* Renders every glyph of face f, packs them side by side into one surface, returns it. */
static SDL_Surface *render_atlas(struct ui_face *f)
{
    SDL_Color white = { 255, 255, 255, 255 };
    SDL_Surface *parts[UI_TEXT_GLYPHS] = { 0 };
    int width = 0;
    for (int i = 0; i < UI_TEXT_GLYPHS; i++) {
        Uint32 cp = glyph_codepoint(i);
        int minx, maxx, miny, maxy, adv;
        if (!TTF_GlyphIsProvided32(f->font, cp) || TTF_GlyphMetrics32(f->font, cp, &minx, &maxx, &miny, &maxy, &adv))
            continue;
        f->glyphs[i].advance = adv;
        parts[i] = cp == ' ' ? NULL : TTF_RenderGlyph32_Blended(f->font, cp, white);
        if (parts[i])
            width += parts[i]->w + 1;
    }
    SDL_Surface *atlas = SDL_CreateRGBSurfaceWithFormat(0, width > 0 ? width : 1, f->height, 32,
                                                        SDL_PIXELFORMAT_ARGB8888);
    for (int i = 0, x = 0; i < UI_TEXT_GLYPHS; i++) {
        if (!parts[i])
            continue;
        SDL_Rect dst = { x, 0, parts[i]->w, parts[i]->h < f->height ? parts[i]->h : f->height };
        if (atlas) {
            SDL_SetSurfaceBlendMode(parts[i], SDL_BLENDMODE_NONE);
            SDL_BlitSurface(parts[i], NULL, atlas, &dst);
        }
        f->glyphs[i].src = dst;
        x += parts[i]->w + 1;
        SDL_FreeSurface(parts[i]);
    }
    return atlas;
}

static bool open_face(struct ui_text *t, enum ui_font which, char *err, size_t errlen)
{
    struct ui_face *f = &t->faces[which];
    char path[512];
    if (!ui_text_find_font(font_files[which].file, path, sizeof(path))) {
        snprintf(err, errlen, "font %s not found in $TOCKSIM_FONT_DIR or %s: install Debian's "
                 "fonts-dejavu-core (apt-get install fonts-dejavu-core)", font_files[which].file, font_dirs[0]);
        return false;
    }
    f->font = TTF_OpenFont(path, (int)(font_files[which].pt * t->scale + 0.5f));
    if (!f->font) {
        snprintf(err, errlen, "cannot open font %s: %s", path, TTF_GetError());
        return false;
    }
    f->height = TTF_FontHeight(f->font);
    SDL_Surface *s = render_atlas(f);
    f->atlas = s ? SDL_CreateTextureFromSurface(t->renderer, s) : NULL;
    SDL_FreeSurface(s);
    if (!f->atlas) {
        snprintf(err, errlen, "cannot build the glyph atlas for %s: %s", path, SDL_GetError());
        return false;
    }
    SDL_SetTextureBlendMode(f->atlas, SDL_BLENDMODE_BLEND);
    return true;
}

bool ui_text_open(struct ui_text *t, SDL_Renderer *r, float scale, char *err, size_t errlen)
{
    memset(t, 0, sizeof(*t));
    t->renderer = r;
    t->scale = scale;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errlen, "SDL_ttf: %s", TTF_GetError());
        return false;
    }
    for (int i = 0; i < UI_FONT_COUNT; i++)
        if (!open_face(t, (enum ui_font)i, err, errlen)) {
            ui_text_close(t);
            return false;
        }
    return true;
}

void ui_text_close(struct ui_text *t)
{
    for (int i = 0; i < UI_FONT_COUNT; i++) {
        if (t->faces[i].atlas)
            SDL_DestroyTexture(t->faces[i].atlas);
        if (t->faces[i].font)
            TTF_CloseFont(t->faces[i].font);
    }
    memset(t->faces, 0, sizeof(t->faces));
}

/* Decodes one UTF-8 character at *s (advancing it); malformed bytes give '?'. */
static Uint32 next_codepoint(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    int n = p[0] < 0x80 ? 0 : (p[0] & 0xe0) == 0xc0 ? 1 : (p[0] & 0xf0) == 0xe0 ? 2 : (p[0] & 0xf8) == 0xf0 ? 3 : -1;
    if (n < 0) {
        (*s)++;
        return '?';
    }
    Uint32 cp = n == 0 ? p[0] : p[0] & (0x3f >> n);
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            *s += i;
            return '?';
        }
        cp = cp << 6 | (p[i] & 0x3f);
    }
    *s += n + 1;
    return cp;
}

/* The glyph index for a code point ('?' for unknown or absent ones). */
static int glyph_index(const struct ui_face *f, Uint32 cp)
{
    int i = -1;
    if (cp >= ' ' && cp <= '~')
        i = (int)cp - ' ';
    for (int k = 0; i < 0 && k < UI_TEXT_EXTRAS; k++)
        if (extras[k] == cp)
            i = UI_TEXT_ASCII + k;
    if (i < 0 || f->glyphs[i].advance == 0)
        i = '?' - ' ';
    return i;
}

int ui_text_width(struct ui_text *t, enum ui_font f, const char *s)
{
    int w = 0;
    while (*s)
        w += t->faces[f].glyphs[glyph_index(&t->faces[f], next_codepoint(&s))].advance;
    return w;
}

int ui_text_height(const struct ui_text *t, enum ui_font f)
{
    return t->faces[f].height;
}

static void draw_glyph(struct ui_text *t, const struct ui_face *f, int gi, int x, int y)
{
    const struct ui_glyph *g = &f->glyphs[gi];
    if (g->src.w == 0)
        return;
    SDL_Rect dst = { x, y, g->src.w, g->src.h };
    SDL_RenderCopy(t->renderer, f->atlas, &g->src, &dst);
}

int ui_text_draw(struct ui_text *t, enum ui_font f, int x, int y, const char *s, SDL_Color c, int max_w)
{
    struct ui_face *face = &t->faces[f];
    SDL_SetTextureColorMod(face->atlas, c.r, c.g, c.b);
    SDL_SetTextureAlphaMod(face->atlas, c.a);
    bool cut = max_w > 0 && ui_text_width(t, f, s) > max_w;
    int ell = glyph_index(face, 0x2026), limit = cut ? max_w - face->glyphs[ell].advance : 0;
    int x0 = x;
    while (*s) {
        int gi = glyph_index(face, next_codepoint(&s));
        if (cut && x - x0 + face->glyphs[gi].advance > limit)
            break;
        draw_glyph(t, face, gi, x, y);
        x += face->glyphs[gi].advance;
    }
    if (cut) {
        draw_glyph(t, face, ell, x, y);
        x += face->glyphs[ell].advance;
    }
    return x - x0;
}

/* tab_read: list the TBFs of a Tock Application Bundle and read its metadata.toml. */
#include "lib/tab/tab.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/tab/ustar.h"

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* A TOML value: a basic string ("..." with \" and \\ escapes) or a bare word (a number).
 * Only the keys a TAB uses are read, so the subset is enough. */
static void toml_value(const char *v, size_t n, char *out, size_t outlen)
{
    size_t k = 0;
    if (n && v[0] == '"') {
        for (size_t i = 1; i < n && v[i] != '"' && k + 1 < outlen; i++)
            out[k++] = (v[i] == '\\' && i + 1 < n) ? v[++i] : v[i];
    } else {
        while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'))
            n--;
        for (size_t i = 0; i < n && k + 1 < outlen; i++)
            out[k++] = v[i];
    }
    out[k] = 0;
}

/* Stores one "key = value" line of metadata.toml; -1 for a tab-version other than 1. */
static int meta_line(struct tab *t, const char *line, size_t n, char *err, size_t errlen)
{
    const char *eq = memchr(line, '=', n);
    if (!eq || line[0] == '#' || line[0] == '[')
        return 0;
    size_t klen = (size_t)(eq - line);
    while (klen && (line[klen - 1] == ' ' || line[klen - 1] == '\t'))
        klen--;
    const char *v = eq + 1;
    while (v < line + n && (*v == ' ' || *v == '\t'))
        v++;
    char value[TAB_FIELD_MAX + 1];
    toml_value(v, (size_t)(line + n - v), value, sizeof(value));
#define KEY(s) (klen == strlen(s) && memcmp(line, s, klen) == 0)
    if (KEY("tab-version") && strcmp(value, "1") != 0)
        return fail(err, errlen, "metadata.toml: tab-version %s is not supported (only 1)", value);
    if (KEY("name"))
        snprintf(t->name, sizeof(t->name), "%s", value);
    else if (KEY("minimum-tock-kernel-version"))
        snprintf(t->kernel_version, sizeof(t->kernel_version), "%s", value);
    else if (KEY("only-for-boards"))
        snprintf(t->boards, sizeof(t->boards), "%s", value);
#undef KEY
    return 0;
}

static int read_metadata(struct tab *t, const struct ustar_entry *e, char *err, size_t errlen)
{
    const char *s = (const char *)e->data, *end = s + e->size;
    t->has_metadata = 1;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = (size_t)((nl ? nl : end) - s);
        while (n && (*s == ' ' || *s == '\t')) {
            s++;
            n--;
        }
        if (meta_line(t, s, n, err, errlen))
            return -1;
        s += n + (nl ? 1 : 0);
    }
    return 0;
}

/* Records a TBF member: its architecture (the name up to the first dot) and header. */
static int add_tbf(struct tab *t, const struct ustar_entry *e, char *err, size_t errlen)
{
    if (t->n == TAB_MAX_TBFS)
        return fail(err, errlen, "more than %d TBFs", TAB_MAX_TBFS);
    struct tab_tbf *b = &t->tbf[t->n++];
    memset(b, 0, sizeof(*b));
    snprintf(b->name, sizeof(b->name), "%s", e->name);
    const char *base = base_name(e->name);
    size_t alen = strcspn(base, ".");
    if (alen > TAB_ARCH_MAX)
        alen = TAB_ARCH_MAX;
    memcpy(b->arch, base, alen);
    b->data = e->data;
    b->len = e->size;
    b->header_ok = tbfimg_parse(e->data, e->size, &b->info, b->why, sizeof(b->why)) == 0;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

int tab_read(const uint8_t *buf, size_t len, struct tab *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof(*t));
    if (!ustar_is_tar(buf, len))
        return fail(err, errlen, "not a TAB: no tar header at byte offset 0 (no \"ustar\" magic "
                    "at offset 257%s)", len < USTAR_BLOCK ? ", and shorter than one 512-byte block" : "");
    struct ustar_reader r;
    struct ustar_entry e;
    int rc;
    ustar_reader_init(&r, buf, len);
    while ((rc = ustar_next(&r, &e, err, errlen)) == 1) {
        if (e.type != '0')
            continue;
        if (strcmp(base_name(e.name), "metadata.toml") == 0)
            rc = read_metadata(t, &e, err, errlen);
        else if (ends_with(e.name, ".tbf"))
            rc = add_tbf(t, &e, err, errlen);
        if (rc < 0)
            return -1;
    }
    if (rc < 0)
        return -1;
    if (t->n == 0)
        return fail(err, errlen, "the TAB holds no .tbf file");
    return 0;
}

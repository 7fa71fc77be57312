/* tab_write: the metadata.toml of a Tock Application Bundle, with the keys elf2tab writes. */
#include "lib/tab/tab.h"

#include <stdio.h>
#include <string.h>

/* Appends s as a TOML basic string (quotes and backslashes escaped). */
static size_t quoted(char *out, size_t len, size_t k, const char *s)
{
    if (k < len)
        out[k] = '"';
    k++;
    for (; *s; s++) {
        if ((*s == '"' || *s == '\\') && k < len)
            out[k++] = '\\';
        if (k < len)
            out[k] = *s;
        k++;
    }
    if (k < len)
        out[k] = '"';
    return k + 1;
}

static size_t text(char *out, size_t len, size_t k, const char *s)
{
    size_t n = strlen(s);
    if (k < len)
        memcpy(out + k, s, k + n <= len ? n : len - k);
    return k + n;
}

int tab_metadata(const struct tab_meta *m, char *out, size_t outlen)
{
    char line[96];
    size_t k = text(out, outlen, 0, "tab-version = 1\nname = ");
    k = quoted(out, outlen, k, m->name ? m->name : "");
    k = text(out, outlen, k, "\nonly-for-boards = ");
    k = quoted(out, outlen, k, m->only_for_boards ? m->only_for_boards : "");
    k = text(out, outlen, k, "\n");
    if (m->has_kernel_version) {
        snprintf(line, sizeof(line), "minimum-tock-kernel-version = \"%u.%u\"\n", m->kernel_major,
                 m->kernel_minor);
        k = text(out, outlen, k, line);
    }
    if (m->build_date) {
        k = text(out, outlen, k, "build-date = ");
        k = text(out, outlen, k, m->build_date);
        k = text(out, outlen, k, "\n");
    }
    if (k >= outlen)
        return -1;
    out[k] = 0;
    return (int)k;
}

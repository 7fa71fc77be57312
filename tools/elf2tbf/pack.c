/* pack: elf2tbf's outputs, one TBF or a TAB with one TBF per ELF (as elf2tab writes them:
 * its src/main.rs). */
#include "tools/elf2tbf/pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/tab/tab.h"
#include "lib/tab/ustar.h"
#include "tools/elf2tbf/dump.h"
#include "tools/elf2tbf/fileio.h"

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

char *pack_side_path(const char *elf_path)
{
    const char *slash = strrchr(elf_path, '/');
    const char *base = slash ? slash + 1 : elf_path;
    const char *dot = strrchr(base, '.');
    size_t keep = dot && dot != base ? (size_t)(dot - elf_path) : strlen(elf_path);
    char *p = malloc(keep + 5);
    if (p) {
        memcpy(p, elf_path, keep);
        memcpy(p + keep, ".tbf", 5);
    }
    return p;
}

/* Reads and converts one ELF; NULL after printing the problem. */
static uint8_t *convert_file(const char *path, const struct elf2tbf_options *o, size_t *len)
{
    char err[600];
    size_t elf_len;
    uint8_t *elf = fileio_read(path, &elf_len, err, sizeof(err));
    if (!elf) {
        fprintf(stderr, "elf2tbf: %s\n", err);
        return NULL;
    }
    uint8_t *tbf = elf2tbf_convert(elf, elf_len, o, len, err, sizeof(err));
    free(elf);
    if (!tbf)
        fprintf(stderr, "elf2tbf: %s: %s\n", path, err);
    return tbf;
}

static void verbose_header(const char *label, const uint8_t *tbf, size_t len)
{
    struct tbfimg_info info;
    char err[300];
    if (tbfimg_parse(tbf, len, &info, err, sizeof(err)) == 0)
        dump_tbf_info(stdout, label, &info);
}

static int write_out(const char *path, const void *buf, size_t len)
{
    char err[600];
    if (fileio_write(path, buf, len, err, sizeof(err)) == 0)
        return 0;
    fprintf(stderr, "elf2tbf: %s\n", err);
    return 1;
}

/* One ELF to one .tbf file. */
static int pack_tbf(const struct elf2tbf_cmdline *c)
{
    if (c->n_inputs != 1) {
        fprintf(stderr, "elf2tbf: %s: a .tbf holds one app, but %d ELF files are given (name a "
                ".tab output to bundle several)\n", c->output, c->n_inputs);
        return 2;
    }
    size_t len;
    uint8_t *tbf = convert_file(c->inputs[0].path, &c->opts, &len);
    if (!tbf)
        return 1;
    int rc = write_out(c->output, tbf, len);
    if (rc == 0 && c->verbose)
        verbose_header(c->output, tbf, len);
    free(tbf);
    return rc;
}

/* metadata.toml, first in the archive as elf2tab puts it. */
static int add_metadata(const struct elf2tbf_cmdline *c, struct ustar_writer *w, uint64_t mtime)
{
    char date[32], text[1024], err[300];
    time_t now = (time_t)mtime;
    struct tab_meta m = {
        .name = c->opts.tbf.package_name ? c->opts.tbf.package_name : "",
        .only_for_boards = c->boards ? c->boards : "",
        .has_kernel_version = c->opts.tbf.has_kernel_version,
        .kernel_major = c->opts.tbf.kernel_major,
        .kernel_minor = c->opts.tbf.kernel_minor,
        .build_date = NULL,
    };
    if (!c->deterministic && strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now)))
        m.build_date = date;
    int n = tab_metadata(&m, text, sizeof(text));
    if (n < 0 || ustar_add(w, "metadata.toml", text, (size_t)n, mtime, err, sizeof(err))) {
        fprintf(stderr, "elf2tbf: %s: %s\n", c->output, n < 0 ? "metadata too long" : err);
        return 1;
    }
    return 0;
}

/* The TAB member for an input: "<arch>.tbf", or the name of the TBF beside the ELF. */
static void member_name(const struct elf2tbf_input *in, const char *side, char *out, size_t len)
{
    const char *slash = strrchr(side, '/');
    if (in->arch)
        snprintf(out, len, "%s.tbf", in->arch);
    else
        snprintf(out, len, "%s", slash ? slash + 1 : side);
}

/* Before converting anything: no TBF beside an ELF may be the TAB itself, and no two inputs
 * may give the same member name (tockloader picks TBFs by it). */
static int check_inputs(const struct elf2tbf_cmdline *c)
{
    char names[ELF2TBF_MAX_INPUTS][300];
    for (int k = 0; k < c->n_inputs; k++) {
        char *side = pack_side_path(c->inputs[k].path);
        if (!side) {
            fprintf(stderr, "elf2tbf: out of memory\n");
            return 1;
        }
        int same = strcmp(side, c->output) == 0;
        member_name(&c->inputs[k], side, names[k], sizeof(names[k]));
        free(side);
        if (same) {
            fprintf(stderr, "elf2tbf: %s: the TBF written beside %s would overwrite the TAB\n",
                    c->output, c->inputs[k].path);
            return 2;
        }
        for (int j = 0; j < k; j++)
            if (strcmp(names[j], names[k]) == 0) {
                fprintf(stderr, "elf2tbf: %s: %s and %s would both be the TAB's %s\n", c->output,
                        c->inputs[j].path, c->inputs[k].path, names[k]);
                return 2;
            }
    }
    return 0;
}

/* Converts input k, writes its TBF beside the ELF and adds it to the archive. */
static int add_input(const struct elf2tbf_cmdline *c, int k, struct ustar_writer *w, uint64_t mtime)
{
    const struct elf2tbf_input *in = &c->inputs[k];
    char member[300], err[300];
    char *side = pack_side_path(in->path);
    size_t len = 0;
    uint8_t *tbf = side ? convert_file(in->path, &c->opts, &len) : NULL;
    int rc = tbf ? write_out(side, tbf, len) : 1;
    if (rc == 0) {
        member_name(in, side, member, sizeof(member));
        if (ustar_add(w, member, tbf, len, mtime, err, sizeof(err))) {
            fprintf(stderr, "elf2tbf: %s: %s\n", c->output, err);
            rc = 1;
        } else if (c->verbose) {
            verbose_header(side, tbf, len);
        }
    }
    free(tbf);
    free(side);
    return rc;
}

static int pack_tab(const struct elf2tbf_cmdline *c)
{
    struct ustar_writer w = { 0 };
    uint64_t mtime = c->deterministic ? 0 : (uint64_t)time(NULL);
    char err[300];
    int rc = check_inputs(c);
    if (rc == 0)
        rc = add_metadata(c, &w, mtime);
    for (int k = 0; rc == 0 && k < c->n_inputs; k++)
        rc = add_input(c, k, &w, mtime);
    if (rc == 0 && ustar_finish(&w, err, sizeof(err))) {
        fprintf(stderr, "elf2tbf: %s: %s\n", c->output, err);
        rc = 1;
    }
    if (rc == 0)
        rc = write_out(c->output, w.data, w.len);
    ustar_writer_free(&w);
    return rc;
}

int pack_run(const struct elf2tbf_cmdline *c)
{
    if (c->n_inputs == 0) {
        fprintf(stderr, "elf2tbf: no ELF file given\n%s", elf2tbf_usage);
        return 2;
    }
    return ends_with(c->output, ".tbf") ? pack_tbf(c) : pack_tab(c);
}

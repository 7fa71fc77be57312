/* JUnit XML writer (see junit.h). The schema CI tools accept (Jenkins, GitLab, GitHub
 * reporters): <testsuites><testsuite name tests failures errors skipped time><testcase name
 * classname time> with <failure message>, <error message> or <skipped message>, and
 * <system-out>. Times are wall seconds; virtual time is in the message and output. */
#include "sim/scenario/junit.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Escapes XML text; characters XML 1.0 forbids become '?'. */
static void xml_text(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        unsigned char ch = (unsigned char)*s;
        switch (ch) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&apos;", f); break;
        default: fputc(ch < 0x20 && ch != '\n' && ch != '\t' ? '?' : ch, f); break;
        }
    }
}

static void classname(FILE *f, const char *file)
{
    size_t n = strlen(file);
    if (n > 5 && strcmp(file + n - 5, ".json") == 0)
        n -= 5;
    for (size_t i = 0; i < n; i++)
        if (file[i] != '.' || i > 0)
            fputc(file[i] == '/' ? '.' : file[i], f);
}

static void write_case(FILE *f, const struct junit_case *c)
{
    static const char *const tags[] = { NULL, "failure", "skipped", "error" };
    const char *tag = tags[c->result.verdict];
    fputs("    <testcase name=\"", f);
    xml_text(f, c->name);
    fputs("\" classname=\"", f);
    classname(f, c->file);
    fprintf(f, "\" file=\"");
    xml_text(f, c->file);
    fprintf(f, "\" time=\"%.3f\">\n", c->result.wall_s);
    if (tag) {
        fprintf(f, "      <%s message=\"", tag);
        xml_text(f, c->result.message);
        fprintf(f, "\"%s>", c->result.verdict == SCENARIO_SKIP ? "/" : "");
        if (c->result.verdict != SCENARIO_SKIP) {
            xml_text(f, c->result.message);
            fprintf(f, "</%s>", tag);
        }
        fputc('\n', f);
    }
    if (c->output) {
        fputs("      <system-out>", f);
        xml_text(f, c->output);
        fputs("</system-out>\n", f);
    }
    fputs("    </testcase>\n", f);
}

bool junit_write(const char *path, const struct junit_case *cases, int n, double wall_s, char *err, size_t errlen)
{
    int count[4] = { 0 };
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write JUnit file %s: %s", path, strerror(errno));
        return false;
    }
    for (int i = 0; i < n; i++)
        count[cases[i].result.verdict]++;
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
    fprintf(f, "  <testsuite name=\"tocksim scenarios\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">\n",
            n, count[SCENARIO_FAIL], count[SCENARIO_ERROR], count[SCENARIO_SKIP], wall_s);
    for (int i = 0; i < n; i++)
        write_case(f, &cases[i]);
    fprintf(f, "  </testsuite>\n</testsuites>\n");
    if (fclose(f) != 0) {
        snprintf(err, errlen, "cannot write JUnit file %s: %s", path, strerror(errno));
        return false;
    }
    return true;
}

/* tab_pick: choose the TBF of a TAB that a board can run at the next place in its apps region,
 * as tockloader does when it installs a TAB (by architecture, then by fixed flash address). */
#include "lib/tab/tab.h"

#include <stdio.h>
#include <string.h>

uint32_t tab_fixed_start(const struct tbfimg_info *info, int *fixed)
{
    *fixed = info->has_fixed && info->fixed_flash != TBFIMG_NO_FIXED_ADDRESS;
    if (!*fixed)
        return 0;
    return info->fixed_flash - info->header_size - info->protected_size;
}

/* Rank of arch in the space-separated pattern list (0 = best), or -1 if none matches. */
static int arch_rank(const char *archs, const char *arch)
{
    int rank = 0;
    for (const char *p = archs; *p; rank++) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        int prefix = p[n - 1] == '*';
        size_t k = prefix ? n - 1 : n;
        if (strncmp(p, arch, k) == 0 && (prefix || arch[k] == 0))
            return rank;
        p += n;
    }
    return -1;
}

/* Nonzero if a fixed-address TBF does not fit at the target; then why says so (unless len
 * is 0). */
static int misfit(const struct tab_tbf *b, const struct tab_target *tg, char *why, size_t len)
{
    int fixed;
    uint64_t start = tab_fixed_start(&b->info, &fixed), end = start + b->info.total_size;
    if (!fixed)
        return 0;
    if (b->info.fixed_flash < (uint64_t)b->info.header_size + b->info.protected_size) {
        if (len)
            snprintf(why, len, "%s: flash address 0x%08x is below its own header", b->name,
                     (unsigned)b->info.fixed_flash);
    } else if (start < tg->cursor) {
        if (len)
            snprintf(why, len, "%s starts at 0x%08x, below the next free address 0x%08x", b->name,
                     (unsigned)start, (unsigned)tg->cursor);
    } else if (end > tg->region_end) {
        if (len)
            snprintf(why, len, "%s at 0x%08x..0x%08llx ends past the apps region (end 0x%08x)",
                     b->name, (unsigned)start, (unsigned long long)end, (unsigned)tg->region_end);
    } else {
        return 0;
    }
    return 1;
}

/* True if candidate i is better than the current best (rank, then PIC, then lower address). */
static int better(const struct tab *t, int i, int rank_i, int best, int rank_best)
{
    if (best < 0 || rank_i != rank_best)
        return best < 0 || rank_i < rank_best;
    int fi, fb;
    uint32_t si = tab_fixed_start(&t->tbf[i].info, &fi), sb = tab_fixed_start(&t->tbf[best].info, &fb);
    return fi != fb ? !fi : si < sb;
}

/* The architectures the TAB has, for messages: "cortex-m0, cortex-m4". */
static void list_archs(const struct tab *t, char *out, size_t len)
{
    size_t k = 0;
    out[0] = 0;
    for (int i = 0; i < t->n && k < len; i++) {
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= strcmp(t->tbf[j].arch, t->tbf[i].arch) == 0;
        if (!seen)
            k += (size_t)snprintf(out + k, len - k, "%s%s", k ? ", " : "", t->tbf[i].arch);
    }
}

/* The message when nothing fits: no matching architecture, or why each match misfits. */
static void explain(const struct tab *t, const struct tab_target *tg, char *err, size_t errlen)
{
    char have[300], why[600] = "", one[300];
    int matches = 0;
    size_t k = 0;
    list_archs(t, have, sizeof(have));
    for (int i = 0; i < t->n; i++) {
        if (arch_rank(tg->archs, t->tbf[i].arch) < 0)
            continue;
        matches++;
        if (!t->tbf[i].header_ok)
            snprintf(one, sizeof(one), "%s: %s", t->tbf[i].name, t->tbf[i].why);
        else if (!misfit(&t->tbf[i], tg, one, sizeof(one)))
            one[0] = 0;
        if (one[0] && k < sizeof(why))
            k += (size_t)snprintf(why + k, sizeof(why) - k, "%s%s", k ? "; " : "", one);
    }
    if (matches == 0)
        snprintf(err, errlen, "no TBF for this board: the TAB has %s; the board runs %s", have, tg->archs);
    else
        snprintf(err, errlen, "none of its %d TBF(s) for this board can go here: %s", matches, why);
}

int tab_pick(const struct tab *t, const struct tab_target *tg, char *err, size_t errlen)
{
    int best = -1, best_rank = 0;
    for (int i = 0; i < t->n; i++) {
        int rank = arch_rank(tg->archs, t->tbf[i].arch);
        if (rank < 0 || !t->tbf[i].header_ok || misfit(&t->tbf[i], tg, NULL, 0))
            continue;
        if (better(t, i, rank, best, best_rank)) {
            best = i;
            best_rank = rank;
        }
    }
    if (best < 0)
        explain(t, tg, err, errlen);
    return best;
}

/* The timeline's event ring and the strip's window (timeline.h). Events arrive in virtual-time
 * order from the observers, so the ring is sorted and a window is found by binary search. */
#include "sim/ui/timeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ui_tl_init(struct ui_timeline *tl)
{
    memset(tl, 0, sizeof(*tl));
    tl->ev = calloc(UI_TL_CAPACITY, sizeof(*tl->ev));
    tl->running = UI_TL_KERNEL;         /* the CPU starts in the kernel */
    tl->span_ns = UI_TL_DEFAULT_SPAN_NS;
    tl->follow = true;
    return tl->ev != NULL;
}

void ui_tl_free(struct ui_timeline *tl)
{
    free(tl->ev);
    tl->ev = NULL;
}

uint64_t ui_tl_first(const struct ui_timeline *tl)
{
    return tl->total > UI_TL_CAPACITY ? tl->total - UI_TL_CAPACITY : 0;
}

const struct ui_tl_event *ui_tl_get(const struct ui_timeline *tl, uint64_t k)
{
    return k >= ui_tl_first(tl) && k < tl->total ? &tl->ev[k % UI_TL_CAPACITY] : NULL;
}

struct ui_tl_event *ui_tl_get_mut(struct ui_timeline *tl, uint64_t k)
{
    return k >= ui_tl_first(tl) && k < tl->total ? &tl->ev[k % UI_TL_CAPACITY] : NULL;
}

uint64_t ui_tl_add(struct ui_timeline *tl, const struct ui_tl_event *e)
{
    tl->ev[tl->total % UI_TL_CAPACITY] = *e;
    return tl->total++;
}

void ui_tl_run(struct ui_timeline *tl, uint64_t t_ns, unsigned lane)
{
    if (lane > UI_TL_LANES || lane == tl->running)
        return;
    tl->running = (uint8_t)lane;
    struct ui_tl_event e = { .t_ns = t_ns, .kind = lane == UI_TL_LANES ? UI_TL_IDLE : UI_TL_RUN,
                             .lane = (uint8_t)(lane == UI_TL_LANES ? 0 : lane) };
    ui_tl_add(tl, &e);
}

uint64_t ui_tl_find(const struct ui_timeline *tl, uint64_t t_ns)
{
    uint64_t lo = ui_tl_first(tl), hi = tl->total;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (tl->ev[mid % UI_TL_CAPACITY].t_ns < t_ns)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

unsigned ui_tl_running_at(const struct ui_timeline *tl, uint64_t t_ns)
{
    uint64_t first = ui_tl_first(tl);
    for (uint64_t k = ui_tl_find(tl, t_ns + 1); k-- > first;) {
        const struct ui_tl_event *e = &tl->ev[k % UI_TL_CAPACITY];
        if (e->kind == UI_TL_RUN)
            return e->lane;
        if (e->kind == UI_TL_IDLE)
            return UI_TL_LANES;
    }
    return first == 0 ? UI_TL_KERNEL : UI_TL_LANES;     /* before the first event: boot */
}

unsigned ui_tl_count(const struct ui_timeline *tl, unsigned lane, enum ui_tl_kind kind, uint64_t t0, uint64_t t1)
{
    unsigned n = 0;
    for (uint64_t k = ui_tl_find(tl, t0); k < tl->total; k++) {
        const struct ui_tl_event *e = &tl->ev[k % UI_TL_CAPACITY];
        if (e->t_ns >= t1)
            break;
        n += e->lane == lane && e->kind == kind;
    }
    return n;
}

uint64_t ui_tl_nearest(const struct ui_timeline *tl, unsigned lane, uint64_t t_ns, uint64_t tol_ns)
{
    uint64_t best = UINT64_MAX, best_d = tol_ns + 1;
    for (uint64_t k = ui_tl_find(tl, t_ns > tol_ns ? t_ns - tol_ns : 0); k < tl->total; k++) {
        const struct ui_tl_event *e = &tl->ev[k % UI_TL_CAPACITY];
        if (e->t_ns > t_ns + tol_ns)
            break;
        uint64_t d = e->t_ns > t_ns ? e->t_ns - t_ns : t_ns - e->t_ns;
        if (e->lane == lane && e->kind != UI_TL_RUN && e->kind != UI_TL_IDLE && d < best_d) {
            best = k;
            best_d = d;
        }
    }
    return best;
}

/* ---- the strip ------------------------------------------------------------------------------ */

void ui_tl_window(const struct ui_timeline *tl, uint64_t now_ns, uint64_t *t0, uint64_t *t1)
{
    uint64_t end = tl->follow ? now_ns : tl->end_ns;
    if (end < tl->span_ns)
        end = tl->span_ns;              /* early on, time 0 stays at the left edge */
    *t1 = end;
    *t0 = end - tl->span_ns;
}

/* The 1-2-5 span next to span in direction dir. */
static uint64_t span_step(uint64_t span, int dir)
{
    uint64_t best = dir < 0 ? UI_TL_MIN_SPAN_NS : UI_TL_MAX_SPAN_NS;
    for (uint64_t p = 1000; p <= UI_TL_MAX_SPAN_NS; p *= 10)
        for (int i = 0; i < 3; i++) {
            uint64_t v = p * (uint64_t[]){ 1, 2, 5 }[i];
            if (v < UI_TL_MIN_SPAN_NS || v > UI_TL_MAX_SPAN_NS)
                continue;
            if (dir < 0 && v < span && v > best)
                best = v;
            if (dir > 0 && v > span && v < best)
                best = v;
        }
    return best;
}

void ui_tl_zoom(struct ui_timeline *tl, int dir, uint64_t now_ns, uint64_t anchor_ns)
{
    uint64_t t0, t1;
    ui_tl_window(tl, now_ns, &t0, &t1);
    uint64_t span = span_step(tl->span_ns, dir);
    if (anchor_ns < t0 || anchor_ns > t1)
        anchor_ns = t1;
    double right = (double)(t1 - anchor_ns) * (double)span / (double)tl->span_ns;
    uint64_t end = anchor_ns + (uint64_t)right;
    tl->span_ns = span;
    if (tl->follow && anchor_ns == t1)
        return;                         /* zooming at the present keeps following it */
    tl->follow = end >= now_ns;
    tl->end_ns = end;
}

void ui_tl_scroll(struct ui_timeline *tl, double frac, uint64_t now_ns)
{
    uint64_t t0, t1;
    ui_tl_window(tl, now_ns, &t0, &t1);
    double end = (double)t1 + frac * (double)tl->span_ns;
    if (end >= (double)now_ns) {
        tl->follow = true;
        return;
    }
    tl->follow = false;
    tl->end_ns = end < (double)tl->span_ns ? tl->span_ns : (uint64_t)end;
}

void ui_tl_live(struct ui_timeline *tl)
{
    tl->follow = true;
}

void ui_tl_span_label(uint64_t ns, char *buf, size_t n)
{
    if (ns >= 1000000000ull && ns % 1000000000ull == 0)
        snprintf(buf, n, "%llu s", (unsigned long long)(ns / 1000000000ull));
    else if (ns >= 1000000ull && ns % 1000000ull == 0)
        snprintf(buf, n, "%llu ms", (unsigned long long)(ns / 1000000ull));
    else if (ns >= 1000ull && ns % 1000ull == 0)
        snprintf(buf, n, "%llu \u00b5s", (unsigned long long)(ns / 1000ull));
    else
        snprintf(buf, n, "%llu ns", (unsigned long long)ns);
}

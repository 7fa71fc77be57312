/* VCD writer (see vcd.h). Format: IEEE 1364-2005 §18; timescale 1 ns; one 1-bit wire per LED,
 * button and GPIO pin, in one scope per board. No $date, so equal runs give equal files. */
#include "sim/trace/vcd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void vcd_init(struct vcd *v, const char *path)
{
    memset(v, 0, sizeof(*v));
    v->path = strdup(path);
}

static void record(struct vcd *v, struct vcd_node *vn, int sig, bool value)
{
    if (v->value[sig] == value)
        return;
    v->value[sig] = value;          /* sig is this board's own: no other thread writes it */
    if (vn->n == vn->cap) {
        size_t cap = vn->cap ? vn->cap * 2 : 256;
        struct vcd_change *p = realloc(vn->ch, cap * sizeof(*p));
        if (!p)
            return;
        vn->ch = p;
        vn->cap = cap;
    }
    uint64_t t = clock_ns_from_cycles(&vn->m->clock, vn->m->clock.now);
    vn->ch[vn->n] = (struct vcd_change){ t, (uint32_t)vn->index, (uint32_t)vn->n, sig, value };
    vn->n++;
}

static void on_led(void *ctx, unsigned led, bool on)
{
    struct vcd_node *vn = ctx;
    if (led < vn->nleds)
        record(vn->vcd, vn, vn->base + (int)led, on);
}

static void on_pin(void *ctx, unsigned pin, bool level)
{
    struct vcd_node *vn = ctx;
    if (pin < vn->npins)
        record(vn->vcd, vn, vn->base + (int)(vn->nleds + vn->nbuttons + pin), level);
}

bool vcd_add_node(struct vcd *v, struct machine *m, const char *name)
{
    struct vcd_node **nodes = realloc(v->nodes, (size_t)(v->nnodes + 1) * sizeof(*nodes));
    struct vcd_node *vn = nodes ? malloc(sizeof(*vn)) : NULL;
    if (nodes)
        v->nodes = nodes;
    if (!vn)
        return false;
    v->nodes[v->nnodes++] = vn;
    *vn = (struct vcd_node){ .vcd = v, .m = m, .index = v->nnodes - 1, .base = v->nsigs, .nleds = machine_num_leds(m),
                             .nbuttons = machine_num_buttons(m), .npins = machine_num_pins(m) };
    snprintf(vn->name, sizeof(vn->name), "%s", name);
    int add = (int)(vn->nleds + vn->nbuttons + vn->npins);
    bool *val = realloc(v->value, (size_t)(v->nsigs + add) * sizeof(bool));
    bool *ini = val ? realloc(v->initial, (size_t)(v->nsigs + add) * sizeof(bool)) : NULL;
    if (val)
        v->value = val;
    if (!val || !ini)
        return false;
    v->initial = ini;
    for (int i = 0; i < add; i++) {
        unsigned k = (unsigned)i;
        bool level = k < vn->nleds ? machine_led(m, k)
                   : k < vn->nleds + vn->nbuttons ? false : machine_pin(m, k - vn->nleds - vn->nbuttons);
        v->value[v->nsigs + i] = v->initial[v->nsigs + i] = level;
    }
    v->nsigs += add;
    struct machine_observer o = { .ctx = vn, .led = on_led, .pin = on_pin };
    return machine_add_observer(m, &o);
}

void vcd_button(struct vcd *v, int node, unsigned idx, bool pressed)
{
    struct vcd_node *vn = node < v->nnodes ? v->nodes[node] : NULL;
    if (vn && idx < vn->nbuttons)
        record(v, vn, vn->base + (int)(vn->nleds + idx), pressed);
}

void vcd_sample_pins(struct vcd *v, int node)
{
    struct vcd_node *vn = node < v->nnodes ? v->nodes[node] : NULL;
    for (unsigned p = 0; vn && p < vn->npins; p++)
        record(v, vn, vn->base + (int)(vn->nleds + vn->nbuttons + p), machine_pin(vn->m, p));
}

/* Identifier code of signal i: printable ASCII 33..126, base 94 (4 digits: 78 million). */
static void ident(int i, char out[5])
{
    int k = 0;
    do {
        out[k++] = (char)(33 + i % 94);
        i /= 94;
    } while (i && k < 4);
    out[k] = '\0';
}

static int by_time(const void *a, const void *b)
{
    const struct vcd_change *x = a, *y = b;
    if (x->t_ns != y->t_ns)
        return x->t_ns < y->t_ns ? -1 : 1;
    if (x->node != y->node)
        return x->node < y->node ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void write_header(const struct vcd *v, FILE *f)
{
    char id[5];
    fprintf(f, "$version tocksim $end\n$timescale 1ns $end\n");
    for (int i = 0; i < v->nnodes; i++) {
        const struct vcd_node *vn = v->nodes[i];
        fprintf(f, "$scope module %s $end\n", vn->name);
        for (unsigned k = 0; k < vn->nleds + vn->nbuttons + vn->npins; k++) {
            ident(vn->base + (int)k, id);
            if (k < vn->nleds)
                fprintf(f, "$var wire 1 %s LED%u $end\n", id, k);
            else if (k < vn->nleds + vn->nbuttons)
                fprintf(f, "$var wire 1 %s BTN%u $end\n", id, k - vn->nleds);
            else
                fprintf(f, "$var wire 1 %s GPIO%u $end\n", id, k - vn->nleds - vn->nbuttons);
        }
        fprintf(f, "$upscope $end\n");
    }
    fprintf(f, "$enddefinitions $end\n#0\n$dumpvars\n");
    for (int s = 0; s < v->nsigs; s++) {
        ident(s, id);
        fprintf(f, "%d%s\n", v->initial[s], id);
    }
    fprintf(f, "$end\n");
}

/* All boards' changes in time order (then board, then recording order). */
static void write_changes(const struct vcd *v, FILE *f)
{
    size_t n = 0, k = 0;
    for (int i = 0; i < v->nnodes; i++)
        n += v->nodes[i]->n;
    struct vcd_change *all = malloc((n ? n : 1) * sizeof(*all));
    for (int i = 0; all && i < v->nnodes; i++)
        for (size_t j = 0; j < v->nodes[i]->n; j++)
            all[k++] = v->nodes[i]->ch[j];
    if (all)
        qsort(all, k, sizeof(*all), by_time);
    char id[5];
    uint64_t t = 0;
    for (size_t i = 0; i < k; i++) {
        if (all[i].t_ns != t)
            fprintf(f, "#%llu\n", (unsigned long long)(t = all[i].t_ns));
        ident(all[i].sig, id);
        fprintf(f, "%d%s\n", all[i].value, id);
    }
    free(all);
}

bool vcd_close(struct vcd *v, char *err, size_t errlen)
{
    bool ok = true;
    FILE *f = fopen(v->path, "w");
    if (!f) {
        snprintf(err, errlen, "cannot write VCD file %s: %s", v->path, strerror(errno));
        ok = false;
    } else {
        write_header(v, f);
        write_changes(v, f);
        if (fclose(f) != 0) {
            snprintf(err, errlen, "cannot write VCD file %s: %s", v->path, strerror(errno));
            ok = false;
        }
    }
    for (int i = 0; i < v->nnodes; i++) {
        free(v->nodes[i]->ch);
        free(v->nodes[i]);                  /* the boards observing into them are gone */
    }
    free(v->nodes);
    free(v->path);
    free(v->value);
    free(v->initial);
    memset(v, 0, sizeof(*v));
    return ok;
}

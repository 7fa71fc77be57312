/* The process table: one row per kernel process slot; a click selects the memory view's. */
#include "sim/ui/draw/draw_internal.h"

#include <stdio.h>
#include <string.h>

/* Columns: fixed logical widths, or 0 for a share of what is left (name 1/3, fault 2/3). */
static const struct { const char *title; int width; } columns[] = {
    { "process", 0 }, { "state", 90 }, { "restarts", 72 }, { "faults", 60 }, { "memory", 110 },
    { "last fault", 0 },
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

static void column_widths(const struct frame *f, int w, int out[NCOLUMNS])
{
    int fixed = 0;
    for (size_t i = 0; i < NCOLUMNS; i++)
        fixed += px(f, columns[i].width);
    int rest = w - fixed > 0 ? w - fixed : 0;
    int name = rest / 3 > px(f, 120) ? rest / 3 : px(f, 120) < rest / 2 ? px(f, 120) : rest / 2;
    for (size_t i = 0; i < NCOLUMNS; i++)
        out[i] = columns[i].width ? px(f, columns[i].width) : i == 0 ? name : rest - name;
}

static void proc_cells(const struct ui_proc *p, char cells[NCOLUMNS][80])
{
    snprintf(cells[0], 80, "%s", p->name[0] ? p->name : "?");
    snprintf(cells[1], 80, "%s", ui_procs_state_name(p->state));
    snprintf(cells[2], 80, "%u", p->restarts);
    snprintf(cells[3], 80, "%llu", (unsigned long long)p->faults_total);
    if (p->mem_size)
        snprintf(cells[4], 80, "%.1f/%u KiB", p->mem_used / 1024.0, (unsigned)(p->mem_size / 1024));
    else
        snprintf(cells[4], 80, "\u2014");
    snprintf(cells[5], 80, "%s", p->has_fault ? p->fault : "\u2014");
}

/* One table row; the fault column in fault_c (the others in c). */
static void draw_row(const struct frame *f, int y, char cells[NCOLUMNS][80], SDL_Color c, SDL_Color fault_c,
                     enum ui_font font)
{
    const struct ui_layout *l = f->l;
    int x = l->procs.x + l->pad, widths[NCOLUMNS];
    column_widths(f, l->procs.w - 2 * l->pad, widths);
    int ty = y + (l->row_h - ui_text_height(f->t, font)) / 2, indent = px(f, 18);
    for (size_t i = 0; i < NCOLUMNS; i++) {
        int in = i == 0 ? indent : px(f, 6);
        ui_text_draw(f->t, font, x + in, ty, cells[i], i == NCOLUMNS - 1 ? fault_c : c, widths[i] - in - px(f, 4));
        x += widths[i];
    }
}

/* Row i's background: red while faulted, striped, outlined in the accent when selected; a dot
 * in the process's timeline colour. */
static void row_background(const struct frame *f, unsigned i, const struct ui_proc *p, bool red, bool selected)
{
    struct ui_rect rc = f->l->rows[i];
    SDL_Color fill = red ? alarm : i % 2 == 0 ? stripe : panel;
    if (selected)
        ui_gfx_frame(f->r, rc, px(f, 4), px(f, 2), fill, accent);
    else if (red || i % 2 == 0)
        ui_gfx_round(f->r, rc, px(f, 4), fill);
    int d = px(f, 8);
    ui_gfx_disc(f->r, rc.x + px(f, 10), rc.y + rc.h / 2.0f, d / 2.0f, ui_draw_proc_color(p->slot));
}

void ui_draw_procs(const struct frame *f)
{
    const struct ui_layout *l = f->l;
    const struct ui_procs *t = &f->v->procs;
    ui_draw_panel_box(f, l->procs, "Processes", NULL);
    int y = l->procs.y + ui_text_height(f->t, UI_FONT_SANS) + 2 * l->pad;     /* as the layout has it */
    int x = l->procs.x + l->pad, w = l->procs.w - 2 * l->pad;
    if (!t->events) {
        ui_text_draw(f->t, UI_FONT_SANS, x + px(f, 6), y + (l->row_h - ui_text_height(f->t, UI_FONT_SANS)) / 2,
                     "no kernel process info", dim, w);
        return;
    }
    char cells[NCOLUMNS][80];
    for (size_t i = 0; i < NCOLUMNS; i++)
        snprintf(cells[i], 80, "%s", columns[i].title);
    draw_row(f, y, cells, dim, dim, UI_FONT_SANS);
    uint64_t now = ui_view_now_ns(f->v);
    const struct ui_proc *sel = ui_procs_selected(&f->v->procs);
    for (unsigned i = 0; i < t->n && i < UI_MAX_ROWS && l->rows[i].h; i++) {
        const struct ui_proc *p = &t->rows[i];
        bool red = ui_procs_alarm(p, now);
        row_background(f, i, p, red, p == sel);
        proc_cells(p, cells);
        /* a fault stays visible in amber after the process restarted */
        draw_row(f, l->rows[i].y, cells, red ? alarm_text : text, red ? alarm_text : p->has_fault ? fault_text : dim,
                 UI_FONT_MONO);
    }
}

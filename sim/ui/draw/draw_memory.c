/* The memory view: the selected process's RAM and flash drawn to scale as the kernel's fault
 * report lists them (sim/ui/memmap.c), the MPU regions or PMP entries the CPU held while it ran
 * laid under each bar, its allowed buffers highlighted per driver, the kernel's memory beside
 * it as a strip of the whole RAM, and its latest fault: a marker at the address, the region,
 * the instruction and its symbol, the registers, and the faults before it. Sections are drawn
 * top to bottom as long as they fit, the optional ones (registers, strip, legend, history) last. */
#include "sim/ui/draw/draw_internal.h"

#include <stdio.h>
#include <string.h>

#include "sim/ui/memmap.h"

static const SDL_Color seg_colors[UI_SEG_KINDS] = {
    [UI_SEG_HEADER] = { 0x5c, 0x63, 0x70, 255 }, [UI_SEG_CODE] = { 0x3b, 0x6e, 0xa5, 255 },
    [UI_SEG_STACK] = { 0x8e, 0x5e, 0xa2, 255 }, [UI_SEG_DATA] = { 0x2f, 0x8f, 0x83, 255 },
    [UI_SEG_HEAP] = { 0x4f, 0x9a, 0x4a, 255 }, [UI_SEG_APP] = { 0x2f, 0x8f, 0x83, 255 },
    [UI_SEG_ABOVE_BRK] = { 0x2d, 0x4a, 0x38, 255 }, [UI_SEG_UNUSED] = { 0x2a, 0x2f, 0x37, 255 },
    [UI_SEG_GRANTS] = { 0xb5, 0x73, 0x3a, 255 }, [UI_SEG_KERNEL] = { 0x8a, 0x4b, 0x3c, 255 },
};
static const SDL_Color fault_red = { 0xff, 0x4d, 0x5e, 255 };

/* The drawing cursor: where the next section goes, and the process shown. */
struct mem {
    const struct frame *f;
    struct ui_proc *p;
    const struct ui_fault *fault;       /* the latest fault, or NULL */
    int x, y, w, bottom, th, mh, bar_h, lane_h;
    bool compact;                       /* a short panel: bars without captions, labelled beside */
};

static SDL_Color seg_color(enum ui_seg_kind k)
{
    return seg_colors[k < UI_SEG_KINDS ? k : UI_SEG_UNUSED];
}

/* The x of addr in rc showing [lo, hi). */
static int addr_x(struct ui_rect rc, uint32_t lo, uint32_t hi, uint64_t addr)
{
    if (addr <= lo)
        return rc.x;
    if (addr >= hi)
        return rc.x + rc.w;
    return rc.x + (int)((double)(addr - lo) * rc.w / (double)(hi - lo) + 0.5);
}

/* A driver's colour for its allowed buffers. */
static SDL_Color driver_color(uint32_t driver)
{
    static const SDL_Color c[] = { { 0xf2, 0xd0, 0x4b, 255 }, { 0x4b, 0xd6, 0xf2, 255 }, { 0xf2, 0x6b, 0xc8, 255 },
                                   { 0x9b, 0xf2, 0x4b, 255 }, { 0xf2, 0x93, 0x4b, 255 }, { 0xb0, 0x9b, 0xff, 255 } };
    return c[driver % (sizeof(c) / sizeof(c[0]))];
}

/* The segments of a bar, each named inside when its name fits. */
static void draw_segments(const struct frame *f, struct ui_rect bar, uint32_t lo, uint32_t hi,
                          const struct ui_seg *s, int n)
{
    for (int i = 0; i < n; i++) {
        if (s[i].hi <= lo || s[i].lo >= hi)
            continue;                   /* outside the bar (a magnified one) */
        int x0 = addr_x(bar, lo, hi, s[i].lo), x1 = addr_x(bar, lo, hi, s[i].hi);
        struct ui_rect rc = { x0, bar.y, x1 - x0 > 1 ? x1 - x0 : 1, bar.h };
        ui_gfx_fill(f->r, rc, seg_color(s[i].kind));
        if (s[i].kind == UI_SEG_UNUSED || s[i].kind == UI_SEG_KERNEL)
            ui_gfx_hatch(f->r, rc, px(f, 6), (SDL_Color){ 0, 0, 0, 70 });
        if (x1 - x0 > ui_text_width(f->t, UI_FONT_SANS, s[i].name) + px(f, 6))
            ui_draw_text_center(f, UI_FONT_SANS, rc, s[i].name, text);
    }
    ui_gfx_outline(f->r, bar, px(f, 1), panel_border);
}

/* Buffers allowed in [lo, hi): bands in the bar's top third, one colour per driver. */
static void draw_allows(const struct mem *m, struct ui_rect bar, uint32_t lo, uint32_t hi)
{
    for (unsigned i = 0; i < m->p->nallows; i++) {
        const struct ui_allow *a = &m->p->allows[i];
        if (a->addr + a->len <= lo || a->addr >= hi)
            continue;
        int x0 = addr_x(bar, lo, hi, a->addr), x1 = addr_x(bar, lo, hi, (uint64_t)a->addr + a->len);
        struct ui_rect rc = { x0, bar.y + px(m->f, 2), x1 - x0 > 2 ? x1 - x0 : 2, bar.h / 3 };
        ui_gfx_fill(m->f->r, rc, driver_color(a->driver));
        ui_gfx_outline(m->f->r, rc, 1, (SDL_Color){ 0, 0, 0, 160 });
    }
}

/* "RWX" of a permission set, '-' for each missing one. */
static void perms_text(uint8_t p, char out[4])
{
    out[0] = p & CPU_PROT_R ? 'R' : '-';
    out[1] = p & CPU_PROT_W ? 'W' : '-';
    out[2] = p & CPU_PROT_X ? 'X' : '-';
    out[3] = '\0';
}

/* One MPU region's subregions: an eighth each, the disabled ones hatched. */
static void draw_subregions(const struct frame *f, struct ui_rect lane, uint32_t lo, uint32_t hi,
                            const struct cpu_prot_entry *e)
{
    uint64_t step = e->size / 8;
    for (int k = 0; k < 8; k++) {
        uint64_t a = e->base + k * step, b = a + step;
        if (b <= lo || a >= hi)
            continue;
        int x0 = addr_x(lane, lo, hi, a), x1 = addr_x(lane, lo, hi, b);
        struct ui_rect rc = { x0, lane.y, x1 - x0, lane.h };
        if (e->subregions_off & (1u << k))
            ui_gfx_hatch(f->r, rc, px(f, 4), (SDL_Color){ 0xe5, 0x9a, 0x6b, 150 });
        else
            ui_gfx_fill(f->r, rc, (SDL_Color){ 0x61, 0xaf, 0xef, 60 });
        ui_gfx_fill(f->r, (struct ui_rect){ x0, lane.y, 1, lane.h }, (SDL_Color){ 0x61, 0xaf, 0xef, 120 });
    }
}

/* The region's label: "MPU 1 RW- 8 KiB" or "PMP 2-3 TOR RW-". */
static void entry_label(const struct cpu_protection *pr, const struct cpu_prot_entry *e, char *buf, size_t n)
{
    char perms[4];
    perms_text(e->perms_user, perms);
    static const char *const modes[] = { "OFF", "TOR", "NA4", "NAPOT" };
    if (pr->kind == CPU_PROT_MPU && e->subregions_off)
        snprintf(buf, n, "MPU %u %s %d/8 on", e->index, perms, 8 - __builtin_popcount(e->subregions_off));
    else if (pr->kind == CPU_PROT_MPU)
        snprintf(buf, n, "MPU %u %s", e->index, perms);
    else if (e->mode == 1 && e->index > 0)            /* TOR: the entry below holds the bottom */
        snprintf(buf, n, "PMP %u-%u TOR %s%s", e->index - 1, e->index, perms, e->locked ? " L" : "");
    else
        snprintf(buf, n, "PMP %u %s %s%s", e->index, modes[e->mode & 3], perms, e->locked ? " L" : "");
}

/* The MPU regions / PMP entries over [lo, hi), under its bar: outlined spans, subregions. */
static void draw_protection(const struct mem *m, struct ui_rect lane, uint32_t lo, uint32_t hi)
{
    const struct cpu_protection *pr = &m->p->prot;
    if (!m->p->has_prot)
        return;
    for (int i = 0; i < pr->n; i++) {
        const struct cpu_prot_entry *e = &pr->e[i];
        if (e->base + e->size <= lo || e->base >= hi)
            continue;
        int x0 = addr_x(lane, lo, hi, e->base), x1 = addr_x(lane, lo, hi, e->base + e->size);
        struct ui_rect rc = { x0, lane.y, x1 - x0 > 2 ? x1 - x0 : 2, lane.h };
        if (pr->kind == CPU_PROT_MPU && e->size >= 256)
            draw_subregions(m->f, rc, lo, hi, e);
        else
            ui_gfx_fill(m->f->r, rc, (SDL_Color){ 0x61, 0xaf, 0xef, 60 });
        ui_gfx_outline(m->f->r, rc, px(m->f, 1), accent);
        char label[48];
        entry_label(pr, e, label, sizeof(label));
        if (ui_text_width(m->f->t, UI_FONT_MONO, label) + px(m->f, 8) < rc.w &&
            ui_text_height(m->f->t, UI_FONT_MONO) <= rc.h + px(m->f, 2))
            ui_draw_text_center(m->f, UI_FONT_MONO, rc, label, text);
    }
}

/* The fault marker: a red line through the bar at the address, a triangle above it. */
static void draw_marker(const struct mem *m, struct ui_rect bar, uint32_t lo, uint32_t hi, uint32_t addr)
{
    if (addr < lo || addr >= hi)
        return;
    int x = addr_x(bar, lo, hi, addr), s = px(m->f, 6);
    SDL_Color c = ui_procs_alarm(m->p, ui_view_now_ns(m->f->v)) ? fault_red : fault_text;
    ui_gfx_fill(m->f->r, (struct ui_rect){ x - px(m->f, 1), bar.y - s, px(m->f, 2) > 1 ? px(m->f, 2) : 2,
                                           bar.h + s + m->lane_h }, c);
    SDL_FPoint a = { (float)(x - s), (float)(bar.y - s) }, b = { (float)(x + s), (float)(bar.y - s) },
               tip = { (float)x, (float)bar.y };
    ui_gfx_triangle(m->f->r, a, b, tip, c);
}

/* One memory: a caption, its bar with buffers and the fault marker, the protection lane. */
static struct ui_rect draw_memory_row(struct mem *m, const char *caption, uint32_t lo, uint32_t hi,
                                      const struct ui_seg *segs, int n)
{
    int label_w = 0;
    if (m->compact) {               /* "RAM" or "Flash" beside the bar, the caption left out */
        label_w = px(m->f, 46);
        char word[8];
        snprintf(word, sizeof(word), "%.*s", (int)strcspn(caption, " "), caption);
        ui_text_draw(m->f->t, UI_FONT_SANS, m->x, m->y + (m->bar_h - m->th) / 2, word, dim, label_w);
    } else {
        ui_text_draw(m->f->t, UI_FONT_SANS, m->x, m->y, caption, dim, m->w);
        m->y += m->th + px(m->f, 8);
    }
    struct ui_rect bar = { m->x + label_w, m->y, m->w - label_w, m->bar_h };
    draw_segments(m->f, bar, lo, hi, segs, n);
    draw_allows(m, bar, lo, hi);
    struct ui_rect lane = { bar.x, bar.y + bar.h + px(m->f, 2), bar.w, m->lane_h };
    draw_protection(m, lane, lo, hi);
    if (m->fault)
        draw_marker(m, bar, lo, hi, m->fault->addr);
    m->y = lane.y + lane.h + px(m->f, 8);
    return bar;
}

/* The app break: a white tick through the RAM bar. */
static void draw_brk(struct mem *m, struct ui_rect bar, const struct proc_layout *l)
{
    int x = addr_x(bar, l->ram_start, l->ram_start + l->ram_size, l->app_break);
    ui_gfx_fill(m->f->r, (struct ui_rect){ x - px(m->f, 1), bar.y - px(m->f, 3), px(m->f, 2), bar.h + px(m->f, 6) }, text);
}

static void draw_ram(struct mem *m)
{
    const struct proc_layout *l = &m->p->layout;
    struct ui_seg segs[UI_MEMMAP_RAM_SEGS];
    int n = ui_memmap_ram(l, segs);
    char cap[160];
    snprintf(cap, sizeof(cap), "RAM 0x%08x\u20130x%08x \u00b7 %u KiB \u00b7 brk 0x%08x", l->ram_start,
             l->ram_start + l->ram_size, l->ram_size / 1024, l->app_break);
    draw_brk(m, draw_memory_row(m, cap, l->ram_start, l->ram_start + l->ram_size, segs, n), l);
}

static void draw_flash(struct mem *m)
{
    const struct proc_layout *l = &m->p->layout;
    struct ui_seg segs[UI_MEMMAP_FLASH_SEGS];
    int n = ui_memmap_flash(l, segs);
    char cap[160];
    snprintf(cap, sizeof(cap), "Flash 0x%08x\u20130x%08x \u00b7 %u KiB \u00b7 TBF header %u B", l->flash_start,
             l->flash_start + l->flash_size, l->flash_size / 1024, l->app_start - l->flash_start);
    draw_memory_row(m, cap, l->flash_start, l->flash_start + l->flash_size, segs, n);
}

/* ---- the fault ---------------------------------------------------------------------------- */

/* "mpu fault at 0x00000000 · outside: kernel flash" and "pc 0x0004214c <main+0x1c> · 12.3 ms". */
static void draw_fault_summary(struct mem *m)
{
    const struct ui_fault *ft = m->fault;
    char line[200];
    SDL_Color c = ui_procs_alarm(m->p, ui_view_now_ns(m->f->v)) ? alarm_text : fault_text;
    snprintf(line, sizeof(line), "%s fault at 0x%08x \u00b7 %s", ft->kind, ft->addr,
             ft->region[0] ? ft->region : "region unknown");
    if (ui_text_width(m->f->t, UI_FONT_BOLD, line) > m->w) {       /* narrow: the region below */
        snprintf(line, sizeof(line), "%s fault at 0x%08x", ft->kind, ft->addr);
        ui_text_draw(m->f->t, UI_FONT_BOLD, m->x, m->y, line, c, m->w);
        m->y += m->th + px(m->f, 1);
        snprintf(line, sizeof(line), "%s", ft->region[0] ? ft->region : "region unknown");
    }
    ui_text_draw(m->f->t, UI_FONT_BOLD, m->x, m->y, line, c, m->w);
    m->y += m->th + px(m->f, 3);
    char pc[96] = "pc unknown";
    if (ft->have_cpu)
        snprintf(pc, sizeof(pc), "pc 0x%08x%s%s%s", ft->pc, ft->symbol[0] ? " <" : "", ft->symbol,
                 ft->symbol[0] ? ">" : "");
    snprintf(line, sizeof(line), "%s \u00b7 at %.3f ms \u00b7 pid %u \u00b7 fault %llu of this slot", pc,
             (double)ft->t_ns / 1e6, ft->pid, (unsigned long long)m->p->faults_total);
    ui_text_draw(m->f->t, UI_FONT_MONO, m->x, m->y, line, text, m->w);
    m->y += m->mh + px(m->f, 2);
    if (ft->have_cpu && m->y + 2 * m->mh <= m->bottom) {     /* source lines, from DWARF */
        snprintf(line, sizeof(line), "pc = %s", ft->source);
        ui_text_draw(m->f->t, UI_FONT_MONO, m->x, m->y, line, text, m->w);
        m->y += m->mh;
        snprintf(line, sizeof(line), "%s = %s", ft->nregs == 17 ? "lr" : "ra", ft->ret_source);
        ui_text_draw(m->f->t, UI_FONT_MONO, m->x, m->y, line, dim, m->w);
        m->y += m->mh;
    }
    m->y += px(m->f, 4);
}

/* The region the fault fell in, magnified: a bar from a quarter of its size below it to a quarter
 * above, its neighbours cut there, the marker at the address. Tiny regions (72 bytes of data in
 * 8 KiB) are a few pixels wide in the bars above; here they take two thirds of the width. */
static void draw_fault_zoom(struct mem *m)
{
    const struct proc_layout *l = &m->fault->layout;
    struct ui_seg segs[UI_MEMMAP_RAM_SEGS + UI_MEMMAP_FLASH_SEGS];
    int n = ui_memmap_ram(l, segs);
    n += ui_memmap_flash(l, segs + n);
    const struct ui_seg *s = ui_memmap_find(segs, n, m->fault->addr);
    if (!s)
        return;
    uint32_t quarter = (s->hi - s->lo) / 4, lo = s->lo > quarter ? s->lo - quarter : 0, hi = s->hi + quarter;
    char cap[160];
    snprintf(cap, sizeof(cap), "%s 0x%08x\u20130x%08x (%u B), magnified: the fault at offset %u", s->name, s->lo, s->hi,
             s->hi - s->lo, m->fault->addr - s->lo);
    int bar_h = m->bar_h;
    m->bar_h = px(m->f, 18);
    ui_text_draw(m->f->t, UI_FONT_SANS, m->x, m->y, cap, dim, m->w);
    m->y += m->th + px(m->f, 8);
    struct ui_rect bar = { m->x, m->y, m->w, m->bar_h };
    draw_segments(m->f, bar, lo, hi, segs, n);
    draw_marker(m, bar, lo, hi, m->fault->addr);
    m->y += bar.h + px(m->f, 8);
    m->bar_h = bar_h;
}

/* The register names of a fault's register set. */
static const char *reg_name(int nregs, int i)
{
    static const char *const arm[] = { "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
                                       "r11", "r12", "sp", "lr", "pc", "xpsr" };
    static const char *const rv[] = { "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0",
                                       "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5",
                                       "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6", "pc" };
    return nregs == 17 ? arm[i] : i < 33 ? rv[i] : "?";
}

/* Rows the register grid takes at the panel's width. */
static int reg_rows(const struct mem *m, int *cols)
{
    int cell = ui_text_width(m->f->t, UI_FONT_MONO, "xpsr 00000000  ");
    *cols = cell > 0 && m->w / cell > 0 ? m->w / cell : 1;
    return m->fault && m->fault->have_cpu ? (m->fault->nregs + *cols - 1) / *cols : 0;
}

static void draw_registers(struct mem *m)
{
    int cols, rows = reg_rows(m, &cols), cell = m->w / cols;
    for (int i = 0; i < m->fault->nregs; i++) {
        char buf[32];
        snprintf(buf, sizeof(buf), "%4s %08x", reg_name(m->fault->nregs, i), m->fault->regs[i]);
        ui_text_draw(m->f->t, UI_FONT_MONO, m->x + (i / rows) * cell, m->y + (i % rows) * m->mh, buf, text, cell);
    }
    m->y += rows * m->mh + px(m->f, 6);
}

/* The faults before the latest one, newest first, as many lines as fit. */
static void draw_history(struct mem *m)
{
    for (unsigned k = 1; m->y + m->mh <= m->bottom; k++) {
        const struct ui_fault *ft = ui_procs_fault(m->p, k);
        if (!ft)
            break;
        char line[200];
        snprintf(line, sizeof(line), "%9.3f ms  %s at 0x%08x  pc 0x%08x %s", (double)ft->t_ns / 1e6, ft->kind,
                 ft->addr, ft->have_cpu ? ft->pc : 0, ft->symbol);
        ui_text_draw(m->f->t, UI_FONT_MONO, m->x, m->y, line, dim, m->w);
        m->y += m->mh;
    }
}

/* ---- the kernel beside it, and the legend ------------------------------------------------ */

/* A stretch of a strip: the kernel's or a process's memory. */
struct span {
    uint32_t lo, hi;
    SDL_Color c;
    bool shown;                 /* the process the view shows: outlined */
};

/* A strip of the machine's memory [lo, hi) with its spans, and the fault address if there. */
static void draw_strip(struct mem *m, const char *caption, uint32_t lo, uint32_t hi, const struct span *sp, int n)
{
    ui_text_draw(m->f->t, UI_FONT_SANS, m->x, m->y, caption, dim, m->w);
    m->y += m->th + px(m->f, 8);
    struct ui_rect bar = { m->x, m->y, m->w, px(m->f, 14) };
    ui_gfx_fill(m->f->r, bar, seg_colors[UI_SEG_UNUSED]);
    for (int i = 0; i < n; i++) {
        int x0 = addr_x(bar, lo, hi, sp[i].lo), x1 = addr_x(bar, lo, hi, sp[i].hi);
        struct ui_rect rc = { x0, bar.y, x1 - x0 > 1 ? x1 - x0 : 1, bar.h };
        ui_gfx_fill(m->f->r, rc, sp[i].c);
        if (sp[i].shown)
            ui_gfx_outline(m->f->r, (struct ui_rect){ rc.x - 2, rc.y - 2, rc.w + 4, rc.h + 4 }, 2, text);
    }
    if (m->fault)
        draw_marker(m, bar, lo, hi, m->fault->addr);
    m->y += bar.h + px(m->f, 8);
}

static const SDL_Color kstack_c = { 0x6b, 0x4f, 0x8c, 255 }, kdata_c = { 0x8c, 0x6b, 0x4f, 255 },
                       kcode_c = { 0x4a, 0x55, 0x66, 255 };

/* RAM up to the last process block: the kernel's stack and data, each process's block. */
static void draw_ram_strip(struct mem *m, const struct ui_kernel_mem *k)
{
    const struct machine_layout *ml = &m->f->v->m->layout;
    struct ui_procs *t = &m->f->v->procs;
    struct span sp[UI_PROCS_MAX + 2];
    int n = 0;
    uint32_t hi = k->app_ram;
    sp[n++] = (struct span){ k->stack_lo, k->stack_hi, kstack_c, false };
    sp[n++] = (struct span){ k->data_lo, k->bss_hi, kdata_c, false };
    for (unsigned i = 0; i < t->n; i++) {
        const struct proc_layout *l = &t->rows[i].layout;
        if (!t->rows[i].has_layout)
            continue;
        sp[n++] = (struct span){ l->ram_start, l->ram_start + l->ram_size, ui_draw_proc_color(t->rows[i].slot),
                                 &t->rows[i] == m->p };
        hi = l->ram_start + l->ram_size > hi ? l->ram_start + l->ram_size : hi;
    }
    char cap[160];
    snprintf(cap, sizeof(cap), "RAM: kernel stack, data, processes · 0x%08x–0x%08x · %u KiB free above",
             ml->ram_base, hi, (ml->ram_base + ml->ram_size - hi) / 1024);
    draw_strip(m, cap, ml->ram_base, hi, sp, n);
}

/* Flash up to the last app: the kernel's code, each process's image. */
static void draw_flash_strip(struct mem *m, const struct ui_kernel_mem *k)
{
    const struct machine_layout *ml = &m->f->v->m->layout;
    struct ui_procs *t = &m->f->v->procs;
    struct span sp[UI_PROCS_MAX + 1];
    int n = 0;
    uint32_t hi = ml->apps_base;
    sp[n++] = (struct span){ ml->flash_base, k->flash_end, kcode_c, false };
    for (unsigned i = 0; i < t->n; i++) {
        const struct proc_layout *l = &t->rows[i].layout;
        if (!t->rows[i].has_layout)
            continue;
        sp[n++] = (struct span){ l->flash_start, l->flash_start + l->flash_size, ui_draw_proc_color(t->rows[i].slot),
                                 &t->rows[i] == m->p };
        hi = l->flash_start + l->flash_size > hi ? l->flash_start + l->flash_size : hi;
    }
    char cap[160];
    snprintf(cap, sizeof(cap), "Flash: kernel code, apps · 0x%08x–0x%08x", ml->flash_base, hi);
    draw_strip(m, cap, ml->flash_base, hi, sp, n);
}

/* One legend entry in a column: a swatch, the name, the size right-aligned. */
static void legend_item(const struct mem *m, int col, SDL_Color c, const char *name, const char *size)
{
    int col_w = m->w / 2, x = m->x + col * col_w, sw = px(m->f, 10), gap = px(m->f, 4);
    int size_w = ui_text_width(m->f->t, UI_FONT_MONO, size), right = x + col_w - px(m->f, 12);
    ui_gfx_fill(m->f->r, (struct ui_rect){ x, m->y + (m->mh - sw) / 2, sw, sw }, c);
    ui_text_draw(m->f->t, UI_FONT_MONO, x + sw + gap, m->y, name, text, right - size_w - gap - (x + sw + gap));
    ui_text_draw(m->f->t, UI_FONT_MONO, right - size_w, m->y, size, dim, 0);
}

/* The RAM regions from the top with their sizes, then the allowed buffers, in two columns. */
static void draw_legend(struct mem *m)
{
    struct ui_seg segs[UI_MEMMAP_RAM_SEGS];
    int n = ui_memmap_ram(&m->p->layout, segs), item = 0;
    char size[32], name[64];
    for (int i = n - 1; i >= 0 && m->y + m->mh <= m->bottom; i--, item++) {
        snprintf(size, sizeof(size), "%u B", segs[i].hi - segs[i].lo);
        legend_item(m, item % 2, seg_color(segs[i].kind), segs[i].name, size);
        m->y += item % 2 ? m->mh : 0;
    }
    for (unsigned i = 0; i < m->p->nallows && m->y + m->mh <= m->bottom; i++, item++) {
        const struct ui_allow *a = &m->p->allows[i];
        snprintf(name, sizeof(name), "%s %s #%u", strace_driver_name(&m->f->v->strace.drivers, a->driver),
                 a->cls == 3 ? "rw" : a->cls == 4 ? "ro" : "ur", a->num);
        snprintf(size, sizeof(size), "%u B", a->len);
        legend_item(m, item % 2, driver_color(a->driver), name, size);
        m->y += item % 2 ? m->mh : 0;
    }
    m->y += item % 2 ? m->mh : 0;
    m->y += px(m->f, 6);
}

/* ---- the panel ---------------------------------------------------------------------------- */

/* Heights of the sections, to leave out the optional ones that do not fit. */
static int row_height(const struct mem *m)
{
    return m->th + px(m->f, 8) + m->bar_h + px(m->f, 2) + m->lane_h + px(m->f, 8);
}

static void draw_sections(struct mem *m)
{
    int cols, regs_h = reg_rows(m, &cols) * m->mh + px(m->f, 6);
    int fault_h = m->fault ? 2 * m->th + m->mh + px(m->f, 10) : 0, strip_h = m->th + px(m->f, 26);
    draw_ram(m);
    draw_flash(m);
    if (m->fault && m->y + fault_h <= m->bottom)
        draw_fault_summary(m);
    if (m->fault && m->fault->have_layout && m->y + m->th + px(m->f, 34) <= m->bottom)
        draw_fault_zoom(m);
    if (m->fault && m->fault->have_cpu && m->y + regs_h <= m->bottom)
        draw_registers(m);
    const struct ui_kernel_mem *k = ui_view_kernel_mem(m->f->v);
    if (k && m->y + 2 * strip_h <= m->bottom) {
        draw_ram_strip(m, k);
        draw_flash_strip(m, k);
    }
    draw_legend(m);
    draw_history(m);
}

/* The panel's title and subtitle: the process, and its latest fault in the fault's colour (so a
 * short panel still says where the fault fell). */
static void draw_title(const struct frame *f, struct ui_proc *p, const struct ui_fault *ft)
{
    char sub[200] = "";
    if (p && ft)
        snprintf(sub, sizeof(sub), "%s \u00b7 pid %u \u00b7 %s fault at 0x%08x \u00b7 %s", p->name, p->pid, ft->kind,
                 ft->addr, ft->region);
    else if (p)
        snprintf(sub, sizeof(sub), "%s \u00b7 pid %u \u00b7 %s", p->name, p->pid,
                 p->has_prot ? (p->prot.kind == CPU_PROT_MPU ? "MPU regions below" : "PMP entries below") : "");
    ui_draw_panel_box(f, f->l->memory_view, "Memory", NULL);
    struct ui_rect rc = f->l->memory_view;
    int x = rc.x + f->l->pad + ui_text_width(f->t, UI_FONT_BOLD, "Memory") + px(f, 10);
    SDL_Color c = !ft ? dim : ui_procs_alarm(p, ui_view_now_ns(f->v)) ? alarm_text : fault_text;
    ui_text_draw(f->t, UI_FONT_SANS, x, rc.y + f->l->pad, sub, c, rc.x + rc.w - f->l->pad - x);
}

void ui_draw_memory_view(const struct frame *f)
{
    struct ui_proc *p = ui_procs_selected(&f->v->procs);
    const struct ui_fault *ft = p ? ui_procs_fault(p, 0) : NULL;
    draw_title(f, p, ft);
    struct ui_rect b = f->l->memory_body;
    struct mem m = { f, p, ft, b.x, b.y, b.w, b.y + b.h, ui_text_height(f->t, UI_FONT_SANS),
                     ui_text_height(f->t, UI_FONT_MONO), px(f, 26), px(f, 16), false };
    if (!p || !p->has_layout) {
        ui_text_draw(f->t, UI_FONT_SANS, b.x, b.y, p ? "the kernel has not reported this process's layout"
                                                     : "no kernel process info", dim, b.w);
        return;
    }
    if (2 * row_height(&m) + (ft ? 3 * m.th : 0) > b.h) {       /* a short panel: thinner bars */
        m.bar_h = px(f, 16);
        m.lane_h = px(f, 10);
        m.compact = true;
    }
    SDL_Rect clip = { b.x, b.y, b.w, b.h };
    SDL_RenderSetClipRect(f->r, &clip);
    draw_sections(&m);
    SDL_RenderSetClipRect(f->r, NULL);
}

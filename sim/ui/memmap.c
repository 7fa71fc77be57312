/* The regions of a process's memory, as kernel/core/fault.c prints them in its fault report
 * ("Address / Region / Size"): the window draws the same map to scale. */
#include "sim/ui/memmap.h"

#include <stdio.h>

/* Adds [lo, hi) if it is not empty. */
static int add(struct ui_seg *out, int n, uint32_t lo, uint32_t hi, enum ui_seg_kind kind, const char *name)
{
    if (hi > lo)
        out[n++] = (struct ui_seg){ lo, hi, kind, name };
    return n;
}

/* The process's own part, split at the memop stack/heap hints as the report splits it. */
static int app_part(const struct proc_layout *l, struct ui_seg *out)
{
    uint32_t lo = l->ram_start, brk = l->app_break, stack = l->stack_start, heap = l->heap_start;
    bool have_heap = heap > lo && heap <= brk, have_stack = stack > lo && stack <= (have_heap ? heap : brk);
    int n = 0;
    if (have_stack) {
        n = add(out, n, lo, stack, UI_SEG_STACK, "Stack");
        n = add(out, n, stack, have_heap ? heap : brk, UI_SEG_DATA, "Data");
    } else {
        n = add(out, n, lo, have_heap ? heap : brk, UI_SEG_APP, "App memory");
    }
    if (have_heap)
        n = add(out, n, heap, brk, UI_SEG_HEAP, "Heap");
    return n;
}

int ui_memmap_ram(const struct proc_layout *l, struct ui_seg out[UI_MEMMAP_RAM_SEGS])
{
    uint32_t top = l->ram_start + l->ram_size;
    int n = app_part(l, out);
    n = add(out, n, l->app_break, l->mpu_break, UI_SEG_ABOVE_BRK, "Accessible, above brk");
    n = add(out, n, l->mpu_break > l->app_break ? l->mpu_break : l->app_break, l->kernel_break,
            UI_SEG_UNUSED, "Unused");
    n = add(out, n, l->kernel_break, l->grant_top, UI_SEG_GRANTS, "Grants");
    n = add(out, n, l->grant_top, top, UI_SEG_KERNEL, "Grant ptrs + upcalls");
    return n;
}

int ui_memmap_flash(const struct proc_layout *l, struct ui_seg out[UI_MEMMAP_FLASH_SEGS])
{
    int n = add(out, 0, l->flash_start, l->app_start, UI_SEG_HEADER, "Protected (TBF header)");
    return add(out, n, l->app_start, l->flash_start + l->flash_size, UI_SEG_CODE, "App flash");
}

const struct ui_seg *ui_memmap_find(const struct ui_seg *segs, int n, uint32_t addr)
{
    for (int i = 0; i < n; i++)
        if (addr >= segs[i].lo && addr < segs[i].hi)
            return &segs[i];
    return NULL;
}

bool ui_memmap_region_name(const struct proc_layout *l, uint32_t addr, char *buf, size_t n)
{
    struct ui_seg ram[UI_MEMMAP_RAM_SEGS], flash[UI_MEMMAP_FLASH_SEGS];
    const struct ui_seg *s = ui_memmap_find(ram, ui_memmap_ram(l, ram), addr);
    if (!s)
        s = ui_memmap_find(flash, ui_memmap_flash(l, flash), addr);
    if (!s) {
        if (n)
            buf[0] = '\0';
        return false;
    }
    snprintf(buf, n, "%s (offset %u)", s->name, addr - s->lo);
    return true;
}

int ui_memmap_y(uint32_t lo, uint32_t hi, int top, int h, uint32_t addr)
{
    if (hi <= lo || addr <= lo)
        return top + h;
    if (addr >= hi)
        return top;
    return top + h - (int)((double)(addr - lo) * h / (double)(hi - lo) + 0.5);
}

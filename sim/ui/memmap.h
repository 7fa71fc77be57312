/* A process's memory as the window draws it: the regions of Tock's fault report (TBF header,
 * code; stack, data, heap up to the break, what the MPU also opens, unused, grants, the grant
 * table and upcall queue), computed from the kernel's LAYOUT report. Pure: no SDL. */
#ifndef SIM_UI_MEMMAP_H
#define SIM_UI_MEMMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/proc_event.h"

enum ui_seg_kind {
    UI_SEG_HEADER, UI_SEG_CODE,                                   /* flash */
    UI_SEG_STACK, UI_SEG_DATA, UI_SEG_HEAP, UI_SEG_APP,           /* the process's RAM */
    UI_SEG_ABOVE_BRK, UI_SEG_UNUSED, UI_SEG_GRANTS, UI_SEG_KERNEL, /* up to the block's top */
    UI_SEG_KINDS
};

struct ui_seg {
    uint32_t lo, hi;            /* [lo, hi) */
    enum ui_seg_kind kind;
    const char *name;           /* as the kernel's fault report names it */
};

#define UI_MEMMAP_RAM_SEGS 8
#define UI_MEMMAP_FLASH_SEGS 2

/* RAM regions from the bottom (ram_start) up; empty ones left out. Returns the count. */
int ui_memmap_ram(const struct proc_layout *l, struct ui_seg out[UI_MEMMAP_RAM_SEGS]);
/* Flash regions from the bottom up: the protected TBF header, then the app's code. */
int ui_memmap_flash(const struct proc_layout *l, struct ui_seg out[UI_MEMMAP_FLASH_SEGS]);
/* The region of the process that holds addr, or NULL if it lies outside the process. */
const struct ui_seg *ui_memmap_find(const struct ui_seg *segs, int n, uint32_t addr);
/* Writes where addr lies into buf: "Heap (offset 24)", or NULL written and false if it is
 * outside the process's flash and RAM. */
bool ui_memmap_region_name(const struct proc_layout *l, uint32_t addr, char *buf, size_t n);

/* The y (top = high addresses) at which addr falls in a bar of height h showing [lo, hi). */
int ui_memmap_y(uint32_t lo, uint32_t hi, int top, int h, uint32_t addr);

#endif

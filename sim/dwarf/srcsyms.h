/* Source locations of a machine's run-time addresses: the kernel's ELF for kernel code, and
 * for code in an app's flash, the app's ELF (appelf.h: --app-elf, or next to its TBF) with the
 * app's load offset removed. Files are opened on first use and kept; a file that cannot be
 * used is named once in a note (srcsyms_take_note) and its addresses degrade to "+offset in
 * app NAME", never to an error. */
#ifndef SIM_DWARF_SRCSYMS_H
#define SIM_DWARF_SRCSYMS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/dwarf/appelf.h"
#include "sim/dwarf/srcloc.h"

struct srcsyms_elf {
    bool tried;
    struct srcloc_file *file;   /* NULL: unusable (why in note) */
    char path[PATH_MAX];
    char note[PATH_MAX + 100];  /* pending one-line note, "" once taken */
};

struct srcsyms {
    struct machine *m;
    bool scanned;
    struct appelf apps[STRACE_MAX_APPS];
    struct srcsyms_elf app_elf[STRACE_MAX_APPS];
    int napps;
    struct srcsyms_elf kernel;
};

void srcsyms_init(struct srcsyms *s, struct machine *m);
void srcsyms_free(struct srcsyms *s);

/* What is at run-time address addr: "main at apps/fault-null/main.c:11 (fault-null.elf)",
 * "+0x14c in app fault-null (no symbols)", or "not in the kernel's or an app's code". For a
 * return address (an LR or ra), the call before it is looked up (addr - 1), so the line is
 * the call's. True if a function or line was found. */
bool srcsyms_describe(struct srcsyms *s, uint32_t addr, bool return_address, char *buf, size_t n);
/* Where addr's code is: the file and its location (false if no ELF knows it). */
bool srcsyms_lookup(struct srcsyms *s, uint32_t addr, struct srcloc *out, const char **elf_path);
/* A pending note about a file that could not be used ("tocksim: … has no DWARF …"), once per
 * file, into buf: false when there is none. */
bool srcsyms_take_note(struct srcsyms *s, char *buf, size_t n);

#endif

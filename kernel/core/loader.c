/* The process loader: finds the TBF images in the apps region and creates their processes. */
#include <stdint.h>

#include "kernel/core/kernel.h"
#include "kernel/core/kprintf.h"
#include "kernel/core/process.h"
#include "kernel/core/tbf.h"

/* Why a well-formed image still can't run here, or NULL. */
static const char *unfit(const struct tbf_header *h, uintptr_t addr)
{
    if (!(h->flags & TBF_FLAG_ENABLED))
        return "disabled (TBF flags)";
    if (h->has_kernel_version && (h->kernel_major != KERNEL_VERSION_MAJOR ||
                                  h->kernel_minor > KERNEL_VERSION_MINOR))
        return "needs a different kernel version";
    /* FixedAddresses names where the app binary starts, after header and protected trailer
     * (TBF spec: "not the header"), as elf2tbf and elf2tab write it. */
    if (h->fixed_flash != TBF_NO_ADDRESS && h->fixed_flash != addr + tbf_app_start_offset(h))
        return "linked for another flash address";
    return NULL;
}

static void log_image(uintptr_t addr, const struct tbf_header *h, const char *what)
{
    kprintf("Loader: image at 0x%08x", (uint32_t)addr);
    if (h->name_len)
        kprintf(" (%.*s)", (int)h->name_len, h->name);
    kprintf(" skipped: %s\r\n", what);
}

/* Creates a process for every valid, enabled image in the apps region; returns how many. */
unsigned loader_load_processes(void)
{
    uintptr_t addr = kernel->apps_start, end = kernel->apps_start + kernel->apps_size;
    unsigned loaded = 0;
    while (addr < end) {
        struct tbf_header h;
        enum tbf_status st = tbf_parse((const uint8_t *)addr, end - addr, &h);
        if (st == TBF_END)
            break;
        if (st != TBF_OK) {
            uint32_t skip = tbf_skip_size(st, &h, end - addr);
            if (st != TBF_PADDING)
                log_image(addr, &h, tbf_status_str(st));
            if (!skip) {
                kprintf("Loader: stopping the scan at 0x%08x\r\n", (uint32_t)addr);
                break;
            }
            addr += skip;
            continue;
        }
        struct process *p = NULL;
        const char *why = unfit(&h, addr);
        if (!why)
            why = process_create(&h, addr, &p);
        if (why) {
            log_image(addr, &h, why);
        } else {
            kprintf("Loader: process %.*s: flash 0x%08x-0x%08x, RAM 0x%08x-0x%08x\r\n",
                    (int)h.name_len, h.name, (uint32_t)addr, (uint32_t)(addr + h.total_size),
                    (uint32_t)p->ram_start, (uint32_t)(p->ram_start + p->ram_size));
            loaded++;
        }
        addr += h.total_size;
    }
    return loaded;
}

/* Kernel panic: report, process table, board hook, halt. */
#include <stdarg.h>
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/kprintf.h"
#include "kernel/core/panic.h"
#include "kernel/core/process.h"

static void (*panic_hook)(void);
static int panicking;

/* Sets what panic runs after its report (NULL: nothing). */
void panic_set_hook(void (*hook)(void))
{
    panic_hook = hook;
}

/* Reports the kernel bug (message, process table), runs the hook, halts. Never returns. */
void panic(const char *fmt, ...)
{
    arch_irq_save();
    va_list ap;
    va_start(ap, fmt);
    kprintf("\r\nKernel panic: ");
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\r\n");
    if (!panicking) {               /* a panic while reporting must not recurse */
        panicking = 1;
        kprintf("Kernel version %d.%d\r\n", KERNEL_VERSION_MAJOR, KERNEL_VERSION_MINOR);
        for (int i = 0; i < PROCESS_MAX; i++) {
            const struct process *p = &processes[i];
            uint32_t len;
            const char *name = process_name(p, &len);
            if (p->state != PROC_UNUSED)
                kprintf(" process %d: %.*s pid %u %s\r\n", i, (int)len, name, p->id,
                        process_state_name(p));
        }
    }
    if (panic_hook)
        panic_hook();
    arch_halt();
}

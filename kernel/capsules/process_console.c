/* The process console: a shell on the UART to inspect and control processes.
 *
 * Tock's capsules/core/process_console.rs commands (doc/kernel-process-console.md):
 *   help, status, list, stop <name>, start <name>, fault <name>, terminate <name>,
 *   boot <name>, process <name>, kernel, panic.
 * Bytes reach it when no process is reading the console. Output goes through kprintf. */
#include <stdint.h>
#include <string.h>

#include "kernel/capsules/process_console.h"
#include "kernel/core/fault.h"
#include "kernel/core/grant.h"
#include "kernel/core/kernel.h"
#include "kernel/core/kprintf.h"
#include "kernel/core/panic.h"
#include "kernel/core/process.h"

#define LINE_MAX 64

static char line[LINE_MAX];
static unsigned line_len;

static unsigned grants_of(const struct process *p)
{
    unsigned n = 0;
    for (unsigned i = 0; i < kernel->num_drivers; i++)
        n += p->state != PROC_UNUSED && process_alive(p) && p->grants[i] != NULL;
    return n;
}

static void cmd_help(struct process *p)
{
    (void)p;
    kprintf("Welcome to the process console.\r\n"
            "Valid commands are: help status list stop start fault boot terminate process "
            "kernel panic\r\n");
}

static void cmd_list(struct process *unused)
{
    (void)unused;
    kprintf(" PID    Name                Quanta  Syscalls  Restarts  Grants  State\r\n");
    for (int i = 0; i < PROCESS_MAX; i++) {
        struct process *p = &processes[i];
        uint32_t len;
        const char *name = process_name(p, &len);
        if (p->state == PROC_UNUSED)
            continue;
        kprintf(" %-6u %-18.*s %7u %9u %9u   %u/%u    %s\r\n", p->id, (int)len, name,
                p->timeslice_expirations, p->syscall_count, p->restart_count, grants_of(p),
                kernel->num_drivers, process_state_name(p));
    }
}

static void cmd_status(struct process *unused)
{
    (void)unused;
    unsigned total = 0, active = 0;
    uint32_t quanta = 0;
    for (int i = 0; i < PROCESS_MAX; i++) {
        const struct process *p = &processes[i];
        if (p->state == PROC_UNUSED)
            continue;
        total++;
        active += process_alive(p) && !p->stopped;
        quanta += p->timeslice_expirations;
    }
    kprintf("Total processes: %u\r\nActive processes: %u\r\nTimeslice expirations: %u\r\n"
            "Process faults: %u\r\n", total, active, quanta, fault_count);
}

/* Bytes of the kernel stack ever written: from the top down to the last unpainted word. */
static uint32_t stack_used(void)
{
    const uint32_t *w = (const uint32_t *)kernel->kernel_stack_start;
    while ((uintptr_t)w < kernel->kernel_stack_end && *w == KERNEL_STACK_PAINT)
        w++;
    return (uint32_t)(kernel->kernel_stack_end - (uintptr_t)w);
}

static void cmd_kernel(struct process *unused)
{
    (void)unused;
    const struct kernel_config *k = kernel;
    kprintf("Kernel version: %d.%d (tocksim)\r\n", KERNEL_VERSION_MAJOR, KERNEL_VERSION_MINOR);
    kprintf(" Kernel flash:   0x%08x-0x%08x  %6u bytes\r\n", (uint32_t)k->kernel_flash_start,
            (uint32_t)k->kernel_flash_end,
            (uint32_t)(k->kernel_flash_end - k->kernel_flash_start));
    kprintf(" Kernel RAM:     0x%08x-0x%08x  %6u bytes\r\n", (uint32_t)k->ram_start,
            (uint32_t)k->kernel_data_end, (uint32_t)(k->kernel_data_end - k->ram_start));
    kprintf(" Kernel stack:   0x%08x-0x%08x  %6u bytes, %u used so far\r\n",
            (uint32_t)k->kernel_stack_start, (uint32_t)k->kernel_stack_end,
            (uint32_t)(k->kernel_stack_end - k->kernel_stack_start), stack_used());
    kprintf(" Process RAM:    0x%08x-0x%08x  %6u bytes\r\n", (uint32_t)k->app_ram_start,
            (uint32_t)(k->app_ram_start + k->app_ram_size), (uint32_t)k->app_ram_size);
    kprintf(" Apps flash:     0x%08x-0x%08x  %6u bytes\r\n", (uint32_t)k->apps_start,
            (uint32_t)(k->apps_start + k->apps_size), (uint32_t)k->apps_size);
    kprintf(" Drivers:");
    for (unsigned i = 0; i < k->num_drivers; i++)
        kprintf(" %s(0x%x)", k->drivers[i]->name, k->drivers[i]->num);
    kprintf("\r\n Scheduler: %s, timeslice %u us\r\n",
            k->sched == SCHED_ROUND_ROBIN ? "round robin" : "cooperative", k->timeslice_us);
}

static void cmd_panic(struct process *unused)
{
    (void)unused;
    panic("process console: panic requested");
}

static void cmd_stop(struct process *p)
{
    process_stop(p);
    kprintf("Process %u stopped\r\n", p->id);
}

static void cmd_start(struct process *p)
{
    process_resume(p);
    kprintf("Process %u started\r\n", p->id);
}

static void cmd_fault(struct process *p)
{
    if (process_alive(p))
        fault_process(p, "forced from the process console");
}

static void cmd_terminate(struct process *p)
{
    process_terminate(p, 0, 0);
    kprintf("Process %u terminated\r\n", p->id);
}

static void cmd_boot(struct process *p)
{
    if (p->state == PROC_TERMINATED || p->state == PROC_FAULTED) {
        process_start(p);
        kprintf("Process booted as pid %u\r\n", p->id);
    } else {
        kprintf("Process is already running\r\n");
    }
}

static void cmd_process(struct process *p)
{
    fault_print_process(p);
}

static const struct command {
    const char *name;
    int takes_name;
    void (*run)(struct process *p);
} commands[] = {
    { "help", 0, cmd_help },         { "list", 0, cmd_list },
    { "status", 0, cmd_status },     { "kernel", 0, cmd_kernel },
    { "panic", 0, cmd_panic },       { "stop", 1, cmd_stop },
    { "start", 1, cmd_start },       { "fault", 1, cmd_fault },
    { "terminate", 1, cmd_terminate }, { "boot", 1, cmd_boot },
    { "process", 1, cmd_process },
};

/* Splits "word rest" (spaces trimmed); returns the word's length. */
static unsigned word(const char *s, unsigned len, const char **rest, unsigned *rest_len)
{
    unsigned n = 0;
    while (n < len && s[n] != ' ')
        n++;
    unsigned r = n;
    while (r < len && s[r] == ' ')
        r++;
    *rest = s + r;
    *rest_len = len - r;
    while (*rest_len && (*rest)[*rest_len - 1] == ' ')
        (*rest_len)--;
    return n;
}

void process_console_execute(const char *s, unsigned len)
{
    while (len && *s == ' ') {
        s++;
        len--;
    }
    if (len == 0)
        return;
    const char *arg;
    unsigned arg_len, n = word(s, len, &arg, &arg_len);
    for (unsigned i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const struct command *c = &commands[i];
        if (strlen(c->name) != n || memcmp(c->name, s, n) != 0)
            continue;
        struct process *p = NULL;
        if (c->takes_name) {
            p = process_find(arg, arg_len);
            if (!p) {
                kprintf("No process named '%.*s'\r\n", (int)arg_len, arg);
                return;
            }
        }
        c->run(p);
        return;
    }
    kprintf("Unknown command '%.*s' (try help)\r\n", (int)n, s);
}

void process_console_rx(uint8_t byte)
{
    if (byte == '\r' || byte == '\n') {
        if (line_len == 0)
            return;
        kprintf("\r\n");
        process_console_execute(line, line_len);
        line_len = 0;
        kprintf("tock$ ");
    } else if (byte == 0x08 || byte == 0x7f) {
        if (line_len) {
            line_len--;
            kprintf("\b \b");
        }
    } else if (byte >= 0x20 && byte < 0x7f && line_len < LINE_MAX) {
        line[line_len++] = (char)byte;
        kprintf("%c", byte);
    }
}

void process_console_init(void)
{
    line_len = 0;
}

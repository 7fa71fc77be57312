/* TRD104 system calls as text: class, driver and command names, return variants and error
 * codes (Tock 2.x; doc/kernel.md). */
#include <stdio.h>
#include <string.h>

#include "sim/trace/strace.h"

struct driver_names {
    uint32_t num;
    const char *name;
    const char *cmds[11];
};

static const struct driver_names drivers[] = {
    { 0x0, "alarm", { "exists", "frequency", "now", "stop", "", "set_relative", "set_absolute" } },
    { 0x1, "console", { "exists", "putstr", "getnstr", "abort" } },
    { 0x2, "led", { "count", "on", "off", "toggle" } },
    { 0x3, "button", { "count", "enable_interrupt", "disable_interrupt", "read" } },
    { 0x4, "gpio", { "count", "output", "set", "clear", "toggle", "input", "read", "interrupt",
                     "no_interrupt", "disable" } },
    { 0x40001, "rng", { "exists", "get" } },
    { 0x30001, "ieee802154", { "exists" } },
    { 0x10000, "ipc", { "exists" } },
};

static const char *const classes[] = { "yield", "subscribe", "command", "allow-rw", "allow-ro",
                                       "memop", "exit", "allow-userspace" };
static const char *const errors[] = { "", "FAIL", "BUSY", "ALREADY", "OFF", "RESERVE", "INVAL",
                                      "SIZE", "CANCEL", "NOMEM", "NOSUPPORT", "NODEVICE",
                                      "UNINSTALLED", "NOACK" };
static const char *const memops[] = { "brk", "sbrk", "ram_start", "ram_end", "flash_start",
                                      "flash_end", "grant_start", "flash_regions",
                                      "flash_region_start", "flash_region_end", "stack_start",
                                      "heap_start" };

const char *strace_class_name(int cls)
{
    return cls >= 0 && cls < 8 ? classes[cls] : "svc?";
}

static const struct driver_names *driver_of(uint32_t num)
{
    for (size_t i = 0; i < sizeof(drivers) / sizeof(drivers[0]); i++)
        if (drivers[i].num == num)
            return &drivers[i];
    return NULL;
}

const char *strace_driver_name(const struct strace_drivers *known, uint32_t driver)
{
    for (int i = 0; known && i < known->n; i++)
        if (known->d[i].num == driver)
            return known->d[i].name;
    const struct driver_names *d = driver_of(driver);
    return d ? d->name : "driver";
}

/* struct driver (kernel/core/driver.h) begins with its number and a pointer to its name; the
 * kernel asserts those offsets. */
#define DRIVER_NUM_OFFSET  0
#define DRIVER_NAME_OFFSET 4

bool strace_read_drivers(struct machine *m, struct strace_drivers *out)
{
    uint32_t count = 0;
    if (!m->kernel_drivers || !bus_peek(&m->bus, m->kernel_num_drivers, &count, 4) || count == 0)
        return false;
    out->n = 0;
    for (uint32_t i = 0; i < count && out->n < STRACE_MAX_DRIVERS; i++) {
        uint32_t drv = 0, name = 0;
        if (!bus_peek(&m->bus, m->kernel_drivers + 4 * i, &drv, 4) ||
            !bus_peek(&m->bus, drv + DRIVER_NUM_OFFSET, &out->d[out->n].num, 4) ||
            !bus_peek(&m->bus, drv + DRIVER_NAME_OFFSET, &name, 4))
            continue;
        char *dst = out->d[out->n].name;
        size_t k = 0;
        while (k + 1 < sizeof(out->d[0].name) && bus_peek(&m->bus, name + (uint32_t)k, &dst[k], 1) && dst[k])
            k++;
        dst[k] = '\0';
        if (k)
            out->n++;
    }
    return out->n > 0;
}

const char *strace_error_name(uint32_t code)
{
    return code > 0 && code < sizeof(errors) / sizeof(errors[0]) ? errors[code] : "ERROR?";
}

/* Small values in decimal, addresses and large values in hex. */
static int num(char *buf, size_t n, uint32_t v)
{
    return v < 0x10000u ? snprintf(buf, n, "%u", v) : snprintf(buf, n, "0x%08x", v);
}

static void format_command(char *buf, size_t n, const struct strace_drivers *known, const uint32_t a[4])
{
    const struct driver_names *d = driver_of(a[0]);
    const char *cmd = d && a[1] < 11 && d->cmds[a[1]] && *d->cmds[a[1]] ? d->cmds[a[1]] : NULL;
    char x[16], y[16];
    num(x, sizeof(x), a[2]);
    num(y, sizeof(y), a[3]);
    snprintf(buf, n, "command(%s=0x%x, cmd=%u%s%s, %s, %s)", strace_driver_name(known, a[0]), a[0], a[1],
             cmd ? " " : "", cmd ? cmd : "", x, y);
}

void strace_format_call(char *buf, size_t n, const struct strace_drivers *known, int cls, const uint32_t a[4])
{
    static const char *const yields[] = { "no-wait", "wait", "wait-for" };
    char x[16];
    switch (cls) {
    case 0:
        if (a[0] == 2)
            snprintf(buf, n, "yield(wait-for, %s=0x%x, %u)", strace_driver_name(known, a[1]), a[1], a[2]);
        else
            snprintf(buf, n, "yield(%s)", a[0] < 2 ? yields[a[0]] : "reserved");
        break;
    case 1:
        snprintf(buf, n, "subscribe(%s=0x%x, %u, fn=0x%08x, ud=0x%x)", strace_driver_name(known, a[0]), a[0], a[1], a[2], a[3]);
        break;
    case 2:
        format_command(buf, n, known, a);
        break;
    case 3: case 4: case 7:
        snprintf(buf, n, "%s(%s=0x%x, %u, 0x%08x, %u)", classes[cls], strace_driver_name(known, a[0]), a[0], a[1], a[2], a[3]);
        break;
    case 5:
        num(x, sizeof(x), a[1]);
        snprintf(buf, n, "memop(%s, %s)", a[0] < 12 ? memops[a[0]] : "?", x);
        break;
    case 6:
        snprintf(buf, n, "exit(%s, %u)", a[0] == 0 ? "terminate" : a[0] == 1 ? "restart" : "?", a[1]);
        break;
    default:
        snprintf(buf, n, "svc%d(0x%x, 0x%x, 0x%x, 0x%x)", cls, a[0], a[1], a[2], a[3]);
        break;
    }
}

void strace_format_return(char *buf, size_t n, int cls, const uint32_t r[4])
{
    char x[16], y[16], z[16];
    num(x, sizeof(x), r[1]);
    num(y, sizeof(y), r[2]);
    num(z, sizeof(z), r[3]);
    if (cls == 0) {                                     /* yield: wait-for returns values */
        char w[16];
        num(w, sizeof(w), r[0]);
        snprintf(buf, n, "(%s, %s, %s)", w, x, y);
        return;
    }
    switch (r[0]) {
    case 0: snprintf(buf, n, "Failure(%s)", strace_error_name(r[1])); break;
    case 1: snprintf(buf, n, "Failure(%s, %s)", strace_error_name(r[1]), y); break;
    case 2: snprintf(buf, n, "Failure(%s, %s, %s)", strace_error_name(r[1]), y, z); break;
    case 3: snprintf(buf, n, "Failure(%s, 0x%08x%08x)", strace_error_name(r[1]), r[3], r[2]); break;
    case 128: snprintf(buf, n, "Success"); break;
    case 129: snprintf(buf, n, "Success(%s)", x); break;
    case 130: snprintf(buf, n, "Success(%s, %s)", x, y); break;
    case 131: snprintf(buf, n, "Success(0x%08x%08x)", r[2], r[1]); break;
    case 132: snprintf(buf, n, "Success(%s, %s, %s)", x, y, z); break;
    case 133: snprintf(buf, n, "Success(0x%08x%08x, %s)", r[2], r[1], z); break;
    default: snprintf(buf, n, "? (r0=0x%x)", r[0]); break;
    }
}

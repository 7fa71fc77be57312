/* A timeline event in words, for the hover: system calls exactly as --strace prints them
 * ("[12.003 ms] blink.1 command(led=0x2, cmd=1 on, 0, 0) = Success"), and the other events
 * in the same form. */
#include "sim/ui/timeline.h"

#include <stdio.h>

#include "sim/trace/strace.h"

/* The call and, once it returned, what it returned (an upcall for a yield that ended in one). */
static void describe_call(const struct ui_tl_event *e, const struct strace_drivers *d, char *out, size_t n)
{
    char call[160], ret[96] = "?";
    strace_format_call(call, sizeof(call), d, e->cls, e->a);
    if (e->flags & UI_TL_TO_UPCALL)
        snprintf(ret, sizeof(ret), "upcall");
    else if (e->flags & UI_TL_RETURNED)
        strace_format_return(ret, sizeof(ret), e->cls, e->r);
    snprintf(out, n, "%s = %s", call, ret);
}

static void describe_what(const struct ui_tl_event *e, const struct strace_drivers *d, char *out, size_t n)
{
    switch (e->kind) {
    case UI_TL_SYSCALL: describe_call(e, d, out, n); break;
    case UI_TL_UPCALL:
        snprintf(out, n, "upcall %s/%u fn=0x%08x(%u, %u, %u, ud=0x%x)",
                 e->r[0] == UINT32_MAX ? "?" : strace_driver_name(d, e->r[0]), e->r[1], e->value, e->a[0],
                 e->a[1], e->a[2], e->a[3]);
        break;
    case UI_TL_IRQ:
        if (e->value >= 16)         /* ARMv7-M: external interrupt n is exception 16 + n */
            snprintf(out, n, "interrupt: IRQ %u (exception %u)", e->value - 16, e->value);
        else
            snprintf(out, n, "interrupt: exception %u%s", e->value, e->value == 15 ? " (SysTick)" : e->value == 14 ? " (PendSV)" : "");
        break;
    case UI_TL_SWITCH: snprintf(out, n, "--- switched to ---"); break;
    case UI_TL_FAULT: snprintf(out, n, "--- fault at 0x%08x ---", e->value); break;
    case UI_TL_START: snprintf(out, n, "--- started, restarts %u ---", e->value); break;
    case UI_TL_ALARM_SET: snprintf(out, n, "alarm armed (%u ticks)", e->value); break;
    case UI_TL_ALARM_FIRED: snprintf(out, n, "alarm fired: upcall fn=0x%08x", e->value); break;
    case UI_TL_RUN: snprintf(out, n, "runs"); break;
    case UI_TL_IDLE: snprintf(out, n, "sleeps (wfi)"); break;
    default: snprintf(out, n, "?"); break;
    }
}

void ui_tl_describe(const struct ui_tl_event *e, const char *name, const struct strace_drivers *drivers,
                    char *buf, size_t n)
{
    char what[240];
    describe_what(e, drivers, what, sizeof(what));
    unsigned long long ns = (unsigned long long)e->t_ns;
    if (e->lane == UI_TL_KERNEL && e->kind != UI_TL_SWITCH)
        snprintf(buf, n, "[%llu.%03llu ms] kernel %s", ns / 1000000, ns / 1000 % 1000, what);
    else
        snprintf(buf, n, "[%llu.%03llu ms] %s.%u %s", ns / 1000000, ns / 1000 % 1000, name, e->pid, what);
}

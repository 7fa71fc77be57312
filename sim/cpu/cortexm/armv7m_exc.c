/* Exception state and priority arithmetic of the ARMv7-M System Control Space (B1.5): pending,
 * active and enabled exceptions, group priorities, preemption, fault escalation. The registers
 * that expose this state are in armv7m_scs.c. */
#include <limits.h>
#include <string.h>

#include "sim/cpu/cortexm/armv7m_scs.h"
#include "sim/cpu/cortexm/armv7m_scs_internal.h"

/* Priority bits implemented: the top prio_bits of each 8-bit field (B1.5.4). */
uint8_t armv7m_scs_prio_mask(const struct armv7m_scs *s)
{
    return (uint8_t)(0xff00u >> s->prio_bits);
}

/* Group priority of a raw priority value: its subpriority bits (PRIGROUP+1 low bits) cleared. */
static int scs_group_of(const struct armv7m_scs *s, int prio)
{
    return prio & ~((2 << s->prigroup) - 1);
}

/* Full priority used to order pending exceptions (fixed ones are negative). */
static int scs_raw_priority(const struct armv7m_scs *s, int exc)
{
    switch (exc) {
    case V7M_EXC_RESET: return -3;
    case V7M_EXC_NMI: return -2;
    case V7M_EXC_HARDFAULT: return -1;
    default: return s->exc[exc].prio;
    }
}

int armv7m_scs_group_priority(const struct armv7m_scs *s, int exc)
{
    int prio = scs_raw_priority(s, exc);
    return prio < 0 ? prio : scs_group_of(s, prio);
}

/* One scan for everything the questions below need. The summary is a cache: a const
 * question may fill it. */
static const struct armv7m_scs *summarized(const struct armv7m_scs *cs)
{
    if (cs->summary_valid)
        return cs;
    struct armv7m_scs *s = (struct armv7m_scs *)cs;
    int best = 0, best_prio = INT_MAX, active_prio = V7M_PRIO_THREAD, active = 0, pending = 0;
    for (int e = 1; e < armv7m_scs_num_exc(s); e++) {
        const struct armv7m_exc *x = &s->exc[e];
        if (x->active) {
            active++;
            if (armv7m_scs_group_priority(s, e) < active_prio)
                active_prio = armv7m_scs_group_priority(s, e);
        }
        pending += x->pending && x->enabled;
        if (x->pending && x->enabled && scs_raw_priority(s, e) < best_prio) {
            best = e;                   /* strict: ties keep the lower number */
            best_prio = scs_raw_priority(s, e);
        }
    }
    s->summary_best = best;
    s->summary_active_prio = active_prio;
    s->summary_active = active;
    s->summary_pending = pending;
    s->summary_valid = true;
    return s;
}

/* ExecutionPriority() (B1.5.4): the active exceptions' and the masks' lowest group priority. */
int armv7m_scs_execution_priority(const struct armv7m_scs *s, uint32_t primask, uint32_t basepri,
                                  uint32_t faultmask)
{
    int prio = summarized(s)->summary_active_prio;
    int boosted = V7M_PRIO_THREAD;
    uint32_t bp = basepri & armv7m_scs_prio_mask(s);
    if (bp)
        boosted = scs_group_of(s, (int)bp);
    if (primask & 1)
        boosted = 0;
    if (faultmask & 1)
        boosted = -1;
    return boosted < prio ? boosted : prio;
}

int armv7m_scs_preempting(const struct armv7m_scs *s, int exec_prio)
{
    int best = summarized(s)->summary_best;
    if (best && armv7m_scs_group_priority(s, best) < exec_prio)
        return best;
    return 0;
}

/* A level-sensitive IRQ whose input is high is pending whenever it is not active. */
bool armv7m_scs_relatch(struct armv7m_scs *s, int exc)
{
    struct armv7m_exc *x = &s->exc[exc];
    if (exc < V7M_EXC_IRQ0 || !x->level || x->active || x->pending)
        return false;
    x->pending = true;
    armv7m_scs_forget(s);
    return true;
}

/* The summary after `exc` becomes pending (before the flag is set): no scan needed. */
static void note_pending(struct armv7m_scs *s, int exc)
{
    const struct armv7m_exc *x = &s->exc[exc];
    if (!s->summary_valid || x->pending || !x->enabled)
        return;
    int best = s->summary_best;
    s->summary_pending++;
    if (!best || scs_raw_priority(s, exc) < scs_raw_priority(s, best) ||
        (scs_raw_priority(s, exc) == scs_raw_priority(s, best) && exc < best))
        s->summary_best = exc;
}

/* The summary after `exc` goes from pending to active (before the flags change). */
static void note_acknowledged(struct armv7m_scs *s, int exc)
{
    const struct armv7m_exc *x = &s->exc[exc];
    if (!s->summary_valid || x->active) {
        armv7m_scs_forget(s);
        return;
    }
    s->summary_active++;
    if (armv7m_scs_group_priority(s, exc) < s->summary_active_prio)
        s->summary_active_prio = armv7m_scs_group_priority(s, exc);
    if (x->pending && x->enabled && --s->summary_pending == 0)
        s->summary_best = 0;
    else if (s->summary_best == exc)
        armv7m_scs_forget(s);           /* the next one down: scan again */
}

/* The summary after active `exc` completes (before the flag changes). */
static void note_completed(struct armv7m_scs *s, int exc)
{
    if (!s->summary_valid)
        return;
    if (--s->summary_active == 0)
        s->summary_active_prio = V7M_PRIO_THREAD;
    else if (armv7m_scs_group_priority(s, exc) <= s->summary_active_prio)
        armv7m_scs_forget(s);           /* it may have been the lowest: scan again */
}

void armv7m_scs_set_pending(struct armv7m_scs *s, int exc)
{
    if (exc < 1 || exc >= armv7m_scs_num_exc(s))
        return;
    note_pending(s, exc);
    s->exc[exc].pending = true;
    armv7m_scs_notify(s);               /* the summary is up to date: no forgetting */
}

void armv7m_scs_irq_sink(void *scs, int irqn, bool level)
{
    struct armv7m_scs *s = scs;
    if (irqn < 0 || irqn >= s->num_irq)
        return;
    struct armv7m_exc *x = &s->exc[V7M_EXC_IRQ0 + irqn];
    bool rising = level && !x->level;
    x->level = level;
    if (rising)
        armv7m_scs_set_pending(s, V7M_EXC_IRQ0 + irqn);
}

/* Removes `exc` from the stack of acknowledged exceptions, wherever it is. */
void armv7m_scs_stack_remove(struct armv7m_scs *s, int exc)
{
    for (int i = s->active_depth - 1; i >= 0; i--) {
        if (s->active_stack[i] != exc)
            continue;
        memmove(&s->active_stack[i], &s->active_stack[i + 1], (size_t)(s->active_depth - i - 1));
        s->active_depth--;
        return;
    }
}

void armv7m_scs_acknowledge(struct armv7m_scs *s, int exc)
{
    if (exc < 1 || exc >= armv7m_scs_num_exc(s))
        return;
    struct armv7m_exc *x = &s->exc[exc];
    note_acknowledged(s, exc);
    x->pending = false;
    armv7m_scs_stack_remove(s, exc);
    x->active = true;
    s->active_stack[s->active_depth++] = (uint8_t)exc;
}

bool armv7m_scs_complete(struct armv7m_scs *s, int exc)
{
    if (exc < 1 || exc >= armv7m_scs_num_exc(s) || !s->exc[exc].active)
        return false;
    note_completed(s, exc);
    s->exc[exc].active = false;
    armv7m_scs_stack_remove(s, exc);
    if (armv7m_scs_relatch(s, exc))
        armv7m_scs_update(s);
    return true;
}

int armv7m_scs_active_count(const struct armv7m_scs *s)
{
    return summarized(s)->summary_active;
}

/* Synchronous fault: the configurable handler if it is enabled and could preempt, else a forced
 * HardFault (B1.5.6 "priority escalation"). */
int armv7m_scs_fault(struct armv7m_scs *s, uint32_t cfsr_bits, uint32_t addr, int exec_prio)
{
    s->cfsr |= cfsr_bits & CFSR_MASK;
    if (cfsr_bits & CFSR_MMARVALID)
        s->mmfar = addr;
    if (cfsr_bits & CFSR_BFARVALID)
        s->bfar = addr;
    int target = V7M_EXC_HARDFAULT;
    if (cfsr_bits & 0xffu)
        target = V7M_EXC_MEMMANAGE;
    else if (cfsr_bits & 0xff00u)
        target = V7M_EXC_BUSFAULT;
    else if (cfsr_bits & 0xffff0000u)
        target = V7M_EXC_USAGEFAULT;
    if (target != V7M_EXC_HARDFAULT &&
        (!s->exc[target].enabled || armv7m_scs_group_priority(s, target) >= exec_prio)) {
        target = V7M_EXC_HARDFAULT;
        s->hfsr |= HFSR_FORCED;
    }
    armv7m_scs_set_pending(s, target);
    return target;
}


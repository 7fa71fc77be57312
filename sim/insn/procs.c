/* The kernel's view of its processes (procs.h). */
#include "sim/insn/procs.h"

#include <string.h>

void insn_procs_init(struct insn_procs *p)
{
    memset(p, 0, sizeof(*p));
    p->current = -1;
}

void insn_procs_event(struct insn_procs *p, const struct proc_event *e)
{
    if (e->slot >= INSN_MAX_SLOTS)
        return;
    struct insn_slot *s = &p->slots[e->slot];
    if (e->name[0])
        memcpy(s->name, e->name, sizeof(s->name));
    if (e->kind == PROC_SWITCH)
        p->current = (int)e->slot;
    else if (e->kind == PROC_LAYOUT)
        s->layout = e->layout;
}

const char *insn_procs_current_name(const struct insn_procs *p)
{
    if (p->current < 0 || !p->slots[p->current].name[0])
        return "?";
    return p->slots[p->current].name;
}

uint32_t insn_app_entry(const struct strace_app *apps, int napps, uint32_t flash_start)
{
    for (int i = 0; i < napps; i++)
        if (apps[i].flash_start == flash_start)
            return apps[i].entry & ~1u;
    return 0;
}

/* Helpers shared by the System Control Space files (armv7m_scs.c, armv7m_exc.c) only. */
#ifndef SIM_ARMV7M_SCS_INTERNAL_H
#define SIM_ARMV7M_SCS_INTERNAL_H

#include "sim/cpu/cortexm/armv7m_scs.h"

/* CFSR bits that exist (B3.2.15); the rest are reserved. */
#define CFSR_MASK 0x030fbfbbu

/* Exceptions implemented: 16 system exceptions plus num_irq external interrupts. (Inline: the
 * bound of every scan over the exceptions, several per guest exception.) */
static inline int armv7m_scs_num_exc(const struct armv7m_scs *s)
{
    return V7M_EXC_IRQ0 + s->num_irq;
}
/* Something may have become pending or able to preempt: the CPU backend re-evaluates. */
void armv7m_scs_update(struct armv7m_scs *s);
/* The same without forgetting the exception summary (armv7m_exc.c keeps it up to date). */
void armv7m_scs_notify(struct armv7m_scs *s);
/* The implemented bits of a priority byte. */
uint8_t armv7m_scs_prio_mask(const struct armv7m_scs *s);
/* A level-sensitive IRQ whose line is still high becomes pending again; true if it did. */
bool armv7m_scs_relatch(struct armv7m_scs *s, int exc);
/* Removes exc from the stack of active handlers (VECTACTIVE). */
void armv7m_scs_stack_remove(struct armv7m_scs *s, int exc);

#endif

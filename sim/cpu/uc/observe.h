/* Instruction-level observers on Unicorn (struct cpu_insn_observer, sim/core/cpu.h), shared by
 * both backends: a block hook, and for an instruction trace a code hook, added after the
 * backend's own block hook (Unicorn calls hooks in the order they were added, so the clock has
 * counted the block when the observer hears of it). Nothing is installed while no observer is
 * set: a run without --itrace or --profile costs nothing. */
#ifndef SIM_UC_OBSERVE_H
#define SIM_UC_OBSERVE_H

/* Unicorn calls no code hook for a Thumb IT block's instructions whose condition fails, though
 * the clock counts them (they are executed as no-ops, ARMv7-M A7.3.3): the instruction hook
 * reports them too, as not executed, so that the cycles of those after them are exact and the
 * trace shows every instruction of the block. A block runs straight, so a gap between two
 * instructions of one block can only be that. */

#include <stdbool.h>
#include <stdint.h>

#include <unicorn/unicorn.h>

#include "sim/core/cpu.h"
#include "sim/cpu/uc/icount.h"

struct uc_observe {
    /* The backend's, set by uc_observe_init. */
    uc_engine *uc;
    struct uc_icount_entry *icache;
    uint32_t insn_min;                  /* bytes of the shortest instruction */
    const uint64_t *now;
    uint32_t (*insn_length)(void *cpu, uint32_t addr);
    void *cpu;
    /* Set while observing. */
    const struct cpu_insn_observer *o;
    uc_hook block_hook, code_hook;
    uint64_t cycle;                     /* the next instruction's cycle */
    uint32_t next_pc;                   /* where the next instruction of the block starts */
    /* Set by the backend's block hook when it took an interrupt by writing the PC: Unicorn
     * then leaves the block without running it, but still calls the hooks after the one
     * that wrote it (only uc_emu_stop skips them; and Unicorn 2.1 does not set the PC to
     * the block's address before block hooks, so the PC cannot tell). */
    bool skip_block;
};

void uc_observe_init(struct uc_observe *ob, uc_engine *uc, struct uc_icount_entry *icache,
                     uint32_t insn_min, const uint64_t *now,
                     uint32_t (*insn_length)(void *cpu, uint32_t addr), void *cpu);
/* The backend's block hook wrote the PC: the block it was called for will not run. */
static inline void uc_observe_block_skipped(struct uc_observe *ob)
{
    ob->skip_block = ob->o != NULL;
}
/* Replaces the observer (NULL: removes the hooks) and drops translated code, which carries the
 * hooks it was translated with. False with Unicorn's message in err if it refused. */
bool uc_observe_set(struct uc_observe *ob, const struct cpu_insn_observer *o, char *err, unsigned errlen);

#endif

/* Instruction-level observers on Unicorn (observe.h). */
#include "sim/cpu/uc/observe.h"

#include <stdio.h>

static void on_obs_block(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    struct uc_observe *ob = ud;
    if (ob->skip_block) {               /* the backend's hook took an interrupt instead */
        ob->skip_block = false;
        return;
    }
    /* The backend's hook has just counted the block (and cached its count). */
    uint32_t n = uc_icount_lookup(uc, ob->icache, (uint32_t)addr, size, ob->insn_min);
    ob->cycle = *ob->now - n;
    ob->next_pc = (uint32_t)addr;
    if (ob->o->block)
        ob->o->block(ob->o->ctx, (uint32_t)addr, n, ob->cycle);
    if (ob->o->span)
        ob->o->span(ob->o->ctx, (uint32_t)addr, size);
}

static void report(struct uc_observe *ob, uint32_t pc, uint32_t size, bool executed)
{
    uint8_t bytes[4] = { 0 };
    if (size > sizeof(bytes))
        size = sizeof(bytes);
    uc_mem_read(ob->uc, pc, bytes, size);
    ob->o->insn(ob->o->ctx, pc, bytes, size, ob->cycle++, executed);
    ob->next_pc = pc + size;
}

#define MAX_SKIPPED_BYTES 12    /* an IT block: at most 3 more instructions of 4 bytes */

static void on_obs_insn(uc_engine *uc, uint64_t addr, uint32_t size, void *ud)
{
    (void)uc;
    struct uc_observe *ob = ud;
    uint32_t pc = (uint32_t)addr;
    while (pc > ob->next_pc && pc - ob->next_pc <= MAX_SKIPPED_BYTES) {
        uint32_t len = ob->insn_length(ob->cpu, ob->next_pc);
        report(ob, ob->next_pc, len ? len : 2, false);
    }
    report(ob, pc, size, true);
}

void uc_observe_init(struct uc_observe *ob, uc_engine *uc, struct uc_icount_entry *icache,
                     uint32_t insn_min, const uint64_t *now,
                     uint32_t (*insn_length)(void *cpu, uint32_t addr), void *cpu)
{
    *ob = (struct uc_observe){ .uc = uc, .icache = icache, .insn_min = insn_min, .now = now,
                               .insn_length = insn_length, .cpu = cpu };
}

static void remove_hooks(struct uc_observe *ob)
{
    if (ob->block_hook)
        uc_hook_del(ob->uc, ob->block_hook);
    if (ob->code_hook)
        uc_hook_del(ob->uc, ob->code_hook);
    ob->block_hook = ob->code_hook = 0;
    ob->o = NULL;
}

bool uc_observe_set(struct uc_observe *ob, const struct cpu_insn_observer *o, char *err, unsigned errlen)
{
    remove_hooks(ob);
    ob->skip_block = false;
    uc_err e = UC_ERR_OK;
    if (o) {
        ob->o = o;
        /* Over all addresses: bounded code hooks make Unicorn 2.1 mis-execute Thumb code
         * (doc/cpu-cortexm.md). */
        e = uc_hook_add(ob->uc, &ob->block_hook, UC_HOOK_BLOCK, on_obs_block, ob, 1, 0);
        if (e == UC_ERR_OK && o->insn)
            e = uc_hook_add(ob->uc, &ob->code_hook, UC_HOOK_CODE, on_obs_insn, ob, 1, 0);
    }
    uc_ctl_flush_tb(ob->uc);
    uc_icount_forget(ob->icache);
    if (e != UC_ERR_OK) {
        remove_hooks(ob);
        snprintf(err, errlen, "Unicorn: cannot add the instruction observer's hooks: %s", uc_strerror(e));
        return false;
    }
    return true;
}

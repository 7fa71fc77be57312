/* TRD104 system calls: return encoding, the class dispatch table, subscribe/command/allow/exit. */
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/core/fault.h"
#include "kernel/core/grant.h"
#include "kernel/core/kernel.h"
#include "kernel/core/memop.h"
#include "kernel/core/process.h"
#include "kernel/core/syscall.h"
#include "kernel/core/tbf.h"
#include "kernel/core/upcall.h"

enum { EXIT_TERMINATE = 0, EXIT_RESTART = 1 };

/* Registers each return variant uses, r0 included (TRD104 section 3.2). Tock writes exactly
 * these; libtock-c keeps a pointer in r3 across a system call that returns fewer. */
static unsigned variant_registers(uint32_t variant)
{
    switch (variant) {
    case RET_NONE:
        return 0;
    case RET_SUCCESS:
        return 1;
    case RET_FAILURE:
    case RET_SUCCESS_U32:
        return 2;
    case RET_FAILURE_U32:
    case RET_SUCCESS_2U32:
    case RET_SUCCESS_U64:
        return 3;
    default:                        /* FailureU32U32, FailureU64, SuccessU32U32U32, SuccessU32U64 */
        return 4;
    }
}

/* Writes the registers ret's variant uses into r; returns how many (syscall.h). */
unsigned syscall_encode(const struct syscall_ret *ret, uint32_t r[4])
{
    int failure = ret->variant < RET_SUCCESS;
    const uint32_t all[4] = { ret->variant, failure ? ret->err : ret->v[0],
                              failure ? ret->v[0] : ret->v[1],
                              failure ? ret->v[1] : ret->v[2] };
    unsigned n = variant_registers(ret->variant);
    for (unsigned i = 0; i < n; i++)
        r[i] = all[i];
    return n;
}

/* Subscribe (class 1): r0 driver, r1 subscribe number, r2 function, r3 userdata. On success
 * returns the previous (function, userdata) and drops upcalls pending on the old one. */
static struct syscall_ret sys_subscribe(struct process *p, const uint32_t a[4])
{
    int idx = kernel_driver_index(a[0]);
    if (idx < 0)
        return ret_failure_2u32(ERR_NODEVICE, a[2], a[3]);
    const struct driver *d = kernel->drivers[idx];
    if (a[2] != 0 && !process_can_execute(p, a[2]))
        return ret_failure_2u32(ERR_INVAL, a[2], a[3]);
    if (a[1] >= d->num_upcalls)
        return ret_failure_2u32(ERR_INVAL, a[2], a[3]);
    void *g = grant_enter_index(p, idx);
    if (!g)
        return ret_failure_2u32(ERR_NOMEM, a[2], a[3]);
    struct upcall_slot *s = grant_upcall_slot(d, g, a[1]);
    struct upcall_slot old = *s;
    s->fn = a[2];
    s->userdata = a[3];
    upcall_queue_remove(p->queue, (uint16_t)idx, (uint16_t)a[1]);
    return ret_success_2u32(old.fn, old.userdata);
}

/* Command (class 2): r0 driver, r1 command, r2 and r3 arguments; the driver decides the rest. */
static struct syscall_ret sys_command(struct process *p, const uint32_t a[4])
{
    int idx = kernel_driver_index(a[0]);
    if (idx < 0 || !tbf_command_allowed(&p->tbf, a[0], a[1]))
        return ret_failure(ERR_NODEVICE);
    if (!grant_enter_index(p, idx))
        return ret_failure(ERR_NOMEM);
    return kernel->drivers[idx]->command(p, a[1], a[2], a[3]);
}

/* The three allows: r0 driver, r1 buffer number, r2 address, r3 length. Swap semantics: success
 * returns the previous buffer (0, 0 the first time), failure the one passed. */
static struct syscall_ret allow(struct process *p, const uint32_t a[4], enum buffer_kind k)
{
    int idx = kernel_driver_index(a[0]);
    if (idx < 0)
        return ret_failure_2u32(ERR_NODEVICE, a[2], a[3]);
    const struct driver *d = kernel->drivers[idx];
    uint32_t count = k == BUF_RO ? d->num_allow_ro : k == BUF_RW ? d->num_allow_rw
                                                                 : d->num_allow_ur;
    int ok = k == BUF_RO ? process_can_read(p, a[2], a[3]) : process_can_write(p, a[2], a[3]);
    if (a[1] >= count || !ok)
        return ret_failure_2u32(ERR_INVAL, a[2], a[3]);
    void *g = grant_enter_index(p, idx);
    if (!g)
        return ret_failure_2u32(ERR_NOMEM, a[2], a[3]);
    struct buffer_slot *s = grant_buffer_slot(d, g, k, a[1]);
    struct buffer_slot old = *s;
    s->ptr = a[2];
    s->len = a[3];
    if (k != BUF_RO && a[3] > 0 && (uintptr_t)a[2] + a[3] > p->allow_hwm)
        p->allow_hwm = (uintptr_t)a[2] + a[3];
    if (d->allowed)
        d->allowed(p, k, a[1]);
    process_report_allow(p, a[0], k == BUF_RO ? SYSCALL_ALLOW_RO : k == BUF_RW ? SYSCALL_ALLOW_RW
                                                                         : SYSCALL_ALLOW_UR,
                         a[1], a[2], a[3]);
    return ret_success_2u32((uint32_t)old.ptr, old.len);
}

static struct syscall_ret sys_allow_rw(struct process *p, const uint32_t a[4])
{
    return allow(p, a, BUF_RW);
}

static struct syscall_ret sys_allow_ro(struct process *p, const uint32_t a[4])
{
    return allow(p, a, BUF_RO);
}

static struct syscall_ret sys_allow_ur(struct process *p, const uint32_t a[4])
{
    return allow(p, a, BUF_UR);
}

/* Exit (class 6): r0 0 terminate / 1 restart, r1 completion code. Never returns if valid. */
static struct syscall_ret sys_exit(struct process *p, const uint32_t a[4])
{
    switch (a[0]) {
    case EXIT_TERMINATE:
        process_terminate(p, 1, a[1]);
        return ret_none();
    case EXIT_RESTART:
        p->has_completion_code = 1;
        p->completion_code = a[1];
        process_restart(p);
        return ret_none();
    default:
        return ret_failure(ERR_NOSUPPORT);
    }
}

static struct syscall_ret (*const syscall_table[SYSCALL_NUM_CLASSES])(struct process *,
                                                                      const uint32_t[4]) = {
    [SYSCALL_YIELD] = sys_yield,
    [SYSCALL_SUBSCRIBE] = sys_subscribe,
    [SYSCALL_COMMAND] = sys_command,
    [SYSCALL_ALLOW_RW] = sys_allow_rw,
    [SYSCALL_ALLOW_RO] = sys_allow_ro,
    [SYSCALL_MEMOP] = sys_memop,
    [SYSCALL_EXIT] = sys_exit,
    [SYSCALL_ALLOW_UR] = sys_allow_ur,
};

/* Runs system call class_id(a) for p and returns its result; counts it for reports. */
struct syscall_ret syscall_dispatch(struct process *p, uint32_t class_id, const uint32_t a[4])
{
    p->syscall_count++;
    p->last_syscall[0] = class_id;
    p->last_syscall[1] = a[0];
    p->last_syscall[2] = a[1];
    if (class_id >= SYSCALL_NUM_CLASSES)
        return ret_failure(ERR_NOSUPPORT);
    return syscall_table[class_id](p, a);
}

/* The system call path from a trap to p's return registers; whether p still runs. */
KERNEL_LANDMARK int syscall_handle(struct process *p)
{
    uint32_t class_id, a[4], r[4];
    if (!process_frame_ok(p)) {
        fault_process(p, "system call with the stack pointer outside process memory");
        return 0;
    }
    arch_syscall_decode(&p->ctx, &class_id, a);
    struct syscall_ret ret = syscall_dispatch(p, class_id, a);
    unsigned n = syscall_encode(&ret, r);
    if (n)
        arch_syscall_return(&p->ctx, r, n);
    return p->state == PROC_RUNNING;
}

/* Name of a system call class, "unknown" past the last. */
const char *syscall_class_name(uint32_t class_id)
{
    static const char *const names[SYSCALL_NUM_CLASSES] = {
        [SYSCALL_YIELD] = "yield", [SYSCALL_SUBSCRIBE] = "subscribe",
        [SYSCALL_COMMAND] = "command", [SYSCALL_ALLOW_RW] = "allow-rw",
        [SYSCALL_ALLOW_RO] = "allow-ro", [SYSCALL_MEMOP] = "memop", [SYSCALL_EXIT] = "exit",
        [SYSCALL_ALLOW_UR] = "allow-ur",
    };
    return class_id < SYSCALL_NUM_CLASSES ? names[class_id] : "unknown";
}

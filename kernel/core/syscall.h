/* TRD104 system calls: classes, return variants, error codes, encoding and dispatch. */
#ifndef KERNEL_CORE_SYSCALL_H
#define KERNEL_CORE_SYSCALL_H

#include <stdint.h>

struct process;

/* Syscall classes: the svc immediate on Cortex-M (TRD104 section 4). */
enum syscall_class {
    SYSCALL_YIELD = 0,
    SYSCALL_SUBSCRIBE = 1,
    SYSCALL_COMMAND = 2,
    SYSCALL_ALLOW_RW = 3,
    SYSCALL_ALLOW_RO = 4,
    SYSCALL_MEMOP = 5,
    SYSCALL_EXIT = 6,
    SYSCALL_ALLOW_UR = 7,   /* userspace-readable allow */
    SYSCALL_NUM_CLASSES
};

/* Return variants: the value of r0 (TRD104 section 3.2). */
enum syscall_variant {
    RET_FAILURE = 0,
    RET_FAILURE_U32 = 1,
    RET_FAILURE_2U32 = 2,
    RET_FAILURE_U64 = 3,
    RET_SUCCESS = 128,
    RET_SUCCESS_U32 = 129,
    RET_SUCCESS_2U32 = 130,
    RET_SUCCESS_U64 = 131,
    RET_SUCCESS_3U32 = 132,
    RET_SUCCESS_U32_U64 = 133,
    RET_NONE = 0xffff,      /* kernel-internal: leave the registers alone (yield, exit) */
};

/* Tock's ErrorCode numbers (TRD104 section 3.3). */
enum errorcode {
    ERR_FAIL = 1,
    ERR_BUSY = 2,
    ERR_ALREADY = 3,
    ERR_OFF = 4,
    ERR_RESERVE = 5,
    ERR_INVAL = 6,
    ERR_SIZE = 7,
    ERR_CANCEL = 8,
    ERR_NOMEM = 9,
    ERR_NOSUPPORT = 10,
    ERR_NODEVICE = 11,
    ERR_UNINSTALLED = 12,
    ERR_NOACK = 13,
};

/* A system call's result before it is put in registers. u64 values are split lo, hi. */
struct syscall_ret {
    uint32_t variant;
    uint32_t err;           /* failures only */
    uint32_t v[3];
};

static inline struct syscall_ret ret_success(void)
{
    return (struct syscall_ret){ RET_SUCCESS, 0, { 0, 0, 0 } };
}
static inline struct syscall_ret ret_success_u32(uint32_t a)
{
    return (struct syscall_ret){ RET_SUCCESS_U32, 0, { a, 0, 0 } };
}
static inline struct syscall_ret ret_success_2u32(uint32_t a, uint32_t b)
{
    return (struct syscall_ret){ RET_SUCCESS_2U32, 0, { a, b, 0 } };
}
static inline struct syscall_ret ret_success_3u32(uint32_t a, uint32_t b, uint32_t c)
{
    return (struct syscall_ret){ RET_SUCCESS_3U32, 0, { a, b, c } };
}
static inline struct syscall_ret ret_success_u64(uint64_t a)
{
    return (struct syscall_ret){ RET_SUCCESS_U64, 0, { (uint32_t)a, (uint32_t)(a >> 32), 0 } };
}
static inline struct syscall_ret ret_success_u32_u64(uint32_t a, uint64_t b)
{
    return (struct syscall_ret){ RET_SUCCESS_U32_U64, 0,
                                 { a, (uint32_t)b, (uint32_t)(b >> 32) } };
}
static inline struct syscall_ret ret_failure(enum errorcode e)
{
    return (struct syscall_ret){ RET_FAILURE, (uint32_t)e, { 0, 0, 0 } };
}
static inline struct syscall_ret ret_failure_u32(enum errorcode e, uint32_t a)
{
    return (struct syscall_ret){ RET_FAILURE_U32, (uint32_t)e, { a, 0, 0 } };
}
static inline struct syscall_ret ret_failure_2u32(enum errorcode e, uint32_t a, uint32_t b)
{
    return (struct syscall_ret){ RET_FAILURE_2U32, (uint32_t)e, { a, b, 0 } };
}
static inline struct syscall_ret ret_failure_u64(enum errorcode e, uint64_t a)
{
    return (struct syscall_ret){ RET_FAILURE_U64, (uint32_t)e,
                                 { (uint32_t)a, (uint32_t)(a >> 32), 0 } };
}
static inline struct syscall_ret ret_none(void)
{
    return (struct syscall_ret){ RET_NONE, 0, { 0, 0, 0 } };
}

/* Puts ret in the return registers its variant uses, and only those: failures {variant,
 * error, v0, v1}, successes {variant, v0, v1, v2}, cut to the variant's length (Success: r0;
 * Failure, SuccessU32: r0-r1; FailureU32, SuccessU32U32, SuccessU64: r0-r2; the others r0-r3).
 * Returns how many registers that is, r[0..n) being written; 0 for RET_NONE. The other
 * registers keep what the process left in them, as in Tock. */
unsigned syscall_encode(const struct syscall_ret *ret, uint32_t r[4]);

/* Runs one system call of process p (class and r0-r3 as the process passed them) and returns
 * its result. Yield and exit change p's state and return RET_NONE. */
struct syscall_ret syscall_dispatch(struct process *p, uint32_t class_id, const uint32_t a[4]);

/* Handles the system call p just trapped with (ARCH_RETURN_SYSCALL): checks the trap frame
 * lies in p's memory (else faults p), decodes, dispatches and writes the return registers.
 * Returns whether p is still running (not yielded, exited or faulted). */
int syscall_handle(struct process *p);

/* Name of a syscall class for traces and reports ("command", ...; "unknown" past the end). */
const char *syscall_class_name(uint32_t class_id);

#endif

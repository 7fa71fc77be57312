/* libtock: the raw Tock 2.x system calls for Cortex-M (svc #class, r0-r3). */
#include "tock.h"

/*
 * Registers across an svc: the kernel saves and restores the whole context, and returns
 * results in r0-r3. Yield is different: an upcall runs as a function call made by the kernel
 * on our stack, returning to the instruction after the svc, so every caller-saved register
 * (r0-r3, r12, lr) may be clobbered. r9 is the PIC base: no function ever changes it.
 */
#define SVC4(cls, a, b, c, d)                                                                \
    ({                                                                                       \
        register uint32_t r0_ __asm__("r0") = (uint32_t)(a);                                 \
        register uint32_t r1_ __asm__("r1") = (uint32_t)(b);                                 \
        register uint32_t r2_ __asm__("r2") = (uint32_t)(c);                                 \
        register uint32_t r3_ __asm__("r3") = (uint32_t)(d);                                 \
        __asm__ volatile("svc %[n]"                                                         \
                         : "+r"(r0_), "+r"(r1_), "+r"(r2_), "+r"(r3_)                        \
                         : [n] "i"(cls)                                                      \
                         : "memory");                                                        \
        (syscall_return_t){ r0_, { r1_, r2_, r3_ } };                                        \
    })

void yield(void)
{
    register uint32_t r0 __asm__("r0") = 1;
    __asm__ volatile("svc 0" : "+r"(r0) : : "memory", "r1", "r2", "r3", "r12", "lr");
}

int yield_no_wait(void)
{
    volatile uint8_t ran = 0;
    register uint32_t r0 __asm__("r0") = 0;
    register volatile uint8_t *r1 __asm__("r1") = &ran;
    __asm__ volatile("svc 0" : "+r"(r0), "+r"(r1) : : "memory", "r2", "r3", "r12", "lr");
    return ran;
}

yield_waitfor_return_t yield_wait_for(uint32_t driver, uint32_t subscribe_num)
{
    register uint32_t r0 __asm__("r0") = 2;
    register uint32_t r1 __asm__("r1") = driver;
    register uint32_t r2 __asm__("r2") = subscribe_num;
    __asm__ volatile("svc 0" : "+r"(r0), "+r"(r1), "+r"(r2) : : "memory", "r3", "r12", "lr");
    return (yield_waitfor_return_t){ r0, r1, r2 };
}

void yield_raw(uint32_t identifier, uint32_t arg0)
{
    register uint32_t r0 __asm__("r0") = identifier;
    register uint32_t r1 __asm__("r1") = arg0;
    __asm__ volatile("svc 0" : "+r"(r0), "+r"(r1) : : "memory", "r2", "r3", "r12", "lr");
}

void yield_for(volatile bool *cond)
{
    while (!*cond)
        yield();
}

syscall_return_t subscribe(uint32_t driver, uint32_t subscribe_num, upcall_fn *fn, void *ud)
{
    return SVC4(1, driver, subscribe_num, fn, ud);
}

syscall_return_t command(uint32_t driver, uint32_t command_num, uint32_t arg0, uint32_t arg1)
{
    return SVC4(2, driver, command_num, arg0, arg1);
}

syscall_return_t allow_readwrite(uint32_t driver, uint32_t allow_num, void *ptr, size_t len)
{
    return SVC4(3, driver, allow_num, ptr, len);
}

syscall_return_t allow_readonly(uint32_t driver, uint32_t allow_num, const void *ptr,
                                size_t len)
{
    return SVC4(4, driver, allow_num, ptr, len);
}

syscall_return_t allow_userspace_readable(uint32_t driver, uint32_t allow_num, void *ptr,
                                          size_t len)
{
    return SVC4(7, driver, allow_num, ptr, len);
}

syscall_return_t memop(uint32_t op, uint32_t arg)
{
    return SVC4(5, op, arg, 0, 0);
}

void tock_exit(uint32_t completion_code)
{
    for (;;)
        SVC4(6, 0, completion_code, 0, 0);
}

void tock_restart(uint32_t completion_code)
{
    for (;;)
        SVC4(6, 1, completion_code, 0, 0);
}

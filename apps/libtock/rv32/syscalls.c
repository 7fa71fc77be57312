/* libtock: the raw Tock 2.x system calls for RISC-V (TRD104: ecall, class in a4, a0-a3). */
#include "tock.h"

/*
 * Registers across an ecall: the kernel saves and restores every register and returns results
 * in a0-a3. Yield is different: an upcall runs as a function call made by the kernel on our
 * stack, returning to the instruction after the ecall, so every caller-saved register (ra,
 * t0-t6, a0-a7) may be clobbered. gp is the app's global pointer: nothing ever changes it.
 */
#define ECALL4(cls, a, b, c, d)                                                              \
    ({                                                                                       \
        register uint32_t a0_ __asm__("a0") = (uint32_t)(a);                                 \
        register uint32_t a1_ __asm__("a1") = (uint32_t)(b);                                 \
        register uint32_t a2_ __asm__("a2") = (uint32_t)(c);                                 \
        register uint32_t a3_ __asm__("a3") = (uint32_t)(d);                                 \
        register uint32_t a4_ __asm__("a4") = (uint32_t)(cls);                               \
        __asm__ volatile("ecall"                                                            \
                         : "+r"(a0_), "+r"(a1_), "+r"(a2_), "+r"(a3_)                        \
                         : "r"(a4_)                                                          \
                         : "memory");                                                        \
        (syscall_return_t){ a0_, { a1_, a2_, a3_ } };                                        \
    })

/* What a yield that may run an upcall clobbers, besides the registers it uses. */
#define UPCALL_CLOBBERS "memory", "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a5", "a6", "a7"

void yield(void)
{
    register uint32_t a0 __asm__("a0") = 1;
    register uint32_t a4 __asm__("a4") = 0;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a4) : : UPCALL_CLOBBERS, "a1", "a2", "a3");
}

int yield_no_wait(void)
{
    volatile uint8_t ran = 0;
    register uint32_t a0 __asm__("a0") = 0;
    register volatile uint8_t *a1 __asm__("a1") = &ran;
    register uint32_t a4 __asm__("a4") = 0;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a4) : : UPCALL_CLOBBERS, "a2", "a3");
    return ran;
}

/* Wait-for returns the upcall's values instead of calling it: no function runs. */
yield_waitfor_return_t yield_wait_for(uint32_t driver, uint32_t subscribe_num)
{
    register uint32_t a0 __asm__("a0") = 2;
    register uint32_t a1 __asm__("a1") = driver;
    register uint32_t a2 __asm__("a2") = subscribe_num;
    register uint32_t a4 __asm__("a4") = 0;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2) : "r"(a4) : "memory", "a3");
    return (yield_waitfor_return_t){ a0, a1, a2 };
}

void yield_raw(uint32_t identifier, uint32_t arg0)
{
    register uint32_t a0 __asm__("a0") = identifier;
    register uint32_t a1 __asm__("a1") = arg0;
    register uint32_t a4 __asm__("a4") = 0;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a4) : : UPCALL_CLOBBERS, "a2", "a3");
}

void yield_for(volatile bool *cond)
{
    while (!*cond)
        yield();
}

syscall_return_t subscribe(uint32_t driver, uint32_t subscribe_num, upcall_fn *fn, void *ud)
{
    return ECALL4(1, driver, subscribe_num, fn, ud);
}

syscall_return_t command(uint32_t driver, uint32_t command_num, uint32_t arg0, uint32_t arg1)
{
    return ECALL4(2, driver, command_num, arg0, arg1);
}

syscall_return_t allow_readwrite(uint32_t driver, uint32_t allow_num, void *ptr, size_t len)
{
    return ECALL4(3, driver, allow_num, ptr, len);
}

syscall_return_t allow_readonly(uint32_t driver, uint32_t allow_num, const void *ptr,
                                size_t len)
{
    return ECALL4(4, driver, allow_num, ptr, len);
}

syscall_return_t allow_userspace_readable(uint32_t driver, uint32_t allow_num, void *ptr,
                                          size_t len)
{
    return ECALL4(7, driver, allow_num, ptr, len);
}

syscall_return_t memop(uint32_t op, uint32_t arg)
{
    return ECALL4(5, op, arg, 0, 0);
}

void tock_exit(uint32_t completion_code)
{
    for (;;)
        ECALL4(6, 0, completion_code, 0, 0);
}

void tock_restart(uint32_t completion_code)
{
    for (;;)
        ECALL4(6, 1, completion_code, 0, 0);
}

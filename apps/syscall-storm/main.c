/* syscall-storm: system calls with invalid pointers, lengths, upcalls, drivers and memop
 * arguments. Every one must fail with an error, and the app must live to say so. */
#include <stdint.h>
#include <stdio.h>

#include "platform.h"
#include "tock.h"

#define BAD_DRIVER  0x7f000000u     /* no Tock driver has this number */
#define RANDOM_ROUNDS 200

static int calls, errors;
static uint32_t seed = 12345;
static uint32_t mem_start, mem_end, flash_start, grant_start, brk_now;

/* Records one call that must fail; prints it if it did not. */
/* The groups of calls stay separate functions: inlined into main, every call's return value
 * gets its own stack slot and the frame outgrows the 1 KiB stack (624 bytes on RV32). */
#define NOINLINE __attribute__((noinline))

static void expect_error(const char *what, syscall_return_t r, int quiet)
{
    calls++;
    if (r.variant <= TOCK_FAILURE_U64) {
        errors++;
        if (!quiet)
            printf("syscall-storm: %-44s -> %s\n", what, tock_strerror(-(int)r.data[0]));
    } else {
        printf("syscall-storm: %-44s -> UNEXPECTED SUCCESS (variant %u)\n", what,
               (unsigned)r.variant);
    }
}

static void upcall(int a, int b, int c, void *ud)
{
    (void)a, (void)b, (void)c, (void)ud;
}

static uint32_t rnd(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed >> 8;
}

/* An address the process may not touch: kernel RAM, kernel flash or a peripheral. */
static uint32_t foreign_address(void)
{
    switch (rnd() % 3) {
    case 0: return PLATFORM_KERNEL_RAM + rnd() % 0x1000;
    case 1: return PLATFORM_KERNEL_FLASH + rnd() % 0x1000;
    default: return PLATFORM_UART + rnd() % 0x40000;
    }
}

/* Console allows (buffer 1) and upcall pointers, shortened for the tables below. */
#define RW(ptr, len) allow_readwrite(DRIVER_CONSOLE, 1, (void *)(uintptr_t)(ptr), (len))
#define RO(ptr, len) allow_readonly(DRIVER_CONSOLE, 1, (const void *)(uintptr_t)(ptr), (len))
#define UPCALL(addr) ((upcall_fn *)(uintptr_t)(addr))

static NOINLINE void bad_allows(void)
{
    static uint8_t buf[16];
    expect_error("rw allow of kernel RAM", RW(PLATFORM_KERNEL_RAM, 16), 0);
    expect_error("rw allow of address 0", RW(0, 4), 0);
    expect_error("rw allow of my own flash", RW(flash_start, 16), 0);
    expect_error("rw allow of my grant region", RW(grant_start, 16), 0);
    expect_error("rw allow past my break", RW(brk_now, 16), 0);
    expect_error("rw allow with length wrapping 2^32", RW(buf, 0xfffffff8u), 0);
    expect_error("rw allow starting in RAM, ending beyond it", RW(mem_end - 8, 64), 0);
    expect_error("ro allow of kernel RAM", RO(PLATFORM_KERNEL_RAM, 16), 0);
    expect_error("ro allow of a peripheral", RO(PLATFORM_UART, 16), 0);
    expect_error("ro allow wrapping around 0", RO(0xfffffff0u, 0x20), 0);
    expect_error("ur allow of kernel RAM",
                 allow_userspace_readable(DRIVER_CONSOLE, 0, (void *)PLATFORM_KERNEL_RAM, 16), 0);
    expect_error("rw allow to a missing driver", allow_readwrite(BAD_DRIVER, 0, buf, 16), 0);
    expect_error("ro allow to a missing driver", allow_readonly(BAD_DRIVER, 0, buf, 16), 0);
}

static NOINLINE void bad_subscribes(void)
{
    expect_error("subscribe with upcall in kernel RAM",
                 subscribe(DRIVER_ALARM, 0, UPCALL(PLATFORM_KERNEL_RAM | 1), NULL), 0);
    expect_error("subscribe with upcall in kernel flash",
                 subscribe(DRIVER_ALARM, 0, UPCALL(0x101), NULL), 0);
    expect_error("subscribe with upcall in my RAM",
                 subscribe(DRIVER_ALARM, 0, UPCALL(mem_start | 1), NULL), 0);
    expect_error("subscribe to a missing driver", subscribe(BAD_DRIVER, 0, upcall, NULL), 0);
}

static NOINLINE void bad_commands_and_memops(void)
{
    expect_error("command to a missing driver", command(BAD_DRIVER, 0, 0, 0), 0);
    expect_error("console command 99", command(DRIVER_CONSOLE, 99, 0, 0), 0);
    expect_error("LED 9999 on", command(DRIVER_LED, 1, 9999, 0), 0);
    expect_error("button 9999 read", command(DRIVER_BUTTON, 3, 9999, 0), 0);
    expect_error("memop brk into kernel RAM", memop(MEMOP_BRK, PLATFORM_KERNEL_RAM), 0);
    expect_error("memop brk below my RAM", memop(MEMOP_BRK, mem_start - 4), 0);
    expect_error("memop brk beyond my RAM", memop(MEMOP_BRK, mem_end + 0x1000), 0);
    expect_error("memop sbrk +2 GiB", memop(MEMOP_SBRK, 0x7fffffffu), 0);
    expect_error("memop sbrk -2 GiB", memop(MEMOP_SBRK, 0x80000001u), 0);
    expect_error("memop operation 99", memop(99, 0), 0);
}

/* Hundreds of calls with random foreign pointers and unknown drivers; all must fail. */
static NOINLINE void random_storm(void)
{
    int before = errors, n = calls;
    for (int i = 0; i < RANDOM_ROUNDS; i++) {
        uint32_t len = 1 + rnd() % 256;
        expect_error("", RW(foreign_address(), len), 1);
        expect_error("", RO(foreign_address(), len), 1);
        expect_error("", subscribe(DRIVER_ALARM, 0, UPCALL(foreign_address() | 1), NULL), 1);
        expect_error("", command(BAD_DRIVER | (rnd() & 0xffff), rnd(), rnd(), rnd()), 1);
    }
    printf("syscall-storm: random round: %d/%d calls failed as they should\n",
           errors - before, calls - n);
}

/* Calls that have no error to return; the point is that the kernel survives them. */
static NOINLINE void no_return_calls(void)
{
    yield_raw(7, 0);                        /* unknown yield identifier: returns */
    yield_raw(0, PLATFORM_KERNEL_RAM);      /* yield-no-wait, flag in kernel RAM */
    printf("syscall-storm: unknown yield and yield-no-wait with a kernel flag address returned\n");
}

int main(void)
{
    mem_start = memop(MEMOP_MEM_START, 0).data[0];
    mem_end = memop(MEMOP_MEM_END, 0).data[0];
    flash_start = memop(MEMOP_FLASH_START, 0).data[0];
    grant_start = memop(MEMOP_GRANT_START, 0).data[0];
    brk_now = (uint32_t)tock_sbrk(0);
    printf("syscall-storm: RAM 0x%08x-0x%08x break 0x%08x grant 0x%08x\n", (unsigned)mem_start,
           (unsigned)mem_end, (unsigned)brk_now, (unsigned)grant_start);
    bad_allows();
    bad_subscribes();
    bad_commands_and_memops();
    random_storm();
    no_return_calls();
    printf("syscall-storm: %d/%d calls returned an error%s; app survived\n", errors, calls,
           errors == calls ? " (all of them)" : ", SOME SUCCEEDED");
    return 0;
}

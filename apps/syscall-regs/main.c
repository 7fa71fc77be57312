/* syscall-regs: TRD104 as Tock implements it: a system call writes exactly the registers its
 * return variant defines (r0-r3 / a0-a3) and leaves the others as the process set them
 * (libtock-c keeps values there across the call). Each call below is made with sentinels in
 * the argument registers; the app checks every register after it and prints one line per
 * failed check, then a summary. The same app runs on cm4 and rv32, on QEMU and tocksim. */
#include <stdint.h>
#include <stdio.h>

#include "tock.h"

#define BAD_DRIVER 0x7f000000u
#define S2 0x5a5a0002u             /* sentinels in the third and fourth registers */
#define S3 0xa5a50003u

static int checks, failed;

/* One raw system call of class cls with r[0..3] in and out (no libtock wrapper, which would
 * only return the registers the variant defines). */
#if defined(__riscv)
#define RAW(cls, r)                                                                          \
    do {                                                                                     \
        register uint32_t a0_ __asm__("a0") = r[0], a1_ __asm__("a1") = r[1];                \
        register uint32_t a2_ __asm__("a2") = r[2], a3_ __asm__("a3") = r[3];                \
        register uint32_t a4_ __asm__("a4") = cls;                                           \
        __asm__ volatile("ecall" : "+r"(a0_), "+r"(a1_), "+r"(a2_), "+r"(a3_) : "r"(a4_)     \
                         : "memory");                                                        \
        r[0] = a0_, r[1] = a1_, r[2] = a2_, r[3] = a3_;                                      \
    } while (0)
#else
#define RAW(cls, r)                                                                          \
    do {                                                                                     \
        register uint32_t r0_ __asm__("r0") = r[0], r1_ __asm__("r1") = r[1];                \
        register uint32_t r2_ __asm__("r2") = r[2], r3_ __asm__("r3") = r[3];                \
        __asm__ volatile("svc %[n]" : "+r"(r0_), "+r"(r1_), "+r"(r2_), "+r"(r3_)             \
                         : [n] "i"(cls) : "memory");                                         \
        r[0] = r0_, r[1] = r1_, r[2] = r2_, r[3] = r3_;                                      \
    } while (0)
#endif

/* Checks register i after the call named what: want, or (keep) the value it went in with. */
static void expect(const char *what, int i, uint32_t got, uint32_t want)
{
    checks++;
    if (got != want) {
        failed++;
        printf("syscall-regs: %s: r%d = 0x%08lx, want 0x%08lx\n", what, i, (unsigned long)got,
               (unsigned long)want);
    }
}

/* The variant in r0 and the registers it does not define kept (from index `from` on). */
static void expect_kept(const char *what, const uint32_t in[4], const uint32_t out[4],
                        uint32_t variant, int from)
{
    expect(what, 0, out[0], variant);
    for (int i = from; i < 4; i++)
        expect(what, i, out[i], in[i]);
}

static void commands(void)
{
    uint32_t in[4] = { DRIVER_LED, 0, S2, S3 }, r[4] = { DRIVER_LED, 0, S2, S3 };
    RAW(2, r);                                                /* LED count: SuccessU32 */
    expect_kept("command(led, count)", in, r, TOCK_SUCCESS_U32, 2);
    uint32_t in2[4] = { BAD_DRIVER, 1, S2, S3 }, r2[4] = { BAD_DRIVER, 1, S2, S3 };
    RAW(2, r2);                                               /* no driver: Failure */
    expect_kept("command(no driver)", in2, r2, TOCK_FAILURE, 2);
    expect("command(no driver)", 1, r2[1], 11);               /* NODEVICE */
    uint32_t in3[4] = { DRIVER_LED, 0, S2, S3 }, r3[4] = { DRIVER_LED, 0, S2, S3 };
    in3[0] = r3[0] = DRIVER_CONSOLE;                          /* console exists: Success */
    RAW(2, r3);
    expect_kept("command(console, exists)", in3, r3, TOCK_SUCCESS, 1);
}

static void memops(void)
{
    uint32_t in[4] = { MEMOP_MEM_START, 0x11110001u, S2, S3 }, r[4];
    for (int i = 0; i < 4; i++)
        r[i] = in[i];
    RAW(5, r);                                                /* SuccessU32 */
    expect_kept("memop(mem_start)", in, r, TOCK_SUCCESS_U32, 2);
    uint32_t in2[4] = { 99, 0x11110001u, S2, S3 }, r2[4];
    for (int i = 0; i < 4; i++)
        r2[i] = in2[i];
    RAW(5, r2);                                               /* unknown op: Failure */
    expect_kept("memop(99)", in2, r2, TOCK_FAILURE, 2);
}

static void allows_and_yield(void)
{
    uint32_t in[4] = { DRIVER_CONSOLE, 1, 0, 0 }, r[4] = { DRIVER_CONSOLE, 1, 0, 0 };
    RAW(4, r);                          /* read-only allow of nothing: SuccessU32U32 (old) */
    expect_kept("allow-ro(console, 1, NULL, 0)", in, r, TOCK_SUCCESS_2U32, 3);
    volatile uint8_t ran = 0xee;
    uint32_t y[4] = { 0, (uint32_t)(uintptr_t)&ran, S2, S3 };
    RAW(0, y);                          /* yield-no-wait: writes no register, a byte at r1 */
    expect("yield-no-wait", 1, y[1], (uint32_t)(uintptr_t)&ran);
    expect("yield-no-wait", 2, y[2], S2);
    expect("yield-no-wait", 3, y[3], S3);
    expect("yield-no-wait", 9, ran, 0);
}

int main(void)
{
    commands();
    memops();
    allows_and_yield();
    printf("syscall-regs: %d/%d register checks passed%s\n", checks - failed, checks,
           failed ? "" : ": only the variant's registers were written");
    return 0;
}

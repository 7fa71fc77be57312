/* CPU benchmark firmware: runs the workload and prints its checksum (never a time). */

/*
 * Built twice: bench.elf runs the workload privileged with the MPU off; bench-mpu.elf
 * (BENCH_MPU) runs it unprivileged on the process stack with the MPU on, as a Tock process
 * would run: flash read-only/executable, the workload's 16 KiB arena read/write/execute-never,
 * nothing else. MPU registers: ARMv7-M ARM (DDI0403E) B3.5.
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/bench/workload.h"
#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/unpriv.h"

#define ITERATIONS 3000
#define ARENA_SIZE 16384

static uint8_t arena[ARENA_SIZE] __attribute__((aligned(ARENA_SIZE)));

#ifdef BENCH_MPU

static uint32_t run_unprivileged(uint32_t state, uint32_t iterations)
{
    return workload_run((struct bench_state *)(uintptr_t)state, iterations);
}

// SVC_PRIVILEGED from unpriv_call: back to privileged thread mode.
static void svc_privileged(uint32_t *frame, uint32_t exc_return)
{
    (void)frame, (void)exc_return;
    WRITE_SPECIAL("control", READ_SPECIAL("control") & ~1u);
}

static uint32_t run(struct bench_state *s)
{
    exc_set_handler(11, svc_privileged);
    MPU_RNR = 0;
    MPU_RBAR = CM4_FLASH_BASE;
    MPU_RASR = MPU_RASR_AP(AP_RO) | MPU_RASR_NORMAL | MPU_RASR_SIZE(19) | MPU_RASR_ENABLE;
    MPU_RNR = 1;
    MPU_RBAR = (uint32_t)(uintptr_t)arena;
    MPU_RASR = MPU_RASR_XN | MPU_RASR_AP(AP_FULL) | MPU_RASR_NORMAL | MPU_RASR_SIZE(14) |
               MPU_RASR_ENABLE;
    MPU_CTRL = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
    barrier();
    uint32_t check = unpriv_call(run_unprivileged, (uint32_t)(uintptr_t)s, ITERATIONS,
                                 (uint32_t)(uintptr_t)(arena + ARENA_SIZE));
    MPU_CTRL = 0;
    barrier();
    return check;
}
#define VARIANT "mpu, unprivileged"
#else
static uint32_t run(struct bench_state *s)
{
    return workload_run(s, ITERATIONS);
}
#define VARIANT "no mpu, privileged"
#endif

_Static_assert(sizeof(struct bench_state) <= ARENA_SIZE - 1024, "arena too small");

int main(void)
{
    fw_printf("bench: cpu workload (%s), %d iterations\n", VARIANT, ITERATIONS);
    uint32_t check = run((struct bench_state *)arena);
    fw_printf("bench: checksum=0x%08lx\n", check);
    return 0;
}

/* CPU benchmark firmware for rv32: runs the shared workload and prints its checksum. */

/*
 * Built twice: bench.elf runs the workload in machine mode with no PMP entry; bench-pmp.elf
 * (BENCH_PMP) runs it in user mode as a Tock process would: flash RX, the workload's 16 KiB
 * arena and the user stack RW through PMP, nothing else.
 */

#include "tests/firmware/cm4/bench/workload.h"
#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

#define ITERATIONS 3000
#define ARENA_SIZE 16384

static uint8_t arena[ARENA_SIZE] __attribute__((aligned(ARENA_SIZE)));

static uint32_t run_workload(uint32_t state)
{
    return workload_run((struct bench_state *)(uintptr_t)state, ITERATIONS);
}

#ifdef BENCH_PMP
extern char __user_stack_top[];
#define NAPOT(base, size) (((base) + (size) / 2 - 1) >> 2)

static uint32_t run(struct bench_state *s)
{
    uint32_t ustack = (uint32_t)(uintptr_t)__user_stack_top - 4096;
    csr_write(pmpaddr0, NAPOT(0x80000000u, 0x100000u));
    csr_write(pmpaddr1, NAPOT((uint32_t)(uintptr_t)arena, (uint32_t)ARENA_SIZE));
    csr_write(pmpaddr2, NAPOT(ustack, 4096u));
    csr_write(pmpcfg0, 0x1du | 0x1bu << 8 | 0x1bu << 16);  /* NAPOT RX, RW, RW */
    return user_call(run_workload, (uint32_t)(uintptr_t)s);
}
#define VARIANT "pmp, user mode"
#else
static uint32_t run(struct bench_state *s)
{
    return run_workload((uint32_t)(uintptr_t)s);
}
#define VARIANT "no pmp, machine mode"
#endif

_Static_assert(sizeof(struct bench_state) <= ARENA_SIZE - 1024, "arena too small");

int main(void)
{
    uart_init();
    fw_printf("bench: cpu workload (%s), %d iterations\n", VARIANT, ITERATIONS);
    uint32_t check = run((struct bench_state *)arena);
    fw_printf("bench: checksum=0x%08lx\n", check);
    return 0;
}

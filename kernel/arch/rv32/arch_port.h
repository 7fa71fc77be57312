/* RISC-V (RV32, machine-mode kernel, user-mode processes) state types behind arch.h. */
#ifndef KERNEL_ARCH_RV32_ARCH_PORT_H
#define KERNEL_ARCH_RV32_ARCH_PORT_H

#include <stdint.h>

/* A stopped process. RISC-V pushes nothing on a trap: the trap entry (switch.S) saves every
 * register here, in kernel memory, so no trap frame lives in process memory. Offsets are
 * known to switch.S (RV32_CTX_* in rv32.h). */
struct arch_context {
    uint32_t x[32];         /* x1..x31 (x[0] unused: x0 is always 0); x[2] is sp */
    uint32_t pc;            /* where the process resumes (mepc; past the ecall after a syscall) */
    uint32_t mcause, mtval; /* why it last trapped */
    uint32_t kernel_sp;     /* the kernel's stack pointer while the process runs */
};

/* No hardware frame: the core's frame check becomes "sp lies in process memory". */
#define ARCH_FRAME_SIZE 0u

/* PMP entries for one process (TOR pairs): 0-1 flash [R X], 2-3 RAM below the break [R W].
 * The other entries stay off, so user mode can reach nothing else. */
#define ARCH_PMP_PROCESS_ENTRIES 4
struct arch_mpu_config {
    uint32_t pmpaddr[ARCH_PMP_PROCESS_ENTRIES];     /* address >> 2 */
    uint32_t pmpcfg0;                               /* the four entries' configuration bytes */
};

#endif

/* Renames the RISC-V port's process-state functions (kernel/arch/rv32/context.c) for its host
 * unit test (check_arch_rv32.c): they link next to the Cortex-M port's, which the kernel
 * fixture uses. Force-included (-include) in both files, so arch.h's declarations match. */
#ifndef TESTS_ARCH_RV32_NAMES_H
#define TESTS_ARCH_RV32_NAMES_H

#define arch_process_init   rv32_test_process_init
#define arch_frame_addr     rv32_test_frame_addr
#define arch_syscall_decode rv32_test_syscall_decode
#define arch_syscall_return rv32_test_syscall_return
#define arch_push_upcall    rv32_test_push_upcall
#define arch_process_pc     rv32_test_process_pc
#define arch_context_print  rv32_test_context_print

#endif

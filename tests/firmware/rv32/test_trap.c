/* Synchronous traps (privileged spec 3.1.14-3.1.16, 3.3.2): causes, mepc, mtval as QEMU 7.2
 * fills it (the instruction for illegal instructions, 0 for ecall/ebreak, the address for
 * access faults and misaligned AMOs), mstatus.MPP/MPIE, and user mode. */

#include "tests/firmware/rv32/fw.h"
#include "tests/firmware/rv32/rv32.h"

void probe_ecall(void), probe_illegal32(void), probe_ebreak(void), probe_illegal16(void);
void probe_cebreak(void), probe_csr_mstatus(void);
uint32_t probe_lw(uint32_t addr), probe_lr(uint32_t addr), probe_amo(uint32_t addr);
void probe_sw(uint32_t addr), probe_sw_x0(void), probe_csw(uint32_t addr);
uint32_t probe_lw_x0(void), probe_clw(uint32_t addr);
uint32_t probe_call(uint32_t target);

#define A(f) ((uint32_t)(uintptr_t)(f))
#define NOTHING 0x10009000u                 /* after the virtio slots: no device (QEMU faults) */

static void expect(const char *what, uint32_t mcause, uint32_t mepc, uint32_t mtval)
{
    struct trap_record t = { last_trap.mcause, last_trap.mepc, last_trap.mtval, last_trap.mstatus };
    check_eq(t.mcause, mcause, "%s: mcause", what);
    check_eq(t.mepc, mepc, "%s: mepc", what);
    check_eq(t.mtval, mtval, "%s: mtval", what);
}

static uint32_t user_ecall(uint32_t arg)
{
    register uint32_t a0 __asm("a0") = arg + 1;
    __asm volatile("ecall" : "+r"(a0) : : "memory");     /* ends the user call with a0 */
    return 0;
}

static uint32_t user_mstatus(uint32_t arg)
{
    (void)arg;
    probe_csr_mstatus();
    return 1;
}

static uint32_t user_return(uint32_t arg)
{
    return arg * 2;
}

static void test_machine_mode(void)
{
    csr_set(mstatus, MSTATUS_MIE);              /* MPIE after the trap */
    csr_write(mie, 0);
    probe_ecall();
    csr_clear(mstatus, MSTATUS_MIE);
    uint32_t ms = last_trap.mstatus;
    expect("ecall from M", 11, A(probe_ecall), 0);
    check_eq(ms & (MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE), MSTATUS_MPP | MSTATUS_MPIE,
             "mstatus after it: MPP M, MPIE = old MIE, MIE 0");
    check_eq(csr_read(mstatus) & MSTATUS_MPP, 0, "mret set MPP to U");
    probe_illegal32();
    expect("illegal 32-bit", 2, A(probe_illegal32), 0xffffffff);
    probe_illegal16();
    expect("illegal 16-bit", 2, A(probe_illegal16), 0);
    probe_ebreak();
    expect("ebreak", 3, A(probe_ebreak), 0);
    probe_cebreak();
    expect("c.ebreak", 3, A(probe_cebreak), 0);
    probe_lw(NOTHING + 4);
    expect("load from nothing", 5, A(probe_lw), NOTHING + 4);
    probe_sw(NOTHING + 8);
    expect("store to nothing", 7, A(probe_sw), NOTHING + 8);
    probe_call(NOTHING);
    expect("fetch from nothing", 1, NOTHING, NOTHING);
    probe_sw_x0();
    expect("sw a5, -256(zero): store to the top page", 7, A(probe_sw_x0), 0xffffff00u);
    probe_lw_x0();
    expect("lw a0, -252(zero): load from the top page", 5, A(probe_lw_x0), 0xffffff04u);
    probe_csw(NOTHING);
    expect("c.sw to nothing", 7, A(probe_csw), NOTHING);
    probe_clw(NOTHING);
    expect("c.lw from nothing", 5, A(probe_clw), NOTHING);
    static uint32_t word[2];
    uint32_t mis = A(word) + 2;
    probe_lr(mis);
    expect("misaligned lr.w", 4, A(probe_lr), mis);
    probe_amo(mis);
    expect("misaligned amoadd.w", 4, A(probe_amo), mis);
    check_eq(probe_lw(mis), 0, "misaligned lw works");
    csr_write(mscratch, 0x12345678);
    check_eq(csr_read(mscratch), 0x12345678, "mscratch");
    csr_write(mscratch, 0);
}

static void test_user_mode(void)
{
    pmp_allow_all();
    check_eq(user_call(user_return, 21), 42, "user call returns");
    check_eq(user_call(user_ecall, 41), 42, "ecall from U returns its a0");
    struct trap_record t = { last_trap.mcause, last_trap.mepc, last_trap.mtval, last_trap.mstatus };
    check_eq(t.mcause, 8, "ecall from U: mcause");
    check_true(t.mepc - A(user_ecall) < 32, "ecall from U: mepc in user_ecall");
    check_eq(t.mtval, 0, "ecall from U: mtval");
    check_eq(t.mstatus & MSTATUS_MPP, 0, "ecall from U: MPP U");
    check_eq(user_call(user_mstatus, 0), USER_FAULTED, "csrr mstatus in U");
    expect("csrr mstatus in U", 2, A(probe_csr_mstatus), 0x30002573);
    pmp_clear();
}

void test_trap(void)
{
    fw_printf("trap\n");
    trap_reset();
    test_machine_mode();
    test_user_mode();
    trap_reset();
}

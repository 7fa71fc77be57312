/* PMSAv7 MPU tests: region registers, access permissions, 32-byte regions, subregions,
 * execute-never, the privileged background map, MemManage reporting and recovery. */

/*
 * ARMv7-M ARM (DDI0403E) B3.5: 8 regions (MPU_TYPE.DREGION), RBAR (ADDR | VALID | REGION),
 * RASR (XN, AP, TEX/S/C/B, SRD, SIZE, ENABLE), a region is 2^(SIZE+1) bytes aligned to its
 * size, the highest-numbered matching region wins, each of 8 subregions of a region of 256 bytes
 * or more can be disabled with SRD, PRIVDEFENA gives privileged software the default map where
 * no region matches, HFNMIENA=0 runs HardFault/NMI with the MPU off. B3.2.15: a data access
 * violation sets DACCVIOL and MMARVALID with MMFAR = the faulting address; an instruction fetch
 * violation sets IACCVIOL only. Accesses to the PPB (0xE0000000..) always use the default map.
 */

#include "tests/firmware/cm4/armv7m.h"
#include "tests/firmware/cm4/fault.h"
#include "tests/firmware/cm4/fw.h"
#include "tests/firmware/cm4/tests.h"

#define R_FLASH  0      /* all flash, read-only, executable */
#define R_STACK  1      /* the unprivileged stack */
#define R_WIN    2      /* 32 bytes, full access */
#define R_SUB    3      /* 256 bytes, subregion 2 disabled */
#define R_URO    4      /* privileged RW, unprivileged RO */
#define R_PRIV   5      /* privileged RW, unprivileged none */
#define R_XN     6      /* xn_target's 32 bytes of flash, execute-never */
#define R_PRO    7      /* privileged RO, unprivileged none */

#define DACC (CFSR_DACCVIOL | CFSR_MMARVALID)

static uint32_t ustack[256] __attribute__((aligned(1024)));
static volatile uint32_t win[16] __attribute__((aligned(64)));
static volatile uint32_t sub[64] __attribute__((aligned(256)));
static volatile uint32_t uro[8] __attribute__((aligned(32)));
static volatile uint32_t privbuf[8] __attribute__((aligned(32)));
static volatile uint32_t pro[8] __attribute__((aligned(32)));
static volatile uint32_t outside;
static const uint32_t flash_word = 0x600dc0de;
extern uint32_t __stack_top[];

#define A(p) ((uint32_t)(uintptr_t)(p))
#define USTACK_TOP A(&ustack[256])

static void region(int n, uint32_t base, int log2size, uint32_t attrs)
{
    MPU_RNR = n;
    MPU_RBAR = base;
    MPU_RASR = attrs | MPU_RASR_SIZE(log2size) | MPU_RASR_ENABLE;
}

static void regions_clear(void)
{
    for (int n = 0; n < 8; n++) {
        MPU_RNR = n;
        MPU_RASR = 0;
        MPU_RBAR = 0;
    }
}

static uint32_t u_call(probe_fn fn, uint32_t a0, uint32_t a1)
{
    return unpriv_call(fn, a0, a1, USTACK_TOP);
}

static void mpu_registers(void)
{
    check_eq(MPU_TYPE, 0x00000800, "MPU_TYPE (8 unified regions)");
    check_eq(MPU_CTRL, 0, "MPU_CTRL at reset");
    MPU_RNR = 2;
    MPU_RBAR = A(win);
    check_eq(MPU_RBAR, A(win) | 2, "RBAR reads ADDR | REGION");
    uint32_t rasr = MPU_RASR_XN | MPU_RASR_AP(AP_FULL) | MPU_RASR_NORMAL | MPU_RASR_SRD(0x5a) |
                    MPU_RASR_SIZE(8) | MPU_RASR_ENABLE;
    MPU_RASR = rasr;
    check_eq(MPU_RASR, rasr, "RASR readback");
    MPU_RBAR = A(sub) | MPU_RBAR_VALID | 5;
    check_eq(MPU_RNR, 5, "RNR after RBAR write with VALID");
    check_eq(MPU_RBAR, A(sub) | 5, "RBAR of region 5");
    MPU_RNR = 2;
    check_eq(MPU_RBAR, A(win) | 2, "RBAR of region 2 unchanged");
    regions_clear();
}

static void mpu_setup(void)
{
    regions_clear();
    region(R_FLASH, CM4_FLASH_BASE, 19, MPU_RASR_AP(AP_RO) | MPU_RASR_NORMAL);
    region(R_STACK, A(ustack), 10, MPU_RASR_XN | MPU_RASR_AP(AP_FULL) | MPU_RASR_NORMAL);
    region(R_WIN, A(win), 5, MPU_RASR_XN | MPU_RASR_AP(AP_FULL) | MPU_RASR_NORMAL);
    region(R_SUB, A(sub), 8,
           MPU_RASR_XN | MPU_RASR_AP(AP_FULL) | MPU_RASR_NORMAL | MPU_RASR_SRD(1u << 2));
    region(R_URO, A(uro), 5, MPU_RASR_XN | MPU_RASR_AP(AP_PRW_URO) | MPU_RASR_NORMAL);
    region(R_PRIV, A(privbuf), 5, MPU_RASR_XN | MPU_RASR_AP(AP_PRW) | MPU_RASR_NORMAL);
    region(R_PRO, A(pro), 5, MPU_RASR_XN | MPU_RASR_AP(AP_PRO) | MPU_RASR_NORMAL);
    MPU_CTRL = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
    barrier();
    check_eq(MPU_CTRL, MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA, "MPU_CTRL enabled");
}

// An unprivileged access that must fault with DACCVIOL at `addr` (skipped by the handler).
static void u_denied(const char *name, probe_fn fn, uint32_t addr, uint32_t pc)
{
    fault_expect(FIX_SKIP);
    u_call(fn, addr, 0x5a5a5a5a);
    fault_disarm();
    fault_check(name, EXC_MEMMANAGE, DACC, addr, pc);
}

static void mpu_unprivileged_data(void)
{
    fw_printf("  -- unprivileged data accesses\n");
    win[0] = 0x11111111;
    check_eq(u_call(probe_read, A(&win[0]), 0), 0x11111111, "read inside a 32-byte region");
    u_call(probe_write, A(&win[7]), 0x77777777);
    check_eq(win[7], 0x77777777, "write at the end of a 32-byte region");
    u_denied("read just past a 32-byte region", probe_read, A(&win[8]), CODE_ADDR(probe_read_insn));
    u_denied("byte read 33 bytes into it", probe_readb, A(&win[8]) + 1,
             CODE_ADDR(probe_readb_insn));
    u_denied("write outside every region", probe_write, A(&outside), CODE_ADDR(probe_write_insn));
    sub[8] = 0x5b5b5b5b;
    sub[24] = 0x6c6c6c6c;
    check_eq(u_call(probe_read, A(&sub[8]), 0), 0x5b5b5b5b, "read subregion 1");
    u_denied("read disabled subregion 2 (start)", probe_read, A(&sub[16]),
             CODE_ADDR(probe_read_insn));
    u_denied("write disabled subregion 2 (last word)", probe_write, A(&sub[23]),
             CODE_ADDR(probe_write_insn));
    check_eq(u_call(probe_read, A(&sub[24]), 0), 0x6c6c6c6c, "read subregion 3");
    uro[1] = 0x2b2b2b2b;
    check_eq(u_call(probe_read, A(&uro[1]), 0), 0x2b2b2b2b,
             "read a privileged-RW/unprivileged-RO word");
    u_denied("write a privileged-RW/unprivileged-RO word", probe_write, A(&uro[1]),
             CODE_ADDR(probe_write_insn));
    check_eq(uro[1], 0x2b2b2b2b, "word unchanged by the denied write");
    u_denied("read a privileged-only word", probe_read, A(&privbuf[2]),
             CODE_ADDR(probe_read_insn));
    check_eq(u_call(probe_read, A(&flash_word), 0), 0x600dc0de, "read flash (read-only region)");
    u_denied("write flash (read-only region)", probe_write, A(&flash_word),
             CODE_ADDR(probe_write_insn));
    // B3.5.1: only the PPB bypasses the MPU; the vendor system space above it and unmapped
    // addresses are checked by the MPU first, so these are MemManage faults, not BusFaults.
    u_denied("write to the vendor system space (0xffffff00)", probe_write, 0xffffff00u,
             CODE_ADDR(probe_write_insn));
    u_denied("read of an unmapped address (0x60000000)", probe_read, 0x60000000u,
             CODE_ADDR(probe_read_insn));
}

static void mpu_privileged_data(void)
{
    fw_printf("  -- privileged data accesses\n");
    fault_expect(FIX_SKIP);
    probe_write(A(&uro[2]), 0x3c3c3c3c);
    probe_write(A(&privbuf[3]), 0x4d4d4d4d);
    outside = 0;
    probe_write(A(&outside), 0x12345678);
    uint32_t v = probe_read(A(&pro[0]), 0);
    fault_disarm();
    check_eq(fault_last.count, 0, "faults for allowed privileged accesses");
    check_eq(uro[2] + privbuf[3], 0x3c3c3c3cu + 0x4d4d4d4du, "privileged writes landed");
    check_eq(outside, 0x12345678, "privileged write outside regions (PRIVDEFENA)");
    check_eq(v, 0, "privileged read of a privileged-RO word");
    fault_expect(FIX_SKIP);
    probe_write(A(&pro[1]), 1);
    fault_disarm();
    fault_check("privileged write to a privileged-RO word", EXC_MEMMANAGE, DACC, A(&pro[1]),
                CODE_ADDR(probe_write_insn));
}

static void open_privbuf(void)
{
    MPU_RNR = R_PRIV;
    MPU_RASR = MPU_RASR_XN | MPU_RASR_AP(AP_FULL) | MPU_RASR_NORMAL | MPU_RASR_SIZE(5) |
               MPU_RASR_ENABLE;
}

// The handler opens the region and returns to the faulting load, which then succeeds.
static void mpu_fix_and_retry(void)
{
    fw_printf("  -- fix the MPU and retry\n");
    privbuf[4] = 0x9e9e9e9e;
    fault_hook = open_privbuf;
    fault_expect(FIX_HOOK);
    uint32_t v = u_call(probe_read, A(&privbuf[4]), 0);
    fault_disarm();
    check_eq(v, 0x9e9e9e9e, "value read after the handler opened the region");
    fault_check("retried read", EXC_MEMMANAGE, DACC, A(&privbuf[4]), CODE_ADDR(probe_read_insn));
    region(R_PRIV, A(privbuf), 5, MPU_RASR_XN | MPU_RASR_AP(AP_PRW) | MPU_RASR_NORMAL);
    barrier();
}

// Execute-never: the fetch faults (IACCVIOL, no address), the handler returns to the caller.
static void mpu_execute_never(void)
{
    fw_printf("  -- execute-never\n");
    check_eq(u_call(xn_target, 0, 0), 42, "unprivileged call into executable flash");
    region(R_XN, A(xn_target) & ~31u, 5, MPU_RASR_XN | MPU_RASR_AP(AP_RO) | MPU_RASR_NORMAL);
    barrier();
    fault_expect(FIX_RETURN_LR);
    uint32_t v = u_call(xn_target, 0x5a5a, 0);
    fault_disarm();
    check_eq(v, 0x5a5a, "r0 unchanged: xn_target did not run");
    fault_check("unprivileged call into an XN region", EXC_MEMMANAGE, CFSR_IACCVIOL, 0,
                CODE_ADDR(xn_target));
    fault_expect(FIX_RETURN_LR);
    v = xn_target(0x6b6b, 0);
    fault_disarm();
    check_eq(v, 0x6b6b, "r0 unchanged: xn_target did not run");
    fault_check("privileged call into an XN region", EXC_MEMMANAGE, CFSR_IACCVIOL, 0,
                CODE_ADDR(xn_target));
    MPU_RNR = R_XN;
    MPU_RASR = 0;
    barrier();
}

// MemManage disabled in SHCSR: the violation escalates to HardFault (FORCED).
static void mpu_escalation(void)
{
    fw_printf("  -- escalation\n");
    SCB_SHCSR &= ~SHCSR_MEMFAULTENA;
    fault_expect(FIX_SKIP);
    u_call(probe_read, A(&outside), 0);
    fault_disarm();
    fault_check("unprivileged read, MemManage disabled", EXC_HARDFAULT, DACC, A(&outside),
                CODE_ADDR(probe_read_insn));
    SCB_SHCSR |= SHCSR_MEMFAULTENA;
}

// Without PRIVDEFENA privileged code needs a region too: a privileged read outside every region
// faults. With MemManage disabled it becomes a HardFault, whose handler runs with the MPU off
// (HFNMIENA=0) and may touch all of RAM. Meanwhile the main stack has a region of its own.
static void mpu_no_background(void)
{
    fw_printf("  -- no background map\n");
    SCB_SHCSR &= ~SHCSR_MEMFAULTENA;
    region(R_STACK, A(__stack_top) - 4096, 12, MPU_RASR_XN | MPU_RASR_AP(AP_PRW) |
           MPU_RASR_NORMAL);
    fault_expect(FIX_SKIP);
    MPU_CTRL = MPU_CTRL_ENABLE;
    barrier();
    probe_read(A(&outside), 0);
    MPU_CTRL = MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA;
    barrier();
    fault_disarm();
    fault_check("privileged read, PRIVDEFENA=0", EXC_HARDFAULT, DACC, A(&outside),
                CODE_ADDR(probe_read_insn));
    SCB_SHCSR |= SHCSR_MEMFAULTENA;
}

void test_mpu(void)
{
    fw_printf("== mpu\n");
    fault_init();
    SCB_SHCSR |= SHCSR_FAULTENA;
    check_eq(SCB_SHCSR, SHCSR_FAULTENA, "SHCSR with the three fault handlers enabled");
    mpu_registers();
    mpu_setup();
    mpu_unprivileged_data();
    mpu_privileged_data();
    mpu_fix_and_retry();
    mpu_execute_never();
    mpu_escalation();
    mpu_no_background();
    MPU_CTRL = 0;
    regions_clear();
    barrier();
    outside = 0x0badcafe;
    check_eq(u_call(probe_read, A(&outside), 0), 0x0badcafe, "unprivileged read, MPU off");
}

/* Fault and SVC plumbing shared by the exception, MPU and fault tests. */
#ifndef FW_FAULT_H
#define FW_FAULT_H

#include <stdint.h>

#include "tests/firmware/cm4/unpriv.h"

/* What the fault handler does before returning from an expected fault. */
enum fault_fix {
    FIX_SKIP,       /* step over the faulting instruction (16- or 32-bit) */
    FIX_RETURN_LR,  /* return to the stacked LR, Thumb bit set (a faulting call target) */
    FIX_NONE,       /* return as stacked (the return address is already past the cause) */
    FIX_HOOK,       /* call fault_hook, which repairs the cause so the instruction is retried */
};

/* Everything recorded about the last fault. */
struct fault_info {
    uint32_t count;         /* faults since fault_expect() */
    uint32_t exc;           /* exception number taken */
    uint32_t cfsr, hfsr, mmfar, bfar;
    uint32_t pc, lr, xpsr;  /* stacked */
    uint32_t exc_return;
};

extern volatile struct fault_info fault_last;
extern void (*volatile fault_hook)(void);
/* Extra SVC numbers (all but SVC_PRIVILEGED) go to this hook with the stacked frame. */
extern void (*volatile svc_hook)(uint32_t *frame, uint32_t exc_return, uint32_t num);


/* Installs the fault and SVC handlers. */
void fault_init(void);
/* Arms the handler for faults, fixing each with `fix`, until fault_disarm(). Any fault while
 * disarmed prints its registers and exits with status 4. */
void fault_expect(enum fault_fix fix);
void fault_disarm(void);
/* Checks (printing one line each) that exactly one fault `exc` happened with CFSR == `cfsr`,
 * the stacked PC at `pc`, HFSR.FORCED for a HardFault, and, when the CFSR says an address is
 * valid, that MMFAR/BFAR equals `addr`. */
void fault_check(const char *name, uint32_t exc, uint32_t cfsr, uint32_t addr, uint32_t pc);

/* probes.S. Every probe takes two arguments so unpriv_call() can run any of them. */
typedef unpriv_fn probe_fn;
uint32_t svc_frame_probe(uint32_t misalign, uint32_t unused);
void svc_probe(void);
uint32_t probe_exclusive(uint32_t addr, uint32_t take_svc);
uint32_t probe_read(uint32_t addr, uint32_t unused);
uint32_t probe_readb(uint32_t addr, uint32_t unused);
uint32_t probe_write(uint32_t addr, uint32_t value);
uint32_t probe_udf(uint32_t unused0, uint32_t unused1);
uint32_t probe_udf_w(uint32_t unused0, uint32_t unused1);
uint32_t probe_sdiv(uint32_t a, uint32_t b);
uint32_t probe_nocp(uint32_t x, uint32_t unused);
uint32_t probe_blx(uint32_t target, uint32_t unused);
uint32_t xn_target(uint32_t unused0, uint32_t unused1);
extern char svc_frame_probe_ret[], svc_probe_ret[], probe_read_insn[], probe_readb_insn[];
extern char probe_write_insn[], probe_udf_insn[], probe_udf_w_insn[], probe_sdiv_insn[];
extern char probe_nocp_insn[];
extern uint32_t svc_probe_sp;

/* Address of a code label as a stacked PC would show it (Thumb bit clear). */
#define CODE_ADDR(label) ((uint32_t)(uintptr_t)(label) & ~1u)

#endif

/* Running a function in unprivileged thread mode on the process stack. */
#ifndef FW_UNPRIV_H
#define FW_UNPRIV_H

#include <stdint.h>

typedef uint32_t (*unpriv_fn)(uint32_t, uint32_t);

/* The SVC number unpriv_call() uses to get privilege back: the SVC handler must clear
 * CONTROL.nPRIV when it sees it. */
#define SVC_PRIVILEGED 0xff

/* Runs fn(a0, a1) unprivileged with PSP = psp (8-byte aligned top of a stack), then returns to
 * privileged thread mode on the main stack and returns fn's result. */
uint32_t unpriv_call(unpriv_fn fn, uint32_t a0, uint32_t a1, uint32_t psp);

#endif

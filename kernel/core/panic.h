/* Kernel panic: for broken kernel invariants only, never for anything a process can cause. */
#ifndef KERNEL_CORE_PANIC_H
#define KERNEL_CORE_PANIC_H

/* Prints "Kernel panic: <message>", the process table, runs the board's panic hook and halts.
 * Messages read "where: why". */
void panic(const char *fmt, ...) __attribute__((noreturn));

/* Called by panic after the report (e.g. to tell a simulator to stop). May be NULL. */
void panic_set_hook(void (*hook)(void));

#endif

/* The process console: a shell on the UART to inspect and control processes (Tock's). */
#ifndef KERNEL_CAPSULES_PROCESS_CONSOLE_H
#define KERNEL_CAPSULES_PROCESS_CONSOLE_H

#include <stdint.h>

/* Starts the console (prints nothing until a line arrives). */
void process_console_init(void);
/* Feeds one received byte (echoed; a line runs on CR or LF). */
void process_console_rx(uint8_t byte);
/* Runs one command line (without its newline). */
void process_console_execute(const char *line, unsigned len);

#endif

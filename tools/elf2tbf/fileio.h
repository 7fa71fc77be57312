/* fileio: whole-file reads and all-or-nothing writes for elf2tbf. */
#ifndef TOOLS_ELF2TBF_FILEIO_H
#define TOOLS_ELF2TBF_FILEIO_H

#include <stddef.h>
#include <stdint.h>

/* Reads a whole file into a malloc'd buffer; NULL with "PATH: reason" in err. */
uint8_t *fileio_read(const char *path, size_t *len, char *err, size_t errlen);

/* Writes buf to path through a temporary file renamed into place, so a failed run leaves no
 * half-written file. Returns 0, or -1 with "PATH: reason" in err. */
int fileio_write(const char *path, const void *buf, size_t len, char *err, size_t errlen);

#endif

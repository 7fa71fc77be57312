/* The fuzzing engines' shared start (sim/fuzz/entry.c). Harness options, "--name=value" (the
 * engines ignore or pass on arguments that start with "--"): --target=syscall|boot,
 * --board=cm4|rv32, --kernel=ELF, --driver=TBF, --victim=TBF, --build=DIR (default: the
 * executable's directory). */
#ifndef SIM_FUZZ_ENTRY_H
#define SIM_FUZZ_ENTRY_H

#include "sim/fuzz/fuzz.h"

struct fuzz_entry {
    bool boot;                          /* --target=boot */
    struct fuzz_harness *harness;       /* the syscall fuzzer's ... */
    struct fuzz_boot *booter;           /* ... or the boot fuzzer's */
};

/* The value of --name=value in argv, or NULL. */
const char *fuzz_entry_opt(int argc, char **argv, const char *name);
/* Builds the harness the options ask for (booted and snapshotted); false with a message. */
bool fuzz_entry_open(struct fuzz_entry *e, int argc, char **argv, char *err, size_t errlen);
/* The kernel's edge coverage goes into map (size a power of two) from now on. */
bool fuzz_entry_coverage(struct fuzz_entry *e, uint8_t *map, size_t size, char *err, size_t errlen);
/* One input; false only if the harness failed (v->message). */
bool fuzz_entry_run(struct fuzz_entry *e, const uint8_t *data, size_t size, struct fuzz_verdict *v);

#endif

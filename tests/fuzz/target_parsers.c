/* build/tocksim-fuzz-parsers: libFuzzer targets for what reads untrusted files, host code
 * instrumented by clang (coverage and AddressSanitizer, mk/sim-fuzz.mk), one per --target=:
 *
 *   tbf       lib/tbf's header parser and placement (the loader, elf2tbf, mkappflash)
 *   tab       lib/tab's archive reader and TBF choice (tocksim --app X.tab)
 *   elf       the simulator's ELF loader (sim/core/loader.c) into a cm4-like bus
 *   scenario  the scenario JSON parser (sim/scenario/)
 *   kernel    the kernel's TBF parser and process loader (kernel/core/tbf.c, loader.c,
 *             process.c) on the host, over an apps region made of the input
 *
 * TBF inputs get a correct checksum (sim/fuzz/tbfgen.c) so the parsers go past it. The
 * kernel target runs with the host's 64-bit size_t: arithmetic that wraps only at 32 bits
 * (the block-size hang the boot fuzzer found) does not wrap here; the boot fuzzer
 * (tocksim-fuzz --target=boot) runs the real 32-bit kernels for that. */
#define _GNU_SOURCE                         /* memfd_create */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kernel/core/kernel.h"
#include "kernel/core/process.h"
#include "lib/tab/tab.h"
#include "lib/tbf/tbfimg.h"
#include "sim/core/bus.h"
#include "sim/core/loader.h"
#include "sim/fuzz/tbfgen.h"
#include "sim/scenario/scenario.h"
#include "tests/kernel_fixture.h"

/* The global libFuzzer's entry points force: which target this process fuzzes. */
static int (*target)(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A copy of the input whose TBF checksum holds. */
static uint8_t *with_checksum(const uint8_t *data, size_t size)
{
    uint8_t *img = malloc(size + 1);
    if (!img)
        abort();
    memcpy(img, data, size);
    if (size >= 16)
        fz_tbf_fix_checksum(img, size);
    return img;
}

static int fuzz_tbf(const uint8_t *data, size_t size)
{
    char err[200];
    struct tbfimg_info info;
    uint8_t *img = with_checksum(data, size);
    uint32_t at;
    if (tbfimg_parse(img, size, &info, err, sizeof(err)) == 0)
        tbfimg_place(&info, 0x40000, &at, err, sizeof(err));
    free(img);
    return 0;
}

static int fuzz_tab(const uint8_t *data, size_t size)
{
    char err[300];
    static struct tab t;                    /* 32 TBFs' worth: not on the stack */
    const struct tab_target where = { "cortex-m4 rv32imac*", 0x40000, 0x80000 };
    if (tab_read(data, size, &t, err, sizeof(err)) == 0)
        tab_pick(&t, &where, err, sizeof(err));
    return 0;
}

/* The input as a file (the loader reads paths): an in-memory file, by its /proc name. */
static int fuzz_elf(const uint8_t *data, size_t size)
{
    char err[300], path[64];
    int fd = memfd_create("elf", 0);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size)
        abort();
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    struct bus bus;
    bus_init(&bus);
    bus_map_memory(&bus, "flash", REGION_FLASH, 0x0, 0x80000);
    bus_map_memory(&bus, "ram", REGION_RAM, 0x20000000, 0x10000);
    uint32_t entry, values[2] = { 0, 0 };
    static const char *const names[] = { "board_drivers", "_start" };
    loader_load_elf(&bus, path, 40 /* EM_ARM */, &entry, err, sizeof(err));
    loader_elf_symbols(path, names, values, 2);
    bus_free(&bus);
    close(fd);
    return 0;
}

static int fuzz_scenario(const uint8_t *data, size_t size)
{
    char err[600];
    const struct scenario_paths paths = { "build" };
    char *text = malloc(size + 1);
    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = 0;
    scenario_free(scenario_parse("fuzz.json", text, &paths, err, sizeof(err)));
    free(text);
    return 0;
}

/* The input's bytes, checksum made right, as the apps region; then the kernel's loader
 * creates the processes it finds (the fixture's fake board: 64 KiB of process RAM). */
static int fuzz_kernel(const uint8_t *data, size_t size)
{
    kt_setup();
    size_t n = size < KT_FLASH_SIZE ? size : KT_FLASH_SIZE;
    memcpy(kt_flash, data, n);
    if (n >= 16)
        fz_tbf_fix_checksum(kt_flash, n);
    loader_load_processes();
    kt_teardown();
    return 0;
}

/* The fixture's flash and RAM below 4 GiB (process addresses are 32-bit), placed where
 * AddressSanitizer's own low mappings leave room (its MAP_32BIT area can be full). */
static void kernel_memory(void)
{
    kt_flash = mmap((void *)0x10000000, KT_FLASH_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    kt_ram = mmap((void *)0x10100000, KT_RAM_SIZE, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (kt_flash == MAP_FAILED || kt_ram == MAP_FAILED) {
        fprintf(stderr, "tocksim-fuzz-parsers: no room below 4 GiB for the kernel's memory\n");
        exit(2);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const struct { const char *name; int (*fn)(const uint8_t *, size_t); } targets[] = {
        { "tbf", fuzz_tbf }, { "tab", fuzz_tab }, { "elf", fuzz_elf },
        { "scenario", fuzz_scenario }, { "kernel", fuzz_kernel },
    };
    for (int i = 1; i < *argc; i++)
        for (size_t k = 0; k < sizeof(targets) / sizeof(targets[0]); k++)
            if (strncmp((*argv)[i], "--target=", 9) == 0 &&
                strcmp((*argv)[i] + 9, targets[k].name) == 0)
                target = targets[k].fn;
    if (!target) {
        fprintf(stderr, "tocksim-fuzz-parsers: --target=tbf|tab|elf|scenario|kernel needed\n");
        exit(2);
    }
    if (target == fuzz_kernel)
        kernel_memory();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return target(data, size);
}

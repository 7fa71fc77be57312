/* The table of virtual boards the simulator can build. */
#ifndef SIM_BOARDS_H
#define SIM_BOARDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct machine;
struct machine_config;
struct snap_reader;
struct snap_writer;
struct radio802154;

struct board_desc {
    const char *name;
    const char *description;
    uint64_t cpu_hz;
    uint32_t ram_size;          /* default RAM size (--ram overrides) */
    /* Where the build puts apps for this board, under the build folder: <apps_dir>/<name>.tbf,
     * or <apps_dir>/slot<k>/<name>.tbf when apps are linked for a fixed flash slot (the k-th
     * app of a board lands in slot k; doc/kernel-rv32.md). */
    const char *apps_dir;
    bool apps_per_slot;
    /* The architectures of TBFs in a .tab this board runs, best first, separated by spaces;
     * "x*" matches every name starting with x (TAB member "<arch>.tbf" or "<arch>.<...>.tbf"). */
    const char *tab_archs;
    /* Creates CPU, memory and devices on m; false with a message on failure. */
    bool (*build)(struct machine *m, const struct machine_config *cfg, char *err, size_t errlen);
    /* Host side of the board's I/O (see machine_io_* in machine.h). */
    unsigned num_leds, num_buttons, num_pins;
    void (*press_button)(struct machine *m, unsigned idx, bool pressed);
    void (*drive_pin)(struct machine *m, unsigned pin, bool level);
    bool (*led)(struct machine *m, unsigned idx);
    bool (*pin)(struct machine *m, unsigned pin);
    size_t (*console_input)(struct machine *m, const uint8_t *buf, size_t n);
    /* Multiplies the console UART's clock by factor, before the machine first runs: its
     * characters take factor times less virtual time (the fuzzers, whose kernels print long
     * polled fault reports; the guest sees a faster line and nothing else). */
    void (*console_speedup)(struct machine *m, unsigned factor);
    /* Snapshots of the board's own glue that is not a device on the bus (an OR gate of IRQ
     * lines); may be NULL when there is none. See sim/core/snapshot/snapshot.h. */
    void (*snapshot)(struct machine *m, struct snap_writer *w);
    void (*restore)(struct machine *m, struct snap_reader *r);
    /* The board's IEEE 802.15.4 radio (NULL: it has none). */
    struct radio802154 *(*radio)(struct machine *m);
};

const struct board_desc *board_find(const char *name);
/* Comma-separated list of board names, for messages. */
const char *board_names(void);
/* The board table for --help: one line per board (name, description, clock, default RAM). */
void board_print_list(FILE *f);
/* The build's copy of app `name` for board d as the slot-th app (malloc'd): see apps_dir. */
char *board_app_path(const struct board_desc *d, const char *build_dir, const char *name, int slot);

#endif

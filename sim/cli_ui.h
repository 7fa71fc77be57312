/* The command line's and the scenarios' way to the window (sim/ui.h), which may not be built. */
#ifndef SIM_CLI_UI_H
#define SIM_CLI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine.h"

/* True if this tocksim has the window compiled in. */
bool cli_ui_built(void);
/* True if a window can be opened now (built in and a display exists). */
bool cli_ui_available(void);
/* Interactive window on m (see ui_run); returns its exit status. */
int cli_ui_run(struct machine *m, double speed, uint64_t until_ns);
/* The window records what it shows from boot on (ui_attach/ui_detach); no-ops without it. */
bool cli_ui_attach(struct machine *m);
void cli_ui_detach(struct machine *m);
/* Writes the window's image of m to png; with compare (a reference PNG), fails if more than
 * `tolerance` (0..1) of the pixels differ by more than CLI_UI_CHANNEL_TOLERANCE in a channel.
 * msg receives the reason or a detail. */
#define CLI_UI_CHANNEL_TOLERANCE 16
bool cli_ui_screenshot(struct machine *m, const char *png, const char *compare, double tolerance,
                       char *msg, size_t n);

#endif

/* The command line's and the scenarios' way to the window (sim/ui/window.h): screenshots compared
 * with a reference image, and the window's entry points in the form the callers use. */
#ifndef SIM_UI_GLUE_H
#define SIM_UI_GLUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sim/core/machine.h"
#include "sim/core/netobs.h"

/* True if a window can be opened now (built in and a display exists). */
bool ui_glue_available(void);
/* Interactive window on m (see ui_run); returns its exit status. */
int ui_glue_run(struct machine *m, double speed, uint64_t until_ns);
/* The window records what it shows from boot on (ui_attach/ui_detach); no-ops without it. */
bool ui_glue_attach(struct machine *m);
void ui_glue_detach(struct machine *m);
/* Writes the window's image of m to png; with compare (a reference PNG), fails if more than
 * `tolerance` (0..1) of the pixels differ by more than UI_GLUE_CHANNEL_TOLERANCE in a channel.
 * msg receives the reason or a detail. */
#define UI_GLUE_CHANNEL_TOLERANCE 16
struct ui_shot;
/* shot: size, selected process, timeline window, collapsed panels (NULL: the defaults). */
bool ui_glue_screenshot(struct machine *m, const char *png, const struct ui_shot *shot, const char *compare,
                        double tolerance, char *msg, size_t n);

/* The network view of several boards (sim/ui/net.h): nodes (names kept, not copied), the model's
 * ranges in metres, and the medium's observer that tells it positions and frames. */
struct ui_net;
struct ui_net *ui_glue_net_new(int nnodes);
void ui_glue_net_node(struct ui_net *net, int i, const char *name, struct machine *m, double x, double y);
void ui_glue_net_ranges(struct ui_net *net, double tx_m, double interference_m);
void ui_glue_net_event(void *net, const struct net_event *e);
void ui_glue_net_free(struct ui_net *net);
/* The network as it is at now_ns to png, compared with ref as ui_glue_screenshot does. */
bool ui_glue_net_screenshot(struct ui_net *net, uint64_t now_ns, const char *png, const struct ui_shot *shot,
                            const char *ref, double tolerance, char *msg, size_t n);

#endif

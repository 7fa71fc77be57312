/* The command line's and the scenarios' way to the window (sim/ui/window/window.h): screenshots compared
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

/* A scenario's live window on net (doc/window.md, "Watching a scenario live"): opened at speed
 * (virtual s per wall s) with scripted input from $TOCKSIM_WINDOW_SCRIPT if set; NULL with err. A
 * drag calls move (each motion) and drop (the release) with ctx; see ui_live_sync/_idle/_close
 * in sim/ui/window/window.h. */
struct ui_live;
typedef void (*ui_glue_move_fn)(void *ctx, int node, double x, double y);
struct ui_live *ui_glue_live_open(struct ui_net *net, const char *title, double speed, ui_glue_move_fn move,
                                  ui_glue_move_fn drop, void *ctx, char *err, size_t n);
bool ui_glue_live_sync(struct ui_live *lv, uint64_t now_ns, const char *status);
void ui_glue_live_idle(struct ui_live *lv, const char *status);
void ui_glue_live_close(struct ui_live *lv);

#endif

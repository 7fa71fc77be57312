/* The window library's entry point (built into libtocksim-ui.so only; see sim/ui/loader.c). */
#include "sim/ui/window/api.h"

__attribute__((visibility("default"))) const struct ui_api tocksim_ui_api = {
    .version = UI_API_VERSION,
    .available = ui_available,
    .attach = ui_attach,
    .detach = ui_detach,
    .run = ui_run,
    .screenshot_sized = ui_screenshot_sized,
    .compare = ui_screenshot_compare,
    .screenshot_with = ui_screenshot_with,
    .net_screenshot = ui_net_screenshot,
    .live_open = ui_live_open,
    .live_sync = ui_live_sync,
    .live_idle = ui_live_idle,
    .live_close = ui_live_close,
};

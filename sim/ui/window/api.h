/* The table through which the tocksim executable reaches the window library (sim/ui/loader.c). */
#ifndef SIM_UI_API_H
#define SIM_UI_API_H

#include "sim/ui/window/window.h"

#define UI_API_VERSION 5

struct ui_api {
    int version;
    bool (*available)(void);
    bool (*attach)(struct machine *m);
    void (*detach)(struct machine *m);
    int (*run)(struct machine *m, const struct ui_options *o);
    bool (*screenshot_sized)(struct machine *m, const char *png, int w, int h, float scale, char *err,
                             size_t errlen);
    bool (*compare)(const char *png, const char *ref, double tolerance, int channel_tolerance,
                    char *msg, size_t n);
    bool (*screenshot_with)(struct machine *m, const char *png, const struct ui_shot *o, char *err,
                            size_t errlen);
    bool (*net_screenshot)(struct ui_net *net, uint64_t now_ns, const char *png, const struct ui_shot *o,
                           char *err, size_t errlen);
    struct ui_live *(*live_open)(struct ui_net *net, const struct ui_live_options *o, char *err, size_t errlen);
    bool (*live_sync)(struct ui_live *lv, uint64_t now_ns, const char *status);
    void (*live_idle)(struct ui_live *lv, const char *status);
    void (*live_close)(struct ui_live *lv);
};

#endif

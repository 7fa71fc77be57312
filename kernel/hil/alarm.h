/* HIL: a free-running 32-bit counter with one compare alarm (Tock's hil::time::Alarm). */
#ifndef KERNEL_HIL_ALARM_H
#define KERNEL_HIL_ALARM_H

#include <stdint.h>

struct hil_alarm_client {
    void (*fired)(void *ctx);
    void *ctx;
};

struct hil_alarm {
    void *dev;
    uint32_t freq_hz;                       /* counting rate of now() */
    uint32_t (*now)(void *dev);             /* wraps at 2^32 */
    /* Fires once when now() reaches reference + dt (at once if that already passed). */
    void (*set)(void *dev, uint32_t reference, uint32_t dt);
    void (*disarm)(void *dev);
    void (*set_client)(void *dev, const struct hil_alarm_client *client);
};

#endif

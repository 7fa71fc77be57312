/* radio-tx: a beacon. Every 500 ms broadcasts "beacon N from 0xADDR" on channel 26, PAN 0xabcd,
 * toggles LED0 and prints the result. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alarm.h"
#include "ieee802154.h"
#include "led.h"

#define PAN 0xabcd
#define CHANNEL 26
#define PERIOD_MS 500

int main(void)
{
    uint16_t addr;
    if (!ieee802154_exists()) {
        printf("radio-tx: no radio (NODEVICE)\n");
        return 0;
    }
    int rc = ieee802154_up(PAN, CHANNEL, &addr);
    printf("radio-tx: 0x%04x on channel %d, PAN 0x%04x%s\n", addr, CHANNEL, PAN, rc ? " (setup failed)" : "");
    for (unsigned n = 1;; n++) {
        char msg[40];
        bool acked;
        int len = snprintf(msg, sizeof(msg), "beacon %u from 0x%04x", n, addr);
        rc = ieee802154_send(IEEE802154_BROADCAST, msg, (size_t)len, &acked);
        led_toggle(0);
        printf("radio-tx: beacon %u %s\n", n, rc ? tock_strerror(rc) : "sent");
        delay_ms(PERIOD_MS);
    }
}

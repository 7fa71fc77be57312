/* radio-rx: a listener. Prints every frame the radio accepts (source, RSSI, LQI, payload) and
 * toggles LED0 for each. */
#include <stdint.h>
#include <stdio.h>

#include "ieee802154.h"
#include "led.h"

#define PAN 0xabcd
#define CHANNEL 26

static ieee802154_ring_t ring;

static void print_frame(const uint8_t *rec, int rssi, int lqi)
{
    size_t len;
    const uint8_t *p = ieee802154_payload(rec, &len);
    uint16_t src = 0;
    char text[64];
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < sizeof(text); i++)
        text[k++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
    text[k] = '\0';
    if (!ieee802154_src_short(rec, &src))
        src = 0xffff;
    printf("radio-rx: from 0x%04x rssi %d lqi %d len %u: %s\n", src, rssi, lqi, (unsigned)len, text);
}

int main(void)
{
    uint16_t addr;
    if (!ieee802154_exists()) {
        printf("radio-rx: no radio (NODEVICE)\n");
        return 0;
    }
    int rc = ieee802154_up(PAN, CHANNEL, &addr);
    printf("radio-rx: 0x%04x listening on channel %d%s\n", addr, CHANNEL, rc ? " (setup failed)" : "");
    ieee802154_listen(&ring, NULL, NULL);
    for (;;) {
        int rssi, lqi;
        ieee802154_wait(0, &rssi, &lqi);
        ieee802154_take();                      /* the ring back, to read it (TRD104) */
        for (const uint8_t *rec; (rec = ieee802154_next(&ring)) != NULL;) {
            print_frame(rec, rssi, lqi);
            led_toggle(0);
        }
        ieee802154_give(&ring);
    }
}

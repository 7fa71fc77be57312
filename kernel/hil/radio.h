/* HIL: an IEEE 802.15.4 radio (after Tock's hil::radio): whole frames in and out, the FCS, CSMA-CA,
 * automatic ACKs and retries done by the radio. */
#ifndef KERNEL_HIL_RADIO_H
#define KERNEL_HIL_RADIO_H

#include <stdint.h>

#define HIL_RADIO_MAX_FRAME 125     /* MAC header + payload: 127 bytes minus the FCS */

struct hil_radio_client {
    /* The transmission ended: status 0 (sent), ERR_NOACK (an ACK was asked for and none came
     * after the retries), ERR_BUSY (the channel stayed busy), ERR_FAIL; acked: an ACK came. */
    void (*tx_done)(void *ctx, int status, int acked);
    /* A frame arrived: MAC header and payload (the FCS checked and removed), valid during the
     * call; its RSSI (dBm) and LQI. */
    void (*rx)(void *ctx, const uint8_t *frame, uint32_t len, int rssi, uint8_t lqi);
    void *ctx;
};

struct hil_radio {
    void *dev;
    /* Powers up and listens / powers down. 0, or an ErrorCode. */
    int (*start)(void *dev);
    int (*stop)(void *dev);
    int (*is_on)(void *dev);
    /* Settings, applied at once: channel 11..26, power in dBm, addresses, PAN. */
    void (*set_channel)(void *dev, uint8_t channel);
    void (*set_tx_power)(void *dev, int8_t dbm);
    void (*set_address)(void *dev, uint16_t addr);
    void (*set_address_long)(void *dev, uint64_t addr);
    /* The radio's extended address (at reset: its factory address). */
    uint64_t (*get_address_long)(void *dev);
    void (*set_pan)(void *dev, uint16_t pan);
    /* Sends frame[0..len) (MAC header and payload; len <= HIL_RADIO_MAX_FRAME); the buffer must
     * stay valid until tx_done. 0, ERR_OFF (powered down), ERR_BUSY (a transmission in
     * flight) or ERR_SIZE. */
    int (*transmit)(void *dev, const uint8_t *frame, uint32_t len);
    void (*set_client)(void *dev, const struct hil_radio_client *client);
};

#endif

/*
 * Reception: the fate of a frame a radio received to its end, and the energy a radio measures,
 * both from what the node hears (its heard list: every frame that reaches it with its power)
 * and the scenario's jamming.
 *
 *  - Unit disk and links: any other frame on the channel overlapping it in time (or jamming)
 *    is a collision, as in Cooja's UDGM; else the unit disk's success_rx draw decides (a
 *    failure is a bad FCS).
 *  - Log-distance: SINR = P / (noise + sum of overlapping frames and jamming on the channel);
 *    the frame is intact with the packet reception rate of the 2.4 GHz O-QPSK PHY at that SINR
 *    (IEEE 802.15.4-2006 Annex E.4.1.8: BER = 8/15 * 1/16 * sum_{k=2..16} (-1)^k C(16,k)
 *    exp(20 SINR (1/k - 1)); PRR = (1 - BER)^(8 * bytes)), one draw per frame and receiver;
 *    a failure is a collision if another frame overlapped, else a bad FCS.
 * Interference is summed over the frame's whole duration (an upper bound of the power at any
 * instant), a choice that errs towards collisions.
 */
#include <math.h>

#include "sim/radio/internal.h"

double medium_prr(double sinr, unsigned len)
{
    static const double binom16[17] = { 1, 16, 120, 560, 1820, 4368, 8008, 11440, 12870, 11440, 8008,
                                        4368, 1820, 560, 120, 16, 1 };
    double sum = 0;
    for (int k = 2; k <= 16; k++)
        sum += (k % 2 ? -1.0 : 1.0) * binom16[k] * exp(20.0 * sinr * (1.0 / k - 1.0));
    double ber = 8.0 / 15.0 / 16.0 * sum;
    ber = ber < 0 ? 0 : ber > 0.5 ? 0.5 : ber;
    return pow(1.0 - ber, 8.0 * len);
}

static bool overlaps(const struct medium_frame *f, uint64_t from, uint64_t to)
{
    return f->start_ns < to && f->end_ns > from;
}

/* Interference on the channel during [from, to) at node n, in mW, except frame `self`. */
static double interference(const struct medium_node *n, unsigned channel, uint64_t from, uint64_t to,
                           const void *self)
{
    const struct medium *md = n->md;
    double mw = 0;
    for (size_t i = 0; i < n->nheard; i++) {
        const struct medium_frame *f = n->heard[i].f;
        if (f != self && f->channel == channel && overlaps(f, from, to))
            mw += n->heard[i].mw;
    }
    for (size_t i = 0; i < md->njams; i++) {
        const struct jam *j = &md->jams[i];
        if (j->channel == channel && j->from_ns < to && j->to_ns > from)
            mw += j->mw;
    }
    return mw;
}

int medium_energy(const struct medium_node *n, unsigned channel, uint64_t from_ns, uint64_t to_ns)
{
    double mw = medium_mw(n->md->p.noise_dbm) + interference(n, channel, from_ns, to_ns, NULL);
    return (int)lround(10.0 * log10(mw));
}

static double power_of(const struct medium_node *n, const struct medium_frame *f)
{
    for (size_t i = 0; i < n->nheard; i++)
        if (n->heard[i].f == f)
            return n->heard[i].mw;
    return 0;
}

void medium_fate(const struct medium_node *n, const struct radio_arrival *a, struct radio_fate *out)
{
    const struct medium *md = n->md;
    const struct medium_frame *f = a->frame;
    double p = power_of(n, f), noise = medium_mw(md->p.noise_dbm);
    double i = interference(n, f->channel, f->start_ns, f->end_ns, f);
    double sinr = p / (noise + i);
    double u = medium_uniform(md->p.seed, ((uint64_t)f->from << 32) | f->seq, (uint64_t)n->index, 0x52ull);
    out->rssi = (int16_t)lround(10.0 * log10(p > 0 ? p : noise));
    out->sinr_db = (int16_t)lround(10.0 * log10(sinr > 1e-9 ? sinr : 1e-9));
    out->result = RADIO_RX_OK;
    if (md->p.model == MEDIUM_LOG_DISTANCE) {
        if (u >= medium_prr(sinr, f->len))
            out->result = i > 0 ? RADIO_DROP_COLLISION : RADIO_DROP_CRC;
    } else if (i > 0) {
        out->result = RADIO_DROP_COLLISION;
    } else if (md->p.model == MEDIUM_UNIT_DISK && u >= md->p.success_rx) {
        out->result = RADIO_DROP_CRC;
    }
}

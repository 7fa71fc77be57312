/*
 * Propagation: how a frame reaches each node, by model (doc/radio.md, "Models").
 *
 *  - Unit disk, after Cooja's UDGM (Österlind et al., "Cross-level sensor network simulation
 *    with COOJA", 2006): received within tx_range, heard as interference only up to
 *    interference_range; the frame leaves the sender with probability success_tx (one draw per
 *    frame) and arrives intact with probability success_rx (one draw per receiver, at its end:
 *    reception.c). RSSI falls linearly from -10 dBm at the sender to -95 dBm at tx_range, as
 *    UDGM's signal strength does; interference-range nodes get -95 dBm.
 *  - Log-distance path loss with log-normal shadowing (Rappaport, "Wireless Communications",
 *    4.9-4.10): PL(d) = PL(d0) + 10 n log10(d / d0) + X, X ~ N(0, sigma^2) fixed per pair of
 *    nodes (symmetric); received power = TX power - PL. Below the sensitivity a frame is only
 *    energy; below noise - 10 dB it is ignored.
 *  - Links, after Cooja's DGRM: explicit directed links with a reception ratio and an RSSI;
 *    nothing else is heard. The ratio is drawn per frame and receiver.
 */
#include <math.h>

#include "sim/radio/internal.h"

#define UDGM_STRONG_DBM (-10.0)
#define UDGM_WEAK_DBM   (-95.0)
#define MAX_TX_DBM      10.0
#define IGNORE_BELOW_DB 10.0            /* under the noise floor: not even interference */

static double distance(const struct medium_node *a, const struct medium_node *b)
{
    double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
    return sqrt(dx * dx + dy * dy + dz * dz);
}

double medium_max_range(const struct medium_params *p)
{
    if (p->model == MEDIUM_UNIT_DISK)
        return p->interference_range > p->tx_range ? p->interference_range : p->tx_range;
    if (p->model == MEDIUM_LINKS)
        return 0;
    /* The strongest sender and 4 sigma of luck still fall below the floor beyond this. */
    double budget = MAX_TX_DBM - (p->noise_dbm - IGNORE_BELOW_DB) - p->pl_d0_db + 4 * p->shadowing_db;
    return p->d0_m * pow(10.0, budget / (10.0 * p->exponent));
}

void medium_ranges(const struct medium *md, double tx_dbm, double *tx_m, double *interference_m)
{
    const struct medium_params *p = &md->p;
    *tx_m = *interference_m = 0;
    if (p->model == MEDIUM_UNIT_DISK) {
        *tx_m = p->tx_range;
        *interference_m = p->interference_range;
    } else if (p->model == MEDIUM_LOG_DISTANCE) {   /* mean path loss, no shadowing */
        *tx_m = p->d0_m * pow(10.0, (tx_dbm - p->pl_d0_db - p->sensitivity_dbm) / (10.0 * p->exponent));
        *interference_m = p->d0_m * pow(10.0, (tx_dbm - p->pl_d0_db - (p->noise_dbm - IGNORE_BELOW_DB)) /
                                                  (10.0 * p->exponent));
    }
}

static bool reach_udgm(const struct medium *md, const struct medium_frame *f, double d, struct reach *out)
{
    const struct medium_params *p = &md->p;
    if (d > p->tx_range && d > p->interference_range)
        return false;
    out->flags = f->lost ? RADIO_ARR_LOST : 0;
    if (d > p->tx_range) {
        out->dbm = UDGM_WEAK_DBM;
        out->flags |= RADIO_ARR_WEAK;
    } else {
        out->dbm = UDGM_STRONG_DBM + (p->tx_range > 0 ? d / p->tx_range : 0) * (UDGM_WEAK_DBM - UDGM_STRONG_DBM);
    }
    return true;
}

static bool reach_logdist(const struct medium *md, const struct medium_frame *f, int r, double d,
                          struct reach *out)
{
    const struct medium_params *p = &md->p;
    int lo = f->from < r ? f->from : r, hi = f->from < r ? r : f->from;
    double shadow = p->shadowing_db > 0 ? p->shadowing_db * medium_gaussian(md->p.seed, 0x5348, (uint64_t)lo, (uint64_t)hi) : 0;
    double pl = p->pl_d0_db + 10.0 * p->exponent * log10((d > p->d0_m ? d : p->d0_m) / p->d0_m) + shadow;
    out->dbm = f->dbm - pl;
    if (out->dbm < p->noise_dbm - IGNORE_BELOW_DB)
        return false;
    out->flags = out->dbm < p->sensitivity_dbm ? RADIO_ARR_WEAK : 0;
    return true;
}

static bool reach_link(const struct medium *md, const struct medium_frame *f, int r, struct reach *out)
{
    const struct medium_node *s = &md->nodes[f->from];
    for (size_t i = 0; i < s->nlinks; i++) {
        if (s->links[i].to != r)
            continue;
        double u = medium_uniform(md->p.seed, ((uint64_t)f->from << 32) | f->seq, (uint64_t)r, 0x4c4e4b);
        out->dbm = s->links[i].rssi;
        out->flags = u < s->links[i].ratio ? 0 : RADIO_ARR_LOST;
        return true;
    }
    return false;
}

bool medium_reach(const struct medium *md, const struct medium_frame *f, int r, struct reach *out)
{
    const struct medium_node *s = &md->nodes[f->from], *n = &md->nodes[r];
    if (md->p.model == MEDIUM_LINKS)
        return reach_link(md, f, r, out);
    double d = distance(s, n);
    if (md->max_range_m > 0 && d > md->max_range_m)
        return false;
    if (md->p.model == MEDIUM_UNIT_DISK)
        return reach_udgm(md, f, d, out);
    return reach_logdist(md, f, r, d, out);
}

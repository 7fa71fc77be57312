/* Scenario verbs about the radio, at run time (doc/scenarios.md, "Radio"). Packet steps look at
 * the medium's record of the traffic: a frame "from" a board is one it put on the air; "to" a
 * board, one that board's radio received intact and passed its filter (written to its memory).
 * ACK frames are not packets here. The time of a packet is its start on the air (sent) or its
 * end (received). */
#define _GNU_SOURCE                     /* memmem */
#include <string.h>

#include "peripherals/radio/ieee802154_frame.h"
#include "sim/scenario/run.h"

/* The frame's MAC payload (none if its header does not parse). */
static const uint8_t *payload_of(const struct medium_frame *f, size_t *n)
{
    unsigned len, ch;
    const uint8_t *p = medium_frame_psdu(f, &len, &ch);
    struct ieee802154_mhr h;
    *n = 0;
    if (len < IEEE802154_FCS_LEN || !ieee802154_parse_mhr(p, len - IEEE802154_FCS_LEN, &h))
        return p;
    *n = len - IEEE802154_FCS_LEN - h.len;
    return p + h.len;
}

static bool payload_matches(const struct step *s, const struct medium_frame *f)
{
    size_t n;
    const uint8_t *p = payload_of(f, &n);
    if (s->pkt.hex)
        return memmem(p, n, s->pkt.hex, s->pkt.nhex) != NULL;
    if (!s->text)
        return true;
    if (!s->is_regex)
        return memmem(p, n, s->text, strlen(s->text)) != NULL;
    char text[RADIO_PSDU_MAX + 1];
    memcpy(text, p, n);
    text[n] = '\0';                             /* a NUL in the payload ends the text matched */
    return regexec(&s->re, text, 0, NULL, 0) == 0;
}

/* Whether the frame is one the step is about (sender, channel, payload; no ACKs). */
static bool frame_matches(const struct step *s, const struct medium_event *e)
{
    unsigned len, ch;
    const uint8_t *p = medium_frame_psdu(e->frame, &len, &ch);
    if ((p[0] & 7) == IEEE802154_ACK)
        return false;
    if ((s->pkt.channel >= 0 && ch != (unsigned)s->pkt.channel) || (s->pkt.from >= 0 && e->from != s->pkt.from))
        return false;
    return payload_matches(s, e->frame);
}

/* A packet event of the step: a reception at "to" if the step names one, else a sending. */
static bool event_matches(const struct step *s, const struct medium_event *e)
{
    if (s->pkt.to >= 0) {
        if (e->kind != MEDIUM_EV_RX || e->result != RADIO_RX_OK || e->node != s->pkt.to)
            return false;
    } else if (e->kind != MEDIUM_EV_TX) {
        return false;
    }
    return frame_matches(s, e);
}

/* The first matching packet from r->mark (a time) up to now. */
static bool cond_packet(struct run *r, const struct step *s)
{
    size_t n;
    const struct medium_event *e = medium_events(r->medium, &n);
    for (size_t i = 0; i < n && e[i].t_ns <= r->now_ns; i++)
        if (e[i].t_ns >= r->mark && event_matches(s, &e[i])) {
            r->cond_ns = e[i].t_ns;
            return true;
        }
    return false;
}

static bool do_packet(struct run *r, const struct step *s)
{
    char t[32];
    r->mark = s->verb == STEP_EXPECT_PACKET ? r->prev_step_ns : r->step_ns;
    uint64_t deadline = s->verb == STEP_EXPECT_PACKET && !s->timeout_ns ? r->now_ns : run_deadline(r, s->timeout_ns);
    enum advance_end e = run_advance(r, deadline, cond_packet, s);
    if (e == ADV_MET) {
        r->event_ns = r->cond_ns;
        return true;
    }
    run_format_ms(s->timeout_ns, t, sizeof(t));
    if (s->timeout_ns == SCENARIO_NO_TIME || !s->timeout_ns)
        return run_fail_end(r, e, "no such packet%s", s->verb == STEP_EXPECT_PACKET ? " since the previous step began" : "");
    return run_fail_end(r, e, "no such packet within %s", t);
}

static bool do_no_packet(struct run *r, const struct step *s)
{
    r->mark = r->step_ns;
    enum advance_end e = run_advance(r, r->now_ns + s->duration_ns, cond_packet, s);
    if (e == ADV_TIME)
        return true;
    if (e == ADV_MET) {
        char t[32];
        r->event_ns = r->cond_ns;
        run_format_ms(r->cond_ns, t, sizeof(t));
        snprintf(r->msg, sizeof(r->msg), "a packet at %s", t);
        return false;
    }
    return run_fail_end(r, e, "stopped early");
}

/* Frames the step's sender put on the air in [from, now] (their end included), and how many of
 * them its receiver got. */
static void count_delivery(struct run *r, const struct step *s, uint64_t from, int *sent, int *got)
{
    size_t n;
    const struct medium_event *e = medium_events(r->medium, &n);
    *sent = *got = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t start, end;
        medium_frame_times(e[i].frame, &start, &end);
        if (start < from || end > r->now_ns || !frame_matches(s, &e[i]))
            continue;
        if (e[i].kind == MEDIUM_EV_TX)
            (*sent)++;
        else if (e[i].node == s->pkt.to && e[i].result == RADIO_RX_OK)
            (*got)++;
    }
}

static bool do_delivery(struct run *r, const struct step *s)
{
    uint64_t from = r->now_ns;
    enum advance_end e = run_advance(r, r->now_ns + s->duration_ns, NULL, s);
    r->event_ns = r->now_ns;
    if (e != ADV_TIME)
        return run_fail_end(r, e, "stopped early");
    int sent, got;
    count_delivery(r, s, from, &sent, &got);
    double ratio = sent ? (double)got / sent : 0;
    snprintf(r->msg, sizeof(r->msg), "%d of %d frames delivered (%.3f)", got, sent, ratio);
    if (!sent)
        snprintf(r->msg, sizeof(r->msg), "no frames sent");
    return sent && ratio >= s->pkt.min && ratio <= s->pkt.max;
}

/* The verbs that change the world, at once. */
static bool do_lever(struct run *r, const struct step *s)
{
    struct node *n = &r->nodes[s->node];
    switch (s->verb) {
    case STEP_MOVE:
        medium_move(r->medium, s->node, s->pkt.pos[0], s->pkt.pos[1], s->pkt.pos[2]);
        break;
    case STEP_SET_LINK:
        medium_set_link(r->medium, s->pkt.from, s->pkt.to, s->pkt.min, s->pkt.rssi);
        break;
    case STEP_RADIO_OFF: case STEP_RADIO_ON:
        medium_set_enabled(r->medium, s->node, s->verb == STEP_RADIO_ON);
        break;
    case STEP_JAM:
        medium_jam(r->medium, (unsigned)s->pkt.channel, s->pkt.dbm, r->now_ns, r->now_ns + s->duration_ns);
        break;
    default:                                    /* STEP_RESET */
        trace_event(&n->m->trace, "reset", "\"by\":\"scenario\"");
        machine_reset_all(n->m);
        break;
    }
    return true;
}

bool step_radio(struct run *r, const struct step *s)
{
    switch (s->verb) {
    case STEP_WAIT_PACKET: case STEP_EXPECT_PACKET: return do_packet(r, s);
    case STEP_EXPECT_NO_PACKET: return do_no_packet(r, s);
    case STEP_EXPECT_DELIVERY: return do_delivery(r, s);
    default: return do_lever(r, s);
    }
}

static void describe_selector(const struct scenario *sc, const struct step *s, char *buf, size_t n)
{
    size_t k = 0;
    if (s->pkt.from >= 0)
        k += (size_t)snprintf(buf + k, n - k, " from %s", sc->nodes[s->pkt.from].name);
    if (s->pkt.to >= 0 && k < n)
        k += (size_t)snprintf(buf + k, n - k, " to %s", sc->nodes[s->pkt.to].name);
    if (s->pkt.channel >= 0 && k < n)
        k += (size_t)snprintf(buf + k, n - k, " on channel %d", s->pkt.channel);
    if (s->pkt.hex && k < n)
        k += (size_t)snprintf(buf + k, n - k, " with %zu payload bytes", s->pkt.nhex);
    else if (s->text && k < n)
        snprintf(buf + k, n - k, s->is_regex ? " payload /%.60s/" : " payload \"%.60s\"", s->text);
}

void step_describe_radio(const struct scenario *sc, const struct step *s, char *buf, size_t n)
{
    const char *verb = scenario_verb_name(s->verb);
    char sel[200] = "", t[32];
    run_format_ms(s->duration_ns, t, sizeof(t));
    describe_selector(sc, s, sel, sizeof(sel));
    switch (s->verb) {
    case STEP_EXPECT_NO_PACKET: snprintf(buf, n, "%s%s for %s", verb, sel, t); break;
    case STEP_EXPECT_DELIVERY: snprintf(buf, n, "%s%s ratio %g..%g over %s", verb, sel, s->pkt.min, s->pkt.max, t); break;
    case STEP_MOVE: snprintf(buf, n, "%s to (%g, %g, %g)", verb, s->pkt.pos[0], s->pkt.pos[1], s->pkt.pos[2]); break;
    case STEP_SET_LINK:
        snprintf(buf, n, "%s %s -> %s ratio %g rssi %d", verb, sc->nodes[s->pkt.from].name, sc->nodes[s->pkt.to].name, s->pkt.min,
                 s->pkt.rssi);
        break;
    case STEP_JAM: snprintf(buf, n, "%s channel %d at %g dBm for %s", verb, s->pkt.channel, s->pkt.dbm, t); break;
    case STEP_RADIO_OFF: case STEP_RADIO_ON: case STEP_RESET: snprintf(buf, n, "%s", verb); break;
    default: snprintf(buf, n, "%s%s", verb, sel); break;
    }
}

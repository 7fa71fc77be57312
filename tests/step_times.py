#!/usr/bin/env python3
"""Checks that each step's printed time is the time of the event that decided it (doc/scenarios.md,
"A step's time"), from the --trace file of the same run, found independently of the runner:

  wait_console (text)   the last byte of the text, searched from where the previous match ended
  expect_fault          the first fault of the app (kind, addr) not matched by an earlier step
  expect_led            the first moment from the step's start at which all the LEDs hold
  expect_process        the same for the process table the kdbg "proc" events build
  expect_blink          the step's end (its window's end), with the window's rising edges
                        matching the periods the result line reports

Usage: step_times.py SCENARIO.json BOARD OUTPUT TRACE (one single-board scenario instance).
Prints one line per checked step; exit status 1 if any time differs."""
import json
import re
import sys

LINE = re.compile(r'^\s+ok\s+#(\d+)\s+\[\s*(\d+)\.(\d{3}) ms\] (.*)$')


def expand(text, board, values):
    return re.sub(r'\$\{(\w+)\}', lambda m: board if m.group(1) == 'BOARD' else values[m.group(1)], text)


def steps_for(doc, board):
    """The scenario's steps that run on board, with ${NAME}s replaced, numbered from 1."""
    values = doc.get('vars', {}).get(board, {})
    out = []
    for st in doc['steps']:
        only = st.get('board')
        if only is not None and board not in (only if isinstance(only, list) else [only]):
            continue
        out.append(json.loads(expand(json.dumps(st), board, values)))
    return out


class Timeline:
    """The trace's events, replayed: LED states, the process table, console text, faults."""

    def __init__(self, events):
        self.events = events
        self.i = 0
        self.leds = {}
        self.procs = {}                 # slot -> {name, state, restarts}
        self.console = bytearray()      # without \r and NUL, as the runner matches
        self.byte_t = []
        self.faults = []                # [t, name, kind, addr, consumed]

    def apply_until(self, t):
        """Applies every event at or before t; returns False when none is left."""
        while self.i < len(self.events) and self.events[self.i]['t_ns'] <= t:
            self.apply(self.events[self.i])
            self.i += 1
        return self.i < len(self.events)

    def next_time(self):
        return self.events[self.i]['t_ns'] if self.i < len(self.events) else None

    def apply(self, e):
        k = e['kind']
        if k == 'led':
            self.leds[e['led']] = e['on']
        elif k == 'console' and e['byte'] not in (0, 13):
            self.console.append(e['byte'])
            self.byte_t.append(e['t_ns'])
        elif k == 'proc':
            self.apply_proc(e)

    def apply_proc(self, e):
        ev, slot = e['event'], e['slot']
        if ev == 'created':
            self.procs[slot] = {'name': e['name'], 'state': e['state'], 'restarts': e['restarts']}
        elif ev == 'state' and slot in self.procs:
            self.procs[slot].update(state=e['state'], restarts=e['restarts'])
        elif ev == 'fault':
            if slot in self.procs:
                self.procs[slot]['state'] = 'faulted'
            self.faults.append([e['t_ns'], e['name'], e['fault'], e['addr'], False])

    def proc(self, name):
        for slot in sorted(self.procs):
            if self.procs[slot]['name'] == name:
                return self.procs[slot]
        return None


def led_holds(tl, st):
    v = st['expect_led']
    want = {v: st['state']} if isinstance(v, str) else v
    on = ('on', 'high', '1', 'true', True, 1)
    return all(tl.leds.get(int(re.sub(r'\D', '', str(k))), False) == (w in on) for k, w in want.items())


def proc_holds(tl, st):
    v = st['expect_process']
    p = tl.proc(v['app'])
    return p is not None and v.get('state', p['state']) == p['state'] and \
        v.get('restarts', p['restarts']) == p['restarts']


def first_hold(tl, start, end, holds, st):
    """The first time from start (the step's start if it held then) to end at which it holds."""
    tl.apply_until(start)
    if holds(tl, st):
        return start
    while tl.next_time() is not None and tl.next_time() <= end:
        t = tl.next_time()
        tl.apply_until(t)
        if holds(tl, st):
            return t
    return None


def console_time(tl, st, end, state):
    text = st['wait_console']
    if isinstance(text, dict):
        if 'regex' in text:
            return 'skip'
        text = text['text']
    tl.apply_until(end)
    hit = tl.console.find(text.encode(), state['consumed'])
    if hit < 0:
        return None
    state['consumed'] = hit + len(text.encode())
    return tl.byte_t[state['consumed'] - 1]


def fault_time(tl, st, end):
    v = st['expect_fault']
    tl.apply_until(end)
    for f in tl.faults:
        addr = v.get('addr')
        if not f[4] and f[1] == v['app'] and v.get('kind', f[2]) == f[2] and \
                (addr is None or int(str(addr), 0) == f[3]):
            f[4] = True
            return f[0]
    return None


def blink_check(tl, st, end, desc):
    """The step's time must be its end; the window before it must hold the reported edges."""
    over = parse_time(st.get('over', '2s'))
    led = int(re.sub(r'\D', '', str(st['expect_blink']['led'])))
    rises = [e['t_ns'] for e in tl.events if e['kind'] == 'led' and e['led'] == led and e['on']
             and end - over <= e['t_ns'] <= end]
    periods = int(re.search(r'\((\d+) periods\)', desc).group(1))
    return end if len(rises) == periods + 1 and end >= over else ('window', len(rises), periods + 1)


def parse_time(s):
    m = re.fullmatch(r'([0-9.]+)(s|ms|us|ns)', s)
    return round(float(m.group(1)) * {'s': 1e9, 'ms': 1e6, 'us': 1e3, 'ns': 1}[m.group(2)])


def expected(tl, st, start, end, desc, state):
    if 'wait_console' in st:
        return console_time(tl, st, end, state)
    if 'expect_fault' in st:
        return fault_time(tl, st, end)
    if 'expect_led' in st:
        return first_hold(tl, start, end, led_holds, st)
    if 'expect_process' in st:
        return first_hold(tl, start, end, proc_holds, st)
    if 'expect_blink' in st:
        return blink_check(tl, st, end, desc)
    return 'skip'


def main(scenario, board, output, trace):
    doc = json.load(open(scenario))
    if 'nodes' in doc:
        print(f'step_times: {scenario}: several boards in one scenario are not supported here')
        return 1
    steps = steps_for(doc, board)
    events = [json.loads(line) for line in open(trace)]
    ends = {e['index']: e['t_ns'] for e in events if e['kind'] == 'step'}
    tl, state, bad, checked = Timeline(events), {'consumed': 0}, 0, 0
    for line in open(output):
        m = LINE.match(line)
        if not m:
            continue
        k, printed_us, desc = int(m.group(1)), int(m.group(2)) * 1000 + int(m.group(3)), m.group(4)
        want = expected(tl, steps[k - 1], ends.get(k - 1, 0), ends[k], desc, state)
        if want == 'skip':
            continue
        checked += 1
        if not isinstance(want, int) or want // 1000 != printed_us:
            bad += 1
            print(f'step_times: {scenario} [{board}] #{k} {desc}: printed {printed_us} us, '
                  f'the deciding event is at {want} ns')
    print(f'step_times: {scenario} [{board}]: {checked} step times checked, {bad} wrong')
    return 1 if bad or not checked else 0


if __name__ == '__main__':
    sys.exit(main(*sys.argv[1:5]))

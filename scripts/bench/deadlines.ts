/**
 * Benchmark of the deadline engine: `dueItems` over 500 chats, 100,000 records (captured over seven
 * years, two thirds carrying `retainUntil`), 20 holds and 200 suggestions (synthetic, seeded),
 * under the OPCC policy (weekly clear-downs, standard retention schedule). Warm-up, then the median
 * and 95th percentile of 21 timed runs, wall clock.
 *
 * The headline is the steady state (reviewed records disposed of); `backlog` is the same data with
 * nothing ever reviewed, about 32,000 items due at once.
 *
 * `npx tsx scripts/bench/deadlines.ts` prints ONE line of JSON on stdout; progress goes to stderr.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { computeKeepUntil, effectiveKeepUntil } from '../../utils/deadlines/keep-until.ts';
import { addDays, londonDateOf } from '../../utils/deadlines/london.ts';
import { dueItems } from '../../utils/deadlines/due.ts';
import type { DueOptions, DueRecord, Hold, SuggestedRecord } from '../../utils/deadlines/types.ts';
import { getPolicy } from '../../utils/policy/presets/index.ts';
import type { Policy } from '../../utils/policy/schema.ts';
import type { ChatEntry, ChatKind } from '../../utils/types.ts';

const CHATS = 500;
const RECORDS = 100_000;
const HOLDS = 20;
const SUGGESTED = 200;
const WARMUP = 5;
const RUNS = 21;
const TARGET_MS = 50;

const policy = getPolicy('opcc-cleveland');
if (!policy) throw new Error('OPCC preset missing');

let seed = 20_261_122;
function rnd(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

const now = new Date('2026-11-20T10:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const kinds: ChatKind[] = [
  'council-group',
  'council-group',
  'council-group',
  'council-one-to-one',
  'personal',
  'unclassified',
];
const chats: ChatEntry[] = Array.from({ length: CHATS }, (_, i) => {
  const firstSeen = now.getTime() - Math.floor(rnd() * 700) * DAY;
  const lastSeen = firstSeen + Math.floor(rnd() * (now.getTime() - firstSeen));
  const chat: ChatEntry = {
    chatKey: `chat-${i}`,
    title: `Council chat ${i}`,
    isGroup: i % 4 !== 0,
    kind: pick(kinds),
    firstSeenAt: iso(firstSeen),
    lastSeenAt: iso(lastSeen),
  };
  if (rnd() < 0.7) chat.lastClearedAt = iso(now.getTime() - Math.floor(rnd() * 20 * DAY));
  return chat;
});

// Records captured over the last seven years; most carry retainUntil (set at capture), a third do
// not (the engine works it out from the policy).
const categorySets = [
  [],
  ['decision'],
  ['finance'],
  ['contract'],
  ['lease-land'],
  ['personal-injury'],
  ['defamation'],
  ['minutes'],
  ['transitory'],
  ['complaint', 'staffing'],
];
const records: DueRecord[] = Array.from({ length: RECORDS }, (_, i) => {
  const capturedAt = iso(now.getTime() - Math.floor(rnd() * 7 * 365 * DAY));
  const categories = pick(categorySets);
  const chatKey = `chat-${Math.floor(rnd() * CHATS)}`;
  const r: DueRecord = {
    id: `rec-${i}`,
    chatKey,
    capturedAt,
    categories,
    message: {
      id: `msg-${i}`,
      direction: 'in',
      sender: `Member ${i % 37}`,
      sentAt: capturedAt.slice(0, 16),
      text: 'Synthetic message text for the benchmark.',
      forwarded: false,
      edited: false,
      deleted: false,
    },
  };
  if (rnd() < 0.67) {
    const k = computeKeepUntil(policy, categories, capturedAt);
    if (k) r.retainUntil = k;
  }
  return r;
});

const holdKinds: Hold['kind'][] = ['foi', 'sar', 'legal', 'dispute', 'breach'];
const holds: Hold[] = Array.from({ length: HOLDS }, (_, i) => {
  const received = iso(now.getTime() - Math.floor(rnd() * 40) * DAY);
  const covers: Hold['covers'] =
    i % 3 === 0
      ? { chatKeys: [`chat-${i}`, `chat-${i + 100}`] }
      : i % 3 === 1
        ? { chatKeys: [`chat-${i}`], from: '2024-01-01', to: '2024-12-31' }
        : { recordIds: [`rec-${i * 1000}`, `rec-${i * 1000 + 1}`] };
  const hold: Hold = {
    id: `hold-${i}`,
    kind: holdKinds[i % holdKinds.length] as Hold['kind'],
    reference: `REF-${i}`,
    openedAt: received,
    receivedAt: received,
    covers,
  };
  if (i % 7 === 6) hold.closedAt = iso(now.getTime() - DAY);
  return hold;
});

const suggested: SuggestedRecord[] = Array.from({ length: SUGGESTED }, (_, i) => ({
  chatKey: `chat-${Math.floor(rnd() * CHATS)}`,
  messageId: i % 4 === 0 ? `msg-${i}` : `new-${i}`,
  seenAt: iso(now.getTime() - Math.floor(rnd() * 10 * DAY)),
}));

// Two scenarios over the same data:
// - steady state (the headline): the council works its review queue, so records whose keep-until
//   passed more than 30 days ago have been disposed of ('record.disposed' events → disposedIds);
// - backlog: nothing ever reviewed in seven years (tens of thousands of items due at once).
const reviewedBefore = addDays(londonDateOf(now), -30);
const disposedIds = new Set<string>(['rec-1', 'rec-2']);
for (const r of records) {
  const keep = effectiveKeepUntil(policy, r);
  if (keep !== undefined && keep !== 'permanent' && keep < reviewedBefore) disposedIds.add(r.id);
}
const extendedUntil = new Map([['rec-3', '2030-01-01']]);
const steady = { suggested, disposedIds, extendedUntil };
const backlog = { suggested, disposedIds: new Set(['rec-1', 'rec-2']), extendedUntil };

function measure(opts: DueOptions): {
  items: number;
  medianMs: number;
  p95Ms: number;
  cpuMedianMs: number;
} {
  const run = () => dueItems(now, policy as Policy, chats, records, holds, opts).length;
  let items = 0;
  for (let i = 0; i < WARMUP; i++) items = run();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    items = run();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  process.stderr.write(`deadlines: ${items} items; runs (ms): ${times.map(round).join(' ')}\n`);
  return {
    items,
    medianMs: round(times[Math.floor(times.length / 2)] ?? Number.NaN),
    p95Ms: round(
      times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)] ?? Number.NaN,
    ),
    // CPU time of the process (this thread and V8's GC helpers): tells a busy machine from slow code.
    cpuMedianMs: round(cpu[Math.floor(cpu.length / 2)] ?? Number.NaN),
  };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Context: a bare loop reading one field of every record (memory-bound floor on this machine). */
function bareLoopMs(): number {
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    let n = 0;
    for (const r of records) if (r.retainUntil !== undefined && r.retainUntil > '2027') n++;
    xs.push(performance.now() - t0 + (n < 0 ? 1 : 0));
  }
  xs.sort((a, b) => a - b);
  return round(xs[Math.floor(xs.length / 2)] ?? Number.NaN);
}

const main = measure(steady);
const worst = measure(backlog);
process.stdout.write(
  `${JSON.stringify({
    bench: 'deadlines',
    chats: CHATS,
    records: RECORDS,
    medianMs: main.medianMs,
    p95Ms: main.p95Ms,
    targetMs: TARGET_MS,
    pass: main.p95Ms <= TARGET_MS,
    cpuMedianMs: main.cpuMedianMs,
    loadAverage: round(loadavg()[0] ?? Number.NaN),
    bareLoopMedianMs: bareLoopMs(),
    items: main.items,
    disposed: disposedIds.size,
    backlog: worst,
  })}\n`,
);

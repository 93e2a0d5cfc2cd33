/**
 * Benchmark of the deadline engine: `dueItems` over 500 chats, 100,000 records, 20 holds and 200
 * suggestions (synthetic, seeded), under the OPCC policy (weekly clear-downs, standard retention
 * schedule). Warm-up, then the median and 95th percentile of 21 timed runs.
 *
 * `npx tsx scripts/bench/deadlines.ts` prints ONE line of JSON on stdout; progress goes to stderr.
 */
import { performance } from 'node:perf_hooks';
import { computeKeepUntil } from '../../utils/deadlines/keep-until.ts';
import { dueItems } from '../../utils/deadlines/due.ts';
import type { DueRecord, Hold, SuggestedRecord } from '../../utils/deadlines/types.ts';
import { getPolicy } from '../../utils/policy/presets/index.ts';
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

const opts = {
  suggested,
  disposedIds: new Set(['rec-1', 'rec-2']),
  extendedUntil: new Map([['rec-3', '2030-01-01']]),
};

function run(): number {
  return dueItems(now, policy as NonNullable<typeof policy>, chats, records, holds, opts).length;
}

let items = 0;
for (let i = 0; i < WARMUP; i++) items = run();
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  items = run();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const medianMs = times[Math.floor(times.length / 2)] ?? Number.NaN;
const p95Ms = times[Math.min(times.length - 1, Math.ceil(0.95 * times.length) - 1)] ?? Number.NaN;
const round = (x: number) => Math.round(x * 100) / 100;

process.stderr.write(
  `deadlines: ${items} items due or coming due; runs (ms): ${times.map(round).join(' ')}\n`,
);
process.stdout.write(
  `${JSON.stringify({
    bench: 'deadlines',
    chats: CHATS,
    records: RECORDS,
    medianMs: round(medianMs),
    p95Ms: round(p95Ms),
    targetMs: TARGET_MS,
    pass: p95Ms <= TARGET_MS,
  })}\n`,
);

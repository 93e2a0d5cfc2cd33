/**
 * Records-library benchmarks: `npx tsx scripts/bench/library.ts [--quick]`.
 * One JSON line per measurement. Side by side in one run:
 *  - search engines (MiniSearch vs FlexSearch) on the same generated records and the same queries;
 *  - our RecordIndex (MiniSearch + filter sets) with filters;
 *  - importChatExport vs raw whatsapp-chat-parser `parseString` on the same 100,000-line export;
 *  - backup of 100,000 records, plain and encrypted (PBKDF2 600,000 iterations).
 */
import { cpus, loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Charset, Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { parseString } from 'whatsapp-chat-parser';
import { createBackup, readBackup } from '../../utils/library/backup';
import { importChatExport } from '../../utils/library/import';
import {
  createRecordIndex,
  loadRecordIndex,
  type IndexableRecord,
} from '../../utils/library/search';
import { words } from '../../utils/library/text';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const quick = process.argv.includes('--quick');
/** `--only=import,search,backup` and `--engines=minisearch,flexsearch,record-index` select parts. */
const arg = (name: string): string[] | undefined =>
  process.argv
    .find((a) => a.startsWith(`--${name}=`))
    ?.slice(name.length + 3)
    .split(',');
const only = new Set(arg('only') ?? ['import', 'search', 'backup']);
const engines = new Set(arg('engines') ?? ['minisearch', 'flexsearch', 'record-index']);
const SIZES = quick ? [10_000] : [10_000, 100_000];

function out(o: Record<string, unknown>): void {
  // The 1-minute load average, so figures from a busy machine can be recognised as such.
  console.log(JSON.stringify({ ...o, loadAvg1m: round(loadavg()[0] ?? 0), cpus: cpus().length }));
}

// Deterministic generator of parish-council messages.
let seed = 0x5eed;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}
const VOCAB = (
  'agenda minutes precept budget planning application objection hedge footpath bus shelter glazing quote ' +
  'invoice clerk chair councillor meeting resolution motion seconded agreed deferred allotment village hall ' +
  'playground inspection insurance grass cutting contractor streetlight pothole highways county district ' +
  'licence café complaint resident neighbour parking speeding speedwatch defibrillator bench noticeboard ' +
  'website accessibility grant donation volunteers litter dog fouling bins recycling flooding drainage ' +
  'tree preservation order conservation area listed building extension orchard church lane school ' +
  'safeguarding data protection freedom information request subject access retention policy audit ' +
  'internal external auditor accounts VAT payment standing orders financial regulations procurement tender'
).split(' ');
for (let i = 0; i < 3000; i++) VOCAB.push(`w${(i * 2654435761) % 1e6}x`); // long tail of rarer words
const SENDERS = [
  'Margaret Hale',
  'Tom Okafor',
  'Priya Shah',
  'Dennis Wright',
  'Siân Llewellyn',
  'Chloë Martin',
  '+44 7700 900123',
];
const CATS = [
  'planning',
  'finance',
  'procurement',
  'complaint',
  'foi',
  'data-protection',
  'staffing',
  'decision',
];
const STATES = ['pending', 'delivered', 'failed'];

function makeRecords(n: number): IndexableRecord[] {
  const rs: IndexableRecord[] = [];
  for (let i = 0; i < n; i++) {
    const len = 8 + Math.floor(rand() * 20);
    const ws: string[] = [];
    for (let j = 0; j < len; j++) ws.push(rand() < 0.7 ? pick(VOCAB.slice(0, 120)) : pick(VOCAB));
    const day = 1 + Math.floor(rand() * 28);
    const month = 1 + Math.floor(rand() * 12);
    const sentAt = `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:${String(Math.floor(rand() * 60)).padStart(2, '0')}`;
    const sender = pick(SENDERS);
    const r: IndexableRecord = {
      id: `rec-${i}`,
      chatKey: `chat-${i % 40}`,
      messageId: `3EB0${i.toString(16).toUpperCase()}`,
      chat: { title: `Parish chat ${i % 40}`, isGroup: i % 3 !== 0 },
      message: {
        id: `3EB0${i.toString(16).toUpperCase()}`,
        direction: rand() < 0.3 ? 'out' : 'in',
        sender,
        sentAt,
        text: ws.join(' '),
        forwarded: false,
        edited: false,
        deleted: false,
      },
      categories: rand() < 0.5 ? [pick(CATS)] : [],
      note: rand() < 0.1 ? 'Follow up with the clerk' : '',
      capturedAt: `${sentAt}:00.000Z`,
      capturedBy: 'Priya Shah (Cllr)',
      method: 'side-panel',
      policyId: 'wherstead-pc',
      policyVersion: '2026.1',
      sha256: (i * 7919).toString(16).padStart(64, '0'),
      deliveryState: pick(STATES),
    };
    if (sender.startsWith('+')) r.message.senderPhone = '+447700900123';
    if (i % 50 === 0) r.holdIds = ['foi-2026-07'];
    rs.push(r);
  }
  return rs;
}

const TEXT_QUERIES = [
  'precept',
  'plan',
  'gla',
  'bus shelter',
  'village hall',
  'footpath hedge',
  'data protection request',
  'aplication', // typo
  'shleter', // typo
  'minuets', // typo
  'cafe',
  'defib',
  'tree preservation order',
  'speedwatch parking',
  'insurance',
  'co',
  'grass cutting contractor',
  'allotment',
  'w123x',
  'financial regulations',
];
const TYPO_TARGETS: [string, string][] = [
  ['aplication', 'application'],
  ['shleter', 'shelter'],
  ['minuets', 'minutes'],
  ['precpet', 'precept'],
  ['alotment', 'allotment'],
];

function p95(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return round(s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? 0);
}
function round(x: number): number {
  return Math.round(x * 100) / 100;
}
function heap(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
let lastWorst = '';
/**
 * CPU time (user + system) per query of the last `timeQueries`: on a shared, busy machine wall
 * time mostly measures waiting for a core; CPU time is what the query itself costs.
 */
let lastCpu: number[] = [];
function timeQueries(run: (q: string) => unknown, queries: string[], rounds = 5): number[] {
  for (const q of queries) run(q); // warm up
  lastCpu = [];
  const t: number[] = [];
  const per = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const c = process.cpuUsage();
      const s = performance.now();
      run(q);
      const ms = performance.now() - s;
      const used = process.cpuUsage(c);
      lastCpu.push((used.user + used.system) / 1000);
      t.push(ms);
      per.set(q, [...(per.get(q) ?? []), ms]);
    }
  }
  // The three slowest queries by median, for the report.
  lastWorst = [...per]
    .map(([q, ms]) => [q, [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)] ?? 0] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([q, ms]) => `${q}:${round(ms)}`)
    .join(', ');
  return t;
}

async function benchSearch(): Promise<void> {
  for (const n of SIZES) {
    const records = makeRecords(n);
    const docs = records.map((r) => ({
      id: r.id,
      text: r.message.text,
      sender: r.message.sender,
      chat: r.chat.title,
      note: r.note,
      categories: r.categories.join(' '),
    }));

    let before = 0;
    let t0 = 0;
    if (engines.has('minisearch'))
      await (async () => {
        // --- MiniSearch (same fields, AND, prefix from 3 letters, typo tolerance, BM25 order) ---
        // Documents are numbered (id = position) so per-query bookkeeping is a typed array.
        const numbered = docs.map((d, i) => ({ ...d, id: i }));
        before = heap();
        t0 = performance.now();
        const mini = new MiniSearch<(typeof numbered)[number]>({
          fields: ['text', 'sender', 'chat', 'note', 'categories'],
          tokenize: words,
          processTerm: (t) => t,
          searchOptions: { prefix: (term) => term.length >= 3, combineWith: 'AND' },
        });
        mini.addAll(numbered);
        const miniBuild = performance.now() - t0;
        const miniHeap = heap() - before;
        // The strategy of RecordIndex (utils/library/search.ts), without its filters. MiniSearch's
        // own AND query scores every document containing ANY term, then intersects. Instead: one
        // pass per term marks the documents that contain it and every earlier term (boostDocument
        // notes the document and returns 0, so MiniSearch builds no result), then one scoring
        // query keeps only the documents the last term marked (the plain AND query's scores and
        // order). Typo tolerance (distance 1 from 4 letters, 2 from 7) for a term no document
        // contains, even as a prefix.
        const fuzziness = (term: string) => (term.length >= 7 ? 2 : term.length >= 4 ? 1 : false);
        const marks = new Uint32Array(n);
        let epoch = 0;
        const miniSearch = (q: string) => {
          const terms = words(q);
          if (terms.length === 1) {
            const hits = mini.search(q);
            const fuzz = fuzziness(terms[0] as string);
            return hits.length === 0 && fuzz ? mini.search(q, { fuzzy: fuzz, maxFuzzy: 2 }) : hits;
          }
          const typos = new Set<string>();
          let prev = 0;
          for (const term of terms) {
            const cur = ++epoch;
            const before = prev;
            let seen = 0;
            let kept = 0;
            const note = (i: number) => {
              seen++;
              if (marks[i] !== cur && (before === 0 || marks[i] === before)) {
                marks[i] = cur;
                kept++;
              }
              return 0;
            };
            mini.search(term, { boostDocument: note });
            const fuzz = seen === 0 ? fuzziness(term) : false;
            if (fuzz) {
              typos.add(term);
              mini.search(term, { fuzzy: fuzz, maxFuzzy: 2, boostDocument: note });
            }
            if (kept === 0) return [];
            prev = cur;
          }
          const last = prev;
          return mini.search(q, {
            fuzzy: (term) => (typos.has(term) ? fuzziness(term) : false),
            maxFuzzy: 2,
            boostDocument: (i: number) => (marks[i] === last ? 1 : 0),
          });
        };
        const miniTimes = timeQueries(miniSearch, TEXT_QUERIES);
        const miniWorst = lastWorst;
        const miniCpu = lastCpu;
        t0 = performance.now();
        const miniJson = JSON.stringify(mini);
        const miniExport = performance.now() - t0;
        t0 = performance.now();
        MiniSearch.loadJSON(miniJson, {
          fields: ['text', 'sender', 'chat', 'note', 'categories'],
          tokenize: words,
          processTerm: (t) => t,
        });
        const miniLoad = performance.now() - t0;
        const miniTypo = TYPO_TARGETS.filter(([typo, word]) => {
          const hit = miniSearch(typo)[0];
          return hit !== undefined && docs[hit.id as number]?.text.includes(word);
        }).length;
        t0 = performance.now();
        for (let i = 0; i < 1000; i++) mini.discard(i);
        mini.addAll(numbered.slice(0, 1000));
        const miniChurn = (performance.now() - t0) / 2000;
        out({
          bench: 'search',
          engine: 'minisearch',
          records: n,
          buildMs: round(miniBuild),
          p95Ms: p95(miniTimes),
          p95CpuMs: p95(miniCpu),
          slowestMedianMs: miniWorst,
          targetMs: 50,
          heapMB: round(miniHeap / 1e6),
          serialisedMB: round(miniJson.length / 1e6),
          exportMs: round(miniExport),
          loadMs: round(miniLoad),
          typoRecall: `${miniTypo}/${TYPO_TARGETS.length}`,
          addRemoveMsEach: round(miniChurn),
        });
      })();
    if (engines.has('flexsearch'))
      await (async () => {
        // --- FlexSearch (Document, forward tokeniser for prefixes, LatinBalance encoder for fuzziness) ---
        before = heap();
        t0 = performance.now();
        const flex = new Document({
          document: { id: 'id', index: ['text', 'sender', 'chat', 'note', 'categories'] },
          tokenize: 'forward',
          encoder: Charset.LatinBalance,
          fastupdate: true,
        });
        for (const d of docs) flex.add(d);
        const flexBuild = performance.now() - t0;
        const flexHeap = heap() - before;
        const flexTimes = timeQueries(
          (q) => flex.search(q, { limit: 100000, merge: true, suggest: false }),
          TEXT_QUERIES,
        );
        const flexWorst = lastWorst;
        const flexCpu = lastCpu;
        t0 = performance.now();
        const parts: Record<string, string> = {};
        await flex.export((key: string, data: string) => {
          parts[key] = data;
        });
        const flexExport = performance.now() - t0;
        const flexSize = Object.values(parts).reduce((a, s) => a + (s?.length ?? 0), 0);
        t0 = performance.now();
        const flex2 = new Document({
          document: { id: 'id', index: ['text', 'sender', 'chat', 'note', 'categories'] },
          tokenize: 'forward',
          encoder: Charset.LatinBalance,
          fastupdate: true,
        });
        let flexLoad: number | string;
        try {
          for (const [k, v] of Object.entries(parts)) flex2.import(k, v);
          flexLoad = round(performance.now() - t0);
        } catch (e) {
          flexLoad = `failed: ${String(e)}`;
        }
        const flexTypo = TYPO_TARGETS.filter(([typo, word]) => {
          const res = flex.search(typo, { limit: 1, merge: true }) as unknown as { id: string }[];
          const id = res[0]?.id;
          return id !== undefined && docs[Number(String(id).slice(4))]?.text.includes(word);
        }).length;
        t0 = performance.now();
        for (let i = 0; i < 1000; i++) flex.remove(`rec-${i}`);
        for (const d of docs.slice(0, 1000)) flex.add(d);
        const flexChurn = (performance.now() - t0) / 2000;
        out({
          bench: 'search',
          engine: 'flexsearch',
          records: n,
          buildMs: round(flexBuild),
          p95Ms: p95(flexTimes),
          p95CpuMs: p95(flexCpu),
          slowestMedianMs: flexWorst,
          targetMs: 50,
          heapMB: round(flexHeap / 1e6),
          serialisedMB: round(flexSize / 1e6),
          exportMs: round(flexExport),
          loadMs: flexLoad,
          typoRecall: `${flexTypo}/${TYPO_TARGETS.length}`,
          addRemoveMsEach: round(flexChurn),
        });
      })();
    if (engines.has('record-index'))
      await (async () => {
        // --- Our RecordIndex (MiniSearch + filter sets): text, filters, combined ---
        before = heap();
        t0 = performance.now();
        const idx = createRecordIndex();
        for (const r of records) idx.add(r);
        const idxBuild = performance.now() - t0;
        const idxHeap = heap() - before;
        const filterQueries = [
          { chatKey: 'chat-7' },
          { category: 'finance' },
          { sender: 'Tom Okafor' },
          { deliveryState: 'pending' },
          { holdId: 'foi-2026-07' },
          { from: '2026-03-01', to: '2026-03-31' },
          { chatKey: 'chat-7', from: '2026-03-01', to: '2026-06-30', deliveryState: 'delivered' },
          {},
        ];
        const combined = TEXT_QUERIES.map((text, i) => ({
          text,
          ...filterQueries[i % filterQueries.length],
        }));
        const textT = timeQueries((q) => idx.search({ text: q }), TEXT_QUERIES);
        const idxWorst = lastWorst;
        const textCpu = lastCpu;
        for (const q of [...filterQueries, ...combined]) idx.search(q); // warm up
        const filterT = timeQueries(
          (i) => idx.search(filterQueries[Number(i)] ?? {}),
          filterQueries.map((_, i) => String(i)),
        );
        const filterCpu = lastCpu;
        const combT = timeQueries(
          (i) => idx.search(combined[Number(i)] ?? {}),
          combined.map((_, i) => String(i)),
        );
        const combCpu = lastCpu;
        t0 = performance.now();
        const json = JSON.stringify(idx.toJSON());
        const idxExport = performance.now() - t0;
        t0 = performance.now();
        loadRecordIndex(json);
        const idxLoad = performance.now() - t0;
        out({
          bench: 'record-index',
          engine: 'minisearch+filters',
          records: n,
          buildMs: round(idxBuild),
          textP95Ms: p95(textT),
          textP95CpuMs: p95(textCpu),
          slowestMedianMs: idxWorst,
          filterOnlyP95Ms: p95(filterT),
          filterOnlyP95CpuMs: p95(filterCpu),
          textPlusFilterP95Ms: p95(combT),
          textPlusFilterP95CpuMs: p95(combCpu),
          targetMs: 50,
          heapMB: round(idxHeap / 1e6),
          serialisedMB: round(json.length / 1e6),
          exportMs: round(idxExport),
          loadMs: round(idxLoad),
        });
      })();
  }
}

async function benchImport(): Promise<void> {
  const lines: string[] = [];
  let i = 0;
  while (lines.length < 100_000) {
    const d = 1 + (i % 28);
    const h = i % 24;
    const m = (i * 7) % 60;
    const who = SENDERS[i % SENDERS.length];
    const stamp = `${String(d).padStart(2, '0')}/11/2026, ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
    if (i % 97 === 0) lines.push(`${stamp} - ${who} added Tom Okafor`);
    else if (i % 41 === 0)
      lines.push(
        `${stamp} - ${who}: IMG-20261120-WA${String(i).padStart(4, '0')}.jpg (file attached)`,
      );
    else
      lines.push(
        `${stamp} - ${who}: Item ${i}: the ${pick(VOCAB)} and the ${pick(VOCAB)} for the ${pick(VOCAB)}`,
      );
    if (i % 10 === 0) lines.push(`second line of message ${i} about the ${pick(VOCAB)}`);
    i++;
  }
  const text = lines.join('\n');
  const bytes = new TextEncoder().encode(text);
  const runs = 7;
  const ours: number[] = [];
  const raw: number[] = [];
  let count = 0;
  let rawCount = 0;
  for (let r = 0; r < runs; r++) {
    let t = performance.now();
    const res = await importChatExport({ name: 'WhatsApp Chat with Big Parish.txt', bytes });
    ours.push(performance.now() - t);
    if (res.ok) count = res.messages.length + res.systemLines;
    t = performance.now();
    rawCount = parseString(text, { parseAttachments: true }).length;
    raw.push(performance.now() - t);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const oursMs = med(ours);
  const rawMs = med(raw);
  out({
    bench: 'import',
    lines: lines.length,
    entries: count,
    rawEntries: rawCount,
    oursMs: round(oursMs),
    rawParseStringMs: round(rawMs),
    speedVsRaw: round(rawMs / oursMs),
    target: '>= 0.8 (ours includes UTF-8 decode + SHA-256 of the file; raw is given the string)',
  });
}

async function benchBackup(): Promise<void> {
  const records = makeRecords(quick ? 10_000 : 100_000);
  const events = records.map((r, n) => ({
    seq: n + 1,
    type: 'record.captured',
    at: r.capturedAt,
    actor: r.capturedBy,
    subject: r.id,
    details: { chatKey: r.chatKey },
    prevHash: 'f'.repeat(64),
    hash: 'e'.repeat(64),
  }));
  const data = { records, events, chats: [], settings: { version: 1 } };
  for (const passphrase of [undefined, 'correct horse battery staple']) {
    let t = performance.now();
    const bytes = await createBackup(data, passphrase ? { passphrase } : {});
    const createMs = performance.now() - t;
    t = performance.now();
    const r = await readBackup(bytes, passphrase);
    const readMs = performance.now() - t;
    out({
      bench: 'backup',
      encrypted: Boolean(passphrase),
      kdfIterations: passphrase ? 600_000 : 0,
      records: records.length,
      events: events.length,
      createMs: round(createMs),
      readAndVerifyMs: round(readMs),
      sizeMB: round(bytes.length / 1e6),
      jsonMB: round((JSON.stringify(records).length + JSON.stringify(events).length) / 1e6),
      ok: r.ok,
    });
  }
}

/** A fixed workload (1,000,000 string-keyed Map lookups), to tell a slow machine from slow code. */
function calibrate(when: string): void {
  const m = new Map<string, number>();
  for (let i = 0; i < 100_000; i++) m.set(`key-${i}`, i);
  const keys = [...m.keys()];
  const t = performance.now();
  let n = 0;
  for (let r = 0; r < 10; r++) for (const k of keys) n += m.get(k) ?? 0;
  out({
    bench: 'calibration',
    when,
    mapLookups: 1_000_000,
    ms: round(performance.now() - t),
    typicalIdleMs: 30,
    check: n > 0,
  });
}

calibrate('start');
if (only.has('import')) await benchImport();
if (only.has('search')) await benchSearch();
if (only.has('backup')) await benchBackup();
calibrate('end');

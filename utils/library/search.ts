/**
 * Full-text search over council records, with filters, for the records library page.
 *
 * Engine: MiniSearch (chosen over FlexSearch by measurement, see `scripts/bench/library.ts`):
 * true edit-distance fuzzy matching (typos), prefix search, BM25 ranking, `discard`/`replace` for
 * incremental updates without the original document, and a plain-object `toJSON`/`loadJS` so the
 * index is stored and reloaded instead of rebuilt on every open.
 *
 * Filters do not scan every record: equality filters (chat, category, sender, delivery state, hold)
 * use inverted sets, intersected smallest first; the date range uses a sorted key array and binary
 * search. Text queries first find the records that have every term and pass the filters, without
 * MiniSearch building a result for anything else, then MiniSearch scores only those (`textSearch`).
 */
import MiniSearch, {
  type AsPlainObject,
  type Options,
  type SearchOptions,
  type SearchResult,
} from 'minisearch';
import type { CouncilRecord } from '../types';
import { emailsIn, fold, nameKey, normalisePhone, phonesIn, words } from './text';

/** A record as indexed: the stored record plus the library's own state, when known. */
export type IndexableRecord = CouncilRecord & {
  /** Delivery state from the outbox, e.g. 'pending' | 'delivered' | 'failed'. */
  deliveryState?: string;
  /** Ids of holds (FOI, subject access, legal, dispute) that cover the record. */
  holdIds?: string[];
};

export interface RecordQuery {
  /** Free text: prefix and typo-tolerant, over message text, sender, chat title, note, categories. */
  text?: string;
  chatKey?: string;
  category?: string;
  /** Inclusive, 'YYYY-MM-DD', on the message's local date (the capture date when unknown). */
  from?: string;
  /** Inclusive, 'YYYY-MM-DD'. */
  to?: string;
  /** Sender name as displayed (case and accents ignored) or their phone number. */
  sender?: string;
  deliveryState?: string;
  /** Only records covered by this hold. */
  holdId?: string;
}

export interface SearchHits {
  /** Best first for text queries; newest first otherwise. At most `limit`. */
  ids: string[];
  /** Number of records matching, before `limit`. */
  total: number;
}

export interface RecordIndex {
  add(record: IndexableRecord): void;
  remove(id: string): void;
  /** Adds or replaces (the record's id decides). */
  replace(record: IndexableRecord): void;
  has(id: string): boolean;
  readonly size: number;
  search(query: RecordQuery, limit?: number): SearchHits;
  /** Plain JSON-able object; store it and give it to `loadRecordIndex` to skip rebuilding. */
  toJSON(): RecordIndexJSON;
  /** @internal used by `findMentions`. */
  readonly engine: MentionLookup;
}

export interface RecordIndexJSON {
  format: 'council-capture-record-index';
  version: 2;
  mini: AsPlainObject;
  docs: [string, DocMeta][];
}

/** What the index keeps per record for filters (not the text: MiniSearch holds the terms). */
interface DocMeta {
  /** The record's number in MiniSearch (its document id there): see `MiniRecordIndex.ids`. */
  slot: number;
  chatKey: string;
  categories: string[];
  /** Sort key: local date-time 'YYYY-MM-DDTHH:mm' (or the capture instant). */
  when: string;
  sender: string;
  phone?: string;
  deliveryState?: string;
  holdIds?: string[];
}

interface MiniDoc {
  /** `DocMeta.slot`, not the record id. */
  id: number;
  text: string;
  sender: string;
  chat: string;
  note: string;
  categories: string;
  /** Normalised phones and e-mails (sender's and mentioned): whole tokens, for subject access. */
  contacts: string;
}

interface MentionLookup {
  textHits(name: string): string[];
  contactHits(token: string): string[];
  senderIds(key: string): Iterable<string>;
}

const TEXT_FIELDS = ['text', 'sender', 'chat', 'note', 'categories'];
/** Shorter terms match whole words only: a 1-2 letter prefix matches half the index and costs the most. */
const MIN_PREFIX = 3;
/** Typo tolerance: edit distance 1 from 4 letters, 2 from 7 ("shleter" → "shelter" is two edits). */
function fuzziness(term: string): number | false {
  return term.length >= 7 ? 2 : term.length >= 4 ? 1 : false;
}

/** 2: MiniSearch documents are numbered (`DocMeta.slot`) instead of keyed by record id. */
const INDEX_VERSION = 2;
/** English function words dropped from queries (not from the index) when other words remain. */
const STOPWORDS = new Set(
  (
    'a an and are as at be but by for from has have i if in into is it its me my no not of on or our so ' +
    'that the their them then there these they this to was we were what when which who will with you your'
  ).split(' '),
);

const miniOptions: Options<MiniDoc> = {
  fields: [...TEXT_FIELDS, 'contacts'],
  storeFields: [],
  tokenize: (text, field) => (field === 'contacts' ? text.split(' ').filter(Boolean) : words(text)),
  processTerm: (term) => term,
  searchOptions: {
    fields: TEXT_FIELDS,
    prefix: (term) => term.length >= MIN_PREFIX,
    combineWith: 'AND',
    boost: { sender: 1.5, chat: 1.2 },
    tokenize: words,
    processTerm: (term) => term,
  },
};

export function createRecordIndex(): RecordIndex {
  return new MiniRecordIndex(new MiniSearch<MiniDoc>(miniOptions), []);
}

/** Restores an index saved with `toJSON()` (object or its JSON string). */
export function loadRecordIndex(json: RecordIndexJSON | string): RecordIndex {
  const data: RecordIndexJSON =
    typeof json === 'string' ? (JSON.parse(json) as RecordIndexJSON) : json;
  if (data.format !== 'council-capture-record-index' || data.version !== INDEX_VERSION) {
    throw new Error(
      'This saved search index is from another version; rebuild it from the records.',
    );
  }
  return new MiniRecordIndex(MiniSearch.loadJS<MiniDoc>(data.mini, miniOptions), data.docs);
}

class MiniRecordIndex implements RecordIndex {
  private readonly docs = new Map<string, DocMeta>();
  /**
   * Record id by slot. MiniSearch knows records by slot number so that a query's per-record
   * bookkeeping (see `textSearch`) is typed-array indexing instead of string hashing.
   */
  private readonly ids: (string | undefined)[] = [];
  /** Slots freed by removals, reused by the next additions. */
  private readonly freeSlots: number[] = [];
  /** Per-slot marks of the current text query; `epoch` makes clearing them unnecessary. */
  private marks = new Uint32Array(0);
  private epoch = 0;
  private readonly byChat = new Map<string, Set<string>>();
  private readonly byCategory = new Map<string, Set<string>>();
  private readonly bySender = new Map<string, Set<string>>();
  private readonly byDelivery = new Map<string, Set<string>>();
  private readonly byHold = new Map<string, Set<string>>();
  /** `${when}\u0000${id}` for the date range and newest-first listing. */
  private readonly byWhen = new SortedStrings();
  /** Sort key → id, so walking the date order allocates nothing. */
  private readonly idByKey = new Map<string, string>();

  constructor(
    private readonly mini: MiniSearch<MiniDoc>,
    docs: [string, DocMeta][],
  ) {
    for (const [id, meta] of docs) this.addMeta(id, meta);
    for (let slot = 0; slot < this.ids.length; slot++)
      if (this.ids[slot] === undefined) this.freeSlots.push(slot);
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  add(record: IndexableRecord): void {
    if (this.docs.has(record.id))
      throw new Error(`Record ${record.id} is already in the search index.`);
    const m = record.message;
    const text = m.quoted ? `${m.text}\n${m.quoted.sender ?? ''} ${m.quoted.text}` : m.text;
    const both = record.note ? `${text}\n${record.note}` : text;
    const contacts = new Set<string>([...phonesIn(both), ...emailsIn(both)]);
    const phone = m.senderPhone ? normalisePhone(m.senderPhone) : normalisePhone(m.sender);
    if (phone) contacts.add(phone);
    const slot = this.freeSlots.pop() ?? this.ids.length;
    const doc: MiniDoc = {
      id: slot,
      text,
      sender: m.sender,
      chat: record.chat.title,
      note: record.note,
      categories: record.categories.join(' '),
      contacts: [...contacts].join(' '),
    };
    this.mini.add(doc);
    const meta: DocMeta = {
      slot,
      chatKey: record.chatKey,
      categories: record.categories,
      when: m.sentAt ?? record.capturedAt.slice(0, 16),
      sender: nameKey(m.sender),
    };
    if (phone) meta.phone = phone;
    if (record.deliveryState) meta.deliveryState = record.deliveryState;
    if (record.holdIds?.length) meta.holdIds = record.holdIds;
    this.addMeta(record.id, meta);
  }

  remove(id: string): void {
    const meta = this.docs.get(id);
    if (!meta) return;
    this.mini.discard(meta.slot);
    this.docs.delete(id);
    this.ids[meta.slot] = undefined;
    this.freeSlots.push(meta.slot);
    drop(this.byChat, meta.chatKey, id);
    for (const c of meta.categories) drop(this.byCategory, c, id);
    drop(this.bySender, meta.sender, id);
    if (meta.phone) drop(this.bySender, meta.phone, id);
    if (meta.deliveryState) drop(this.byDelivery, meta.deliveryState, id);
    for (const h of meta.holdIds ?? []) drop(this.byHold, h, id);
    const key = `${meta.when}\u0000${id}`;
    this.byWhen.delete(key);
    this.idByKey.delete(key);
  }

  replace(record: IndexableRecord): void {
    this.remove(record.id);
    this.add(record);
  }

  search(query: RecordQuery, limit = 50): SearchHits {
    const sets: Set<string>[] = [];
    const want = (map: Map<string, Set<string>>, key: string | undefined): boolean => {
      if (key === undefined || key === '') return true;
      const s = map.get(key);
      if (!s) return false;
      sets.push(s);
      return true;
    };
    let senderKey: string | undefined;
    if (query.sender) senderKey = normalisePhone(query.sender) ?? nameKey(query.sender);
    if (
      !want(this.byChat, query.chatKey) ||
      !want(this.byCategory, query.category) ||
      !want(this.bySender, senderKey) ||
      !want(this.byDelivery, query.deliveryState) ||
      !want(this.byHold, query.holdId)
    ) {
      return { ids: [], total: 0 };
    }
    sets.sort((a, b) => a.size - b.size);
    const [smallest, ...others] = sets;
    const lo = query.from ? query.from : '';
    const hi = query.to ? `${query.to}\uffff` : '\uffff';
    const inDates = (id: string): boolean => {
      if (!query.from && !query.to) return true;
      const w = this.docs.get(id)?.when ?? '';
      return w >= lo && w <= hi;
    };
    const passes = (id: string): boolean => {
      if (smallest && !smallest.has(id)) return false;
      for (const s of others) if (!s.has(id)) return false;
      return inDates(id);
    };

    const terms = query.text ? words(query.text) : [];
    if (terms.length > 0) {
      // Very common words match most records and cost the most to score: drop them unless the
      // query has nothing else.
      const meaningful = terms.filter((t) => !STOPWORDS.has(t));
      const filtered = sets.length > 0 || Boolean(query.from || query.to);
      return this.textSearch(
        meaningful.length > 0 ? meaningful : terms,
        meaningful.length > 0,
        filtered ? passes : undefined,
        limit,
      );
    }

    // No text: newest first.
    const sorted = this.byWhen.array();
    const start = lowerBound(sorted, lo);
    const end = lowerBound(sorted, hi);
    const ids: string[] = [];
    if (!smallest) {
      for (let i = end - 1; i >= start && ids.length < limit; i--)
        ids.push(idOf(sorted[i] as string));
      return { ids, total: end - start };
    }
    // Matches of all filters: the smallest set when it is the only one, else its members that pass.
    const simple = others.length === 0 && !query.from && !query.to;
    const matched = simple ? undefined : [...smallest].filter(passes);
    const total = matched ? matched.length : smallest.size;
    if (total * 64 < end - start) {
      // Selective (under 1 in 64 of the range): sort the few matches by date.
      const keys = (matched ?? [...smallest]).map(
        (id) => `${this.docs.get(id)?.when ?? ''}\u0000${id}`,
      );
      keys.sort();
      for (let i = keys.length - 1; i >= 0 && ids.length < limit; i--)
        ids.push(idOf(keys[i] as string));
      return { ids, total };
    }
    // Broad: walk the date order from the newest; `limit` matches turn up within about limit × 64 steps.
    for (let i = end - 1; i >= start && ids.length < limit; i--) {
      const id = this.idByKey.get(sorted[i] as string) as string;
      if (passes(id)) ids.push(id);
    }
    return { ids, total };
  }

  toJSON(): RecordIndexJSON {
    return {
      format: 'council-capture-record-index',
      version: INDEX_VERSION,
      mini: this.mini.toJSON(),
      docs: [...this.docs],
    };
  }

  readonly engine: MentionLookup = {
    textHits: (name) =>
      this.mini
        .search(name, {
          fields: ['text', 'note'],
          prefix: false,
          fuzzy: false,
          combineWith: 'AND',
        } satisfies SearchOptions)
        .map((r) => this.ids[r.id as number] as string),
    contactHits: (token) =>
      this.mini
        .search(token, {
          fields: ['contacts'],
          prefix: false,
          fuzzy: false,
          tokenize: (s) => [s],
          processTerm: (t) => t,
        })
        .map((r) => this.ids[r.id as number] as string),
    senderIds: (key) => this.bySender.get(key) ?? [],
  };

  private addMeta(id: string, meta: DocMeta): void {
    this.docs.set(id, meta);
    this.ids[meta.slot] = id;
    put(this.byChat, meta.chatKey, id);
    for (const c of meta.categories) put(this.byCategory, c, id);
    put(this.bySender, meta.sender, id);
    if (meta.phone) put(this.bySender, meta.phone, id);
    if (meta.deliveryState) put(this.byDelivery, meta.deliveryState, id);
    for (const h of meta.holdIds ?? []) put(this.byHold, h, id);
    const key = `${meta.when}\u0000${id}`;
    this.byWhen.add(key);
    this.idByKey.set(key, id);
  }

  /**
   * Text query: every term must match (whole word, or the start of one from MIN_PREFIX letters;
   * typo-tolerant for a term no record contains), ranked by MiniSearch's BM25 score.
   *
   * MiniSearch's own AND query builds a scored result (several objects) for every record that
   * contains ANY of the terms and only then intersects: "data protection request" over 100,000
   * records built ~40,000 results to keep ~400. Here the intersection comes first and builds
   * nothing: one MiniSearch query per term whose `boostDocument` notes the record and returns 0
   * (a falsy boost makes MiniSearch skip the record), each term keeping only what the filters and
   * the earlier terms kept. The same visit tells whether the index knows the term at all (typo
   * tolerance is for unknown terms only). A last MiniSearch query then scores the kept records
   * only (boost 1 for them, 0 for the rest): the scores, and so the order, are exactly those of
   * the plain AND query, filtered.
   */
  private textSearch(
    terms: string[],
    typos: boolean,
    passes: ((id: string) => boolean) | undefined,
    limit: number,
  ): SearchHits {
    let hits: SearchResult[];
    if (terms.length === 1 && !passes) {
      // One word, no filters: nothing to intersect.
      const term = terms[0] as string;
      hits = this.mini.search(term);
      const fuzz = typos ? fuzziness(term) : false;
      if (hits.length === 0 && fuzz) hits = this.mini.search(term, { fuzzy: fuzz, maxFuzzy: 2 });
    } else {
      if (this.marks.length < this.ids.length) this.marks = new Uint32Array(this.ids.length * 2);
      if (this.epoch > 0xffff0000) {
        this.marks.fill(0);
        this.epoch = 0;
      }
      const marks = this.marks;
      const ids = this.ids;
      const fuzzyTerms = new Set<string>();
      let prev = 0;
      for (const term of terms) {
        // Records containing this term (any field, exact or as a prefix) that are marked `prev`
        // (for the first term: that pass the filters) are marked `cur`.
        const cur = ++this.epoch;
        const before = prev;
        let seen = 0;
        let kept = 0;
        const note = (slot: number): number => {
          seen++;
          const m = marks[slot];
          if (m !== cur && (before ? m === before : !passes || passes(ids[slot] as string))) {
            marks[slot] = cur;
            kept++;
          }
          return 0;
        };
        this.mini.search(term, { boostDocument: note });
        const fuzz = typos && seen === 0 ? fuzziness(term) : false;
        if (fuzz) {
          fuzzyTerms.add(term);
          this.mini.search(term, { fuzzy: fuzz, maxFuzzy: 2, boostDocument: note });
        }
        if (kept === 0) return { ids: [], total: 0 };
        prev = cur;
      }
      const last = prev;
      hits = this.mini.search(terms.join(' '), {
        fuzzy: (term) => (fuzzyTerms.has(term) ? fuzziness(term) : false),
        maxFuzzy: 2,
        boostDocument: (slot: number) => (marks[slot] === last ? 1 : 0),
      });
    }
    const ids: string[] = [];
    for (let i = 0; i < hits.length && i < limit; i++)
      ids.push(this.ids[(hits[i] as SearchResult).id as number] as string);
    return { ids, total: hits.length };
  }
}

/**
 * Subject access: ids of records where the person is the sender, or is mentioned by name (every
 * word of the name, in any order, case and accents ignored), by phone (any UK format: +44 / 0044 /
 * 0, spaces, dashes, brackets) or by e-mail. Over-inclusive by design: a person reviews the list.
 */
export function findMentions(
  source: RecordIndex | readonly CouncilRecord[],
  person: { name?: string; phone?: string; email?: string },
): string[] {
  const name = person.name?.trim() ? nameKey(person.name) : undefined;
  const phone = person.phone ? normalisePhone(person.phone) : undefined;
  const email = person.email?.trim() ? person.email.trim().toLowerCase() : undefined;
  const out = new Set<string>();
  if (!Array.isArray(source)) {
    const e = (source as RecordIndex).engine;
    if (name) {
      for (const id of e.senderIds(name)) out.add(id);
      if (words(name).length) for (const id of e.textHits(name)) out.add(id);
    }
    if (phone) {
      for (const id of e.senderIds(phone)) out.add(id);
      for (const id of e.contactHits(phone)) out.add(id);
    }
    if (email) for (const id of e.contactHits(email)) out.add(id);
    return [...out];
  }
  const nameWords = name ? words(name) : [];
  for (const r of source as readonly CouncilRecord[]) {
    const m = r.message;
    const body = m.quoted
      ? `${m.text}\n${m.quoted.sender ?? ''} ${m.quoted.text}\n${r.note}`
      : `${m.text}\n${r.note}`;
    let hit = false;
    if (name && nameKey(m.sender) === name) hit = true;
    if (!hit && nameWords.length) {
      const w = new Set(words(body));
      hit = nameWords.every((x) => w.has(x));
    }
    if (!hit && phone) {
      const senderPhone = m.senderPhone ? normalisePhone(m.senderPhone) : normalisePhone(m.sender);
      hit = senderPhone === phone || phonesIn(body).includes(phone);
    }
    if (!hit && email) hit = emailsIn(body).includes(email);
    if (hit) out.add(r.id);
  }
  return [...out];
}

function put(map: Map<string, Set<string>>, key: string, id: string): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = new Set()));
  s.add(id);
}

function drop(map: Map<string, Set<string>>, key: string, id: string): void {
  const s = map.get(key);
  if (!s) return;
  s.delete(id);
  if (s.size === 0) map.delete(key);
}

function lowerBound(arr: string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function idOf(sortKey: string): string {
  return sortKey.slice(sortKey.indexOf('\u0000') + 1);
}

/** Exposed for tests: the folding used by the index. */
export const foldForSearch = fold;

/** A sorted set of strings with cheap single inserts and bulk loads (sorted lazily). */
class SortedStrings {
  private sorted: string[] = [];
  private pending: string[] = [];
  private readonly set = new Set<string>();

  has(s: string): boolean {
    return this.set.has(s);
  }

  add(s: string): void {
    if (this.set.has(s)) return;
    this.set.add(s);
    this.pending.push(s);
  }

  delete(s: string): void {
    if (!this.set.delete(s)) return;
    const arr = this.array();
    const i = lowerBound(arr, s);
    if (arr[i] === s) arr.splice(i, 1);
  }

  /** The sorted strings (do not modify). Merges pending ones: binary inserts when few, else a sort. */
  array(): string[] {
    if (this.pending.length > 0) {
      if (this.pending.length < 64) {
        for (const k of this.pending) this.sorted.splice(lowerBound(this.sorted, k), 0, k);
      } else {
        this.sorted = this.sorted.concat(this.pending).sort();
      }
      this.pending = [];
    }
    return this.sorted;
  }
}

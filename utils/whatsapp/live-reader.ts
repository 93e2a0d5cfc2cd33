/**
 * Reads the open chat again and again (the content script does it once per frame while WhatsApp
 * changes the page) at a cost that follows what changed, not how long the chat is.
 *
 * It gives exactly what `readChat(document)` would give — a unit test holds it to that over
 * random mutations — but keeps, between reads:
 *  - the row list: the rows' common parent is remembered, and only re-walked when its children
 *    changed; an unexpected change (rows elsewhere, the list replaced, a new `#main`) falls back
 *    to a full query;
 *  - what each row says about itself (`RowCache`), dropped for rows that mutated;
 *  - the message objects (`MessageMemo`), so unchanged messages are the same objects and a read
 *    in which nothing changed is recognised by identity, with nothing allocated for old rows;
 *  - where each day (section) starts: a day whose rows are all as they were is not read again,
 *    its messages are taken as they were, so a read costs the days that changed.
 */
import type { ChatSnapshot, ObservedMessage } from '../types';
import {
  chatRows,
  readChat,
  readChatHeader,
  readChatRows,
  type ChatHeader,
  type Keep,
  type KeptBlock,
  type KeptSection,
  type RowChange,
  type SectionStart,
  type MessageMemo,
  type ReadChatOptions,
  type ReadState,
  type RowFacts,
} from './read-chat';
import type { ChildListChange } from './observe';
import * as S from './selectors';

export interface LiveRead {
  snapshot: ChatSnapshot;
  /**
   * The row node (`[role="row"] > div[data-id]`) of each message in the snapshot, by id. One Map
   * kept up to date from read to read where it can be (not a copy per read).
   */
  rowOf: ReadonlyMap<string, Element>;
  /** False when the snapshot is the previous read's (the same object): nothing in it changed. */
  changed: boolean;
  /** Ids of the messages that are new or changed since the previous read (or re-rendered). */
  fresh: readonly string[];
  /**
   * Where the messages may differ from the previous read's, in order: outside these spans, the
   * messages are the previous read's, unchanged (the same objects, in the same order).
   */
  spans: readonly MessageSpan[];
}

/** Messages `[from, to)` of a read stand where the previous read had `[oldFrom, oldTo)`. */
export interface MessageSpan {
  from: number;
  to: number;
  oldFrom: number;
  oldTo: number;
}

export interface LiveReadOptions {
  /**
   * Elements that mutated since the previous read (MutationRecord targets, as `observePage`
   * gives them). Absent: anything may have changed, so the page is read in full.
   */
  changed?: Iterable<Element>;
  /**
   * The children added to and removed from each changed element (as `observePage` gives them):
   * with these, new rows are placed without walking the whole list.
   */
  childLists?: ReadonlyMap<Element, ChildListChange>;
  /** As in `readChat`. A new day re-reads everything ("Today" means another date). */
  today?: string;
  locale?: string;
}

export type ReadPlan = 'same' | 'reread' | 'relist' | 'full';

export class LiveChatReader {
  /** How many reads took each path, and how many rows were read afresh (tests, benchmarks). */
  readonly plans: Record<ReadPlan, number> = { same: 0, reread: 0, relist: 0, full: 0 };
  get rowsRead(): number {
    return this.cache.sets;
  }
  /** Reads that kept at least one day of the previous read as it was. */
  keptDays = 0;
  /** Messages of kept days built again because their rows changed (the rest of the day kept). */
  rebuilt = 0;
  private cache = new CountingCache();
  private memo: MessageMemo = new WeakMap();
  private main: Element | undefined;
  /** The parent of every row, when they share one (they do in every WhatsApp build we know). */
  private list: Element | undefined;
  private rows: Element[] = [];
  /** The elements of `rows`, for membership tests without a Set of every row per read. */
  private listed = new WeakSet<Element>();
  /** The header as last read; dropped when anything in #main outside the list changes. */
  private header: ChatHeader | undefined;
  /** Where the last read's sections (days) start: a read keeps the days that did not change. */
  private sections: SectionStart[] = [];
  /** The last read's rows (a prefix of `rows`, when rows were only pushed on since). */
  private before: readonly Element[] = [];
  /** How many rows the last read had. */
  private readLength = 0;
  /** What the last read's rows said about the chat after the last one. */
  private end: ReadState = { jid: undefined, ownName: undefined, author: false };
  /** The last read's row of each message, kept up to date in place (no copy per read). */
  private rowOf = new Map<string, Element>();
  /** Rows that mutated since the last read, with what they said before (if read). */
  private dirty = new Map<Element, RowFacts | undefined>();
  private last: LiveRead | undefined;
  private lastDay: string | undefined;

  read(doc: Document, opts: LiveReadOptions = {}): LiveRead {
    const main = doc.querySelector(S.anyOf(S.main)) ?? undefined;
    const incremental =
      this.last !== undefined &&
      opts.changed !== undefined &&
      main !== undefined &&
      main === this.main &&
      opts.today === this.lastDay;
    const plan = incremental ? this.plan(main, opts.changed!) : 'full';
    this.plans[plan] += 1;
    if (plan === 'same')
      return (this.last = { ...this.last!, changed: false, fresh: [], spans: [] });

    const sameDay = this.lastDay === opts.today;
    this.lastDay = opts.today;
    const last = this.last;
    if (!main) {
      this.main = undefined;
      this.list = undefined;
      this.rows = [];
      const snapshot = readChat(doc, readOptions(opts));
      const old = last?.snapshot.messages.length ?? 0;
      return this.result(snapshot, new Map(), [], spansBetween([], snapshot.messages.length, old));
    }
    const headerKnown = this.header !== undefined;
    this.updateRows(plan, main, opts.childLists);
    const canKeep = plan !== 'full' && headerKnown && sameDay && last?.snapshot.recognised;
    const keep: Keep | undefined = canKeep
      ? { messages: last!.snapshot.messages, at: this.unchangedSections(), kept: [], rebuilt: 0 }
      : undefined;
    this.dirty.clear();
    this.header ??= readChatHeader(main);
    let next = this.readFrom(main, opts, keep);
    if (keep?.kept.length) this.keptDays += 1;
    this.rebuilt += keep?.rebuilt ?? 0;
    // The days read again may say something new about the chat (a first sender block, the
    // user's own name): then the days kept may read differently too.
    if (
      keep?.kept.length &&
      (!sameChat(next.snapshot, last!.snapshot) || next.end.ownName !== this.end.ownName)
    ) {
      const first = next.fresh;
      next = this.readFrom(main, opts, undefined);
      // Messages the first attempt built are reused by the second: they are still new.
      next.fresh = [...new Set([...first, ...next.fresh])];
    }
    this.sections = next.snapshot.recognised ? next.sections : [];
    this.end = next.end;
    this.before = this.rows;
    this.readLength = this.rows.length;
    return this.result(next.snapshot, next.rowOf, next.fresh, next.spans);
  }

  /** Brings `rows` (and the list they hang from) up to date for a read by `plan`. */
  private updateRows(
    plan: ReadPlan,
    main: Element,
    childLists: ReadonlyMap<Element, ChildListChange> | undefined,
  ): void {
    if (plan === 'full' || main !== this.main) {
      this.main = main;
      this.header = undefined;
      this.rows = chatRows(main);
      this.listed = new WeakSet(this.rows);
      const parent = this.rows[0]?.parentElement ?? undefined;
      this.list = parent && this.rows.every((r) => r.parentElement === parent) ? parent : undefined;
    } else if (plan === 'relist') {
      const list = this.list!;
      const change = childLists?.get(list);
      // Rows arriving at the bottom are pushed onto the list in place (`before` is then a prefix
      // of it); any other change makes a new list, and `before` stays as it was.
      this.rows = change ? this.spliceRows(list, change) : this.childRows(list);
      if (!change) this.listed = new WeakSet(this.rows);
    }
    // Otherwise the same rows in the same places: only the rows that mutated inside changed.
  }

  /**
   * Reads the rows, taking the last read's messages for the days `keep` says are unchanged; the
   * row map is then kept up to date in place.
   */
  private readFrom(main: Element, opts: LiveReadOptions, keep: Keep | undefined) {
    const rowOf = keep ? this.rowOf : new Map<string, Element>();
    this.rowOf = rowOf;
    const fresh: string[] = [];
    const sections: SectionStart[] = [];
    const end: ReadState = { jid: undefined, ownName: undefined, author: false };
    const snapshot = readChatRows(main, this.rows, {
      ...readOptions(opts),
      header: this.header,
      cache: this.cache,
      memo: this.memo,
      rowOf,
      fresh,
      sections,
      end,
      ...(keep ? { keep } : {}),
    });
    // Where messages may differ from the last read's: everywhere, unless days were kept.
    const old = this.last?.snapshot.messages ?? [];
    const spans = spansBetween(keep?.kept ?? [], snapshot.messages.length, old.length);
    if (keep) {
      // The last read's messages in the days read again that are gone lose their rows.
      const now = new Set<string>();
      for (const s of spans) for (let i = s.from; i < s.to; i++) now.add(snapshot.messages[i]!.id);
      for (const s of spans)
        for (let i = s.oldFrom; i < s.oldTo; i++)
          if (!now.has(old[i]!.id)) rowOf.delete(old[i]!.id);
    }
    return { snapshot, rowOf, fresh, sections, end, spans };
  }

  /**
   * The last read's days whose rows are all still listed, in the same order, with the same row
   * after them (or still none): a read takes their messages as they were. Message rows that
   * mutated inside, or that WhatsApp replaced with a new row in the same place (a re-render), are
   * the day's `changes`: the read checks they say the same about their neighbours, and builds
   * only their messages again. By where they start now. One walk over the rows, with no lookups
   * per row.
   */
  private unchangedSections(): Map<number, KeptSection> {
    const at = new Map<number, KeptSection>();
    const { before, rows, sections, readLength } = this;
    const messages = this.last!.snapshot.messages;
    // The rows that mutated inside, by where they were (a few, usually), with their old facts.
    const dirty: [number, RowFacts | undefined][] = [];
    for (const [row, was] of this.dirty) {
      const k = before.indexOf(row);
      if (k >= 0 && k < readLength) dirty.push([k, was]);
    }
    let p = 0;
    for (let k = 0; k < sections.length; k++) {
      const start = sections[k]!;
      const next = sections[k + 1];
      const a = start.index;
      const b = next?.index ?? readLength;
      const length = b - a;
      const first = before[a]!;
      if (length <= 0 || !this.listed.has(first)) continue;
      // Rows changed inside, by their place in the day (made only for days with changes); the
      // first row (a divider, or row 0) must stand.
      let changed: Map<number, RowFacts | undefined> | undefined;
      for (const [k, was] of dirty) if (k >= a && k < b) (changed ??= new Map()).set(k - a, was);
      if (changed?.has(0)) continue;
      let q = p;
      while (q < rows.length && rows[q] !== first) q++;
      if (q === rows.length) continue; // moved up the list: read it again
      // The first section may start with a message, not a divider: rows now above it could
      // continue its first run or date it, so it stands only while it is still first.
      if (a === 0 && q !== 0) continue;
      let same = b < readLength ? rows[q + length] === before[b] : q + length === rows.length;
      // Rows only added at the bottom, or none moved: the list is the very array the last read
      // had, so rows in their old places are the same rows (no walk over every row).
      if (rows !== before || q !== a)
        for (let t = 1; same && t < length; t++) {
          const now = rows[q + t]!;
          const then = before[a + t]!;
          if (now === then) continue;
          // A re-render: the old row left the list, and a row never read took its place.
          same = !this.listed.has(then) && !this.cache.has(now) && !this.dirty.has(now);
          if (same) (changed ??= new Map()).set(t, this.cache.get(then) ?? this.dirty.get(then));
        }
      if (!same) continue;
      const kept: KeptSection = {
        start,
        rows: length,
        messagesEnd: next?.messagesBefore ?? messages.length,
        end: next ?? this.end,
      };
      if (changed) {
        const changes: RowChange[] = [];
        for (const [offset, was] of changed) if (was) changes.push({ offset, was });
        if (changes.length < changed.size) continue; // a changed row never read: read the day
        kept.changes = changes.sort((x, y) => x.offset - y.offset);
      }
      at.set(q, kept);
      p = q + length;
    }
    return at;
  }

  /**
   * What the mutations since the last read call for: nothing ('same'), a re-read of the known
   * rows ('reread', after rows changed inside), a new walk of the list's children ('relist'), or
   * a full query ('full').
   */
  private plan(main: Element, changed: Iterable<Element>): ReadPlan {
    const list = this.list;
    if (!list || !list.isConnected || !main.contains(list)) return 'full';
    let plan: Exclude<ReadPlan, 'full'> = 'same';
    for (const el of changed) {
      if (el === list) {
        plan = 'relist';
      } else if (list.contains(el)) {
        // Inside a row: forget what that row said; the list itself is unchanged.
        let row: Element = el;
        while (row.parentElement !== list) row = row.parentElement!;
        if (!this.dirty.has(row)) this.dirty.set(row, this.cache.get(row));
        this.cache.delete(row);
        if (plan === 'same') plan = 'reread';
      } else if (main.contains(el)) {
        // The header (title, members), the composer, the panels around the list: the chat's
        // identity may have changed; rows may have appeared outside the list, or the list moved.
        if (el.contains(list) || el.querySelector(S.anyOf(S.row))) return 'full';
        const header = S.anyOf(S.header);
        if (el.closest(header) || el.querySelector(header)) this.header = undefined;
        if (plan === 'same') plan = 'reread';
      }
      // Outside #main (the chat list, menus, our own panels) or detached: not the open chat.
    }
    return plan;
  }

  /**
   * The row list after `change`, from the previous one: removed rows dropped, added ones placed
   * after the nearest row before them. Touches the DOM only for the nodes that moved.
   */
  private spliceRows(list: Element, change: ChildListChange): Element[] {
    const rowSelector = S.anyOf(S.row);
    // Rows of the list to take out: removed ones, and re-inserted ones (placed afresh below).
    const gone = new Set<Node>();
    for (const n of change.removed) {
      if (n.parentNode !== list && this.listed.has(n as Element)) gone.add(n);
    }
    // Added (or re-inserted) rows still in the list, each once.
    const added: Element[] = [];
    const placed = new Set<Node>();
    for (const n of change.added) {
      if (n.nodeType !== 1 || n.parentNode !== list || placed.has(n)) continue;
      placed.add(n);
      if (this.listed.has(n as Element)) gone.add(n);
      if (this.cache.has(n as Element) || (n as Element).matches(rowSelector)) {
        added.push(n as Element);
      }
    }
    for (const n of gone) this.listed.delete(n as Element);
    if (added.length === 0 && gone.size === 0) return this.rows;

    // Each added row goes after the nearest earlier sibling that is a kept row (or first); rows
    // after one anchor are found in DOM order by walking forward from it, never by sorting.
    const groups = new Map<Element | null, number>();
    const anchorOf = new Map<Element, Element | null>();
    for (const row of added) {
      let anchor = row.previousElementSibling;
      // An added row before it has its anchor already: no walk back over every added row.
      while (anchor && !this.listed.has(anchor) && !anchorOf.has(anchor))
        anchor = anchor.previousElementSibling;
      if (anchor && anchorOf.has(anchor)) anchor = anchorOf.get(anchor)!;
      anchorOf.set(row, anchor);
      groups.set(anchor, (groups.get(anchor) ?? 0) + 1);
    }
    for (const row of added) this.listed.add(row);
    const isAdded = new Set<Element>(added);
    const following = (anchor: Element | null): Element[] => {
      const out: Element[] = [];
      let count = groups.get(anchor) ?? 0;
      let el = anchor ? anchor.nextElementSibling : list.firstElementChild;
      for (; el && count > 0; el = el.nextElementSibling) {
        if (isAdded.has(el)) {
          out.push(el);
          count--;
        }
      }
      return out;
    };
    const last = this.rows.at(-1);
    // Rows arriving at the bottom (the usual case): pushed on in place, no copy of every row.
    if (gone.size === 0 && groups.size === 1 && last && groups.has(last)) {
      this.rows.push(...following(last));
      return this.rows;
    }
    // A few rows out and in (a re-render, a late message): spliced into a copy by position; the
    // last read's list stays as it was. Many: one walk over every row.
    if (gone.size + groups.size <= 16) {
      const rows = this.rows.slice();
      for (const n of gone) rows.splice(rows.indexOf(n as Element), 1);
      for (const anchor of groups.keys()) {
        rows.splice(anchor ? rows.indexOf(anchor) + 1 : 0, 0, ...following(anchor));
      }
      return rows;
    }
    const rows: Element[] = following(null);
    for (const row of this.rows) {
      if (gone.has(row)) continue;
      rows.push(row);
      if (groups.has(row)) rows.push(...following(row));
    }
    return rows;
  }

  private childRows(list: Element): Element[] {
    const rows: Element[] = [];
    const rowSelector = S.anyOf(S.row);
    for (let c = list.firstElementChild; c; c = c.nextElementSibling) {
      // A row read before is a row; only new children need matching.
      if (this.cache.has(c) || c.matches(rowSelector)) rows.push(c);
    }
    return rows;
  }

  private result(
    snapshot: ChatSnapshot,
    rowOf: ReadonlyMap<string, Element>,
    fresh: string[],
    spans: readonly MessageSpan[],
  ): LiveRead {
    const last = this.last;
    // The same message objects mean the same rows: a new or re-rendered row is read afresh.
    if (last && fresh.length === 0 && sameSnapshot(last.snapshot, snapshot)) {
      this.last = { ...last, changed: false, fresh, spans: [] };
    } else {
      this.last = { snapshot, rowOf, changed: true, fresh, spans };
    }
    return this.last;
  }
}

/** The spans of messages between the blocks a read kept (all of them when it kept none). */
function spansBetween(kept: readonly KeptBlock[], length: number, oldLength: number) {
  const spans: MessageSpan[] = [];
  let from = 0;
  let oldFrom = 0;
  for (const k of kept) {
    if (k.at > from || k.from > oldFrom) spans.push({ from, to: k.at, oldFrom, oldTo: k.from });
    from = k.at + (k.to - k.from);
    oldFrom = k.to;
  }
  if (from < length || oldFrom < oldLength)
    spans.push({ from, to: length, oldFrom, oldTo: oldLength });
  return spans;
}

/** A row cache that counts the rows read (each read row is stored once). */
class CountingCache extends WeakMap<Element, RowFacts> {
  sets = 0;
  override set(row: Element, facts: RowFacts): this {
    this.sets += 1;
    return super.set(row, facts);
  }
}

function readOptions(opts: LiveReadOptions): ReadChatOptions {
  return {
    ...(opts.today ? { today: opts.today } : {}),
    ...(opts.locale ? { locale: opts.locale } : {}),
  };
}

function sameSnapshot(a: ChatSnapshot, b: ChatSnapshot): boolean {
  return sameChat(a, b) && a.problem === b.problem && sameMessages(a.messages, b.messages);
}

/** The same open chat, as the reader identifies it (title, group or not, JID). */
function sameChat(a: ChatSnapshot, b: ChatSnapshot): boolean {
  return (
    a.recognised === b.recognised &&
    a.chat.title === b.chat.title &&
    a.chat.isGroup === b.chat.isGroup &&
    a.chat.jid === b.chat.jid
  );
}

function sameMessages(a: readonly ObservedMessage[], b: readonly ObservedMessage[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

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
 *    in which nothing changed is recognised by identity, with nothing allocated for old rows.
 */
import type { ChatSnapshot, ObservedMessage } from '../types';
import {
  chatRows,
  readChat,
  readChatHeader,
  readChatRows,
  type ChatHeader,
  type Resume,
  type SectionStart,
  type MessageMemo,
  type ReadChatOptions,
  type ReadState,
  type RowFacts,
  type Until,
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
  /** How many of the first messages are the previous read's, unchanged (the same objects). */
  unchangedBefore: number;
  /** How many of the last messages are the previous read's, unchanged (the same objects). */
  unchangedAfter: number;
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
  /** Reads that started again at a day rather than at the first row. */
  resumed = 0;
  /** Reads that stopped at a day whose rows, and all after it, were unchanged. */
  stoppedEarly = 0;
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
  /** Where the last read's sections start: a read can start again at a day. */
  private sections: SectionStart[] = [];
  /** How many of the first rows are the last read's, in the same places (the rest moved). */
  private stable = 0;
  /** How many of the last rows are the last read's, in the same order. */
  private stableEnd = 0;
  /** How many rows the last read had. */
  private readLength = 0;
  /** What the last read's rows said about the chat after the last one. */
  private end: ReadState = { jid: undefined, ownName: undefined, author: false };
  /** The last read's row of each message, kept up to date in place (no copy per read). */
  private rowOf = new Map<string, Element>();
  /** Rows that mutated since the last read. */
  private dirty = new Set<Element>();
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
    if (plan === 'same') {
      const unchangedBefore = this.last!.snapshot.messages.length;
      const same = { ...this.last!, changed: false, fresh: [], unchangedBefore, unchangedAfter: 0 };
      return (this.last = same);
    }

    const sameDay = this.lastDay === opts.today;
    this.lastDay = opts.today;
    if (!main) {
      this.main = undefined;
      this.list = undefined;
      this.rows = [];
      return this.result(readChat(doc, readOptions(opts)), new Map(), [], 0, 0);
    }
    const headerKnown = this.header !== undefined;
    this.updateRows(plan, main, opts.childLists);
    const span = plan !== 'full' && headerKnown && sameDay ? this.changedSpan() : undefined;
    const resume = span ? this.resumePoint(span.first) : undefined;
    const until = span && resume ? this.untilPoint(resume, span.end) : undefined;
    this.dirty.clear();
    this.header ??= readChatHeader(main);
    let next = this.readFrom(main, opts, resume, until);
    if (resume) this.resumed += 1;
    if (next.unchangedAfter > 0) this.stoppedEarly += 1;
    // The rows read again may say something new about the chat (a first sender block): then
    // the earlier days may read differently too.
    if (resume && !sameChat(next.snapshot, this.last!.snapshot)) {
      const first = next.fresh;
      next = this.readFrom(main, opts, undefined, undefined);
      // Messages the first attempt built are reused by the second: they are still new.
      next.fresh = [...new Set([...first, ...next.fresh])];
    }
    this.sections = next.snapshot.recognised ? next.sections : [];
    this.end = next.end;
    this.readLength = this.rows.length;
    return this.result(
      next.snapshot,
      next.rowOf,
      next.fresh,
      next.unchangedBefore,
      next.unchangedAfter,
    );
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
      this.stable = 0;
      this.stableEnd = 0;
      this.listed = new WeakSet(this.rows);
      const parent = this.rows[0]?.parentElement ?? undefined;
      this.list = parent && this.rows.every((r) => r.parentElement === parent) ? parent : undefined;
    } else if (plan === 'relist') {
      const list = this.list!;
      const change = childLists?.get(list);
      const old = this.rows;
      // Rows arriving at the bottom are pushed onto the list in place: no copy of every row.
      const oldLength = old.length;
      this.rows = change ? this.spliceRows(list, change) : this.childRows(list);
      if (!change) this.listed = new WeakSet(this.rows);
      // Pushed in place: the old rows are all still first, and nothing at the end is old.
      this.stable = this.rows === old ? oldLength : commonPrefix(old, this.rows);
      this.stableEnd = this.rows === old ? 0 : commonSuffix(old, this.rows, this.stable);
    } else {
      // The same rows in the same places: only the rows that mutated inside (`dirty`) changed.
      this.stable = this.rows.length;
      this.stableEnd = this.rows.length;
    }
  }

  /**
   * Reads the rows, from the start or from a day of the last read (keeping what came before),
   * to the end or to where the last read's unchanged rows begin (keeping what comes after).
   */
  private readFrom(
    main: Element,
    opts: LiveReadOptions,
    from: Resume | undefined,
    until: Until | undefined,
  ) {
    // Resuming: the rows before the resume point keep their entries; the rest are set again.
    const rowOf = from ? this.rowOf : new Map<string, Element>();
    const old = from?.messages ?? [];
    const middleEnd = until?.sections[0]?.messagesBefore ?? old.length;
    for (let i = from?.messagesBefore ?? 0; i < middleEnd; i++) rowOf.delete(old[i]!.id);
    this.rowOf = rowOf;
    const fresh: string[] = [];
    const sections = from ? this.sections.filter((s) => s.index < from.index) : [];
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
      ...(from ? { resume: from } : {}),
      ...(until ? { until } : {}),
    });
    const unchangedAfter = until?.taken ?? 0;
    if (until && !unchangedAfter) {
      // Read to the end after all: the last read's later messages that are gone lose their rows.
      const now = new Set(snapshot.messages.slice(from?.messagesBefore ?? 0).map((m) => m.id));
      for (let i = middleEnd; i < old.length; i++)
        if (!now.has(old[i]!.id)) rowOf.delete(old[i]!.id);
    }
    const unchangedBefore = from?.messagesBefore ?? 0;
    return { snapshot, rowOf, fresh, sections, end, unchangedBefore, unchangedAfter };
  }

  /**
   * The rows that moved or mutated since the last read: from index `first` up to, not including,
   * `end` (the first row of the unchanged end).
   */
  private changedSpan(): { first: number; end: number } {
    let first = this.stable;
    let end = this.rows.length - this.stableEnd;
    for (const row of this.dirty) {
      const at = this.rows.indexOf(row);
      if (at < 0) continue;
      if (at < first) first = at;
      if (at >= end) end = at + 1;
    }
    return { first, end };
  }

  /**
   * The first section (day) of the last read that starts after every row that changed since,
   * with its rows all unchanged: a read can stop there and keep the last read's messages.
   */
  private untilPoint(resume: Resume, end: number): Until | undefined {
    if (this.stableEnd === 0) return undefined;
    const shift = this.rows.length - this.readLength;
    const at = this.sections.findIndex((s) => s.index > resume.index && s.index + shift >= end);
    if (at < 0) return undefined;
    const first = this.sections[at]!;
    return {
      index: first.index + shift,
      sections: this.sections.slice(at),
      messages: this.last!.snapshot.messages,
      end: this.end,
    };
  }

  /**
   * The last section (day) that starts before row `k`, the first that changed since the last read,
   * if what came before it can stand: the same rows, the user's own name already known.
   */
  private resumePoint(k: number): Resume | undefined {
    const last = this.last;
    if (!last?.snapshot.recognised || this.sections.length === 0) return undefined;
    let start: SectionStart | undefined;
    for (let i = this.sections.length - 1; i >= 0 && !start; i--) {
      const s = this.sections[i]!;
      if (s.index < k) start = s;
    }
    if (!start || start.ownName === undefined || start.messagesBefore === 0) return undefined;
    return { ...start, messages: last.snapshot.messages };
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
        this.cache.delete(row);
        this.dirty.add(row);
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
    const kept = gone.size > 0 ? this.rows.filter((r) => !gone.has(r)) : this.rows;
    for (const n of gone) this.listed.delete(n as Element);
    if (added.length === 0) return kept;

    // Each added row goes after the nearest earlier sibling that is a kept row (or first); rows
    // after one anchor are found in DOM order by walking forward from it, never by sorting.
    const groups = new Map<Element | null, number>();
    for (const row of added) {
      let anchor = row.previousElementSibling;
      while (anchor && !this.listed.has(anchor)) anchor = anchor.previousElementSibling;
      groups.set(anchor, (groups.get(anchor) ?? 0) + 1);
    }
    const addedSet = new Set<Element>(added);
    const following = (anchor: Element | null): Element[] => {
      const out: Element[] = [];
      let count = groups.get(anchor) ?? 0;
      let el = anchor ? anchor.nextElementSibling : list.firstElementChild;
      for (; el && count > 0; el = el.nextElementSibling) {
        if (addedSet.has(el)) {
          out.push(el);
          count--;
        }
      }
      return out;
    };
    for (const row of added) this.listed.add(row);
    // Rows arriving at the bottom (the usual case): pushed on, no need to look at every kept row.
    const last = kept.at(-1);
    if (groups.size === 1 && last && groups.has(last)) {
      kept.push(...following(last));
      return kept;
    }
    const rows: Element[] = following(null);
    for (const row of kept) {
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
    unchangedBefore: number,
    unchangedAfter: number,
  ): LiveRead {
    const last = this.last;
    // The same message objects mean the same rows: a new or re-rendered row is read afresh.
    if (last && fresh.length === 0 && sameSnapshot(last.snapshot, snapshot)) {
      const unchanged = { unchangedBefore: snapshot.messages.length, unchangedAfter: 0 };
      this.last = { ...last, changed: false, fresh, ...unchanged };
    } else {
      this.last = { snapshot, rowOf, changed: true, fresh, unchangedBefore, unchangedAfter };
    }
    return this.last;
  }
}

/** A row cache that counts the rows read (each read row is stored once). */
class CountingCache extends WeakMap<Element, RowFacts> {
  sets = 0;
  override set(row: Element, facts: RowFacts): this {
    this.sets += 1;
    return super.set(row, facts);
  }
}

/** How many leading elements two row lists share. */
function commonPrefix(a: readonly Element[], b: readonly Element[]): number {
  const n = Math.min(a.length, b.length);
  let k = 0;
  while (k < n && a[k] === b[k]) k++;
  return k;
}

/** How many trailing elements two row lists share, leaving the first `prefix` of each alone. */
function commonSuffix(a: readonly Element[], b: readonly Element[], prefix: number): number {
  const n = Math.min(a.length, b.length) - prefix;
  let k = 0;
  while (k < n && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
  return k;
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

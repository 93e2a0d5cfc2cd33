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
  type RowFacts,
} from './read-chat';
import type { ChildListChange } from './observe';
import * as S from './selectors';

export interface LiveRead {
  snapshot: ChatSnapshot;
  /**
   * The row node (`[role="row"] > div[data-id]`) of each message in the snapshot, by id (the
   * previous read's Map while `changed` is false).
   */
  rowOf: ReadonlyMap<string, Element>;
  /** False when the snapshot is the previous read's (the same object): nothing in it changed. */
  changed: boolean;
  /** Ids of the messages that are new or changed since the previous read (or re-rendered). */
  fresh: readonly string[];
  /** How many of the first messages are the previous read's, unchanged (the same objects). */
  unchangedBefore: number;
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
  /** Where the last read's sections start, and its rows: a read can start again at a day. */
  private sections: SectionStart[] = [];
  private readRows: readonly Element[] = [];
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
      return (this.last = { ...this.last!, changed: false, fresh: [], unchangedBefore });
    }

    const sameDay = this.lastDay === opts.today;
    this.lastDay = opts.today;
    if (!main) {
      this.main = undefined;
      this.list = undefined;
      this.rows = [];
      return this.result(readChat(doc, readOptions(opts)), new Map(), [], 0);
    }
    const headerKnown = this.header !== undefined;
    this.updateRows(plan, main, opts.childLists);
    const resume = plan !== 'full' && headerKnown && sameDay ? this.resumePoint() : undefined;
    this.dirty.clear();
    this.header ??= readChatHeader(main);
    let next = this.readFrom(main, opts, resume);
    if (resume) this.resumed += 1;
    // The rows read again may say something new about the chat (a first sender block): then
    // the earlier days may read differently too.
    if (resume && !sameChat(next.snapshot, this.last!.snapshot)) {
      const first = next.fresh;
      next = this.readFrom(main, opts, undefined);
      // Messages the first attempt built are reused by the second: they are still new.
      next.fresh = [...new Set([...first, ...next.fresh])];
    }
    this.sections = next.snapshot.recognised ? next.sections : [];
    this.readRows = this.rows;
    return this.result(next.snapshot, next.rowOf, next.fresh, next.unchangedBefore);
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
      if (change) {
        this.rows = this.spliceRows(list, change);
      } else {
        this.rows = this.childRows(list);
        this.listed = new WeakSet(this.rows);
      }
    }
  }

  /** Reads the rows, from the start or from a day of the last read (keeping what came before). */
  private readFrom(main: Element, opts: LiveReadOptions, from: Resume | undefined) {
    const rowOf = new Map<string, Element>(from ? this.last!.rowOf : undefined);
    if (from) for (const m of from.messages.slice(from.messagesBefore)) rowOf.delete(m.id);
    const fresh: string[] = [];
    const sections = from ? this.sections.filter((s) => s.index < from.index) : [];
    const snapshot = readChatRows(main, this.rows, {
      ...readOptions(opts),
      header: this.header,
      cache: this.cache,
      memo: this.memo,
      rowOf,
      fresh,
      sections,
      ...(from ? { resume: from } : {}),
    });
    return { snapshot, rowOf, fresh, sections, unchangedBefore: from?.messagesBefore ?? 0 };
  }

  /**
   * The last section (day) that starts before the first row that changed since the last read,
   * if what came before it can stand: the same rows, the user's own name already known.
   */
  private resumePoint(): Resume | undefined {
    const last = this.last;
    if (!last?.snapshot.recognised || this.sections.length === 0) return undefined;
    const rows = this.rows;
    const old = this.readRows;
    const n = Math.min(rows.length, old.length);
    let k = 0;
    while (k < n && rows[k] === old[k] && !this.dirty.has(rows[k]!)) k++;
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
    const moved = new Set<Node>();
    for (const n of change.removed) if (n.parentNode !== list) moved.add(n);
    // Added (or re-inserted) rows still in the list; each is placed afresh.
    const added: Element[] = [];
    for (const n of change.added) {
      if (n.nodeType !== 1 || n.parentNode !== list || moved.has(n)) continue;
      moved.add(n);
      if (this.cache.has(n as Element) || (n as Element).matches(rowSelector)) {
        added.push(n as Element);
      }
    }
    const kept = moved.size > 0 ? this.rows.filter((r) => !moved.has(r)) : this.rows;
    for (const n of moved) this.listed.delete(n as Element);
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
    // Rows arriving at the bottom (the usual case): no need to look at every kept row.
    const last = kept.at(-1);
    if (groups.size === 1 && last && groups.has(last)) return kept.concat(following(last));
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
  ): LiveRead {
    const last = this.last;
    // The same message objects mean the same rows: a new or re-rendered row is read afresh.
    if (last && fresh.length === 0 && sameSnapshot(last.snapshot, snapshot)) {
      this.last = { ...last, changed: false, fresh, unchangedBefore: snapshot.messages.length };
    } else {
      this.last = { snapshot, rowOf, changed: true, fresh, unchangedBefore };
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

/**
 * The pure WhatsApp Web reader: DOM in → data out. No globals: the page is `root`, its locale is
 * `<html lang>` (or `opts.locale`), "today" is `opts.today`.
 *
 * It understands both DOM generations (serialized `data-id`s with `.message-in/.message-out`
 * before mid-2026; bare ids with `data-testid="conv-msg-…"` after) and says `recognised: false`
 * with a reason rather than guess when the page does not match what it knows. See
 * WHATSAPP-DOM.md for the facts each rule rests on; every selector lives in `selectors.ts`.
 */
import type { ChatIdentity, ChatSnapshot, MediaKind, ObservedMessage } from '../types';
import {
  parseDividerDate,
  parsePrePlainText,
  parseTime,
  DEFAULT_LOCALE,
  type PrePlainText,
} from './pre-plain-text';
import * as S from './selectors';
import { labelText, phoneDigits, plainText } from './text';

/**
 * What one row says about itself, independent of its neighbours. A caller that re-reads the same
 * page often (the content script, once per frame) passes a cache and drops rows that mutated.
 */
export type RowFacts =
  | {
      kind: 'message';
      /** The `[role="row"] > div[data-id]` node: where per-message controls go. */
      node: Element;
      /** Shows a sender block (group chats show one on each incoming run). */
      authorBlock: boolean;
      parsed: ParsedId | undefined;
      startsRun: boolean;
      ppt?: PrePlainText;
      /** The sender block's name: read only for rows without `ppt`. */
      author?: { sender: string; phone?: string };
      /** The time label: read only when `ppt` gives no time. */
      metaTime?: string;
      direction?: 'in' | 'out';
      deleted: boolean;
      text: string;
      forwarded: boolean;
      edited: boolean;
      media?: MediaKind;
      quoted?: ObservedMessage['quoted'];
    }
  | { kind: 'other'; label: string; showsTime: boolean };

export type RowCache = WeakMap<Element, RowFacts>;

/** What the rows read so far say about the whole chat, carried from row to row. */
export interface ReadState {
  jid: string | undefined;
  /** The user's own name, if an outgoing message showed one. */
  ownName: string | undefined;
  /** Whether a sender block was shown. */
  author: boolean;
}

/**
 * A row that starts a section (a date divider, one we could not read, or row 0), with what the
 * rows before it said: a later read can keep the section's messages if it is unchanged. Messages
 * never resolve across a divider.
 */
export interface SectionStart extends ReadState {
  index: number;
  /** Messages returned from the rows before it. */
  messagesBefore: number;
}

/**
 * A day (section) of an earlier read that a new read may take as it was: its rows, and the row
 * after them, are the same elements in the same order, none changed inside since — except the
 * message rows in `changes`. If the rows before it say the same about the chat as they did then,
 * it gives the same messages, but for those rows'.
 */
export interface KeptSection {
  /** Where it started then, with what the rows before it said. */
  start: SectionStart;
  /** How many rows it has. */
  rows: number;
  /** Its messages were the earlier read's `messages[start.messagesBefore, messagesEnd)`. */
  messagesEnd: number;
  /** What the rows said about the chat after its last row. */
  end: ReadState;
  /**
   * Rows (not its first) that changed inside or were replaced by a new row since, by their place
   * in the section, with what they said then. The day stands if each still says the same about
   * its neighbours (`sameContext`): then only those rows' own messages are built again.
   */
  changes?: readonly RowChange[];
}

/** A row of a kept day that changed: its place in the day, and its facts in the earlier read. */
export interface RowChange {
  offset: number;
  was: RowFacts;
}

/** Messages of an earlier read that a read took as they were: `messages[from, to)`, placed at `at`. */
export interface KeptBlock {
  from: number;
  to: number;
  at: number;
}

/** What a read may keep from an earlier read of the same chat. */
export interface Keep {
  /** The earlier read's messages. */
  messages: readonly ObservedMessage[];
  /** Its unchanged days, by the index in `rows` of their first row now. */
  at: ReadonlyMap<number, KeptSection>;
  /** Filled by the read: the messages it kept, in order. */
  kept: KeptBlock[];
  /** Counted by the read: messages of kept days it built again, their rows having changed. */
  rebuilt: number;
}

/** The message each row's facts gave last time, reused while nothing about it changed. */
export type MessageMemo = WeakMap<RowFacts, ObservedMessage>;

export interface ReadChatOptions {
  /** Per-row facts from earlier reads of the same page; rows that changed must be deleted. */
  cache?: RowCache;
  /**
   * Messages from earlier reads, reused (the same objects) when nothing about them changed: a
   * re-read then allocates nothing for old rows, and callers can compare messages by identity.
   */
  memo?: MessageMemo;
  /** Filled with the row node of every message returned, by message id. */
  rowOf?: Map<string, Element>;
  /** Filled with the ids of messages built afresh (not taken from `memo`): new or changed. */
  fresh?: string[];
  /** The header as read before (`readChatHeader`), for a caller that knows it has not changed. */
  header?: ChatHeader;
  /**
   * Filled with where each section (day) starts, for a later read to keep unchanged days. The
   * rows before the first date divider are a section too, starting at row 0.
   */
  sections?: SectionStart[];
  /**
   * Take the messages of an earlier read's unchanged days as they were (the caller's `rowOf`
   * already holds their rows), reading only the rest.
   */
  keep?: Keep;
  /** Filled with what the rows said about the chat after the last one. */
  end?: ReadState;
  /** UI locale, e.g. 'en-GB'; defaults to the page's `<html lang>`, then en-GB. */
  locale?: string;
  /** The user's local date 'YYYY-MM-DD', to resolve "Today" / "Yesterday" / weekday dividers. */
  today?: string;
}

/** Chats are keyed in one place, shared with the database. */
export { chatKeyOf } from '../chat-key';

// ---- Message ids --------------------------------------------------------------------------------

export interface ParsedId {
  id: string;
  fromMe?: boolean;
  chatJid?: string;
  participant?: string;
}

const SERIALIZED_ID = /^(true|false)_([^_@\s]+@[a-z.]+)_([A-Za-z0-9]+)(?:_([^_\s]+@[a-z.]+))?$/;
const BARE_ID = /^[A-Za-z0-9]{6,64}$/;

/** `fromMe_chatJid_msgId[_participant]` (before April 2026) or a bare id (since). */
export function parseDataId(value: string | null | undefined): ParsedId | undefined {
  if (!value) return undefined;
  const m = SERIALIZED_ID.exec(value);
  if (m) {
    const parsed: ParsedId = { id: m[3] ?? '', fromMe: m[1] === 'true', chatJid: m[2] };
    if (m[4]) parsed.participant = m[4];
    return parsed;
  }
  return BARE_ID.test(value) ? { id: value } : undefined;
}

/** The `[role="row"] > div[data-id]` node of a row (or the node itself). */
function rowNodeOf(el: Element): Element | undefined {
  const sel = S.anyOf(S.rowNode);
  if (el.matches(sel)) return el;
  for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
    if (child.matches(sel)) return child;
  }
  return undefined;
}

function parsedIdOf(node: Element): ParsedId | undefined {
  const fromDataId = parseDataId(node.getAttribute('data-id'));
  if (fromDataId) return fromDataId;
  const testId = node.getAttribute('data-testid');
  return testId?.startsWith('conv-msg-')
    ? parseDataId(testId.slice('conv-msg-'.length))
    : undefined;
}

/** The bare WhatsApp message id of a message row (or its row node), if readable. */
export function messageIdOfRow(row: Element): string | undefined {
  const node = rowNodeOf(row);
  return node ? parsedIdOf(node)?.id : undefined;
}

const LEGACY = S.anyOfAll(S.legacyIn, S.legacyOut);

/** A message, not a divider or notice: it has a bubble (or, before June 2026, a direction class). */
function isMessageNode(node: Element): boolean {
  return node.querySelector(S.anyOf(S.messageContainer)) !== null || node.matches(LEGACY);
}

/**
 * The row nodes (`[role="row"] > div[data-id]`) that are real messages — not date dividers or
 * system notices — in DOM order, for attaching per-message controls.
 */
export function findMessageRows(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll(S.anyOf(S.rowNode))).filter(isMessageNode);
}

// ---- Small DOM helpers ----------------------------------------------------------------------

const QUOTE = S.anyOf(S.quoted);

/**
 * A message's row node, queried for its own parts: anything inside a quoted reply belongs to the
 * quoted message, not this one. Each part is looked up once per row (several facts share them).
 */
class Bubble {
  readonly quotes: boolean;
  private readonly found = new Map<string, Element | undefined>();

  constructor(readonly node: Element) {
    this.quotes = node.querySelector(QUOTE) !== null;
  }

  /** Whether any match of `spec` in this message, outside quoted replies, passes `test`. */
  some(spec: S.SelectorSpec, test: (el: Element) => boolean): boolean {
    for (const el of this.node.querySelectorAll(S.anyOf(spec))) {
      if (this.quotes && el.closest(QUOTE)) continue;
      if (test(el)) return true;
    }
    return false;
  }

  /** The first match of `spec` in this message, outside any quoted reply. */
  first(spec: S.SelectorSpec | string): Element | undefined {
    const sel = typeof spec === 'string' ? spec : S.anyOf(spec);
    if (this.found.has(sel)) return this.found.get(sel);
    // Most messages quote nothing: then the first match is ours, with no list to build.
    let el: Element | undefined;
    if (!this.quotes) el = this.node.querySelector(sel) ?? undefined;
    else for (const m of this.node.querySelectorAll(sel)) if (!el && !m.closest(QUOTE)) el = m;
    this.found.set(sel, el);
    return el;
  }
}

/** A bubble tail, either way: it starts a run (one query where two would do). */
const TAILS = S.anyOfAll(S.tailOut, S.tailIn);
/** What only outgoing messages show: the "You:" prefix or a delivery status. */
const OWN_MARKS = S.anyOfAll(S.youLabel, S.deliveryStatus);

/** Any media part at all: most messages are text, and need no further media queries. */
const ANY_MEDIA = S.anyOfAll(
  S.voicePlay,
  S.gifPlay,
  S.sticker,
  S.videoThumb,
  S.imageThumb,
  S.documentThumb,
);

function first(scope: ParentNode, spec: S.SelectorSpec): Element | undefined {
  for (const sel of spec.selectors) {
    const el = scope.querySelector(sel);
    if (el) return el;
  }
  return undefined;
}

function textNodesOf(node: Node, out: string[] = []): string[] {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) out.push((c as CharacterData).data.trim());
    else if (c.nodeType === 1) textNodesOf(c, out);
  }
  return out;
}

/** A standalone time label such as "10:15" or "2:10 PM": what every message bubble shows. */
const TIME_LABEL = /^\d{1,2}:\d{2}(?:\s?[ap]\.?\s?m\.?)?$/i;

/**
 * Whether `el` shows a time of day as a label of its own, the way a message bubble shows its time.
 * A system notice that merely mentions a time in a sentence ("… renamed the group to 'Meeting
 * 7:30'") does not count.
 */
function showsTimeLabel(el: Element): boolean {
  // Dividers and most notices show no "hh:mm" at all: one read of the text rules them out.
  if (!/\d:\d\d/.test(el.textContent ?? '')) return false;
  const stack: Element[] = [el];
  for (let cur = stack.pop(); cur; cur = stack.pop()) {
    if (cur.children.length === 0) {
      if (TIME_LABEL.test(labelText(cur))) return true;
    } else {
      stack.push(...Array.from(cur.children));
    }
  }
  return false;
}

/** Localized "Edited" labels shown in the meta area. */
const EDITED = new Set([
  'edited',
  'bearbeitet',
  'editado',
  'modifié',
  'modificato',
  'bewerkt',
  'redigerad',
  'edytowano',
]);

const EDITED_WORDS = [...EDITED];

const monthCache = new Map<string, string[]>();

/** Month names (long and short) in the locale and in English, lower case. */
function monthNames(locale: string): string[] {
  let names = monthCache.get(locale);
  if (!names) {
    const found = new Set<string>();
    for (const loc of [locale, 'en-GB']) {
      for (const month of ['long', 'short'] as const) {
        try {
          const fmt = new Intl.DateTimeFormat(loc, { month, timeZone: 'UTC' });
          for (let m = 0; m < 12; m++) {
            found.add(
              fmt
                .format(new Date(Date.UTC(2026, m, 15)))
                .replace(/\.$/, '')
                .toLowerCase(),
            );
          }
        } catch {
          // An unknown locale: English names only.
        }
      }
    }
    names = [...found].filter((n) => n.length >= 3);
    monthCache.set(locale, names);
  }
  return names;
}

/**
 * Whether a non-message row is a system notice inside a day ("Alice Brown added Bob Clark")
 * rather than a date divider we could not read ("Heute", "19 November"): a sentence of three or
 * more words that names no month. When unsure, it is treated as a divider, so that caption-less
 * media after it is left undated rather than given the wrong day.
 */
function isNotice(label: string, locale: string): boolean {
  const words = label
    .toLowerCase()
    .split(/[\s,]+/u)
    .filter(Boolean);
  if (words.length < 3) return false;
  const months = monthNames(locale);
  return !words.some((w) => months.some((m) => w.replace(/[^\p{L}]/gu, '') === m));
}

type OtherFacts = Extract<RowFacts, { kind: 'other' }>;
interface Divider {
  key: string;
  date: string | undefined;
  notice: boolean;
}
const dividers = new WeakMap<OtherFacts, Divider>();

/** A non-message row as a date divider or a notice; remembered per row (and locale and day). */
function dividerOf(facts: OtherFacts, locale: string, today: string | undefined): Divider {
  const key = `${locale}|${today ?? ''}`;
  let d = dividers.get(facts);
  if (d?.key !== key) {
    const date = parseDividerDate(facts.label, locale, today);
    d = { key, date, notice: !date && isNotice(facts.label, locale) };
    dividers.set(facts, d);
  }
  return d;
}

const phones = new Map<string, string | undefined>();

/** `phoneDigits` of a sender name, remembered: a chat has few senders and many messages. */
function phoneOf(sender: string): string | undefined {
  if (phones.has(sender)) return phones.get(sender);
  const phone = phoneDigits(sender);
  if (phones.size > 1000) phones.clear();
  phones.set(sender, phone);
  return phone;
}

// ---- The chat ---------------------------------------------------------------------------------

function documentOf(root: ParentNode): Document | undefined {
  if ('documentElement' in root) return root as Document;
  return (root as Node).ownerDocument ?? undefined;
}

/** The open chat: `#main` itself, inside `root`, or around `root` (when given a part of it). */
function mainOf(root: ParentNode): Element | undefined {
  const sel = S.anyOf(S.main);
  if ('closest' in root) {
    const around = (root as Element).closest(sel);
    if (around) return around;
  }
  return root.querySelector(sel) ?? undefined;
}

/** What the open chat's header says: its title, and whether it lists members ("Alice, Bob, You"). */
export interface ChatHeader {
  title: string;
  memberList: boolean;
}

/** Reads the header. Queried from #main (not from the header) so that `#main header …` selectors
 * also work in DOM implementations that do not look above the element queried from. */
export function readChatHeader(main: Element): ChatHeader {
  const titleEl =
    first(main, S.chatTitle) ?? first(main, S.headerTitled) ?? first(main, S.headerDirAuto);
  const title = titleEl ? labelText(titleEl) || (titleEl.getAttribute('title') ?? '').trim() : '';
  const memberList = Array.from(main.querySelectorAll(S.anyOf(S.headerTitled))).some(
    (el) => el !== titleEl && /[,،，]/.test(el.getAttribute('title') ?? ''),
  );
  return { title, memberList };
}

/** Group or one-to-one: by the JID's server when ids carry one, else by members or senders shown. */
function identityOf(header: ChatHeader, jid: string | undefined, hasAuthor: () => boolean) {
  const chat: ChatIdentity = {
    title: header.title,
    isGroup: jid ? jid.endsWith('@g.us') : header.memberList || hasAuthor(),
  };
  if (jid) chat.jid = jid;
  return chat;
}

function problemWithoutMain(root: ParentNode): string {
  if (root.querySelector(S.anyOf(S.loginQr))) {
    return 'WhatsApp Web is not linked yet: scan the QR code with your phone, then open a chat.';
  }
  const doc = documentOf(root);
  const bodyText = labelText(doc?.body ?? (root as Node));
  if (/open in another window/i.test(bodyText)) {
    return 'WhatsApp is open in another window: click "Use here" in this tab, then open a chat.';
  }
  if (root.querySelector(S.anyOf(S.side))) return 'No chat is open: open a chat in WhatsApp Web.';
  return 'This page was not recognised as WhatsApp Web: it may still be loading, or its layout has changed.';
}

function notRecognised(problem: string, chat: ChatIdentity): ChatSnapshot {
  return { recognised: false, problem, chat, messages: [] };
}

// ---- Messages ---------------------------------------------------------------------------------

interface Draft {
  facts: Extract<RowFacts, { kind: 'message' }>;
  parsed: ParsedId;
  section: Section;
  /** Previous message of the same run (no divider/system row or new tail in between). */
  prev?: Draft;
  /** Set in pass 2 once the message's direction and sender are known. */
  resolved?: { direction: 'in' | 'out'; sender: string; phone: string | undefined };
}

/** An unchanged day of an earlier read, in the place of its drafts. */
interface KeptDraft {
  kept: KeptSection;
  /** Its changed rows' messages, to build again in place of the earlier ones (by index). */
  subs: readonly Substitute[] | undefined;
}

/** A changed row of a kept day: the earlier read's message at `index` gets its facts anew. */
interface Substitute {
  index: number;
  old: ObservedMessage;
  facts: MessageFacts;
}

type MessageFacts = Extract<RowFacts, { kind: 'message' }>;

/**
 * Whether a row's new facts say the same as its old ones about everything a neighbour's message,
 * the day or the chat depends on (id, direction, run, sender, time, deleted): then its message
 * is the old one's sender, direction and time with the new text, and nothing else changes.
 */
function sameContext(a: RowFacts, b: RowFacts): b is MessageFacts {
  if (a.kind !== 'message' || b.kind !== 'message' || !a.parsed || !b.parsed) return false;
  return (
    a.parsed.id === b.parsed.id &&
    a.parsed.fromMe === b.parsed.fromMe &&
    a.parsed.chatJid === b.parsed.chatJid &&
    a.parsed.participant === b.parsed.participant &&
    a.authorBlock === b.authorBlock &&
    a.startsRun === b.startsRun &&
    a.direction === b.direction &&
    a.deleted === b.deleted &&
    (a.ppt === undefined) === (b.ppt === undefined) &&
    a.ppt?.sender === b.ppt?.sender &&
    a.ppt?.sentAt === b.ppt?.sentAt &&
    a.author?.sender === b.author?.sender &&
    a.author?.phone === b.author?.phone &&
    a.metaTime === b.metaTime
  );
}

function sameState(
  s: ReadState,
  jid: string | undefined,
  ownName: string | undefined,
  author: boolean,
) {
  return s.jid === jid && s.ownName === ownName && s.author === author;
}

interface Section {
  dividerDate?: string;
  /** Dates seen in data-pre-plain-text of this section's messages (all the same day). */
  pptDate?: string;
}

function directionOf(b: Bubble, parsed: ParsedId): 'in' | 'out' | undefined {
  if (parsed.fromMe !== undefined) return parsed.fromMe ? 'out' : 'in';
  if (b.node.matches(S.anyOf(S.legacyOut))) return 'out';
  if (b.node.matches(S.anyOf(S.legacyIn))) return 'in';
  const tail = b.first(TAILS);
  if (tail) return tail.matches(S.anyOf(S.tailOut)) ? 'out' : 'in';
  if (b.first(OWN_MARKS)) return 'out';
  if (b.first(S.author)) return 'in';
  return undefined;
}

function readAuthor(b: Bubble): { sender: string; phone?: string } | undefined {
  const block = b.first(S.author);
  if (!block) return undefined;
  const maybe = S.anyOf(S.maybeName);
  const texts = textNodesOf(block).filter(Boolean);
  for (const t of texts) {
    const phone = phoneDigits(t);
    if (phone) return { sender: t, phone };
  }
  // A saved contact: the block's text, without any "~ push name" part.
  const parts = Array.from(block.querySelectorAll('*'))
    .filter((el) => el.children.length === 0 && !el.closest(maybe))
    .map((el) => labelText(el))
    .filter(Boolean);
  const sender = parts[0] ?? labelText(block);
  return sender ? { sender } : undefined;
}

function readQuoted(node: Element): ObservedMessage['quoted'] {
  const quote = node.querySelector(S.anyOf(S.quoted));
  if (!quote) return undefined;
  const textEl = quote.querySelector(S.anyOf(S.quotedText));
  const text = textEl ? plainText(textEl) : '';
  const mention = S.anyOf(S.quotedText);
  const authorEl = Array.from(quote.querySelectorAll(S.anyOf(S.quotedAuthor))).find(
    (el) => !el.closest(mention) && !el.querySelector(mention) && labelText(el) !== '',
  );
  const sender = authorEl ? labelText(authorEl) : undefined;
  return sender ? { sender, text } : { text };
}

function isForwarded(b: Bubble): boolean {
  return b.some(S.forwardIcon, (icon) => {
    if (icon.closest(S.anyOf(S.button))) return false; // the hover "Forward" button
    const label = icon.parentElement;
    return label !== null && labelText(label) !== '';
  });
}

function isEdited(b: Bubble): boolean {
  // Most messages are not edited: no "edited" word anywhere in the row (one read) rules it out.
  const all = (b.node.textContent ?? '').toLowerCase();
  if (!EDITED_WORDS.some((w) => all.includes(w))) return false;
  return b.some(S.messageMeta, (meta) =>
    textNodesOf(meta).some((t) => EDITED.has(t.toLowerCase())),
  );
}

function mediaOf(b: Bubble): MediaKind | undefined {
  if (!b.first(ANY_MEDIA)) return undefined;
  if (b.first(S.voicePlay) && b.first(S.slider)) return 'audio';
  if (b.first(S.gifPlay)) return 'gif';
  if (b.first(S.sticker)) return 'sticker';
  if (b.first(S.videoThumb)) return 'video';
  if (b.first(S.imageThumb)) return 'image';
  if (b.first(S.documentThumb)) return 'document';
  return undefined;
}

function bodyText(b: Bubble): string {
  const body = b.first(S.messageText);
  return body ? plainText(body) : '';
}

function rowFacts(r: Element, locale: string): RowFacts {
  const node = rowNodeOf(r);
  if (!node || !isMessageNode(node)) {
    return { kind: 'other', label: labelText(r), showsTime: showsTimeLabel(r) };
  }
  const parsed = parsedIdOf(node);
  const b = new Bubble(node);
  const pptEl = b.first(S.prePlainText);
  const deleted = b.first(S.recalled) !== undefined;
  const facts: RowFacts = {
    kind: 'message',
    node,
    authorBlock: b.first(S.author) !== undefined,
    parsed,
    startsRun: b.first(TAILS) !== undefined,
    deleted,
    text: deleted ? '' : bodyText(b),
    forwarded: isForwarded(b),
    edited: isEdited(b),
  };
  if (!parsed) return facts;
  const ppt = pptEl
    ? parsePrePlainText(pptEl.getAttribute('data-pre-plain-text') ?? '', locale)
    : undefined;
  if (ppt) facts.ppt = ppt;
  // The sender block and the time label are only needed where data-pre-plain-text is silent
  // (media without a caption, some system-made messages): most rows skip reading them.
  const author = ppt ? undefined : readAuthor(b);
  if (author) facts.author = author;
  const metaEl = ppt?.sentAt ? undefined : b.first(S.messageMeta);
  const metaTime = metaEl ? parseTime(labelText(metaEl)) : undefined;
  if (metaTime) facts.metaTime = metaTime;
  const direction = directionOf(b, parsed);
  if (direction) facts.direction = direction;
  if (!deleted) {
    const media = mediaOf(b);
    if (media) facts.media = media;
    const quoted = b.quotes ? readQuoted(node) : undefined;
    if (quoted) facts.quoted = quoted;
  }
  return facts;
}

/** Read the open chat. Never throws on unknown markup: it returns `recognised: false` instead. */
export function readChat(root: ParentNode, opts: ReadChatOptions = {}): ChatSnapshot {
  const main = mainOf(root);
  if (!main) return notRecognised(problemWithoutMain(root), { title: '', isGroup: false });
  return readChatRows(main, chatRows(main), opts);
}

/** Every row of the open chat (`#main`): messages, date dividers, notices, in DOM order. */
export function chatRows(main: Element): Element[] {
  return Array.from(main.querySelectorAll(S.anyOf(S.row)));
}

/** The chat's message-id JID, from the first row that carries one in its serialized `data-id`. */
function chatJidOf(rows: readonly Element[]): string | undefined {
  for (const r of rows) {
    const node = rowNodeOf(r);
    const chatJid = node ? parsedIdOf(node)?.chatJid : undefined;
    if (chatJid) return chatJid;
  }
  return undefined;
}

/**
 * `readChat` for a caller that already has the open chat's `#main` and its rows (`chatRows`), as
 * the content script does when it keeps the row list up to date from mutations.
 */
export function readChatRows(
  main: Element,
  rows: readonly Element[],
  opts: ReadChatOptions = {},
): ChatSnapshot {
  const locale = opts.locale || main.ownerDocument?.documentElement?.lang || DEFAULT_LOCALE;

  // Pass 1: classify rows, collect what each message says about itself.
  const keep = opts.keep;
  const drafts: (Draft | KeptDraft)[] = [];
  let section: Section = {};
  let prev: Draft | undefined;
  let jid: string | undefined;
  let ownName: string | undefined;
  let author = false;
  let problem: string | undefined;
  // Section starts seen here, with the number of drafts before each (messages come in pass 2).
  const starts: { mark: SectionStart; drafts: number }[] = [];
  const startSection = (index: number) => {
    // The rows before the first divider start a section at row 0; a divider there replaces it.
    if (index === 0) starts.length = 0;
    starts.push({
      mark: { index, messagesBefore: 0, jid, ownName, author },
      drafts: drafts.length,
    });
  };
  if (rows.length > 0) startSection(0);
  for (let i = 0; i < rows.length; i++) {
    const kept = keep?.at.get(i);
    const starts = kept !== undefined && sameState(kept.start, jid, ownName, author);
    const subs =
      starts && kept.changes ? substitutes(kept, i, rows, keep!.messages, locale, opts) : undefined;
    if (starts && (!kept.changes || subs)) {
      // An unchanged day, starting as it did: its messages are the earlier read's (but for
      // rows that changed only in themselves).
      startSection(i);
      drafts.push({ kept, subs });
      if (subs) keep!.rebuilt += subs.length;
      ({ jid, ownName, author } = kept.end);
      i += kept.rows - 1;
      prev = undefined;
      section = {}; // (a divider or the end follows: runs and dates never cross it)
      continue;
    }
    const r = rows[i]!;
    const facts = factsOf(r, locale, opts.cache);
    if (facts.kind === 'message') {
      const parsed = facts.parsed;
      if (!parsed) {
        problem =
          "A message in this chat has no readable id: WhatsApp Web's layout may have changed.";
        break;
      }
      jid ??= parsed.chatJid;
      if (facts.authorBlock) author = true;
      if (ownName === undefined && facts.direction === 'out') ownName = facts.ppt?.sender;
      const draft: Draft = { facts, parsed, section, prev: facts.startsRun ? undefined : prev };
      const ppt = facts.ppt;
      if (ppt?.sentAt && !section.pptDate) section.pptDate = ppt.sentAt.slice(0, 10);
      drafts.push(draft);
      prev = draft;
      continue;
    }
    // Not a message: a date divider, a system notice (or something we do not know).
    prev = undefined;
    if (facts.showsTime) {
      problem =
        "A row in this chat looks like a message but could not be read: WhatsApp Web's layout may have changed.";
      break;
    }
    const { date, notice } = dividerOf(facts, locale, opts.today);
    if (!date && notice) continue; // a notice within the day
    section = date ? { dividerDate: date } : {}; // a divider we cannot read: day unknown
    startSection(i);
  }

  // Rows after an unreadable one were not looked at: the JID (or a sender) may be further down.
  const chat = identityOf(
    opts.header ?? readChatHeader(main),
    problem ? chatJidOf(rows) : jid,
    problem ? () => main.querySelector(S.anyOf(S.author)) !== null : () => author,
  );
  if (!chat.title) {
    return notRecognised(
      "The open chat's header was not found: WhatsApp Web's layout may have changed.",
      chat,
    );
  }
  if (problem) return notRecognised(problem, chat);

  if (opts.end) Object.assign(opts.end, { jid, ownName, author });

  if (drafts.length === 0) {
    // Zero messages is fine for an empty chat, not when the page shows message-like rows.
    const header = first(main, S.header);
    const shown = Array.from(main.children).filter(
      (c) => c !== header && !c.contains(header ?? null) && c.tagName !== 'FOOTER',
    );
    if (shown.some(showsTimeLabel) || main.querySelector(S.anyOf(S.prePlainText))) {
      return notRecognised(
        "Messages are shown but none could be read: WhatsApp Web's layout may have changed.",
        chat,
      );
    }
    return { recognised: true, chat, messages: [] };
  }

  // The user's own profile name, as WhatsApp shows it on outgoing messages.
  const ownSender = ownName ?? 'You';

  // Pass 2: resolve runs, senders and dates.
  const messages: ObservedMessage[] = [];
  const messagesAtDraft: number[] = [];
  // Kept days that follow each other in the earlier read are copied as one block: an append
  // keeps every day but the last, in one copy.
  let pending: KeptBlock | undefined;
  const copyPending = () => {
    if (!pending) return;
    keep!.kept.push(pending);
    appendRange(messages, keep!.messages, pending.from, pending.to);
    pending = undefined;
  };
  const keepRange = (from: number, to: number) => {
    if (from === to) return;
    if (pending?.to === from) {
      pending.to = to;
    } else {
      copyPending();
      pending = { from, to, at: messages.length };
    }
  };
  for (const d of drafts) {
    messagesAtDraft.push(messages.length + (pending ? pending.to - pending.from : 0));
    if ('kept' in d) {
      let from = d.kept.start.messagesBefore;
      for (const s of d.subs ?? []) {
        keepRange(from, s.index);
        copyPending();
        const { direction, sender, senderPhone, sentAt } = s.old;
        messages.push(
          buildMessage(s.facts, { direction, sender, phone: senderPhone, sentAt }, opts),
        );
        from = s.index + 1;
      }
      keepRange(from, d.kept.messagesEnd);
      continue;
    }
    copyPending();
    const message = messageOf(d, chat, ownSender, opts);
    if (message) messages.push(message);
  }
  copyPending();
  if (opts.sections) {
    for (const { mark, drafts: n } of starts) {
      mark.messagesBefore = messagesAtDraft[n] ?? messages.length;
      opts.sections.push(mark);
    }
  }
  return { recognised: true, chat, messages };
}

/**
 * A message row's message, its run, sender and date resolved (undefined: not readable as one).
 * The last read's message object when nothing about it changed. Its own function, called once
 * per message of the days read: small and hot, so the JIT compiles it early.
 */
function messageOf(
  d: Draft,
  chat: ChatIdentity,
  ownSender: string,
  opts: ReadChatOptions,
): ObservedMessage | undefined {
  const before = d.prev?.resolved;
  const f = d.facts;
  const deleted = f.deleted;
  let direction = f.direction ?? before?.direction;
  // No tail, no ticks, no run to inherit from: not ours, since outgoing messages always show a
  // delivery status, unless deleted (then we cannot tell, so we skip it).
  if (!direction) {
    if (deleted) return undefined;
    direction = 'in';
  }
  let sender: string | undefined;
  let phone: string | undefined;
  if (f.ppt) {
    sender = f.ppt.sender;
  } else if (direction === 'out') {
    sender = ownSender;
  } else if (f.author) {
    sender = f.author.sender;
    phone = f.author.phone;
  } else if (before && before.direction === direction) {
    sender = before.sender;
    phone = before.phone;
  } else if (!chat.isGroup) {
    sender = chat.title;
  }
  // A group message at the top of the rendered window, mid-run: its sender is not shown.
  if (!sender) return undefined;
  if (direction === 'in') phone ??= phoneOf(sender);
  d.resolved = { direction, sender, phone };

  let sentAt = f.ppt?.sentAt;
  if (!sentAt && f.metaTime) {
    const date = d.section.pptDate ?? d.section.dividerDate;
    if (date) sentAt = `${date}T${f.metaTime}`;
  }

  // Everything else comes from the row's own facts: if these agree, last read's message stands.
  const prior = opts.memo?.get(f);
  if (
    prior &&
    prior.direction === direction &&
    prior.sender === sender &&
    prior.senderPhone === phone &&
    prior.sentAt === sentAt
  ) {
    opts.rowOf?.set(prior.id, f.node);
    return prior;
  }

  return buildMessage(f, { direction, sender, phone, sentAt }, opts);
}

/** What a message's run, sender block and day resolved it to. */
interface Resolved {
  direction: 'in' | 'out';
  sender: string;
  phone: string | undefined;
  sentAt: string | undefined;
}

/** A new message object from a row's own facts and what resolved it; noted as fresh. */
function buildMessage(f: MessageFacts, r: Resolved, opts: ReadChatOptions): ObservedMessage {
  const parsed = f.parsed!;
  const message: ObservedMessage = {
    id: parsed.id,
    direction: r.direction,
    sender: r.sender,
    text: f.text,
    forwarded: f.forwarded,
    edited: f.edited,
    deleted: f.deleted,
  };
  if (parsed.chatJid) message.chatJid = parsed.chatJid;
  if (r.phone) message.senderPhone = r.phone;
  if (r.sentAt) message.sentAt = r.sentAt;
  if (f.media) message.media = f.media;
  if (f.quoted) message.quoted = { ...f.quoted };
  opts.memo?.set(f, message);
  opts.fresh?.push(message.id);
  opts.rowOf?.set(message.id, f.node);
  return message;
}

/** A row's facts, from the cache when it has them. */
function factsOf(row: Element, locale: string, cache: RowCache | undefined): RowFacts {
  let facts = cache?.get(row);
  if (!facts) {
    facts = rowFacts(row, locale);
    cache?.set(row, facts);
  }
  return facts;
}

/**
 * The messages to build again for a kept day's changed rows (the day starting at row `at`), or
 * undefined when a change says something new about its neighbours: then the day is read again.
 */
function substitutes(
  kept: KeptSection,
  at: number,
  rows: readonly Element[],
  messages: readonly ObservedMessage[],
  locale: string,
  opts: ReadChatOptions,
): Substitute[] | undefined {
  const out: Substitute[] = [];
  let from = kept.start.messagesBefore;
  for (const { offset, was } of kept.changes ?? []) {
    const facts = factsOf(rows[at + offset]!, locale, opts.cache);
    if (!sameContext(was, facts)) return undefined;
    // The message the row gave last time: the memo's, if it is in the day (in order).
    const old = opts.memo?.get(was);
    let index = from;
    while (index < kept.messagesEnd && messages[index] !== old) index++;
    if (!old || index === kept.messagesEnd) return undefined;
    out.push({ index, old, facts });
    from = index + 1;
  }
  return out;
}

/**
 * Appends `source[from, to)` to `out` with builtins (a loop here would run too few times per read
 * for the JIT to compile it), in slices small enough for `apply`'s argument limit.
 */
function appendRange<T>(out: T[], source: readonly T[], from: number, to: number): void {
  const SLICE = 8192;
  for (let at = from; at < to; at += SLICE) {
    Array.prototype.push.apply(out, source.slice(at, Math.min(to, at + SLICE)));
  }
}

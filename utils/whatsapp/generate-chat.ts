/**
 * Deterministic WhatsApp Web chat pages for tests, the demo and benchmarks.
 *
 * Produces a full page in the same 2026 DOM as `tests/fixtures/whatsapp/group-2026.html` (bare
 * ids, `data-testid="conv-msg-…"`, no direction classes), or the older serialized-id layout, with
 * date dividers, runs of bubbles, quoted replies, forwarded / edited / deleted messages, media
 * and reactions, filled with varied parish-council chatter. `hostile: true` mixes in texts that
 * try to break out of text (script tags, RTL overrides, zero-width characters, a 50,000-character
 * message, spreadsheet formulas): they are HTML-escaped, so the page shows them as text exactly as
 * WhatsApp does, and `readChat` must return them unchanged.
 *
 * No DOM and no dependencies: importable from Node scripts and from tests. Every result also
 * carries the `ObservedMessage`s a correct reader must return (with `readChat(…, { today })`).
 */
import type { ChatIdentity, MediaKind, ObservedMessage } from '../types';

export interface GenerateChatOptions {
  /** How many messages. */
  messages: number;
  /** '2026' (default): bare ids; 'legacy': serialized data-ids with `.message-in/out`. */
  layout?: '2026' | 'legacy';
  /** Group chat (default) or one-to-one with the Clerk. */
  isGroup?: boolean;
  title?: string;
  /** PRNG seed (default 1): the same options always give the same page. */
  seed?: number;
  /** First message number, so separately generated batches have distinct ids (default 0). */
  startId?: number;
  /** Mix in hostile texts (see file comment). */
  hostile?: boolean;
  /** The local date of the last message and of "Today" dividers, 'YYYY-MM-DD' (default 2026-11-22). */
  today?: string;
  /** Date of the last generated day (default `today`); use an earlier one for older batches. */
  endDate?: string;
}

export interface GeneratedChat {
  html: string;
  chat: ChatIdentity;
  /** What `readChat(page, { today })` must return, in order. */
  messages: ObservedMessage[];
  today: string;
}

/** The texts `hostile: true` mixes in, exported so tests can check they survive untouched. */
export const HOSTILE_TEXTS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'Invoice \u202Etxt.exe\u202C approved by the Clerk',
  'Pre\u200Bcept\u200C agreed\u200D at \uFEFF£48,200',
  '=HYPERLINK("http://x")',
  'Thanks all 👍🏽 👨‍👩‍👧 🇬🇧 ❤️ 🥾',
  'Tom &amp; Jerry say a < b > c & "d" \'e\'',
  '  two  spaces  and\nline\n\nbreaks  ',
  'Minutes draft, please read. '.repeat(1786).slice(0, 50_000),
];

const DEFAULT_TODAY = '2026-11-22';
const OWN_NAME = 'Jane Smith';
const GROUP_JID = '120363041234567890@g.us';

interface Person {
  name: string;
  /** Shown instead of a name for unsaved contacts. */
  phone?: string;
  /** Push name of an unsaved contact ("Maybe Priya"). */
  pushName?: string;
  jid: string;
}

const MEMBERS: Person[] = [
  { name: 'Alice Brown', jid: '447700900123@c.us' },
  { name: 'Bob Clark', jid: '447700900234@c.us' },
  { name: 'Carol Davies', jid: '447700900345@c.us' },
  { name: 'Dev Patel', jid: '447700900567@c.us' },
  { name: '+44 7700 900456', phone: '447700900456', pushName: 'Priya', jid: '447700900456@c.us' },
];
const HOSTILE_MEMBER: Person = {
  name: 'Mallory "<b>" O\'Neil',
  jid: '447700900678@c.us',
};

const TEXTS: readonly string[] = [
  'Morning all. The precept paper for {year} is on the agenda for {day}.',
  'Can everyone confirm attendance for {day} please?',
  'Running late, start without me',
  'Running late for the 7pm meeting, be there by 7.20',
  'The grass cutting contractor has sent the {year} quote: £{amount} for 14 cuts.',
  'Planning application 26/0{num}/FUL: single-storey extension at {house} {street}. Comments by {day}.',
  'We have had a complaint about the streetlight outside {house} {street} being out again.',
  'Agenda for {day}: https://oakthorpe-pc.gov.uk/meetings/agenda-{num}',
  'Draft minutes are on the website: https://oakthorpe-pc.gov.uk/minutes/{num}',
  'Thanks, noted 👍',
  'Agreed.',
  'I will raise it under any other business.',
  'The bus shelter on {street} has been damaged again, I have reported it to the county.',
  'Fly-tipping on {street} again 😡 Reported on the county app, ref FT-{num}.',
  'Can we add the defibrillator checks to the agenda?',
  'The play area inspection report is back: two items to fix before spring.',
  'Reminder: declarations of interest need updating before {day}.',
  'Budget working group meets {day} at 6pm in the village hall.',
  'Bank reconciliation for {month} is done, all in order.',
  'Invoice from the village hall for £{amount} received, for approval at the next meeting.',
  'Who is covering the allotments inspection this month?',
  'The footpath on {street} is flooded again 🌧️',
  'Resident asked whether the council will fund a new bench by the pond.',
  'Please do not decide this here, it needs to go to full council.',
  "I'll bring printed copies of the accounts.",
  'Highways say the {street} resurfacing starts on {day}.',
  'Happy to second that.',
  'Can someone share the tender scoring matrix?',
  'The Clerk is on leave from {day}; urgent matters to the Chair please.',
  'Good meeting tonight, thanks everyone 🙏',
  "Is the hedge cutting on {street} our responsibility or the landowner's?",
  'Christmas lights switch-on is confirmed for {day} at 5pm 🎄',
  'FOI request received about the {year} grass cutting contract; Clerk to respond within 20 working days.',
  'Parking complaint from {house} {street}, passed to the police.',
  'The external auditor has signed off the {year} return.',
  'Quick one: do we have the insurance schedule to hand?',
  'See you all on {day}.',
  'Two quotes in for the noticeboard repair, £{amount} and £{amount2}.',
  'Defibrillator pads expire next month, ordering replacements.',
  'Minutes approved with one amendment to item {num}.',
];
const CAPTIONS: readonly string[] = [
  'Damaged bench by the pond',
  'Fly-tipping on {street} this morning',
  'Pothole outside {house} {street}, about 10cm deep',
  'New noticeboard installed 🎉',
  'Flooded verge on {street} for the highways report',
];
const STREETS = [
  'Mill Lane',
  'Church Street',
  'Station Road',
  'Sandy Lane',
  'The Green',
  'Main Street',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', '3 December', '10 December'];
const MONTHS = ['September', 'October', 'November'];

// ---- Deterministic randomness -------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789ABCDEF'[this.int(0, 15)];
    return s;
  }
  classes(): string {
    const pool = [
      'x1n2onr6',
      'x78zum5',
      'x6s0dn4',
      'xh8yej3',
      'x1iyjqo2',
      '_ao3e',
      '_amk4',
      '_amk6',
      '_akbu',
      'x9f619',
    ];
    return `${this.pick(pool)} ${this.pick(pool)}`;
  }
}

// ---- Escaping and text rendering --------------------------------------------------------------

/** HTML-escape for text and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const EMOJI =
  /\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*/gu;
const LINK = /https?:\/\/[^\s"<>]+/;
const PIXEL = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

function emojiImg(e: string): string {
  const a = escapeHtml(e);
  return `<img crossorigin="anonymous" src="${PIXEL}" alt="${a}" draggable="false" class="b42 emoji wa xb9w3b5" data-plain-text="${a}">`;
}

const TOKEN = new RegExp(`(${LINK.source})|${EMOJI.source}`, 'gu');

function anchor(url: string): string {
  const u = escapeHtml(url);
  return `<a href="${u}" title="${u}" target="_blank" rel="noopener noreferrer" class="_ao3e selectable-text copyable-text">${u}</a>`;
}

/** Message text as WhatsApp renders it: emoji as images, links as anchors, breaks as `<br>`. */
export function renderText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let html = '';
      let last = 0;
      for (const m of line.matchAll(TOKEN)) {
        html += escapeHtml(line.slice(last, m.index));
        html += m[1] ? anchor(m[1]) : emojiImg(m[0]);
        last = m.index + m[0].length;
      }
      return html + escapeHtml(line.slice(last));
    })
    .join('<br>');
}

// ---- Model --------------------------------------------------------------------------------------

interface Planned {
  n: number;
  date: string;
  time: string;
  out: boolean;
  person?: Person;
  text: string;
  media?: MediaKind;
  /** Has `data-pre-plain-text` (text or captioned media). */
  ppt: boolean;
  quoted?: { sender: string; text: string };
  forwarded: boolean;
  edited: boolean;
  deleted: boolean;
  runStart: boolean;
  newDay: boolean;
  reaction?: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function fill(template: string, r: Rand): string {
  return template
    .replace(/\{year\}/g, () => r.pick(['2026/27', '2027/28']))
    .replace(/\{day\}/g, () => r.pick(DAYS))
    .replace(/\{month\}/g, () => r.pick(MONTHS))
    .replace(/\{street\}/g, () => r.pick(STREETS))
    .replace(/\{house\}/g, () => String(r.int(1, 60)))
    .replace(/\{num\}/g, () => String(r.int(1000, 9999)))
    .replace(/\{amount2?\}/g, () => `${r.int(2, 90) * 10}`);
}

function plan(opts: GenerateChatOptions, r: Rand): Planned[] {
  const count = Math.max(0, Math.floor(opts.messages));
  const startId = opts.startId ?? 0;
  const isGroup = opts.isGroup ?? true;
  const end = opts.endDate ?? opts.today ?? DEFAULT_TODAY;
  // Days, newest first, until there are enough messages; then oldest first.
  const days: { date: string; times: string[] }[] = [];
  let total = 0;
  for (let back = 0; total < count; back++) {
    if (back > 1 && r.float() < 0.3) continue; // quiet days (never today or yesterday)
    const k = Math.min(r.int(3, 40), count - total);
    const minutes = new Set<number>();
    while (minutes.size < k) minutes.add(r.int(7 * 60, 22 * 60 + 30));
    const times = [...minutes]
      .sort((a, b) => a - b)
      .map((m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);
    days.unshift({ date: addDays(end, -back), times });
    total += k;
  }
  const members = opts.hostile ? [...MEMBERS, HOSTILE_MEMBER] : MEMBERS;
  const contact: Person = { name: opts.title ?? 'Alice Brown (Clerk)', jid: '447700900123@c.us' };
  const hostileEvery = count > 0 ? Math.max(1, Math.floor(count / (HOSTILE_TEXTS.length + 1))) : 1;
  const out: Planned[] = [];
  let i = 0;
  for (const day of days) {
    let first = true;
    for (const time of day.times) {
      const prev = out[out.length - 1];
      const sameAsPrev = !first && prev !== undefined && r.float() < 0.45;
      const isOut = sameAsPrev ? prev.out : r.float() < 0.3;
      let person: Person | undefined;
      if (!isOut)
        person = sameAsPrev && prev.person ? prev.person : isGroup ? r.pick(members) : contact;
      const runStart = first || !prev || prev.out !== isOut || prev.person !== person;
      const roll = r.float();
      const p: Planned = {
        n: startId + i,
        date: day.date,
        time,
        out: isOut,
        person,
        text: '',
        ppt: true,
        forwarded: false,
        edited: false,
        deleted: false,
        runStart,
        newDay: first,
      };
      if (roll < 0.05) {
        p.media = 'image';
        p.ppt = false;
      } else if (roll < 0.09) {
        p.media = 'image';
        p.text = fill(r.pick(CAPTIONS), r);
      } else if (roll < 0.12) {
        p.media = 'audio';
        p.ppt = false;
      } else if (roll < 0.135) {
        p.deleted = true;
        p.ppt = false;
      } else {
        p.text = fill(r.pick(TEXTS), r);
        if (roll < 0.155) p.forwarded = true;
        else if (roll < 0.185) p.edited = true;
        else if (roll < 0.235) {
          const candidates = out
            .slice(-30)
            .filter((m) => m.ppt && m.text && m.text.length < 500 && !m.text.includes('\n'));
          if (candidates.length) {
            const q = r.pick(candidates);
            p.quoted = { sender: q.out ? 'You' : (q.person?.name ?? ''), text: q.text };
          }
        }
      }
      if (opts.hostile && (i + 1) % hostileEvery === 0) {
        const h = HOSTILE_TEXTS[Math.floor((i + 1) / hostileEvery - 1) % HOSTILE_TEXTS.length];
        if (h !== undefined) {
          Object.assign(p, { text: h, ppt: true, deleted: false, forwarded: false });
          delete p.media;
          delete p.quoted;
        }
      }
      if (r.float() < 0.04 && !p.deleted) p.reaction = r.pick(['👍', '❤️', '😮', '🙏']);
      out.push(p);
      first = false;
      i++;
    }
  }
  return out.slice(out.length - count);
}

// ---- Rendering ------------------------------------------------------------------------------

interface Ctx {
  layout: '2026' | 'legacy';
  isGroup: boolean;
  jid: string;
  today: string;
  r: Rand;
}

function idOf(p: Planned, ctx: Ctx): { id: string; dataId: string } {
  const counter = p.n.toString(16).toUpperCase().padStart(8, '0');
  const id = p.out ? `3EB0${counter}${ctx.r.hex(10)}` : `3A${counter}${ctx.r.hex(10)}`;
  if (ctx.layout === '2026') return { id, dataId: id };
  const participant = ctx.isGroup && !p.out && p.person ? `_${p.person.jid}` : '';
  return { id, dataId: `${p.out}_${ctx.jid}_${id}${participant}` };
}

function dividerLabel(date: string, ctx: Ctx): string {
  const label =
    date === ctx.today
      ? 'Today'
      : date === addDays(ctx.today, -1)
        ? 'Yesterday'
        : `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
  return ctx.layout === 'legacy' ? label.toUpperCase() : label;
}

function dividerRow(date: string, ctx: Ctx): string {
  const c = ctx.r.classes();
  return `<div role="row" class="${c}"><div class="${c} focusable-list-item" tabindex="-1"><div class="${c}"><span dir="auto" class="${c}">${escapeHtml(dividerLabel(date, ctx))}</span></div></div></div>\n`;
}

const TAIL = (dir: 'in' | 'out'): string =>
  `<span aria-hidden="true" data-icon="tail-${dir}" class="_amk7"><svg viewBox="0 0 8 13" height="13" width="8" preserveAspectRatio="xMidYMid meet"><title>tail-${dir}</title><path fill="currentColor" d="M1.533,2.568L8,11.193V0L2.812,0C1.042,0,0.474,1.156,1.533,2.568z"></path></svg></span>`;
const ICON = (name: string, extra = ''): string =>
  `<span data-icon="${name}" class="x1n2onr6"${extra}><svg viewBox="0 0 16 16" height="16" width="16" preserveAspectRatio="xMidYMid meet" fill="none"><title>${name}</title><path fill="currentColor" d="M8 0a8 8 0 1 0 0 16A8 8 0 0 0 8 0z"></path></svg></span>`;

function senderLabel(p: Planned): string {
  return p.out ? OWN_NAME : (p.person?.name ?? '');
}

function pptOf(p: Planned): string {
  const d = `${p.date.slice(8, 10)}/${p.date.slice(5, 7)}/${p.date.slice(0, 4)}`;
  return `[${p.time}, ${d}] ${senderLabel(p)}: `;
}

function authorBlock(person: Person, ctx: Ctx): string {
  const c = ctx.r.classes();
  if (person.pushName) {
    return `<div data-testid="author" class="${c}"><span aria-label="Maybe ${escapeHtml(person.pushName)}" dir="auto" class="${c}">~&nbsp;${escapeHtml(person.pushName)}</span><span dir="auto" class="${c}" role="button">${escapeHtml(person.name)}</span></div>`;
  }
  return `<div data-testid="author" class="${c}" role="button"><span dir="auto" aria-label="${escapeHtml(person.name)}" class="${c}">${escapeHtml(person.name)}</span></div>`;
}

function mediaBlock(kind: MediaKind | undefined, ctx: Ctx): string {
  const c = ctx.r.classes();
  if (kind === 'image') {
    return `<div role="button" aria-label="Open picture" class="${c}"><div class="${c}" style="width: 330px; height: 248px;"><img src="${PIXEL}" data-testid="image-thumb" class="${c}" alt=""></div></div>`;
  }
  if (kind === 'audio') {
    return `<div class="${c}"><button class="${c}" aria-label="Play voice message">${ICON('audio-play')}</button><div class="${c}"><div role="slider" tabindex="0" aria-valuemin="0" aria-valuemax="23" aria-valuenow="0" aria-valuetext="0:00" class="${c}"></div><div class="${c}" aria-hidden="true">0:${pad(ctx.r.int(3, 59))}</div></div></div>`;
  }
  return '';
}

function messageRow(p: Planned, ids: { id: string; dataId: string }, ctx: Ctx): string {
  const r = ctx.r;
  const c = () => r.classes();
  const dir = p.out ? 'out' : 'in';
  const parts: string[] = [];
  if (p.runStart && !p.out && ctx.isGroup && p.person) parts.push(authorBlock(p.person, ctx));
  if (p.forwarded) {
    const icon = ctx.layout === '2026' ? 'forward-refreshed' : 'forwarded';
    parts.push(
      `<div class="${c()}">${ICON(icon)}<span class="${c()}" dir="auto">Forwarded</span></div>`,
    );
  }
  parts.push(mediaBlock(p.media, ctx));
  if (p.deleted) {
    parts.push(
      `<div class="${c()}">${ICON('recalled')}<span dir="auto" class="${c()}">${p.out ? 'You deleted this message' : 'This message was deleted'}</span></div>`,
    );
  }
  if (p.ppt) {
    const quote = p.quoted
      ? `<div class="${c()}"><div role="button" aria-label="Quoted message" tabindex="0" class="${c()}"><span class="${c()}"></span><div class="${c()}"><div class="${c()}" role="button"><span dir="auto" class="${c()}">${escapeHtml(p.quoted.sender)}</span></div><div class="${c()}"><span dir="auto" class="quoted-mention _ao3e">${renderText(p.quoted.text)}</span></div></div></div></div>`
      : '';
    const span =
      ctx.layout === '2026'
        ? `<span data-testid="selectable-text" dir="ltr" class="${c()} copyable-text" style="min-height: 0px;"><span>${renderText(p.text)}</span></span>`
        : `<span dir="ltr" class="${c()} selectable-text copyable-text"><span>${renderText(p.text)}</span></span>`;
    parts.push(
      `<div class="copyable-text" data-pre-plain-text="${escapeHtml(pptOf(p))}">${quote}<div class="${c()}">${span}</div></div>`,
    );
  }
  let meta = p.edited ? `<span class="${c()}" dir="auto">Edited</span>` : '';
  meta += `<span class="${c()}" dir="auto">${p.time}</span>`;
  if (p.out && !p.deleted) {
    const [icon, label] = r.pick([
      ['msg-dblcheck', ' Read '],
      ['msg-dblcheck', ' Delivered '],
      ['msg-check', ' Sent '],
    ] as const);
    meta += `<div class="${c()}">${ICON(icon, ` aria-label="${label}"`)}</div>`;
  }
  parts.push(`<div class="${c()}"><div class="${c()}" data-testid="msg-meta">${meta}</div></div>`);
  const you = p.out && r.float() < 0.5 ? `<span aria-label="You:" class="${c()}"></span>` : '';
  const container = `<div class="${c()}" data-testid="msg-container">${you}<div class="${c()}">${parts.join('')}</div></div>`;
  const reaction = p.reaction
    ? `<div class="${c()}"><button data-testid="reaction-bubble" aria-label="Reactions ${p.reaction} 1 in total, press enter to view" class="${c()}"><span class="${c()}">${emojiImg(p.reaction)}</span><span class="${c()}">1</span></button></div>`
    : '';
  const hover = `<div class="${c()}"><div role="button" aria-label="Forward" tabindex="-1" class="${c()}">${ICON(ctx.layout === '2026' ? 'forward-refreshed' : 'forward-chat')}</div></div>`;
  const tail = p.runStart ? TAIL(dir) : '';
  const attrs =
    ctx.layout === '2026'
      ? `data-id="${escapeHtml(ids.dataId)}" data-testid="conv-msg-${escapeHtml(ids.id)}" class="${c()}"`
      : `data-id="${escapeHtml(ids.dataId)}" class="${c()} focusable-list-item message-${dir}"`;
  return `<div role="row" class="${c()}" tabindex="-1"><div ${attrs} tabindex="-1"><div class="${c()}">${tail}${container}${reaction}${hover}</div></div></div>\n`;
}

function expected(p: Planned, id: string, ctx: Ctx): ObservedMessage {
  const m: ObservedMessage = {
    id,
    direction: p.out ? 'out' : 'in',
    sender: senderLabel(p),
    sentAt: `${p.date}T${p.time}`,
    text: p.deleted ? '' : p.text,
    forwarded: p.forwarded,
    edited: p.edited,
    deleted: p.deleted,
  };
  if (ctx.layout === 'legacy') m.chatJid = ctx.jid;
  if (!p.out && p.person?.phone) m.senderPhone = p.person.phone;
  if (p.media && !p.deleted) m.media = p.media;
  if (p.quoted) m.quoted = p.quoted;
  return m;
}

function contextOf(opts: GenerateChatOptions): Ctx {
  const isGroup = opts.isGroup ?? true;
  return {
    layout: opts.layout ?? '2026',
    isGroup,
    jid: isGroup ? GROUP_JID : '447700900123@c.us',
    today: opts.today ?? DEFAULT_TODAY,
    r: new Rand((opts.seed ?? 1) * 7919 + (opts.startId ?? 0)),
  };
}

/** Rows (dividers and messages) and the messages a reader must find in them. */
export function generateRows(opts: GenerateChatOptions): {
  html: string;
  messages: ObservedMessage[];
} {
  const ctx = contextOf(opts);
  const planned = plan(opts, ctx.r);
  const rows: string[] = [];
  const messages: ObservedMessage[] = [];
  planned.forEach((p, i) => {
    // The first rendered message always starts a day and a run (WhatsApp shows both).
    if (i === 0) {
      p.newDay = true;
      p.runStart = true;
    }
    if (p.newDay) rows.push(dividerRow(p.date, ctx));
    const ids = idOf(p, ctx);
    rows.push(messageRow(p, ids, ctx));
    messages.push(expected(p, ids.id, ctx));
  });
  // readChat names own messages without data-pre-plain-text after the profile name shown on other
  // own messages, or 'You' when none shows it (expectations assume the batch is read alone).
  if (!planned.some((p) => p.out && p.ppt)) {
    for (const m of messages) if (m.direction === 'out') m.sender = 'You';
  }
  return { html: rows.join(''), messages };
}

/** Rows only (dividers and messages), to append when simulating scrolling or new messages. */
export function generateRowsHtml(opts: GenerateChatOptions): string {
  return generateRows(opts).html;
}

function page(title: string, subtitle: string, rows: string): string {
  const t = escapeHtml(title);
  const s = escapeHtml(subtitle);
  return `<!doctype html>
<html lang="en-GB" dir="ltr" class="js">
<head><meta charset="utf-8"><title>WhatsApp</title></head>
<body class="web">
<div id="app"><div class="_aigs x1n2onr6"><div class="_aigv two" tabindex="-1">
<div class="_aigw"><div id="side" class="x1n2onr6"><header class="_amid"><span dir="auto" class="x1iyjqo2">Chats</span></header><div id="pane-side" class="x1n2onr6"><div aria-label="Chat list" role="grid" aria-rowcount="1"><div role="listitem" class="x10l6tqk"><div class="_ak8l"><span dir="auto" title="${t}" class="x1iyjqo2">${t}</span></div></div></div></div></div></div>
<div class="_aigx"><div id="main" class="_ajx_"><div class="_ajxs" data-asset-chat-background-light="true"></div>
<header data-testid="conversation-header" class="_amid"><div class="_amig" role="button" data-testid="conversation-info-header"><div class="_amih"><span dir="auto" data-testid="conversation-info-header-chat-title" class="x1iyjqo2 _ao3e">${t}</span></div><div class="_amig"><span title="${s}" class="x1iyjqo2 _ao3e">${s}</span></div></div></header>
<div class="_ajyl" data-testid="conversation-panel-wrapper"><div class="x10l6tqk" tabindex="0" data-testid="conversation-panel-messages"><div role="application" tabindex="-1" aria-label="Message list. Press right arrow key on a message to open message context menu." class="x3psx0u">
${rows}</div></div></div>
<footer class="_ak1i"><div class="lexical-rich-text-input"><div contenteditable="true" role="textbox" spellcheck="true" title="Type a message" data-tab="10" data-lexical-editor="true" aria-label="Type a message" class="x1hx0egp"><p class="selectable-text copyable-text x15bjb6t"><br></p></div></div></footer>
</div></div></div></div></div>
</body>
</html>
`;
}

/** A full WhatsApp Web page with an open chat, and what a correct reader must return from it. */
export function generateChat(opts: GenerateChatOptions): GeneratedChat {
  const isGroup = opts.isGroup ?? true;
  const title = opts.title ?? (isGroup ? 'Oakthorpe Parish Council' : 'Alice Brown (Clerk)');
  const members = (opts.hostile ? [...MEMBERS, HOSTILE_MEMBER] : MEMBERS).map((m) => m.name);
  const subtitle = isGroup ? [...members, 'You'].join(', ') : 'online';
  const { html: rows, messages } = generateRows({ ...opts, isGroup, title });
  const chat: ChatIdentity = { title, isGroup };
  if ((opts.layout ?? '2026') === 'legacy') chat.jid = isGroup ? GROUP_JID : '447700900123@c.us';
  return { html: page(title, subtitle, rows), chat, messages, today: opts.today ?? DEFAULT_TODAY };
}

/** A full WhatsApp Web page (2026 DOM by default) with `opts.messages` messages. */
export function generateChatHtml(opts: GenerateChatOptions): string {
  return generateChat(opts).html;
}

/**
 * Every selector the extension uses on WhatsApp Web, in one place, as data.
 *
 * Each export says what it finds and since when, lists alternatives newest first, and states how
 * many elements the alternatives together (`querySelectorAll(selectors.join(', '))` on the whole
 * page) match in each saved fixture under `tests/fixtures/whatsapp/`. A unit test walks every
 * export over every fixture and checks the counts, so a fixture or selector change that shifts
 * what we match is seen at once. Never select on WhatsApp's obfuscated class names (`_amjv`,
 * `x78zum5`): they change with every release.
 *
 * "Since" dates follow /work/shared/WHATSAPP-DOM.md: "2020–2026" marks the hooks it lists as
 * lasting through those years; "≤ 2026" marks hooks seen in late-2026 builds whose first
 * appearance is not known precisely.
 */

/** The saved pages every selector is checked against (file names in tests/fixtures/whatsapp). */
export const FIXTURES = [
  'group-2026.html',
  'one-to-one-2026.html',
  'empty-chat-2026.html',
  'one-to-one-2026-de-DE.html',
  'group-legacy.html',
  'one-to-one-legacy-en-US.html',
  'login.html',
  'open-elsewhere.html',
  'no-chat-open.html',
  'unknown-layout.html',
] as const;

export type FixtureName = (typeof FIXTURES)[number];

export interface SelectorSpec {
  /** Alternatives, newest first. */
  readonly selectors: readonly string[];
  /** Elements matched by all alternatives together, on the whole page, per fixture. */
  readonly expect: Readonly<Record<FixtureName, number>>;
}

/** Compact expectations in FIXTURES order (the test checks the length). */
function counts(...n: number[]): Readonly<Record<FixtureName, number>> {
  if (n.length !== FIXTURES.length) throw new Error('one count per fixture');
  return Object.fromEntries(FIXTURES.map((f, i) => [f, n[i]])) as Record<FixtureName, number>;
}

function spec(selectors: readonly string[], expect: Readonly<Record<FixtureName, number>>) {
  return { selectors, expect } satisfies SelectorSpec;
}

const joined = new WeakMap<SelectorSpec, string>();

/** One selector string matching any alternative (built once per spec: it is used per row). */
export function anyOf(s: SelectorSpec): string {
  let sel = joined.get(s);
  if (sel === undefined) {
    sel = union(s.selectors);
    joined.set(s, sel);
  }
  return sel;
}

/** One selector string matching anything any of the specs matches (build it once, not per row). */
export function anyOfAll(...specs: readonly SelectorSpec[]): string {
  return union(specs.flatMap((s) => s.selectors));
}

/** `[name]`, `[name="…"]`, `[name^="…"]`…: a lone attribute test (no tag, class or combinator). */
const LONE_ATTRIBUTE = /^\[([\w-]+)(?:[~|^$*]?=(?:"[^"]*"|'[^']*'))?\]$/;

/**
 * `selectors` as one list, with lone tests of the same attribute grouped behind a test for that
 * attribute: `[a]:is([a="x"], [a="y"])` matches the same elements as `[a="x"], [a="y"]`, but
 * an element without the attribute fails once, not once per alternative. Browsers test every
 * alternative of a list against every element of a message; grouped, the twelve media
 * alternatives took half the time.
 */
export function union(selectors: readonly string[]): string {
  const groups = new Map<string, string[]>();
  const parts: (string | { name: string; tests: string[] })[] = [];
  for (const sel of selectors) {
    const name = LONE_ATTRIBUTE.exec(sel)?.[1];
    if (!name) {
      parts.push(sel);
      continue;
    }
    let tests = groups.get(name);
    if (!tests) {
      groups.set(name, (tests = []));
      parts.push({ name, tests });
    }
    tests.push(sel);
  }
  return parts
    .map((p) =>
      typeof p === 'string'
        ? p
        : p.tests.length === 1
          ? p.tests[0]!
          : `[${p.name}]:is(${p.tests.join(', ')})`,
    )
    .join(', ');
}

// Columns (FIXTURES order): group-2026, one-to-one-2026, empty-chat-2026, one-to-one-2026-de-DE,
// group-legacy, one-to-one-legacy-en-US, login, open-elsewhere, no-chat-open, unknown-layout.

// ---- Page -------------------------------------------------------------------------------------

/** The app root. Since 2020–2026. */
export const app = spec(['#app'], counts(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));

/** The chat list column. `#side` and its scroller `#pane-side`, 2020–2026. */
export const side = spec(['#side', '#pane-side'], counts(2, 2, 2, 2, 2, 2, 0, 0, 2, 2));

/** The open conversation. Present only while a chat is open. 2020–2026. */
export const main = spec(['#main'], counts(1, 1, 1, 1, 1, 1, 0, 0, 0, 1));

/** The QR-code login screen: the QR container (`data-ref`, older builds) or its labelled
 * canvas (≤ 2026); a data-testid in some builds. */
export const loginQr = spec(
  ['[data-testid="qrcode"]', 'canvas[aria-label*="QR"]', 'div[data-ref]'],
  counts(0, 0, 0, 0, 0, 0, 2, 0, 0, 0),
);

// ---- Chat header ------------------------------------------------------------------------------

/** The open chat's header. data-testid (≤ 2026), `#main header` (2020–2026). */
export const header = spec(
  ['[data-testid="conversation-header"]', '#main header'],
  counts(1, 1, 1, 1, 1, 1, 0, 0, 0, 1),
);

/** The chat title in the header, ≤ 2026 (older builds: the first of `headerTitled`). */
export const chatTitle = spec(
  ['[data-testid="conversation-info-header-chat-title"]'],
  counts(1, 1, 1, 1, 0, 0, 0, 0, 0, 1),
);

/**
 * Header spans with a `title` attribute: the old title, and the subtitle (members
 * "Alice, Bob, You" for groups; "online" / "last seen …" for one-to-one chats). 2020–2026.
 */
export const headerTitled = spec(
  ['#main header span[title]'],
  counts(1, 1, 1, 1, 2, 2, 0, 0, 0, 1),
);

/** Last-resort title: the header's first text span with `dir="auto"`. ≤ 2026. */
export const headerDirAuto = spec(
  ['#main header span[dir="auto"]'],
  counts(1, 1, 1, 1, 1, 1, 0, 0, 0, 1),
);

// ---- Message list -----------------------------------------------------------------------------

/** The scrolling message panel (data-testid, ≤ 2026) / the list (`role="application"`). */
export const conversationPanel = spec(
  ['[data-testid="conversation-panel-messages"]', '#main [role="application"]'],
  counts(2, 2, 2, 2, 2, 2, 0, 0, 0, 2),
);

/** Every row of the open chat: messages, date dividers, system notices. 2020–2026. */
export const row = spec(['#main [role="row"]'], counts(20, 10, 1, 7, 14, 9, 0, 0, 0, 4));

/**
 * The node under a row that carries `data-id` (serialized key before April 2026, bare id after;
 * since 2026 also `data-testid="conv-msg-<id>"`). Some 2026 builds give dividers one too, so this
 * alone does not make a message: see `messageContainer`.
 */
export const rowNode = spec(
  ['#main [role="row"] > div[data-id]', '#main [role="row"] > div[data-testid^="conv-msg-"]'],
  counts(17, 8, 0, 5, 10, 7, 0, 0, 0, 0),
);

/**
 * Inside a row node, what makes it a message: the bubble container (data-testid, ≤ 2026),
 * a bubble tail or copyable text (both 2020–2026). Checked per row.
 */
export const messageContainer = spec(
  [
    '[data-testid="msg-container"]',
    '[data-icon="tail-in"]',
    '[data-icon="tail-out"]',
    '.copyable-text',
  ],
  counts(47, 25, 2, 16, 20, 19, 0, 0, 1, 2),
);

/** Bubble tail of an incoming run's first bubble. 2020–2026. */
export const tailIn = spec(['[data-icon="tail-in"]'], counts(6, 3, 0, 2, 4, 2, 0, 0, 0, 0));

/** Bubble tail of an outgoing run's first bubble. 2020–2026. */
export const tailOut = spec(['[data-icon="tail-out"]'], counts(3, 2, 0, 1, 2, 2, 0, 0, 0, 0));

/** Old direction classes on the row node (removed from builds since June 2026). */
export const legacyIn = spec(['.message-in'], counts(0, 0, 0, 0, 7, 3, 0, 0, 0, 0));

/** Old direction classes on the row node (removed from builds since June 2026). */
export const legacyOut = spec(['.message-out'], counts(0, 0, 0, 0, 3, 4, 0, 0, 0, 0));

/** Screen-reader prefix on own messages (localized; English "You:"). ≤ 2026. */
export const youLabel = spec(['[aria-label="You:"]'], counts(2, 2, 0, 0, 0, 0, 0, 0, 0, 0));

/**
 * Delivery status (clock, one tick, two ticks), shown on outgoing messages only: icons and spaced
 * aria-labels (" Read "), ≤ 2026; `msg-dblcheck-ack` in older builds.
 */
export const deliveryStatus = spec(
  [
    '[data-icon="msg-dblcheck"]',
    '[data-icon="msg-check"]',
    '[data-icon="msg-time"]',
    '[data-icon="msg-dblcheck-ack"]',
    '[aria-label=" Read "]',
    '[aria-label=" Delivered "]',
    '[aria-label=" Sent "]',
    '[aria-label=" Pending "]',
  ],
  counts(4, 3, 0, 1, 3, 4, 0, 0, 0, 0),
);

/** The sender block on a group run's first incoming bubble. ≤ 2026. */
export const author = spec(['[data-testid="author"]'], counts(6, 0, 0, 0, 4, 0, 0, 0, 0, 0));

/** In an author block, an unsaved contact's push name ("Maybe Alice"), beside the phone number. */
export const maybeName = spec(['[aria-label^="Maybe "]'], counts(1, 0, 0, 0, 1, 0, 0, 0, 0, 0));

/** `[time, date] sender: ` on text and captioned media. 2020–2026. */
export const prePlainText = spec(['[data-pre-plain-text]'], counts(10, 5, 0, 3, 6, 6, 0, 0, 0, 0));

/** The message body / caption: data-testid in 2026 builds, `span.selectable-text` before. */
export const messageText = spec(
  ['span[data-testid="selectable-text"].copyable-text', 'span.selectable-text'],
  counts(10, 5, 0, 3, 6, 6, 0, 0, 0, 0),
);

/** Emoji images inside text (`alt` is the character). ≤ 2026. */
export const emoji = spec(['img.emoji'], counts(6, 3, 0, 0, 2, 1, 0, 0, 0, 0));

/** A quoted reply inside a message (localized label). ≤ 2026. */
export const quoted = spec(['[aria-label="Quoted message"]'], counts(2, 1, 0, 0, 1, 1, 0, 0, 0, 0));

/**
 * The quoted message's author inside a quoted reply: a plain `dir="auto"` span (≤ 2026) that
 * is not the quoted text. Localized "You" when quoting one's own message.
 */
export const quotedAuthor = spec(
  ['[aria-label="Quoted message"] span[dir="auto"]:not(.quoted-mention)'],
  counts(2, 1, 0, 0, 1, 1, 0, 0, 0, 0),
);

/** The quoted message's text inside a quoted reply. ≤ 2026. */
export const quotedText = spec(['.quoted-mention'], counts(2, 1, 0, 0, 1, 1, 0, 0, 0, 0));

/**
 * Forward icons: the "Forwarded" label's icon (forward-refreshed in 2026 builds; forwarded /
 * frequently-forwarded before) AND the hover Forward button, which uses the same icons. The reader
 * counts only icons outside buttons with a label beside them.
 */
export const forwardIcon = spec(
  [
    '[data-icon="forward-refreshed"]',
    '[data-icon="forwarded"]',
    '[data-icon="frequently-forwarded"]',
  ],
  counts(16, 8, 0, 5, 1, 0, 0, 0, 0, 0),
);

/**
 * Buttons (native, or `role="button"`, ≤ 2026): icons inside them are controls (the hover
 * "Forward" button), never labels of the message.
 */
export const button = spec(['button', '[role="button"]'], counts(54, 29, 6, 18, 18, 9, 1, 2, 0, 6));

/** A message's meta area: time, "Edited", delivery status. ≤ 2026. */
export const messageMeta = spec(
  ['[data-testid="msg-meta"]'],
  counts(15, 8, 0, 5, 10, 7, 0, 0, 0, 0),
);

/** A deleted message's icon ("This message was deleted" / "You deleted this
 * message"). ≤ 2026. */
export const recalled = spec(['[data-icon="recalled"]'], counts(2, 0, 0, 0, 1, 0, 0, 0, 0, 0));

/** Image thumbnails. data-testid and the "Open picture" label, ≤ 2026. */
export const imageThumb = spec(
  ['[data-testid="image-thumb"]', '[aria-label="Open picture"]'],
  counts(6, 0, 0, 2, 1, 0, 0, 0, 0, 0),
);

/** Video thumbnails (data-testid) and their localized "Play video" label. ≤ 2026. */
export const videoThumb = spec(
  ['[data-testid="video-thumb"]', '[aria-label="Play video"]'],
  counts(0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
);

/** Voice message play button (with a `[role="slider"]` for the position). ≤ 2026. */
export const voicePlay = spec(
  ['[aria-label="Play voice message"]'],
  counts(1, 0, 0, 0, 1, 0, 0, 0, 0, 0),
);

/** The voice message position slider. ≤ 2026. */
export const slider = spec(['[role="slider"]'], counts(1, 0, 0, 0, 1, 0, 0, 0, 0, 0));

/** GIF play button (localized label). ≤ 2026. */
export const gifPlay = spec(['[aria-label="Play GIF"]'], counts(0, 1, 0, 0, 0, 0, 0, 0, 0, 0));

/** Stickers: data-testid, or the image's "Sticker" alt text in older builds. ≤ 2026. */
export const sticker = spec(
  ['[data-testid="sticker"]', 'img[alt="Sticker"]'],
  counts(0, 0, 0, 0, 0, 1, 0, 0, 0, 0),
);

/** Documents: thumbnail, type icon (`document-PDF-icon`…), download title
 * (weak evidence, ≤ 2026). */
export const documentThumb = spec(
  ['[data-testid="document-thumb"]', '[data-icon^="document-"]', '[title^="Download "]'],
  counts(0, 4, 0, 0, 2, 0, 0, 0, 0, 0),
);

/** Reaction bubbles under a message (their emoji must never leak into text). ≤ 2026. */
export const reactions = spec(
  ['[data-testid="reaction-bubble"]', '[aria-label^="Reactions "]'],
  counts(2, 1, 0, 0, 1, 0, 0, 0, 0, 0),
);

/** The message composer (for the composer guard): lexical editor (2026), data-tab="10"
 * (older builds). */
export const composer = spec(
  [
    'footer [contenteditable="true"][data-lexical-editor="true"]',
    'footer [contenteditable="true"][data-tab="10"]',
  ],
  counts(1, 1, 1, 1, 1, 1, 0, 0, 0, 1),
);

/**
 * Every selector the extension uses on WhatsApp Web, in one place, as data.
 *
 * Each export says what it finds and since when, lists alternatives newest first, and states how
 * many elements the alternatives together (`querySelectorAll(selectors.join(', '))` on the whole
 * page) match in each saved fixture under `tests/fixtures/whatsapp/`. A unit test walks every
 * export over every fixture and checks the counts, so a fixture or selector change that shifts
 * what we match is seen at once. Never select on WhatsApp's obfuscated class names (`_amjv`,
 * `x78zum5`): they change with every release. See docs: WHATSAPP-DOM.md.
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

/** One selector string matching any alternative. */
export function anyOf(s: SelectorSpec): string {
  return s.selectors.join(', ');
}

// Columns (FIXTURES order): group-2026, one-to-one-2026, empty-chat-2026, one-to-one-2026-de-DE,
// group-legacy, one-to-one-legacy-en-US, login, open-elsewhere, no-chat-open, unknown-layout.

// ---- Page -------------------------------------------------------------------------------------

/** The app root. Stable since 2015. */
export const app = spec(['#app'], counts(1, 1, 1, 1, 1, 1, 1, 1, 1, 1));

/** The chat list column. `#side` since 2015; `#pane-side` is its scroller. */
export const side = spec(['#side', '#pane-side'], counts(2, 2, 2, 2, 2, 2, 0, 0, 2, 2));

/** The open conversation. Present only while a chat is open. Since 2015. */
export const main = spec(['#main'], counts(1, 1, 1, 1, 1, 1, 0, 0, 0, 1));

/** The QR-code login screen: the QR container (`data-ref`, until 2024) or its canvas (since 2023). */
export const loginQr = spec(
  ['[data-testid="qrcode"]', 'canvas[aria-label*="QR"]', 'div[data-ref]'],
  counts(0, 0, 0, 0, 0, 0, 2, 0, 0, 0),
);

// ---- Chat header ------------------------------------------------------------------------------

/** The open chat's header. `#main header` since 2015, data-testid since 2022. */
export const header = spec(
  ['[data-testid="conversation-header"]', '#main header'],
  counts(1, 1, 1, 1, 1, 1, 0, 0, 0, 1),
);

/** The chat title in the header, since 2023 (before: the first of `headerTitled`). */
export const chatTitle = spec(
  ['[data-testid="conversation-info-header-chat-title"]'],
  counts(1, 1, 1, 1, 0, 0, 0, 0, 0, 1),
);

/**
 * Header spans with a `title` attribute: the old title, and the subtitle (members
 * "Alice, Bob, You" for groups; "online" / "last seen …" for one-to-one chats). Since 2015.
 */
export const headerTitled = spec(
  ['#main header span[title]'],
  counts(1, 1, 1, 1, 2, 2, 0, 0, 0, 1),
);

/** Last-resort title: the header's first text span with `dir="auto"`. Since 2018. */
export const headerDirAuto = spec(
  ['#main header span[dir="auto"]'],
  counts(1, 1, 1, 1, 1, 1, 0, 0, 0, 1),
);

// ---- Message list -----------------------------------------------------------------------------

/** The scrolling message panel (data-testid since 2022) / the list (`role="application"`). */
export const conversationPanel = spec(
  ['[data-testid="conversation-panel-messages"]', '#main [role="application"]'],
  counts(2, 2, 2, 2, 2, 2, 0, 0, 0, 2),
);

/** Every row of the open chat: messages, date dividers, system notices. Since 2019. */
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
 * Inside a row node, what makes it a message: the bubble container (data-testid since 2023),
 * a bubble tail (since 2019) or copyable text (since 2017). Checked per row.
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

/** Bubble tail of an incoming run's first bubble. Since 2019. */
export const tailIn = spec(['[data-icon="tail-in"]'], counts(6, 3, 0, 2, 4, 2, 0, 0, 0, 0));

/** Bubble tail of an outgoing run's first bubble. Since 2019. */
export const tailOut = spec(['[data-icon="tail-out"]'], counts(3, 2, 0, 1, 2, 2, 0, 0, 0, 0));

/** Old direction classes on the row node (removed from builds since June 2026). */
export const legacyIn = spec(['.message-in'], counts(0, 0, 0, 0, 7, 3, 0, 0, 0, 0));

/** Old direction classes on the row node (removed from builds since June 2026). */
export const legacyOut = spec(['.message-out'], counts(0, 0, 0, 0, 3, 4, 0, 0, 0, 0));

/** Screen-reader prefix on own messages (localized; English "You:"). Since 2024. */
export const youLabel = spec(['[aria-label="You:"]'], counts(2, 2, 0, 0, 0, 0, 0, 0, 0, 0));

/**
 * Delivery status (clock, one tick, two ticks), shown on outgoing messages only: icons since 2015,
 * spaced aria-labels (" Read ") since 2020.
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

/** The sender block on a group run's first incoming bubble. Since 2021. */
export const author = spec(['[data-testid="author"]'], counts(6, 0, 0, 0, 4, 0, 0, 0, 0, 0));

/** In an author block, an unsaved contact's push name ("Maybe Alice"), beside the phone number. */
export const maybeName = spec(['[aria-label^="Maybe "]'], counts(1, 0, 0, 0, 1, 0, 0, 0, 0, 0));

/** `[time, date] sender: ` on text and captioned media. Since 2017. */
export const prePlainText = spec(['[data-pre-plain-text]'], counts(10, 5, 0, 3, 6, 6, 0, 0, 0, 0));

/** The message body / caption: data-testid since 2026, `span.selectable-text` before. */
export const messageText = spec(
  ['span[data-testid="selectable-text"].copyable-text', 'span.selectable-text'],
  counts(10, 5, 0, 3, 6, 6, 0, 0, 0, 0),
);

/** Emoji images inside text (`alt` is the character). Since 2015. */
export const emoji = spec(['img.emoji'], counts(6, 3, 0, 0, 2, 1, 0, 0, 0, 0));

/** A quoted reply inside a message (localized label). Since 2017. */
export const quoted = spec(['[aria-label="Quoted message"]'], counts(2, 1, 0, 0, 1, 1, 0, 0, 0, 0));

/**
 * The quoted message's author inside a quoted reply: a plain `dir="auto"` span (since 2019) that
 * is not the quoted text. Localized "You" when quoting one's own message.
 */
export const quotedAuthor = spec(
  ['[aria-label="Quoted message"] span[dir="auto"]:not(.quoted-mention)'],
  counts(2, 1, 0, 0, 1, 1, 0, 0, 0, 0),
);

/** The quoted message's text inside a quoted reply. Since 2017. */
export const quotedText = spec(['.quoted-mention'], counts(2, 1, 0, 0, 1, 1, 0, 0, 0, 0));

/**
 * Forward icons: the "Forwarded" label's icon (forward-refreshed since 2025; forwarded /
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

/** A message's meta area: time, "Edited", delivery status. Since 2022. */
export const messageMeta = spec(
  ['[data-testid="msg-meta"]'],
  counts(15, 8, 0, 5, 10, 7, 0, 0, 0, 0),
);

/** A deleted message's icon ("This message was deleted" / "You deleted this message"). */
export const recalled = spec(['[data-icon="recalled"]'], counts(2, 0, 0, 0, 1, 0, 0, 0, 0, 0));

/** Image thumbnails. data-testid since 2022; "Open picture" label since 2021. */
export const imageThumb = spec(
  ['[data-testid="image-thumb"]', '[aria-label="Open picture"]'],
  counts(6, 0, 0, 2, 1, 0, 0, 0, 0, 0),
);

/** Video thumbnails. Since 2022. */
export const videoThumb = spec(
  ['[data-testid="video-thumb"]', '[aria-label="Play video"]'],
  counts(0, 2, 0, 0, 0, 0, 0, 0, 0, 0),
);

/** Voice message play button (with a `[role="slider"]` for the position). Since 2020. */
export const voicePlay = spec(
  ['[aria-label="Play voice message"]'],
  counts(1, 0, 0, 0, 1, 0, 0, 0, 0, 0),
);

/** The voice message position slider. Since 2020. */
export const slider = spec(['[role="slider"]'], counts(1, 0, 0, 0, 1, 0, 0, 0, 0, 0));

/** GIF play button. Since 2019. */
export const gifPlay = spec(['[aria-label="Play GIF"]'], counts(0, 1, 0, 0, 0, 0, 0, 0, 0, 0));

/** Stickers. data-testid since 2022. */
export const sticker = spec(
  ['[data-testid="sticker"]', 'img[alt="Sticker"]'],
  counts(0, 0, 0, 0, 0, 1, 0, 0, 0, 0),
);

/** Documents: thumbnail (since 2022), type icon (`document-PDF-icon`…), download title. */
export const documentThumb = spec(
  ['[data-testid="document-thumb"]', '[data-icon^="document-"]', '[title^="Download "]'],
  counts(0, 4, 0, 0, 2, 0, 0, 0, 0, 0),
);

/** Reaction bubbles under a message (their emoji must never leak into text). Since 2022. */
export const reactions = spec(
  ['[data-testid="reaction-bubble"]', '[aria-label^="Reactions "]'],
  counts(2, 1, 0, 0, 1, 0, 0, 0, 0, 0),
);

/** The message composer (for the composer guard): lexical editor since 2024, data-tab before. */
export const composer = spec(
  [
    'footer [contenteditable="true"][data-lexical-editor="true"]',
    'footer [contenteditable="true"][data-tab="10"]',
  ],
  counts(1, 1, 1, 1, 1, 1, 0, 0, 0, 1),
);

/**
 * Plain text out of WhatsApp Web's rendered message markup, by walking nodes (never by reading or writing HTML).
 *
 * WhatsApp renders a message body as nested spans: text nodes, `<img class="emoji" alt="🥾">` for
 * every emoji, `<a>` for links (their text is what was typed), `<br>` for line breaks. Message text
 * is hostile input, so this walks nodes and only ever reads `data`, `alt` and attributes.
 */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

/** Elements whose content is never message text (controls WhatsApp puts inside bubbles). */
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'SVG', 'BUTTON', 'NOSCRIPT']);
/** WhatsApp's "Read more" link inside long messages (by class; no DOMTokenList per element). */
const READ_MORE = /(?:^|\s)read-more-button(?:\s|$)/;

/** Everything the walk below treats specially: line breaks, images, skipped tags, "Read more". */
const SPECIAL = ['br', 'img', ...[...SKIP].map((t) => t.toLowerCase()), '.read-more-button'].join(
  ', ',
);

/** Text of `node` as the user sees it: emoji as characters, links as their text, `<br>` as `\n`. */
export function plainText(node: Node): string {
  // Most bodies and labels are spans of plain text: then the walk would give exactly their
  // textContent, which is one call rather than a visit to every node.
  if (node.nodeType === ELEMENT_NODE && (node as Element).querySelector(SPECIAL) === null) {
    return node.textContent ?? '';
  }
  const out: string[] = [];
  walk(node, out);
  return out.join('');
}

function walk(node: Node, out: string[]): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
      out.push((child as CharacterData).data);
      continue;
    }
    if (child.nodeType !== ELEMENT_NODE) continue;
    const el = child as Element;
    const tag = el.tagName.toUpperCase();
    if (tag === 'BR') {
      out.push('\n');
    } else if (tag === 'IMG') {
      // Emoji (and WhatsApp's own inline images) carry their character in alt / data-plain-text.
      out.push(el.getAttribute('alt') || el.getAttribute('data-plain-text') || '');
    } else if (SKIP.has(tag) || READ_MORE.test(el.getAttribute('class') ?? '')) {
      continue;
    } else {
      walk(el, out);
    }
  }
}

/** Collapsed, trimmed text for labels (names, dates, times), never for message bodies. */
export function labelText(node: Node | null | undefined): string {
  if (!node) return '';
  return plainText(node).replace(/\s+/g, ' ').trim();
}

/** Digits of a displayed phone number ("+44 7700 900456" → "447700900456"), else undefined. */
export function phoneDigits(displayed: string): string | undefined {
  const s = displayed.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  if (!/^\+?[\d\s\u00a0\u202f().-]{7,}$/.test(s)) return undefined;
  const digits = s.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15 ? digits : undefined;
}

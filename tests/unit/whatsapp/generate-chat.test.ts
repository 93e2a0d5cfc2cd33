import { describe, expect, it } from 'vitest';
import {
  HOSTILE_TEXTS,
  generateChat,
  generateChatHtml,
  generateRows,
  generateRowsHtml,
  renderText,
} from '../../../utils/whatsapp/generate-chat';
import { findMessageRows, readChat } from '../../../utils/whatsapp/read-chat';
import { parsePage } from './dom';

describe('generateChat', () => {
  it('is deterministic by seed', () => {
    const a = generateChatHtml({ messages: 120, seed: 7 });
    expect(generateChatHtml({ messages: 120, seed: 7 })).toBe(a);
    expect(generateChatHtml({ messages: 120, seed: 8 })).not.toBe(a);
    expect(generateRowsHtml({ messages: 30, seed: 3, startId: 500 })).toBe(
      generateRowsHtml({ messages: 30, seed: 3, startId: 500 }),
    );
  });

  it.each([
    { messages: 150, seed: 1 },
    { messages: 150, seed: 2, isGroup: false },
    { messages: 150, seed: 3, layout: 'legacy' as const },
    { messages: 80, seed: 4, layout: 'legacy' as const, isGroup: false, title: 'Carol Davies' },
    { messages: 2, seed: 5 },
    { messages: 0, seed: 6 },
  ])('readChat returns exactly what was generated: %o', (opts) => {
    const g = generateChat(opts);
    const snapshot = readChat(parsePage(g.html), { today: g.today });
    expect(snapshot).toEqual({ recognised: true, chat: g.chat, messages: g.messages });
  });

  it('has varied, realistic content: runs, dividers, media, quotes, edits, deletions', () => {
    const g = generateChat({ messages: 400, seed: 11 });
    const m = g.messages;
    expect(new Set(m.map((x) => x.sender)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(m.map((x) => x.text)).size).toBeGreaterThan(100);
    expect(m.some((x) => x.media === 'image' && x.text === '')).toBe(true);
    expect(m.some((x) => x.media === 'image' && x.text !== '')).toBe(true);
    expect(m.some((x) => x.media === 'audio')).toBe(true);
    expect(m.some((x) => x.quoted)).toBe(true);
    expect(m.some((x) => x.forwarded)).toBe(true);
    expect(m.some((x) => x.edited)).toBe(true);
    expect(m.some((x) => x.deleted)).toBe(true);
    expect(m.some((x) => x.senderPhone)).toBe(true);
    expect(m.some((x) => x.direction === 'out')).toBe(true);
    expect(g.html.includes('>Today<')).toBe(true);
    expect(g.html.includes('>Yesterday<')).toBe(true);
    expect(m.at(-1)?.sentAt?.slice(0, 10)).toBe('2026-11-22');
    const sorted = [...m.map((x) => x.sentAt ?? '')].sort();
    expect(m.map((x) => x.sentAt)).toEqual(sorted);
  });

  it('a 2,000-message chat reads back as 2,000 messages with unique ids', () => {
    const g = generateChat({ messages: 2000, seed: 42 });
    const snapshot = readChat(parsePage(g.html), { today: g.today });
    expect(snapshot.recognised).toBe(true);
    expect(snapshot.messages).toHaveLength(2000);
    expect(new Set(snapshot.messages.map((x) => x.id)).size).toBe(2000);
    expect(snapshot.messages).toEqual(g.messages);
  }, 120_000);

  it('rows appended later (scroll / new messages) read back too, with distinct ids', () => {
    const g = generateChat({ messages: 40, seed: 1, endDate: '2026-11-20' });
    const more = generateRows({ messages: 25, seed: 1, startId: 40 });
    const doc = parsePage(g.html);
    const list = doc.querySelector('#main [role="application"]');
    expect(list).not.toBeNull();
    const tmp = parsePage(
      `<!doctype html><html><body><div id="main"><div role="application">${more.html}</div></div></body></html>`,
    );
    for (const row of Array.from(tmp.querySelectorAll('[role="row"]')))
      list?.appendChild(doc.importNode(row, true));
    const snapshot = readChat(doc, { today: '2026-11-22' });
    expect(snapshot.messages).toEqual([...g.messages, ...more.messages]);
    expect(new Set(snapshot.messages.map((x) => x.id)).size).toBe(65);
    expect(findMessageRows(doc)).toHaveLength(65);
  });
});

describe('hostile text', () => {
  it('is escaped in the page and read back exactly', () => {
    const g = generateChat({ messages: 60, seed: 3, hostile: true });
    const doc = parsePage(g.html);
    // Nothing hostile became markup.
    expect(doc.querySelectorAll('script')).toHaveLength(0);
    expect(doc.querySelectorAll('img[onerror]')).toHaveLength(0);
    expect(doc.querySelectorAll('b')).toHaveLength(0);
    const texts = readChat(doc, { today: g.today }).messages.map((m) => m.text);
    for (const h of HOSTILE_TEXTS) expect(texts).toContain(h);
    expect(readChat(doc, { today: g.today }).messages).toEqual(g.messages);
  });

  it('includes every kind the issue names', () => {
    const all = HOSTILE_TEXTS.join('\n');
    expect(all).toContain('<script>alert(1)</script>');
    expect(all).toContain('<img src=x onerror=alert(1)>');
    expect(all).toContain('\u202E');
    for (const zw of ['\u200B', '\u200C', '\u200D', '\uFEFF']) expect(all).toContain(zw);
    expect(all).toContain('=HYPERLINK("http://x")');
    expect(all).toMatch(/\p{Extended_Pictographic}/u);
    expect(HOSTILE_TEXTS.some((t) => t.length === 50_000)).toBe(true);
  });

  it('a hostile sender name stays text', () => {
    const g = generateChat({ messages: 300, seed: 9, hostile: true });
    expect(g.messages.some((m) => m.sender === 'Mallory "<b>" O\'Neil')).toBe(true);
    expect(readChat(parsePage(g.html), { today: g.today }).messages).toEqual(g.messages);
  });

  it('renderText escapes and keeps emoji, links and breaks as WhatsApp does', () => {
    expect(renderText('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&#39;');
    expect(renderText('x\ny')).toBe('x<br>y');
    expect(renderText('go https://a.example/x?y=1&z=2 now')).toContain(
      '<a href="https://a.example/x?y=1&amp;z=2"',
    );
    expect(renderText('ok 👍🏽')).toContain('alt="👍🏽"');
  });
});

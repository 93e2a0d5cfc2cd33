import { describe, expect, it } from 'vitest';
import {
  chatKeyOf,
  findMessageRows,
  messageIdOfRow,
  parseDataId,
  readChat,
} from '../../../utils/whatsapp/read-chat';
import { loadFixture, parsePage } from './dom';
import {
  GROUP_2026,
  GROUP_LEGACY,
  ONE_TO_ONE_2026,
  ONE_TO_ONE_DE,
  ONE_TO_ONE_LEGACY_US,
} from './expected';

const TODAY = '2026-11-22';

describe('readChat over the fixtures: every field of every message', () => {
  it.each([
    ['group-2026.html', GROUP_2026, TODAY],
    ['one-to-one-2026.html', ONE_TO_ONE_2026, TODAY],
    ['one-to-one-2026-de-DE.html', ONE_TO_ONE_DE, TODAY],
    ['group-legacy.html', GROUP_LEGACY, undefined],
    ['one-to-one-legacy-en-US.html', ONE_TO_ONE_LEGACY_US, undefined],
  ] as const)('%s', (file, expected, today) => {
    const snapshot = readChat(loadFixture(file), today ? { today } : {});
    expect(snapshot).toEqual({
      recognised: true,
      chat: expected.chat,
      messages: expected.messages,
    });
  });

  it('an empty new chat is recognised, with no messages', () => {
    expect(readChat(loadFixture('empty-chat-2026.html'))).toEqual({
      recognised: true,
      chat: { title: '+44 7700 900789', isGroup: false },
      messages: [],
    });
  });
});

describe('readChat: dates and times', () => {
  it('without a reference date, "Friday" is not guessed: sentAt is left out', () => {
    const withToday = readChat(loadFixture('group-2026.html'), { today: TODAY }).messages;
    const without = readChat(loadFixture('group-2026.html')).messages;
    const friday = without.find((m) => m.id === '3A0D6E1F7B2C4A9E8D31');
    expect(friday).toBeDefined();
    expect(friday?.sentAt).toBeUndefined();
    // Everything else is dated from data-pre-plain-text or a section that shows its date.
    expect(without.filter((m) => m !== friday)).toEqual(
      withToday.filter((m) => m.id !== '3A0D6E1F7B2C4A9E8D31'),
    );
  });

  it('an untranslatable divider ("Heute") borrows the day from the section, never from today', () => {
    const m = readChat(loadFixture('one-to-one-2026-de-DE.html')).messages;
    expect(m.find((x) => x.id === '3A3C4D5E6F708192A3B4')?.sentAt).toBe('2026-11-22T09:10');
  });

  it('a notice keeps the day of its section; an unreadable divider does not', () => {
    const dated = (label: string): string | undefined => {
      const doc = loadFixture('group-2026.html');
      // The "Friday" section holds one caption-less image; put a row between the two.
      const image = doc.querySelector('[data-id="3A0D6E1F7B2C4A9E8D31"]');
      const row = doc.createElement('div');
      row.setAttribute('role', 'row');
      const span = doc.createElement('span');
      span.textContent = label;
      row.appendChild(span);
      image?.parentElement?.before(row);
      return readChat(doc, { today: TODAY }).messages.find((m) => m.id === '3A0D6E1F7B2C4A9E8D31')
        ?.sentAt;
    };
    expect(dated('Alice Brown added Dev Patel')).toBe('2026-11-20T17:30');
    expect(dated('Messages and calls are end-to-end encrypted.')).toBe('2026-11-20T17:30');
    expect(dated('19 November')).toBeUndefined();
    expect(dated('Thursday, 19 November 2026')).toBeUndefined();
    expect(dated('Donnerstag')).toBeUndefined();
    expect(dated('Alice left')).toBeUndefined();
    expect(dated('Yesterday')).toBe('2026-11-21T17:30');
  });

  it('reads dates in the order of the given locale, not per message', () => {
    const doc = loadFixture('one-to-one-legacy-en-US.html');
    expect(readChat(doc).messages[0]?.sentAt).toBe('2025-11-06T14:10');
    // The same page read as en-GB: 11/6/2025 is 11 June.
    expect(readChat(doc, { locale: 'en-GB' }).messages[0]?.sentAt).toBe('2025-06-11T14:10');
  });

  it('takes the locale from <html lang> when given the #main element', () => {
    const doc = loadFixture('one-to-one-legacy-en-US.html');
    const main = doc.querySelector('#main');
    expect(main).not.toBeNull();
    const snapshot = readChat(main as Element);
    expect(snapshot.recognised).toBe(true);
    expect(snapshot.messages).toEqual(ONE_TO_ONE_LEGACY_US.messages);
  });
});

describe('readChat: unknown layouts are reported, never half-read', () => {
  it.each([
    ['login.html', /not linked yet: scan the QR code/],
    ['open-elsewhere.html', /open in another window/],
    ['no-chat-open.html', /No chat is open/],
    ['unknown-layout.html', /could not be read: WhatsApp Web's layout may have changed/],
  ])('%s', (file, problem) => {
    const snapshot = readChat(loadFixture(file));
    expect(snapshot.recognised).toBe(false);
    expect(snapshot.messages).toEqual([]);
    expect(snapshot.problem).toMatch(problem);
  });

  it('keeps the chat identity it could read when the rows are unknown', () => {
    expect(readChat(loadFixture('unknown-layout.html')).chat).toEqual({
      title: 'Oakthorpe Parish Council',
      isGroup: true,
    });
  });

  it('an unrelated page is not WhatsApp', () => {
    const s = readChat(
      parsePage('<!doctype html><html lang="en-GB"><body><p>Hello</p></body></html>'),
    );
    expect(s).toEqual({
      recognised: false,
      problem: expect.stringMatching(/not recognised as WhatsApp Web/),
      chat: { title: '', isGroup: false },
      messages: [],
    });
  });

  it('messages in a list that is not made of rows are not mistaken for an empty chat', () => {
    const doc = loadFixture('unknown-layout.html');
    for (const row of Array.from(doc.querySelectorAll('[role="row"]')))
      row.setAttribute('role', 'listitem');
    const s = readChat(doc);
    expect(s.recognised).toBe(false);
    expect(s.problem).toMatch(/none could be read/);
  });

  it('a system notice that mentions a time is still just a notice', () => {
    const doc = loadFixture('group-2026.html');
    const notice = Array.from(doc.querySelectorAll('#main [role="row"]')).find((r) =>
      (r.textContent ?? '').includes(' added '),
    );
    const span = notice?.querySelector('span[dir="auto"]');
    span?.appendChild(doc.createTextNode(' and renamed the group to "Meeting 7:30"'));
    const s = readChat(doc, { today: TODAY });
    expect(s.recognised).toBe(true);
    expect(s.messages).toEqual(GROUP_2026.messages);
  });

  it('a chat without a readable header is not recognised', () => {
    const doc = loadFixture('group-2026.html');
    doc.querySelector('#main header')?.remove();
    const s = readChat(doc, { today: TODAY });
    expect(s.recognised).toBe(false);
    expect(s.messages).toEqual([]);
    expect(s.problem).toMatch(/header was not found/);
  });

  it('a message bubble without a readable id is not recognised', () => {
    const doc = loadFixture('group-2026.html');
    const node = doc.querySelector('[data-id="3AF07B2C99E14D6A1C55"]');
    node?.setAttribute('data-id', 'not an id!');
    node?.removeAttribute('data-testid');
    const s = readChat(doc, { today: TODAY });
    expect(s).toMatchObject({ recognised: false, messages: [] });
    expect(s.problem).toMatch(/no readable id/);
  });
});

describe('readChat: details', () => {
  it('quoted text, reactions and the hover Forward button never leak into text', () => {
    for (const file of ['group-2026.html', 'one-to-one-2026.html', 'group-legacy.html']) {
      for (const m of readChat(loadFixture(file), { today: TODAY }).messages) {
        if (m.quoted) expect(m.text).not.toContain(m.quoted.text);
        expect(m.text).not.toMatch(/Reactions|Forward|Edited|deleted this message/);
      }
    }
  });

  it('a mid-run group message at the top of the rendered window, sender unknown, is skipped', () => {
    const doc = loadFixture('group-2026.html');
    // Virtualised: the rows above Carol's voice note have scrolled out of the DOM.
    const rows = Array.from(doc.querySelectorAll('#main [role="row"]'));
    const voice = rows.findIndex((r) =>
      r.querySelector('[data-id="7E0F1A2B3C4D5E6F708192A3B4C5D6E7"]'),
    );
    rows.slice(0, voice).forEach((r) => r.remove());
    const ids = readChat(doc, { today: TODAY }).messages.map((m) => m.id);
    expect(ids).toEqual(['3A5D9C8B7A6F5E4D3C2B', '3EB0A4B3C2D1E0F9A8B7CC']);
  });
});

describe('readChat: own messages', () => {
  it("are 'You' when no own message shows the profile name", () => {
    const doc = loadFixture('group-2026.html');
    for (const id of [
      '3EB0C5A7F1D2E8B94A61AA',
      '3EB09D2F6A71C4E83B05DD',
      '3EB0A4B3C2D1E0F9A8B7CC',
    ]) {
      doc.querySelector(`[data-id="${id}"]`)?.parentElement?.remove();
    }
    const own = readChat(doc, { today: TODAY }).messages.filter((m) => m.direction === 'out');
    expect(own.map((m) => [m.id, m.sender, m.media, m.deleted])).toEqual([
      ['3EB01B8C4D2E6F7A9C10EE', 'You', 'image', false],
      ['3EB07E6D5C4B3A29180FFA', 'You', undefined, true],
    ]);
  });

  it('reads the chat when given an element inside #main', () => {
    const doc = loadFixture('one-to-one-2026.html');
    const list = doc.querySelector('#main [role="application"]');
    expect(list).not.toBeNull();
    expect(readChat(list as Element, { today: TODAY }).messages).toEqual(ONE_TO_ONE_2026.messages);
  });
});

describe('findMessageRows / messageIdOfRow', () => {
  it.each([
    ['group-2026.html', GROUP_2026],
    ['one-to-one-2026.html', ONE_TO_ONE_2026],
    ['one-to-one-2026-de-DE.html', ONE_TO_ONE_DE],
    ['group-legacy.html', GROUP_LEGACY],
    ['one-to-one-legacy-en-US.html', ONE_TO_ONE_LEGACY_US],
  ] as const)('%s: one row per message, in order, skipping dividers', (file, expected) => {
    const rows = findMessageRows(loadFixture(file));
    expect(rows.map((r) => messageIdOfRow(r))).toEqual(expected.messages.map((m) => m.id));
    for (const r of rows) expect(r.parentElement?.getAttribute('role')).toBe('row');
  });

  it('no rows on pages without a chat', () => {
    for (const f of ['login.html', 'empty-chat-2026.html', 'unknown-layout.html']) {
      expect(findMessageRows(loadFixture(f))).toEqual([]);
    }
  });

  it('messageIdOfRow accepts the [role=row] element too', () => {
    const row = loadFixture('group-legacy.html').querySelector('#main [role="row"]:nth-child(3)');
    expect(row && messageIdOfRow(row)).toBe('3A1F2B3C4D5E6F708192');
  });

  it('parseDataId understands both id formats', () => {
    expect(parseDataId('3A4689CE2A81856D4BB0')).toEqual({ id: '3A4689CE2A81856D4BB0' });
    expect(parseDataId('true_447700900123@c.us_3EB0ABC123')).toEqual({
      id: '3EB0ABC123',
      fromMe: true,
      chatJid: '447700900123@c.us',
    });
    expect(parseDataId('false_120363041234567890@g.us_3A1F99_447700900123@c.us')).toEqual({
      id: '3A1F99',
      fromMe: false,
      chatJid: '120363041234567890@g.us',
      participant: '447700900123@c.us',
    });
    expect(parseDataId('false_1234@lid_ABCDEF12')).toMatchObject({ chatJid: '1234@lid' });
    expect(parseDataId('')).toBeUndefined();
    expect(parseDataId('<script>')).toBeUndefined();
  });
});

describe('chatKeyOf', () => {
  it('prefers the jid, else the title', () => {
    expect(chatKeyOf({ title: 'Wherstead PC', isGroup: true, jid: '120363@g.us' })).toBe(
      'jid:120363@g.us',
    );
    expect(chatKeyOf({ title: 'Oakthorpe Parish Council', isGroup: true })).toBe(
      'title:Oakthorpe Parish Council',
    );
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  generateChatHtml,
  generateRowsHtml,
  type GenerateChatOptions,
} from '../../../utils/whatsapp/generate-chat';
import { LiveChatReader, type LiveRead } from '../../../utils/whatsapp/live-reader';
import { observePage, type ChildListChange } from '../../../utils/whatsapp/observe';
import { findMessageRows, messageIdOfRow, readChat } from '../../../utils/whatsapp/read-chat';
import { loadFixture, parsePage } from './dom';

const TODAY = '2026-11-22';

/** A page, a live reader fed by the real observer, and a check against a fresh full read. */
function harness(doc: Document, { walk = false } = {}) {
  // observePage uses the page's globals, as it would in the content script.
  const win = doc.defaultView as unknown as typeof globalThis;
  vi.stubGlobal('MutationObserver', win.MutationObserver);
  vi.stubGlobal('Element', win.Element);
  const reader = new LiveChatReader();
  let frame: (() => void) | undefined;
  let batch: Set<Element> | undefined;
  let lists: ReadonlyMap<Element, ChildListChange> | undefined;
  observePage(doc.body, (changed, childLists) => ((batch = changed), (lists = childLists)), {
    ownAttribute: 'data-council-capture',
    requestFrame: (cb) => (frame = cb),
  });
  let last = reader.read(doc, { today: TODAY });

  return {
    reader,
    get last() {
      return last;
    },
    /** Lets the observer report, then reads with what it reported (as the content script does). */
    async read(): Promise<LiveRead> {
      await new Promise((r) => setTimeout(r, 0));
      frame?.();
      frame = undefined;
      const changed = batch ?? new Set<Element>();
      const childLists = lists ?? new Map<Element, ChildListChange>();
      batch = undefined;
      lists = undefined;
      last = reader.read(doc, { today: TODAY, changed, ...(walk ? {} : { childLists }) });
      return last;
    },
    /**
     * The live read equals a full read of the page, its rows are the page's rows, and every
     * message that is not the previous read's object is reported fresh.
     */
    expectFaithful(read: LiveRead, before?: LiveRead) {
      if (before) {
        // What the read says it kept from the previous one, it kept: the very same objects.
        const was = before.snapshot.messages;
        const now = read.snapshot.messages;
        let from = 0;
        let oldFrom = 0;
        for (const s of [
          ...read.spans,
          { from: now.length, to: 0, oldFrom: was.length, oldTo: 0 },
        ]) {
          expect(s.from - from).toBe(s.oldFrom - oldFrom);
          for (let k = 0; k < s.from - from; k++) expect(now[from + k]).toBe(was[oldFrom + k]);
          ({ to: from, oldTo: oldFrom } = s);
        }
        const old = new Map(before.snapshot.messages.map((m) => [m.id, m]));
        const fresh = new Set(read.fresh);
        for (const m of read.snapshot.messages) {
          if (old.get(m.id) !== m) expect(fresh.has(m.id), `${m.id} is fresh`).toBe(true);
        }
      }
      expect(read.snapshot).toEqual(readChat(doc, { today: TODAY }));
      const rows = new Map(findMessageRows(doc).map((r) => [messageIdOfRow(r), r]));
      for (const m of read.snapshot.messages) expect(read.rowOf.get(m.id)).toBe(rows.get(m.id));
      expect(read.rowOf.size).toBe(read.snapshot.messages.length);
    },
  };
}

/**
 * A generated chat read once, changed by `change` (given its rows), then read again: the second
 * read, checked against a full read, and how many rows it read afresh.
 */
async function readAfter(chat: GenerateChatOptions, change: (rows: Element[]) => void) {
  const doc = parsePage(generateChatHtml(chat));
  const h = harness(doc);
  const before = h.last;
  const rowsBefore = h.reader.rowsRead;
  change(rowsOf(doc));
  const read = await h.read();
  h.expectFaithful(read, before);
  return { read, reader: h.reader, rowsRead: h.reader.rowsRead - rowsBefore };
}

/** How many messages of a read are in its spans (not kept from the previous read as they were). */
function spanned(read: LiveRead): number {
  return read.spans.reduce((n, s) => n + s.to - s.from, 0);
}

function list(doc: Document): Element {
  const first = doc.querySelector('#main [role="row"]');
  if (!first?.parentElement) throw new Error('no rows');
  return first.parentElement;
}

function rowsOf(doc: Document): Element[] {
  return Array.from(list(doc).children).filter((c) => c.getAttribute('role') === 'row');
}

/** Rows from our own generator, parsed in a page of their own and brought into `doc`. */
function fragment(doc: Document, html: string): DocumentFragment {
  const source = parsePage(`<!doctype html><body><div>${html}</div></body>`);
  const out = doc.createDocumentFragment();
  for (const node of Array.from(source.body.firstElementChild!.childNodes)) {
    out.append(doc.importNode(node, true));
  }
  return out;
}

/** Small seeded PRNG so failures reproduce. */
function rand(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LiveChatReader', () => {
  it('reads a fixture exactly as readChat does', () => {
    for (const file of ['group-2026.html', 'group-legacy.html', 'one-to-one-2026-de-DE.html']) {
      const doc = loadFixture(file);
      const read = new LiveChatReader().read(doc, { today: TODAY });
      expect(read.snapshot).toEqual(readChat(doc, { today: TODAY }));
      expect(read.changed).toBe(true);
    }
  });

  it('says "not recognised" like readChat on pages without a chat', () => {
    for (const file of ['login.html', 'unknown-layout.html', 'no-chat-open.html']) {
      const doc = loadFixture(file);
      expect(new LiveChatReader().read(doc).snapshot).toEqual(readChat(doc));
    }
  });

  it('returns the same snapshot and rows when nothing in the chat changed', async () => {
    const doc = parsePage(generateChatHtml({ messages: 60, seed: 3 }));
    const h = harness(doc);
    const first = h.last;
    // Typing in the composer mutates #main, but not the chat.
    doc.querySelector('footer p')!.textContent = 'draft text';
    const read = await h.read();
    expect(read.changed).toBe(false);
    expect(read.snapshot).toBe(first.snapshot);
    expect(read.rowOf).toBe(first.rowOf);
  });

  it('keeps unchanged messages as the same objects when rows arrive', async () => {
    const doc = parsePage(generateChatHtml({ messages: 40, seed: 4 }));
    const h = harness(doc);
    const before = h.last.snapshot.messages;
    list(doc).append(fragment(doc, generateRowsHtml({ messages: 5, seed: 9, startId: 1000 })));
    const read = await h.read();
    h.expectFaithful(read);
    expect(read.changed).toBe(true);
    expect(read.snapshot.messages.slice(0, before.length)).toEqual(before);
    read.snapshot.messages.slice(0, before.length).forEach((m, i) => expect(m).toBe(before[i]));
    // Only the new ones are reported fresh: the page's controls need nothing for the rest.
    expect(read.fresh).toEqual(read.snapshot.messages.slice(before.length).map((m) => m.id));
    expect(read.fresh).toHaveLength(5);
  });

  it('gives new rows when WhatsApp re-renders a row, with the same messages', async () => {
    const doc = parsePage(generateChatHtml({ messages: 30, seed: 5 }));
    const h = harness(doc);
    const before = h.last;
    const target = rowsOf(doc)[10]!;
    target.replaceWith(target.cloneNode(true));
    const read = await h.read();
    h.expectFaithful(read);
    expect(read.snapshot.messages).toEqual(before.snapshot.messages);
    // The re-rendered row's message is fresh (its control must go back in), and only it.
    expect(read.fresh).toHaveLength(1);
    expect(read.rowOf.get(read.fresh[0]!)).toBe(rowsOf(doc)[10]!.firstElementChild);
  });

  it.each([
    ['2026 group', { messages: 80, seed: 21 }, false],
    ['2026 one-to-one', { messages: 80, seed: 22, isGroup: false }, false],
    ['legacy group', { messages: 80, seed: 23, layout: 'legacy' as const }, false],
    ['2026 group, list walked', { messages: 80, seed: 24 }, true],
  ])(
    'matches a full read after each of 40 random batches of changes (%s)',
    async (_n, opts, walk) => {
      const doc = parsePage(generateChatHtml(opts));
      const h = harness(doc, { walk });
      h.expectFaithful(h.last);
      const r = rand(opts.seed);
      let nextId = 5000;
      const gen = (n: number) =>
        generateRowsHtml({ ...opts, messages: n, seed: nextId, startId: (nextId += 100) });
      for (let step = 0; step < 40; step++) {
        // One to three changes per frame, as WhatsApp batches them.
        for (let n = 1 + r(3); n > 0; n--) change(step);
        const before = h.last;
        h.expectFaithful(await h.read(), before);
      }
      function change(step: number) {
        const rows = rowsOf(doc);
        const pick = () => rows[r(rows.length)]!;
        switch (r(13)) {
          case 0: // new messages arrive at the bottom
            list(doc).append(fragment(doc, gen(1 + r(20))));
            break;
          case 1: // the top of the window leaves the DOM
            for (const row of rows.slice(0, r(30))) row.remove();
            break;
          case 2: // scrolling up renders older messages above
            list(doc).prepend(fragment(doc, gen(1 + r(10))));
            break;
          case 3: {
            // React re-renders a row (our controls would be gone)
            const row = pick();
            row.replaceWith(row.cloneNode(true));
            break;
          }
          case 4: {
            // an edit changes a message's text in place
            const text = pick().querySelector(
              'span.selectable-text, [data-testid="selectable-text"]',
            );
            if (text?.firstChild) text.firstChild.textContent = `edited ${step}`;
            break;
          }
          case 5: // the group is renamed
            doc.querySelector('#main header span[dir="auto"]')!.textContent = `Renamed ${step}`;
            break;
          case 6: // typing in the composer
            doc.querySelector('footer p')!.textContent = `draft ${step}`;
            break;
          case 7: // a row is replaced by a different message (deleted, then another)
            pick().replaceWith(fragment(doc, gen(1)));
            break;
          case 8: // a row moved (removed and inserted elsewhere in one go)
            pick().before(pick());
            break;
          case 9: {
            // a re-render that changes what the row says about its run: a tail, or a sender
            const row = pick();
            const clone = row.cloneNode(true) as Element;
            const tail = clone.querySelector('[data-icon^="tail-"]');
            const ppt = clone.querySelector('[data-pre-plain-text]');
            if (tail) tail.remove();
            else ppt?.setAttribute('data-pre-plain-text', `[09:00, 20/11/2026] Someone ${step}: `);
            row.replaceWith(clone);
            break;
          }
          case 10: // a bubble loses its tail in place (the run above it grew)
            pick().querySelector('[data-icon^="tail-"]')?.remove();
            break;
          case 11: {
            // a delivery status changes inside a row (its icon is rendered anew)
            const icon = pick().querySelector('[data-icon^="msg-"]');
            icon?.replaceWith(icon.cloneNode(true));
            break;
          }
          default: // rows inserted in the middle (a late-delivered message)
            pick().after(fragment(doc, gen(1 + r(3))));
        }
      }
      // Only the first read queried the whole page; every other one followed the mutations.
      expect(h.reader.plans.full).toBe(1);
      expect(h.reader.plans.relist).toBeGreaterThan(15);
      expect(h.reader.plans.reread).toBeGreaterThan(0);
      // Most reads kept the days that did not change, and some kept a day but for a changed row.
      expect(h.reader.keptDays).toBeGreaterThan(20);
      expect(h.reader.rebuilt).toBeGreaterThan(0);
    },
  );

  it('builds only the message of a row re-rendered mid-chat, keeping the rest of its day', async () => {
    const { read, reader, rowsRead } = await readAfter({ messages: 400, seed: 12 }, (rows) =>
      rows[200]!.replaceWith(rows[200]!.cloneNode(true)),
    );
    expect(read.fresh).toHaveLength(1);
    expect(rowsRead).toBe(1);
    // Every other message is the previous read's, untouched: one span, of that one message.
    expect(read.spans).toHaveLength(1);
    expect(read.spans[0]!.from).toBeGreaterThan(0);
    expect(read.spans[0]!.to).toBeLessThan(read.snapshot.messages.length);
    expect(spanned(read)).toBe(1);
    expect(reader.keptDays).toBe(1);
    expect(reader.rebuilt).toBe(1);
  });

  it('builds only the messages of rows re-rendered at scattered places', async () => {
    const { read, rowsRead } = await readAfter({ messages: 2000, seed: 14 }, (rows) => {
      for (const k of [40, 500, 1000, 1500, 1990]) rows[k]!.replaceWith(rows[k]!.cloneNode(true));
    });
    expect(rowsRead).toBe(5);
    // One span per re-rendered row, of its message alone (none of the five is a divider).
    expect(read.spans).toHaveLength(5);
    expect(spanned(read)).toBe(5);
  });

  it('builds only the message edited in place mid-chat, with its new text', async () => {
    const { read, reader } = await readAfter({ messages: 400, seed: 13 }, (rows) => {
      const text = rows[200]!.querySelector(
        'span.selectable-text, [data-testid="selectable-text"]',
      );
      text!.firstChild!.textContent = 'corrected figure: £48,250';
    });
    expect(read.fresh).toHaveLength(1);
    expect(spanned(read)).toBe(1);
    expect(read.snapshot.messages[read.spans[0]!.from]!.text).toContain('£48,250');
    expect(reader.keptDays).toBe(1);
    expect(reader.rebuilt).toBe(1);
  });

  it.each([
    [
      'loses its tail (now continues the run above)',
      (row: Element) => row.querySelector('[data-icon^="tail-"]')?.remove(),
    ],
    [
      'shows another sender',
      (row: Element) =>
        row
          .querySelector('[data-pre-plain-text]')
          ?.setAttribute('data-pre-plain-text', '[09:00, 20/11/2026] Someone Else: '),
    ],
  ])('reads the whole day again when a re-rendered row %s', async (_n, change) => {
    // A group chat's row that starts a run, has a time and a sender: both changes apply.
    const doc = parsePage(generateChatHtml({ messages: 400, seed: 15 }));
    const h = harness(doc);
    const before = h.last;
    const rows = rowsOf(doc);
    const target = rows.find(
      (r, k) =>
        k > 150 &&
        r.querySelector('[data-icon^="tail-"]') &&
        r.querySelector('[data-pre-plain-text]') &&
        rows[k - 1]!.querySelector('[data-pre-plain-text]'),
    )!;
    const clone = target.cloneNode(true) as Element;
    change(clone);
    target.replaceWith(clone);
    const read = await h.read();
    h.expectFaithful(read, before);
    expect(h.reader.rebuilt).toBe(0);
    expect(spanned(read)).toBeGreaterThan(1);
  });

  it('reads every day again when new rows change what the chat is (a first sender block)', async () => {
    // A one-to-one-looking chat (no JID, no member list) until group rows arrive.
    const doc = loadFixture('one-to-one-2026.html');
    const h = harness(doc);
    const before = h.last;
    list(doc).append(fragment(doc, generateRowsHtml({ messages: 20, seed: 7, startId: 5000 })));
    const read = await h.read();
    h.expectFaithful(read, before);
    expect(read.snapshot.chat.isGroup).toBe(true);
    expect(read.fresh.length).toBeGreaterThanOrEqual(20);
  });

  it('falls back to a full read when rows appear outside the known list', async () => {
    const doc = parsePage(generateChatHtml({ messages: 20, seed: 6 }));
    const h = harness(doc);
    const panel = doc.querySelector('[data-testid="conversation-panel-messages"]')!;
    const other = doc.createElement('div');
    other.append(fragment(doc, generateRowsHtml({ messages: 3, seed: 7, startId: 900 })));
    panel.append(other);
    const read = await h.read();
    h.expectFaithful(read);
    expect(h.reader.plans.full).toBe(2);
  });

  it('follows a chat switch (a new #main)', async () => {
    const doc = parsePage(generateChatHtml({ messages: 20, seed: 8 }));
    const h = harness(doc);
    const other = parsePage(
      generateChatHtml({ messages: 15, seed: 9, isGroup: false, title: 'Carol Davies' }),
    );
    const main = doc.querySelector('#main')!;
    main.replaceWith(doc.importNode(other.querySelector('#main')!, true));
    const read = await h.read();
    h.expectFaithful(read);
    expect(read.snapshot.chat.title).toBe('Carol Davies');
  });

  it('re-reads everything on a new day ("Today" is another date)', () => {
    const doc = parsePage(generateChatHtml({ messages: 20, seed: 10 }));
    const reader = new LiveChatReader();
    reader.read(doc, { today: TODAY });
    const next = reader.read(doc, { today: '2026-11-23', changed: new Set() });
    expect(next.snapshot).toEqual(readChat(doc, { today: '2026-11-23' }));
  });
});

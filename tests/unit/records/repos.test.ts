import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CouncilDb } from '../../../utils/db/database';
import { verifyChain } from '../../../utils/db/audit';
import { captureRecord, recordIntact, type CaptureContext } from '../../../utils/db/records-repo';
import { captureImported } from '../../../utils/db/import-repo';
import { openHold } from '../../../utils/db/holds-repo';
import {
  openSearchIndex,
  refreshSearchIndex,
  SEARCH_INDEX_KEY,
} from '../../../utils/db/search-index-store';
import { exportDatabase, restoreDatabase } from '../../../utils/db/backup-repo';
import { importChatExport } from '../../../utils/library/import';

const dbs: CouncilDb[] = [];
let n = 0;
function freshDb(): CouncilDb {
  const db = new CouncilDb(`records-test-${Date.now()}-${n++}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

let id = 0;
const ctx = (): CaptureContext => ({
  now: new Date('2026-11-22T10:20:00Z'),
  capturedBy: 'Jane Smith (Clerk)',
  policyId: 'wherstead-pc',
  policyVersion: '2024',
  newId: () => `rec-${++id}`,
});

async function importFixture(db: CouncilDb, name: string) {
  const bytes = new Uint8Array(readFileSync(resolve('tests/fixtures/exports', name)));
  const res = await importChatExport({ name, bytes });
  if (!res.ok) throw new Error(res.error);
  const sum = await captureImported(
    db,
    {
      chat: res.chat,
      fileName: name,
      fileSha256: res.fileSha256,
      items: res.messages.map((m) => ({ message: m, categories: ['decision'] })),
      warnings: res.warnings.length,
    },
    ctx(),
  );
  return { res, sum };
}

describe('captureImported', () => {
  it('captures with method import and the file hash; a second import adds nothing', async () => {
    const db = freshDb();
    const { res, sum } = await importFixture(db, 'android-24h-en-GB.txt');
    expect(sum.errors).toEqual([]);
    expect(sum.captured).toBe(res.messages.length);
    const records = await db.records.toArray();
    expect(
      records.every((r) => r.method === 'import' && r.sourceFileSha256 === res.fileSha256),
    ).toBe(true);
    expect(records.every(recordIntact)).toBe(true);
    const again = await importFixture(db, 'android-24h-en-GB.txt');
    expect(again.sum.captured).toBe(0);
    expect(again.sum.alreadyCaptured).toBe(res.messages.length);
    const events = await db.events.orderBy('seq').toArray();
    expect(verifyChain(events).ok).toBe(true);
    expect(events.filter((e) => e.type === 'import.completed')).toHaveLength(1);
  });
});

describe('search index store', () => {
  it('is stored with a mark and updated from new events, not rebuilt', async () => {
    const db = freshDb();
    await importFixture(db, 'android-24h-en-GB.txt');
    const first = await openSearchIndex(db);
    expect(first.rebuilt).toBe(true);
    const total = await db.records.count();
    expect(first.index.size).toBe(total);
    const r = await captureRecord(
      db,
      {
        chat: { title: 'Planning', isGroup: false },
        message: {
          id: 'x1',
          direction: 'in',
          sender: 'Mr Ferndale',
          sentAt: '2026-11-21T09:00',
          text: 'The zebra crossing petition is attached',
          forwarded: false,
          edited: false,
          deleted: false,
        },
        categories: ['planning'],
        note: '',
        method: 'side-panel',
      },
      ctx(),
    );
    expect(r.status).toBe('captured');
    const second = await openSearchIndex(db);
    expect(second.rebuilt).toBe(false);
    expect(second.index.size).toBe(total + 1);
    expect(second.index.search({ text: 'zebra' }).ids).toHaveLength(1);
    const stored = (await db.meta.get(SEARCH_INDEX_KEY))!.value as { mark: number };
    expect(stored.mark).toBe((await db.events.orderBy('seq').last())!.seq);

    const hold = await openHold(
      db,
      {
        kind: 'foi',
        reference: 'FOI-1',
        receivedAt: '2026-11-22',
        covers: { chatKeys: ['title:Planning'] },
      },
      'Jane',
      new Date('2026-11-22T11:00:00Z'),
    );
    expect(await refreshSearchIndex(db, second)).toBe(true);
    expect(second.index.search({ holdId: hold.id }).ids).toHaveLength(1);
  });

  it('catches up with a large backlog (an import elsewhere) in one bulk read', async () => {
    const db = freshDb();
    const opened = await openSearchIndex(db);
    expect(opened.index.size).toBe(0);
    // 600 captures while this index was not looking: more than it applies one by one.
    for (let i = 0; i < 600; i++) {
      const r = await captureRecord(
        db,
        {
          chat: { title: 'Footpaths', isGroup: true },
          message: {
            id: `b${i}`,
            direction: 'in',
            sender: 'Bob Clark',
            sentAt: '2026-11-21T09:00',
            text: i === 599 ? 'The stile on FP12 is fixed' : `Footpath report ${i}`,
            forwarded: false,
            edited: false,
            deleted: false,
          },
          categories: ['general'],
          note: '',
          method: 'side-panel',
        },
        ctx(),
      );
      expect(r.status).toBe('captured');
    }
    expect(await refreshSearchIndex(db, opened)).toBe(true);
    expect(opened.index.size).toBe(600);
    expect(opened.index.search({ text: 'stile' }).ids).toHaveLength(1);
    expect(opened.mark).toBe((await db.events.orderBy('seq').last())!.seq);
  });
});

describe('backup and restore', () => {
  it('round-trips into an empty database: same records, valid chain', async () => {
    const db = freshDb();
    await importFixture(db, 'ios-en-GB.txt');
    const { bytes } = await exportDatabase(
      db,
      { userName: 'Jane' },
      { passphrase: 'correct horse', iterations: 1000 },
    );
    const target = freshDb();
    const wrong = await restoreDatabase(target, bytes, { passphrase: 'nope' });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.error).toBe('wrong-passphrase');
    expect(await target.records.count()).toBe(0);
    const ok = await restoreDatabase(target, bytes, { passphrase: 'correct horse' });
    expect(ok.ok).toBe(true);
    expect(ok.ok && ok.settings).toEqual({ userName: 'Jane' });
    const a = (await db.records.toArray()).map((r) => [r.id, r.sha256]).sort();
    const b = (await target.records.toArray()).map((r) => [r.id, r.sha256]).sort();
    expect(b).toEqual(a);
    expect(verifyChain(await target.events.orderBy('seq').toArray()).ok).toBe(true);
  });

  it('refuses to restore over records unless told to replace; refuses a damaged file', async () => {
    const db = freshDb();
    await importFixture(db, 'ios-en-GB.txt');
    const { bytes } = await exportDatabase(db, null, {});
    const refused = await restoreDatabase(db, bytes);
    expect(!refused.ok && refused.error).toBe('not-empty');
    const damaged = bytes.slice();
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    const bad = await restoreDatabase(freshDb(), damaged);
    expect(bad.ok).toBe(false);
    const replaced = await restoreDatabase(db, bytes, { replace: true });
    expect(replaced.ok).toBe(true);
  });

  it('refuses a backup whose chain was tampered with, writing nothing', async () => {
    const db = freshDb();
    await importFixture(db, 'ios-en-GB.txt');
    const events = await db.events.toArray();
    await db.events.put({ ...events[0]!, actor: 'Someone else' });
    const { bytes } = await exportDatabase(db, null, {});
    const target = freshDb();
    const res = await restoreDatabase(target, bytes);
    expect(!res.ok && res.error).toBe('chain-broken');
    expect(await target.events.count()).toBe(0);
  });
});

describe('index helpers', () => {
  it('names the delivery state from deliveries and the outbox', async () => {
    const { deliveryStateOf } = await import('../../../utils/db/search-index-store');
    expect(deliveryStateOf([], [])).toBe('not-delivered');
    expect(deliveryStateOf(['screenshot'], [])).toBe('not-delivered');
    expect(deliveryStateOf(['bundle'], [])).toBe('delivered');
    expect(deliveryStateOf([], ['failed'])).toBe('failed');
    expect(deliveryStateOf([], ['pending'])).toBe('pending');
    expect(deliveryStateOf([], ['failed', 'delivered'])).toBe('delivered');
  });

  it('rebuilds the index after a restore replaced the database', async () => {
    const db = freshDb();
    await importFixture(db, 'ios-en-GB.txt');
    await openSearchIndex(db);
    const { bytes } = await exportDatabase(db, null, {});
    await importFixture(db, 'android-24h-en-GB.txt');
    await openSearchIndex(db);
    expect((await restoreDatabase(db, bytes, { replace: true })).ok).toBe(true);
    const reopened = await openSearchIndex(db);
    expect(reopened.rebuilt).toBe(true);
    expect(reopened.index.size).toBe(await db.records.count());
  });
});

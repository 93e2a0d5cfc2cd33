import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CouncilDb } from '../../../utils/db/database';
import {
  closeHold,
  listHolds,
  listOpenHolds,
  openHold,
  type NewHold,
} from '../../../utils/db/holds-repo';
import { verifyChain } from '../../../utils/db/audit';

let db: CouncilDb;
beforeEach(() => {
  db = new CouncilDb(`holds-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const foi: NewHold = {
  kind: 'foi',
  reference: ' FOI-2026-014 ',
  receivedAt: '2026-11-20T09:00:00.000Z',
  covers: { chatKeys: ['title:wherstead'] },
};
const now = new Date('2026-11-22T10:00:00Z');

describe('holds repository', () => {
  it('opens a hold with an id and openedAt, audited hold.opened', async () => {
    const hold = await openHold(db, foi, 'Jane Smith (Clerk)', now, () => 'h1');
    expect(hold).toMatchObject({
      id: 'h1',
      reference: 'FOI-2026-014',
      openedAt: now.toISOString(),
    });
    expect(await db.holds.get('h1')).toEqual(hold);
    const events = await db.events.orderBy('seq').toArray();
    expect(events.map((e) => e.type)).toEqual(['hold.opened']);
    expect(events[0]).toMatchObject({ subject: 'h1', actor: 'Jane Smith (Clerk)' });
    expect(verifyChain(events).ok).toBe(true);
  });

  it('refuses an invalid hold and writes nothing', async () => {
    await expect(openHold(db, { ...foi, reference: ' ' }, 'x', now)).rejects.toThrow(/reference/);
    await expect(openHold(db, { ...foi, receivedAt: 'nope' }, 'x', now)).rejects.toThrow();
    expect(await db.holds.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('closes with a reason, once, audited hold.closed', async () => {
    await openHold(db, foi, 'a', now, () => 'h1');
    await openHold(db, { ...foi, reference: 'SAR-1', kind: 'sar' }, 'a', now, () => 'h2');
    await expect(closeHold(db, 'h1', 'a', now, '  ')).rejects.toThrow(/why/);
    const later = new Date('2026-11-25T10:00:00Z');
    const closed = await closeHold(db, 'h1', 'Jane', later, 'Response sent');
    expect(closed.closedAt).toBe(later.toISOString());
    await closeHold(db, 'h1', 'Jane', new Date('2026-11-26T10:00:00Z'), 'again');
    expect((await db.holds.get('h1'))?.closedAt).toBe(later.toISOString());
    const types = (await db.events.orderBy('seq').toArray()).map((e) => e.type);
    expect(types).toEqual(['hold.opened', 'hold.opened', 'hold.closed']);
    expect((await listOpenHolds(db)).map((h) => h.id)).toEqual(['h2']);
    expect(await listHolds(db)).toHaveLength(2);
    await expect(closeHold(db, 'nope', 'a', now, 'r')).rejects.toThrow(/no longer/);
  });
});

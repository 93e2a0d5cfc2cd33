import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CouncilDb } from '../../../utils/db/database';
import { noteSettingsChanged } from '../../../utils/db/settings-repo';

let db: CouncilDb;
let n = 0;
beforeEach(() => {
  db = new CouncilDb(`settings-audit-${n++}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('settings audit', () => {
  it('logs which settings changed and the policy now in force, not the values', async () => {
    const now = new Date('2026-11-22T10:00:00Z');
    await noteSettingsChanged(db, [], { id: 'wherstead-pc', version: '1.0.0' }, 'Jane', now);
    expect(await db.events.count()).toBe(0);
    await noteSettingsChanged(
      db,
      ['policyId', 'userName'],
      { id: 'wherstead-pc', version: '1.0.0' },
      'Jane Smith (Clerk)',
      now,
    );
    const [event] = await db.events.toArray();
    expect(event).toMatchObject({
      type: 'settings.changed',
      actor: 'Jane Smith (Clerk)',
      subject: 'settings',
      details: {
        changed: ['policyId', 'userName'],
        policyId: 'wherstead-pc',
        policyVersion: '1.0.0',
      },
    });
  });
});

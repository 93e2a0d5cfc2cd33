import type { CouncilDb } from '../../../utils/db/database';
import { captureRecord } from '../../../utils/db/records-repo';
import type { CouncilRecord } from '../../../utils/types';

const actor = 'Jane Smith (Clerk)';

/** Captures one message as a record with a fixed id and capture time. */
export async function capture(
  db: CouncilDb,
  id: string,
  text: string,
  at: string,
): Promise<CouncilRecord> {
  const res = await captureRecord(
    db,
    {
      chat: { title: 'Planning group', isGroup: true },
      message: {
        id: `M-${id}`,
        direction: 'in',
        sender: 'Alice Brown',
        sentAt: '2026-11-22T10:00',
        text,
        forwarded: false,
        edited: false,
        deleted: false,
      },
      categories: ['planning'],
      note: '',
      method: 'side-panel',
    },
    {
      now: new Date(at),
      capturedBy: actor,
      policyId: 'barrowby-pc',
      policyVersion: '1',
      newId: () => id,
    },
  );
  if (res.status !== 'captured') throw new Error(JSON.stringify(res));
  return res.record;
}

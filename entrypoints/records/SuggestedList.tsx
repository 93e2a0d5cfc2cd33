import { useLiveQuery } from '../../components/use-live-query';
import { getDb } from '../../utils/db/database';
import { formatInstant, formatWallTime } from '../../utils/format';

/**
 * Messages the advice said are records that nobody has captured yet (nor dismissed): they are
 * still on the user's phone only, so the list says where to find them.
 */
export function SuggestedList({ chatKey }: { chatKey?: string }) {
  const rows = useLiveQuery(async () => {
    const db = getDb();
    const suggested = chatKey
      ? await db.suggested.where('chatKey').equals(chatKey).toArray()
      : await db.suggested.toArray();
    const chats = new Map((await db.chats.toArray()).map((c) => [c.chatKey, c.title]));
    const out = [];
    for (const s of suggested) {
      const key: [string, string] = [s.chatKey, s.messageId];
      const [captured, dismissed] = await Promise.all([
        db.records.where('[chatKey+messageId]').equals(key).count(),
        db.dismissals.get(key),
      ]);
      if (!captured && !dismissed) out.push({ ...s, title: chats.get(s.chatKey) ?? s.chatKey });
    }
    return out.sort((a, b) => (a.seenAt < b.seenAt ? 1 : -1));
  }, [chatKey]);
  if (!rows) return <p role="status">Looking for suggested records…</p>;
  return (
    <>
      <p role="status">
        {rows.length === 0
          ? 'Every suggested record has been captured or dismissed.'
          : `${rows.length} suggested record${rows.length === 1 ? '' : 's'} not captured yet. Open the chat in WhatsApp Web to capture them.`}
      </p>
      {rows.length > 0 && (
        <table class="plain">
          <thead>
            <tr>
              <th scope="col">Chat</th>
              <th scope="col">Sent</th>
              <th scope="col">First suggested</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.chatKey}|${r.messageId}`}>
                <td>
                  <bdi>{r.title}</bdi>
                </td>
                <td>{formatWallTime(r.sentAt)}</td>
                <td>{formatInstant(r.seenAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

import { useState } from 'preact/hooks';
import { getDb } from '../../../utils/db/database';
import { setChatKind } from '../../../utils/db/chats-repo';
import { useLiveQuery } from '../../../components/use-live-query';
import { capturedByOf, nowFrom } from '../../../utils/settings';
import { formatInstant } from '../../../utils/format';
import type { ChatKind } from '../../../utils/types';
import type { SectionProps } from './shared';

const KINDS: { kind: ChatKind; label: string }[] = [
  { kind: 'unclassified', label: 'Not yet decided' },
  { kind: 'council-group', label: 'Council group' },
  { kind: 'council-one-to-one', label: 'Council one-to-one' },
  { kind: 'personal', label: 'Personal (excluded)' },
];

/** The chats seen so far, each marked council group / council one-to-one / personal. */
export function ChatsSection({ eff }: Pick<SectionProps, 'eff'>) {
  const chats = useLiveQuery(() => getDb().chats.orderBy('lastSeenAt').reverse().toArray(), []);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | undefined>();
  const change = async (chatKey: string, title: string, kind: ChatKind) => {
    try {
      await setChatKind(getDb(), chatKey, kind, capturedByOf(eff.settings), nowFrom(eff.settings));
      const label = KINDS.find((k) => k.kind === kind)?.label ?? kind;
      setStatus({ ok: true, text: `“${title}” is now marked: ${label}.` });
    } catch (err) {
      setStatus({
        ok: false,
        text: `Not changed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  };
  return (
    <section aria-labelledby="chats-heading" class="section">
      <h2 id="chats-heading">Chats</h2>
      <p class="muted">
        Mark each chat you have opened in WhatsApp Web. Personal chats are outside the policy:
        nothing in them is suggested or reminded about. Changes are saved at once and logged.
      </p>
      {chats === undefined ? (
        <p>Loading chats…</p>
      ) : chats.length === 0 ? (
        <p>No chats seen yet. Open a chat in WhatsApp Web and it will appear here.</p>
      ) : (
        <table class="chats">
          <caption class="visually-hidden">Chats seen so far and how each is marked</caption>
          <thead>
            <tr>
              <th scope="col">Chat</th>
              <th scope="col">Type</th>
              <th scope="col">Last seen</th>
              <th scope="col">Marked as</th>
            </tr>
          </thead>
          <tbody>
            {chats.map((c) => (
              <tr key={c.chatKey}>
                <th scope="row">
                  <bdi>{c.title}</bdi>
                </th>
                <td>{c.isGroup ? 'Group' : 'One-to-one'}</td>
                <td>{formatInstant(c.lastSeenAt)}</td>
                <td>
                  <select
                    aria-label={`Mark chat ${c.title}`}
                    value={c.kind}
                    onChange={(e) =>
                      void change(c.chatKey, c.title, e.currentTarget.value as ChatKind)
                    }
                  >
                    {KINDS.map((k) => (
                      <option key={k.kind} value={k.kind}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p role="status" class={status?.ok === false ? 'bad' : 'ok'}>
        {status?.text}
      </p>
    </section>
  );
}

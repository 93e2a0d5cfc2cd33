import type { ChatEntry } from '../utils/types';

/** A labelled chat picker, "All chats" (value '') first: records and requests filter by it. */
export function ChatSelect({
  chats,
  value,
  onChange,
}: {
  chats: readonly Pick<ChatEntry, 'chatKey' | 'title'>[] | undefined;
  value: string;
  onChange: (chatKey: string) => void;
}) {
  return (
    <label>
      Chat
      <select value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">All chats</option>
        {chats?.map((c) => (
          <option key={c.chatKey} value={c.chatKey}>
            {c.title}
          </option>
        ))}
      </select>
    </label>
  );
}

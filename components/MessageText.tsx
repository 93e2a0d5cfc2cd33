/**
 * Message text is hostile input: rendered only as a text node, isolated from the surrounding
 * layout (<bdi> stops RTL overrides leaking), with long texts folded until asked for.
 */
import { useState } from 'preact/hooks';

const PREVIEW = 600;

export function MessageText({ text, full = false }: { text: string; full?: boolean }) {
  const [expanded, setExpanded] = useState(full);
  if (!text) return <span class="muted">(no text)</span>;
  const long = text.length > PREVIEW;
  const shown = expanded || !long ? text : `${text.slice(0, PREVIEW)}…`;
  return (
    <span class="message-text">
      <bdi dir="auto">{shown}</bdi>
      {long && !full && (
        <button type="button" class="link" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : `Show all ${text.length.toLocaleString('en-GB')} characters`}
        </button>
      )}
    </span>
  );
}

/**
 * `transcript.html`: a self-contained, printable, accessible transcript of records.
 *
 * - No script at all, and a Content-Security-Policy that forbids any (`default-src 'none'`):
 *   even a mistake in escaping could not run code or fetch anything.
 * - Every piece of text goes through `escapeHtml`; message text is wrapped in `<bdi>` (so a
 *   right-to-left message cannot reorder the table around it) and every hidden control
 *   character (bidi overrides such as U+202E, zero-width spaces…) is shown as `[U+202E]`
 *   instead of being applied. `records.json` keeps the exact text.
 * - `lang="en-GB"`, headings per chat, a table with a caption and column headers; print styles.
 */
import type { CouncilRecord } from '../types';
import { messageFlags } from './note';
import {
  escapeHtml,
  flattenLines,
  formatUkDateTime,
  formatWallTime,
  oneLine,
  revealControlsHtml,
} from './text';

export const TRANSCRIPT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface TranscriptInput {
  records: readonly CouncilRecord[];
  policy: { id: string; version: string; council: string };
  createdBy: string;
  createdAt: Date;
  chainHead?: { seq: number; hash: string };
  /** Screenshot files in the same bundle, linked (not embedded) from their record's row. */
  screenshots?: readonly { recordId: string; path: string }[];
}

const STYLE = `
body{font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#0b0c0c;margin:24px;max-width:1200px}
h1{font-size:1.6em;margin:0 0 .5em}
h2{font-size:1.25em;margin:1.5em 0 .5em;border-bottom:2px solid #0b0c0c;padding-bottom:.2em}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em;margin:0 0 1em}
dl.meta dt{font-weight:bold}
dl.meta dd{margin:0}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border:1px solid #b1b4b6;padding:6px 8px;vertical-align:top;text-align:left}
thead th{background:#f3f2f1}
.when{white-space:nowrap}
.msg{white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word}
.ctl{font-family:monospace;font-size:.85em;color:#942514;border:1px solid #942514;border-radius:2px;padding:0 2px;white-space:nowrap}
.small{font-size:.85em;color:#505a5f}
.hash{font-family:monospace;font-size:.8em;overflow-wrap:anywhere}
.quote{border-left:4px solid #b1b4b6;padding-left:8px;margin:0 0 6px;white-space:pre-wrap;overflow-wrap:anywhere}
a{color:#1d70b8}
@media print{body{margin:0;font-size:11pt}thead{display:table-header-group}a{color:inherit}}
@page{margin:15mm}
`.trim();

/** Records grouped by chat (first appearance order), each group in sent order. */
function groupByChat(records: readonly CouncilRecord[]): CouncilRecord[][] {
  const groups = new Map<string, CouncilRecord[]>();
  for (const r of records) {
    const list = groups.get(r.chatKey);
    if (list) list.push(r);
    else groups.set(r.chatKey, [r]);
  }
  const key = (r: CouncilRecord): string => r.message.sentAt ?? r.capturedAt;
  return [...groups.values()].map((list) =>
    list
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (key(a.r) < key(b.r) ? -1 : key(a.r) > key(b.r) ? 1 : a.i - b.i))
      .map((x) => x.r),
  );
}

function messageCell(r: CouncilRecord, shots: readonly string[]): string {
  const m = r.message;
  const parts: string[] = [];
  if (m.quoted) {
    const who = m.quoted.sender
      ? `<bdi>${revealControlsHtml(flattenLines(m.quoted.sender))}</bdi>: `
      : '';
    parts.push(
      `<blockquote class="quote">${who}<bdi>${revealControlsHtml(m.quoted.text)}</bdi></blockquote>`,
    );
  }
  const text = revealControlsHtml(m.text);
  parts.push(`<div class="msg"><bdi>${text || '<span class="small">(no text)</span>'}</bdi></div>`);
  const flags = messageFlags(r);
  if (flags.length) parts.push(`<div class="small">${escapeHtml(flags.join(', '))}</div>`);
  if (r.categories.length) {
    parts.push(
      `<div class="small">Categories: ${escapeHtml(r.categories.map(oneLine).join(', '))}</div>`,
    );
  }
  if (r.note.trim()) {
    parts.push(
      `<div class="small">Note: <span class="msg"><bdi>${revealControlsHtml(r.note)}</bdi></span></div>`,
    );
  }
  for (const path of shots) {
    parts.push(
      `<div class="small"><a href="${escapeHtml(path)}">Screenshot: ${escapeHtml(path)}</a></div>`,
    );
  }
  return parts.join('');
}

function recordRow(r: CouncilRecord, shots: readonly string[]): string {
  const m = r.message;
  const sender = revealControlsHtml(flattenLines(m.sender)) || 'Unknown sender';
  const phone = m.senderPhone
    ? `<div class="small">${escapeHtml(oneLine(m.senderPhone))}</div>`
    : '';
  const dir = m.direction === 'out' ? '<div class="small">sent by the councillor</div>' : '';
  return (
    '<tr>' +
    `<td class="when">${escapeHtml(formatWallTime(m.sentAt) ?? 'not shown')}</td>` +
    `<td><bdi>${sender}</bdi>${phone}${dir}</td>` +
    `<td>${messageCell(r, shots)}</td>` +
    `<td class="small">Captured by ${escapeHtml(oneLine(r.capturedBy))}<br>` +
    `${escapeHtml(formatUkDateTime(r.capturedAt))}<br>` +
    `ID <span class="hash">${escapeHtml(oneLine(r.id))}</span><br>` +
    `SHA-256 <span class="hash">${escapeHtml(oneLine(r.sha256))}</span></td>` +
    '</tr>'
  );
}

/** The transcript as one HTML document (string). */
export function renderTranscript(input: TranscriptInput): string {
  const shotsByRecord = new Map<string, string[]>();
  for (const s of input.screenshots ?? []) {
    const list = shotsByRecord.get(s.recordId) ?? [];
    list.push(s.path);
    shotsByRecord.set(s.recordId, list);
  }
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${TRANSCRIPT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Council records: transcript (${escapeHtml(oneLine(input.policy.council))})</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>Council records: transcript</h1>',
    '<dl class="meta">',
    `<dt>Council</dt><dd>${escapeHtml(oneLine(input.policy.council))}</dd>`,
    `<dt>Policy</dt><dd>${escapeHtml(`${oneLine(input.policy.id)} version ${oneLine(input.policy.version)}`)}</dd>`,
    `<dt>Prepared by</dt><dd>${escapeHtml(oneLine(input.createdBy))}</dd>`,
    `<dt>Prepared</dt><dd>${escapeHtml(formatUkDateTime(input.createdAt))} (UK time)</dd>`,
    `<dt>Records</dt><dd>${input.records.length}</dd>`,
  ];
  if (input.chainHead) {
    out.push(
      `<dt>Audit log head</dt><dd>event ${input.chainHead.seq}, ` +
        `<span class="hash">${escapeHtml(oneLine(input.chainHead.hash))}</span></dd>`,
    );
  }
  out.push(
    '</dl>',
    '<p class="small">Times in the Sent column are as WhatsApp showed them on the councillor’s ' +
      'device. Hidden formatting characters (for example U+202E, which reverses text) are shown ' +
      'as <span class="ctl">[U+202E]</span> and not applied; records.json keeps the exact text. ' +
      'README.txt explains how to check that nothing in this bundle has been changed.</p>',
    '</header>',
    '<main>',
  );
  const groups = groupByChat(input.records);
  if (groups.length === 0) out.push('<p>This bundle holds no records.</p>');
  groups.forEach((list, gi) => {
    const first = list[0];
    if (!first) return;
    const title = revealControlsHtml(flattenLines(first.chat.title)) || 'Untitled chat';
    const n = list.length;
    out.push(
      `<section aria-labelledby="chat-${gi + 1}">`,
      `<h2 id="chat-${gi + 1}"><bdi>${title}</bdi>${first.chat.isGroup ? ' (group)' : ''}</h2>`,
      '<table>',
      `<caption>${n === 1 ? '1 record' : `${n} records`}, in the order sent</caption>`,
      '<thead><tr><th scope="col">Sent</th><th scope="col">Sender</th>' +
        '<th scope="col">Message</th><th scope="col">Record</th></tr></thead>',
      '<tbody>',
    );
    for (const r of list) out.push(recordRow(r, shotsByRecord.get(r.id) ?? []));
    out.push('</tbody>', '</table>', '</section>');
  });
  out.push('</main>', '</body>', '</html>', '');
  return out.join('\n');
}

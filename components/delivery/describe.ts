/**
 * Where a record went, in plain en-GB words (pure: tested in Node). Dates dd/mm/yyyy HH:mm,
 * UK time. Everything returned is plain text; the UI renders it as text.
 */
import type { Delivery } from '../../utils/db/database';
import type { OutboxEntry } from '../../utils/delivery/outbox';
import { hostOf } from '../../utils/db/outbox-repo';
import { formatInstant } from '../../utils/format';

export function describeDelivery(d: Delivery): string {
  const on = formatInstant(d.at);
  switch (d.kind) {
    case 'email-draft':
      return `Emailed to ${d.target} on ${on} (draft${d.detail ? `: ${d.detail}` : ''})`;
    case 'mailto':
      return `Opened in your email app to ${d.target} on ${on}`;
    case 'bundle':
      return `In bundle ${d.target}, made on ${on}`;
    case 'webhook':
      return `Delivered to ${d.target} on ${on}${d.detail ? ` (${d.detail})` : ''}`;
    case 'clipboard-note':
      return `Formal note copied on ${on}`;
    case 'screenshot':
      return `Screenshot kept on ${on}${d.detail ? ` (${d.detail.split(',')[0]})` : ''}`;
  }
}

export type OutboxView =
  | { tone: 'waiting'; text: string }
  | { tone: 'failed'; text: string }
  | { tone: 'done'; text: string };

/** A webhook entry not yet delivered (delivered ones show as their Delivery). */
export function describeOutbox(e: OutboxEntry): OutboxView | undefined {
  const host = hostOf(e.url);
  switch (e.state) {
    case 'delivered':
      return undefined;
    case 'failed':
      return { tone: 'failed', text: `Not delivered to ${host}. ${e.lastError ?? ''}`.trim() };
    case 'delivering':
      return { tone: 'waiting', text: `Sending to ${host} now…` };
    case 'pending': {
      if (e.attempts === 0) return { tone: 'waiting', text: `Waiting to send to ${host}.` };
      const next = e.nextTryAt ? ` Next try ${formatInstant(e.nextTryAt)}.` : '';
      return {
        tone: 'waiting',
        text: `Waiting to send to ${host}: ${e.attempts} attempt${e.attempts === 1 ? '' : 's'} so far. ${e.lastError ?? ''}${next}`,
      };
    }
  }
}

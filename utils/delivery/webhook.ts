/**
 * Webhook delivery, pure parts: the versioned payload and its JSON Schema, request signing,
 * URL validation. The outbox state machine is in `./outbox`.
 *
 * ## Wire format (v1)
 *
 *     POST <council's webhook URL>
 *     Content-Type: application/json
 *     Idempotency-Key: <record id>                    same for every retry of one record
 *     X-Council-Capture-Timestamp: <Unix seconds>
 *     X-Council-Capture-Signature: sha256=<hex>
 *
 *     { "schema": "council-capture.record/v1", ... }  (see `webhookPayloadSchema`)
 *
 * The signature is HMAC-SHA256, keyed with the shared secret (UTF-8), over the UTF-8 bytes of
 * `timestamp + "." + body`, where body is the exact request body. A receiver recomputes it,
 * compares in constant time, and refuses timestamps more than five minutes from its clock (this
 * stops replays); it then uses Idempotency-Key to store each record once.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { CouncilRecord } from '../types';
import { formatNote } from './note';
import { recordCanonicalSha256 } from './records';
import { formatUkDateTime, formatWallTime, oneLine, utf8 } from './text';

export const WEBHOOK_SCHEMA = 'council-capture.record/v1';
export const SIGNATURE_HEADER = 'X-Council-Capture-Signature';
export const TIMESTAMP_HEADER = 'X-Council-Capture-Timestamp';
/** How far a receiver should accept a timestamp from its own clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface WebhookMeta {
  /** The council's name, from the policy. */
  council: string;
  /** The councillor (name and role from settings) who delivered it. */
  deliveredBy: string;
  /** The extension's version (manifest version). */
  extensionVersion: string;
}

export interface WebhookPayload {
  schema: typeof WEBHOOK_SCHEMA;
  recordId: string;
  /** The record's own SHA-256 of its evidence fields (as captured). */
  recordSha256: string;
  /** SHA-256 of the RFC 8785 canonical JSON of `record` below. */
  canonicalSha256: string;
  council: string;
  deliveredBy: string;
  source: { product: 'Council Capture'; version: string };
  /** Ready-made fields for simple flows (e.g. a SharePoint list item). */
  summary: {
    chat: string;
    sender: string;
    /** `dd/mm/yyyy HH:mm` as WhatsApp showed it, or null when not shown. */
    sent: string | null;
    /** `dd/mm/yyyy HH:mm`, UK time. */
    captured: string;
    categories: string[];
    /** The formal note (plain text, hidden controls shown as [U+XXXX]). */
    note: string;
  };
  /** The record exactly as stored. */
  record: CouncilRecord;
}

export function buildWebhookPayload(record: CouncilRecord, meta: WebhookMeta): WebhookPayload {
  return {
    schema: WEBHOOK_SCHEMA,
    recordId: record.id,
    recordSha256: record.sha256,
    canonicalSha256: recordCanonicalSha256(record),
    council: meta.council,
    deliveredBy: meta.deliveredBy,
    source: { product: 'Council Capture', version: meta.extensionVersion },
    summary: {
      chat: oneLine(record.chat.title),
      sender: oneLine(record.message.sender),
      sent: formatWallTime(record.message.sentAt) ?? null,
      captured: formatUkDateTime(record.capturedAt),
      categories: [...record.categories],
      note: formatNote(record),
    },
    record,
  };
}

const hex64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const str = { type: 'string' } as const;

/** JSON Schema (draft-07, widely supported by Power Automate, Logic Apps, Ajv…) for v1. */
export const webhookPayloadSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:council-capture:schema:record:v1',
  title: 'Council Capture record delivery (v1)',
  description:
    'One council record captured from WhatsApp Web, sent by the Council Capture browser ' +
    'extension to a council webhook. Signed with HMAC-SHA256 over "<timestamp>.<body>" ' +
    '(headers X-Council-Capture-Timestamp and X-Council-Capture-Signature: sha256=<hex>). ' +
    'Idempotency-Key is the record id. New optional fields may be added within v1; a ' +
    'breaking change gets a new schema value.',
  type: 'object',
  required: [
    'schema',
    'recordId',
    'recordSha256',
    'canonicalSha256',
    'council',
    'deliveredBy',
    'source',
    'summary',
    'record',
  ],
  additionalProperties: false,
  properties: {
    schema: { const: WEBHOOK_SCHEMA },
    recordId: { ...str, description: 'Same as record.id and the Idempotency-Key header.' },
    recordSha256: { ...hex64, description: 'SHA-256 of the evidence fields, as captured.' },
    canonicalSha256: {
      ...hex64,
      description: 'SHA-256 of the RFC 8785 canonical JSON of `record`.',
    },
    council: str,
    deliveredBy: str,
    source: {
      type: 'object',
      required: ['product', 'version'],
      properties: { product: { const: 'Council Capture' }, version: str },
    },
    summary: {
      type: 'object',
      required: ['chat', 'sender', 'sent', 'captured', 'categories', 'note'],
      properties: {
        chat: str,
        sender: str,
        sent: {
          type: ['string', 'null'],
          pattern: '^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}$',
          description: 'dd/mm/yyyy HH:mm as WhatsApp showed it; null if not shown.',
        },
        captured: {
          type: 'string',
          pattern: '^\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}$',
          description: 'dd/mm/yyyy HH:mm, UK time.',
        },
        categories: { type: 'array', items: str },
        note: { ...str, description: 'Minute-ready plain text of the record.' },
      },
    },
    record: {
      type: 'object',
      description: 'The record exactly as stored by the extension.',
      required: [
        'id',
        'chatKey',
        'messageId',
        'chat',
        'message',
        'categories',
        'note',
        'capturedAt',
        'capturedBy',
        'method',
        'policyId',
        'policyVersion',
        'sha256',
      ],
      properties: {
        id: str,
        chatKey: str,
        messageId: str,
        chat: {
          type: 'object',
          required: ['title', 'isGroup'],
          properties: { title: str, isGroup: { type: 'boolean' }, jid: str },
        },
        message: {
          type: 'object',
          required: ['id', 'direction', 'sender', 'text', 'forwarded', 'edited', 'deleted'],
          properties: {
            id: str,
            chatJid: str,
            direction: { enum: ['in', 'out'] },
            sender: str,
            senderPhone: str,
            sentAt: {
              ...str,
              description: "Local wall time 'YYYY-MM-DDTHH:mm' (no zone) as WhatsApp showed it.",
            },
            text: str,
            media: { enum: ['image', 'video', 'audio', 'document', 'sticker', 'gif'] },
            quoted: {
              type: 'object',
              required: ['text'],
              properties: { sender: str, text: str },
            },
            forwarded: { type: 'boolean' },
            edited: { type: 'boolean' },
            deleted: { type: 'boolean' },
          },
        },
        categories: { type: 'array', items: str },
        note: str,
        capturedAt: { ...str, format: 'date-time' },
        capturedBy: str,
        method: { enum: ['web-button', 'side-panel', 'import'] },
        policyId: str,
        policyVersion: str,
        retainUntil: str,
        sha256: hex64,
        sourceFileSha256: hex64,
      },
    },
  },
} as const;

/** HMAC-SHA256 (hex) of `timestamp + "." + body`, keyed with the secret (all UTF-8). */
export function signPayload(secret: string, body: string, timestamp: string): string {
  return bytesToHex(hmac(sha256, utf8(secret), utf8(`${timestamp}.${body}`)));
}

export interface WebhookHeaders {
  'Content-Type': 'application/json';
  'Idempotency-Key': string;
  'X-Council-Capture-Timestamp': string;
  'X-Council-Capture-Signature': string;
  [name: string]: string;
}

/** The request headers for one delivery (timestamp in Unix seconds from `now`). */
export function webhookHeaders(
  recordId: string,
  body: string,
  secret: string,
  now: Date,
): WebhookHeaders {
  if (!/^[\x21-\x7e]{1,200}$/.test(recordId)) {
    throw new RangeError('A record id must be printable ASCII to be used as an Idempotency-Key.');
  }
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    'Content-Type': 'application/json',
    'Idempotency-Key': recordId,
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `sha256=${signPayload(secret, body, timestamp)}`,
  } as WebhookHeaders;
}

/**
 * What a receiver does (here for tests and as a reference): recompute, compare in constant
 * time, and refuse a timestamp more than `toleranceSeconds` from `now`.
 */
export function verifySignature(
  secret: string,
  body: string,
  timestamp: string,
  signatureHeader: string,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = `sha256=${signPayload(secret, body, timestamp)}`;
  if (signatureHeader.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++)
    diff |= expected.charCodeAt(i) ^ signatureHeader.charCodeAt(i);
  return diff === 0;
}

export type WebhookUrlCheck = { ok: true; origin: string } | { ok: false; error: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * HTTPS only; plain http only to this computer (localhost, 127.0.0.1, [::1]) for testing.
 * The origin is what the extension asks the browser permission for.
 */
export function validateWebhookUrl(url: string): WebhookUrlCheck {
  const text = url.trim();
  if (!text) return { ok: false, error: 'Enter the webhook address.' };
  if (text.length > 2048)
    return { ok: false, error: 'The address is too long (2,048 characters at most).' };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, error: 'This is not a web address. It should start with https://' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { ok: false, error: 'The address must start with https://' };
  }
  if (u.protocol === 'http:' && !LOCAL_HOSTS.has(u.hostname)) {
    return {
      ok: false,
      error:
        'The address must use https:// so records are encrypted on their way. Plain http:// is ' +
        'allowed only for testing on this computer (localhost or 127.0.0.1).',
    };
  }
  if (!u.hostname) return { ok: false, error: 'The address has no server name.' };
  if (u.username || u.password) {
    return {
      ok: false,
      error:
        'Do not put a user name or password in the address: the signing secret is used instead.',
    };
  }
  return { ok: true, origin: u.origin };
}

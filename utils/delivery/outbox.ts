/**
 * Webhook outbox: a pure state machine. The background worker owns the I/O (fetch, Dexie,
 * alarms); every decision about what happens after an attempt is made here.
 *
 *   pending ──(worker picks it up)──▶ delivering ──2xx──▶ delivered
 *      ▲                                   │
 *      └──5xx / 408 / 429 / timeout / network error, with backoff (until 8 attempts)
 *                                          │
 *                      4xx, 3xx, or 8 attempts used ──▶ failed ──retryNow()──▶ pending
 *
 * Backoff: "full jitter" — the wait before attempt n+1 is uniform in [0, min(1 h, 30 s × 2ⁿ⁻¹)),
 * so many extensions that failed together do not retry together. A server's Retry-After (for
 * 429/503) is honoured as a minimum, still capped at one hour.
 */

export type OutboxState = 'pending' | 'delivering' | 'delivered' | 'failed';

export interface OutboxEntry {
  id: string;
  recordId: string;
  /** The webhook URL (validated with `validateWebhookUrl`). */
  url: string;
  state: OutboxState;
  /** Attempts made since creation or since the user last pressed "Try again". */
  attempts: number;
  /** ISO instant of the next try while pending; absent means "as soon as possible". */
  nextTryAt?: string;
  /** Why the last attempt failed, as plain text (never render as HTML). */
  lastError?: string;
  /** HTTP status of the last attempt, if it got one. */
  lastStatus?: number;
  /** ISO instant. */
  deliveredAt?: string;
  /** ISO instant. */
  createdAt: string;
}

export type AttemptOutcome =
  | { kind: 'ok' }
  | {
      kind: 'http';
      status: number;
      body: string;
      /** Parsed Retry-After header in seconds, when the server sent one. */
      retryAfterSeconds?: number;
    }
  | { kind: 'timeout' }
  | { kind: 'network'; error: string };

export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 60 * 60_000;
export const RETRY_BUDGET = 8;
export const ERROR_TEXT_MAX = 500;

export function createOutboxEntry(init: {
  id: string;
  recordId: string;
  url: string;
  now: Date;
}): OutboxEntry {
  return {
    id: init.id,
    recordId: init.recordId,
    url: init.url,
    state: 'pending',
    attempts: 0,
    createdAt: init.now.toISOString(),
  };
}

/** The upper bound of the wait after `attempts` failed attempts (before jitter). */
export function backoffWindowMs(attempts: number): number {
  const exp = BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1);
  return Math.min(BACKOFF_CAP_MS, exp);
}

/** Full jitter: uniform in [0, window). `rand` returns [0, 1) like Math.random. */
export function backoffDelayMs(attempts: number, rand: () => number): number {
  const r = Math.min(Math.max(rand(), 0), 1 - Number.EPSILON);
  return Math.floor(r * backoffWindowMs(attempts));
}

/** A server's message as safe, short, one-paragraph plain text. */
export function serverMessage(body: string): string {
  const text = body
    .replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
  const cps = Array.from(text);
  return cps.length > ERROR_TEXT_MAX ? cps.slice(0, ERROR_TEXT_MAX - 1).join('') + '…' : text;
}

function httpError(status: number, body: string): string {
  const msg = serverMessage(body);
  return msg ? `The server answered ${status}: ${msg}` : `The server answered ${status}.`;
}

function describe(outcome: Exclude<AttemptOutcome, { kind: 'ok' }>): string {
  switch (outcome.kind) {
    case 'http':
      return httpError(outcome.status, outcome.body);
    case 'timeout':
      return 'The server did not answer in time.';
    case 'network':
      return `The server could not be reached (${serverMessage(outcome.error) || 'network error'}).`;
  }
}

function isRetryable(outcome: Exclude<AttemptOutcome, { kind: 'ok' }>): boolean {
  if (outcome.kind !== 'http') return true;
  const s = outcome.status;
  return s >= 500 || s === 408 || s === 429 || s < 100 || s > 599;
}

/** Marks an entry as being sent (call before fetch, store it, then call `nextAttempt`). */
export function markDelivering(entry: OutboxEntry): OutboxEntry {
  return entry.state === 'pending' ? { ...entry, state: 'delivering' } : entry;
}

/** True when a pending entry's next try is due. */
export function isDue(entry: OutboxEntry, now: Date): boolean {
  return (
    entry.state === 'pending' && (!entry.nextTryAt || Date.parse(entry.nextTryAt) <= now.getTime())
  );
}

/**
 * The entry after one delivery attempt. Delivered entries never change. `rand` is injected
 * (Math.random in production) so tests can pin the jitter.
 */
export function nextAttempt(
  entry: OutboxEntry,
  outcome: AttemptOutcome,
  now: Date,
  rand: () => number,
): OutboxEntry {
  if (entry.state === 'delivered') return entry;
  const attempts = entry.attempts + 1;
  const base: OutboxEntry = { ...entry, attempts };
  delete base.nextTryAt;

  if (
    outcome.kind === 'ok' ||
    (outcome.kind === 'http' && outcome.status >= 200 && outcome.status < 300)
  ) {
    const done: OutboxEntry = { ...base, state: 'delivered', deliveredAt: now.toISOString() };
    delete done.lastError;
    if (outcome.kind === 'http') done.lastStatus = outcome.status;
    else delete done.lastStatus;
    return done;
  }

  const lastError = describe(outcome);
  const withError: OutboxEntry = { ...base, lastError };
  if (outcome.kind === 'http') withError.lastStatus = outcome.status;
  else delete withError.lastStatus;

  if (!isRetryable(outcome)) {
    const hint =
      outcome.kind === 'http' && outcome.status >= 300 && outcome.status < 400
        ? ' The address redirects: use the final address of the webhook.'
        : '';
    return { ...withError, state: 'failed', lastError: lastError + hint };
  }
  if (attempts >= RETRY_BUDGET) {
    return {
      ...withError,
      state: 'failed',
      lastError: `Gave up after ${attempts} attempts. ${lastError}`,
    };
  }
  let delay = backoffDelayMs(attempts, rand);
  if (
    outcome.kind === 'http' &&
    outcome.retryAfterSeconds !== undefined &&
    outcome.retryAfterSeconds > 0
  ) {
    delay = Math.min(BACKOFF_CAP_MS, Math.max(delay, Math.ceil(outcome.retryAfterSeconds * 1000)));
  }
  return {
    ...withError,
    state: 'pending',
    nextTryAt: new Date(now.getTime() + delay).toISOString(),
  };
}

/**
 * The user's "Try again": a failed (or waiting) entry goes back to pending, due now, with a
 * fresh retry budget. The last error stays visible until the next attempt. Delivered entries
 * are returned unchanged.
 */
export function retryNow(entry: OutboxEntry): OutboxEntry {
  if (entry.state === 'delivered') return entry;
  const next: OutboxEntry = { ...entry, state: 'pending', attempts: 0 };
  delete next.nextTryAt;
  return next;
}

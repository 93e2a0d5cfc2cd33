/**
 * The webhook outbox at the edge: sends queued records, one at a time in capture order, and
 * wakes itself with a named alarm for the next retry. Every decision (retry, wait how long, stop)
 * is the pure state machine's (utils/delivery/outbox.ts); every state is in Dexie, so a killed
 * worker or a restarted browser picks up exactly where it stopped.
 */
import { browser } from 'wxt/browser';
import { getDb, type CouncilDb } from '../../utils/db/database';
import {
  enqueueWebhook,
  finishAttempt,
  headOfQueue,
  hostOf,
  recoverInterrupted,
  retryEntry,
  startAttempt,
} from '../../utils/db/outbox-repo';
import {
  isDue,
  nextAttempt,
  type AttemptOutcome,
  type OutboxEntry,
} from '../../utils/delivery/outbox';
import {
  buildWebhookPayload,
  validateWebhookUrl,
  webhookHeaders,
} from '../../utils/delivery/webhook';
import { loadEffectiveSettings } from '../../utils/effective-settings-store';
import { onMessage } from '../../utils/messaging';
import { capturedByOf } from '../../utils/settings';
import { webhookPermissionPattern } from '../../utils/webhook-permission';

/** The one alarm that wakes the worker for the next try. */
export const OUTBOX_ALARM = 'outbox:send';
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Chrome fires alarms no sooner than 30 s in packed extensions; shorter waits also get a timer. */
const ALARM_FLOOR_MS = 30_000;
/** Enough of a server's answer to show its message; the rest is not read. */
const MAX_RESPONSE_CHARS = 4_000;

export interface OutboxDeps {
  db: CouncilDb;
  fetch: typeof fetch;
  now: () => Date;
  rand: () => number;
}

const defaultDeps = (): OutboxDeps => ({
  db: getDb(),
  fetch: (input, init) => fetch(input, init),
  now: () => new Date(),
  rand: Math.random,
});

export function registerOutbox(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === OUTBOX_ALARM) void processOutbox();
  });
  onMessage('deliverWebhook', async ({ data }) => {
    const { settings } = await loadEffectiveSettings();
    const check = validateWebhookUrl(settings.webhook?.url ?? '');
    if (!settings.webhook || !check.ok) {
      return { queued: 0, problem: 'Set up the webhook address in Settings first.' } as const;
    }
    if (!settings.webhook.secret) {
      return { queued: 0, problem: 'Set the webhook’s shared secret in Settings first.' } as const;
    }
    const entries = await enqueueWebhook(
      getDb(),
      data.recordIds,
      settings.webhook.url.trim(),
      new Date(),
    );
    void processOutbox();
    return { queued: entries.length };
  });
  onMessage('retryDelivery', async ({ data }) => {
    await retryEntry(getDb(), data.outboxId);
    void processOutbox();
  });
  // Every wake (start-up, install, alarm, message): pick up what a previous worker left.
  void processOutbox();
}

let chain: Promise<void> = Promise.resolve();
let recovered = false;
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Sends what is due, one at a time; calls queue behind each other so no entry is ever sent by
 * two runs at once. Resolves when nothing more is due now (the alarm is set for what is not).
 */
export function processOutbox(deps: Partial<OutboxDeps> = {}): Promise<void> {
  const d = { ...defaultDeps(), ...deps };
  const run = () => drain(d);
  chain = chain.then(run, run).catch((err: unknown) => {
    console.error('Council Capture: the outbox could not be processed', err);
  });
  return chain;
}

/** Test hook: forget that recovery ran (a new worker instance). */
export function resetOutboxForTests(): void {
  recovered = false;
  chain = Promise.resolve();
  if (timer) clearTimeout(timer);
  timer = undefined;
}

async function drain(d: OutboxDeps): Promise<void> {
  if (!recovered) {
    // Only the first run of a worker: nothing of this worker is in flight yet.
    await recoverInterrupted(d.db);
    recovered = true;
  }
  for (;;) {
    const head = await headOfQueue(d.db);
    if (!head) {
      await browser.alarms.clear(OUTBOX_ALARM);
      return;
    }
    if (!isDue(head, d.now())) {
      await schedule(head, d);
      return;
    }
    await attempt(head, d);
  }
}

async function schedule(entry: OutboxEntry, d: OutboxDeps): Promise<void> {
  const when = Math.max(Date.parse(entry.nextTryAt ?? '') || 0, d.now().getTime());
  await browser.alarms.create(OUTBOX_ALARM, { when });
  // A short wait (tests, or a short Retry-After) should not wait for the alarm's floor.
  const delay = when - d.now().getTime();
  if (delay < ALARM_FLOOR_MS) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void processOutbox(), Math.max(0, delay) + 5);
  }
}

async function attempt(head: OutboxEntry, d: OutboxDeps): Promise<void> {
  const { settings, policy } = await loadEffectiveSettings();
  const actor = capturedByOf(settings);
  const started = await startAttempt(d.db, head.id);
  if (!started) return;

  const fail = (lastError: string) =>
    finishAttempt(
      d.db,
      { ...started, state: 'failed', attempts: started.attempts + 1, lastError },
      actor,
    );

  const record = await d.db.records.get(started.recordId);
  if (!record) return void (await fail('The record is no longer in the database.'));
  const secret = settings.webhook?.secret ?? '';
  if (!secret) {
    return void (await fail(
      'The webhook’s shared secret is not set: add it in Settings, then try again.',
    ));
  }
  if (!validateWebhookUrl(started.url).ok) {
    return void (await fail('The webhook address is not allowed (it must use https://).'));
  }

  const body = JSON.stringify(
    buildWebhookPayload(record, {
      council: policy.council,
      deliveredBy: actor,
      extensionVersion: extensionVersion(),
    }),
  );
  const headers = webhookHeaders(record.id, body, secret, d.now());
  const timeoutMs = settings.testWebhookTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  const outcome = await send(d.fetch, started.url, body, headers, timeoutMs);

  const now = d.now();
  let next = nextAttempt(started, outcome, now, d.rand);
  if (
    outcome.kind === 'network' &&
    next.state !== 'delivered' &&
    !(await hasPermission(started.url))
  ) {
    // Still retried (the server may allow us anyway, and the user can grant it meanwhile), but
    // the likely cause is said plainly.
    next = {
      ...next,
      lastError:
        `${next.lastError ?? ''} Council Capture may not have permission to contact ` +
        `${hostOf(started.url)}: open Settings, check the webhook address and save it to give ` +
        'permission.',
    };
  }
  const scale = settings.testBackoffScale;
  if (next.state === 'pending' && next.nextTryAt && scale !== undefined && scale >= 0) {
    const wait = (Date.parse(next.nextTryAt) - now.getTime()) * scale;
    next = { ...next, nextTryAt: new Date(now.getTime() + Math.round(wait)).toISOString() };
  }
  await finishAttempt(d.db, next, actor);
}

function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

async function hasPermission(url: string): Promise<boolean> {
  const pattern = webhookPermissionPattern(url);
  if (!pattern) return false;
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** One POST with a timeout; every way it can end becomes an AttemptOutcome. */
export async function send(
  fetchFn: typeof fetch,
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetchFn(url, {
      method: 'POST',
      headers,
      body,
      signal: controller.signal,
      // A redirect would resend the records somewhere the user never approved.
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    if (res.type === 'opaqueredirect') {
      return { kind: 'http', status: 307, body: '' };
    }
    const text = (await res.text().catch(() => '')).slice(0, MAX_RESPONSE_CHARS);
    const retryAfter = Number(res.headers.get('Retry-After'));
    return {
      kind: 'http',
      status: res.status,
      body: text,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    };
  } catch (err) {
    if (controller.signal.aborted) return { kind: 'timeout' };
    return { kind: 'network', error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timeout);
  }
}

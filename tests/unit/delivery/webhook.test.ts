import { createHmac } from 'node:crypto';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffWindowMs,
  createOutboxEntry,
  isDue,
  markDelivering,
  nextAttempt,
  RETRY_BUDGET,
  retryNow,
  type AttemptOutcome,
  type OutboxEntry,
} from '../../../utils/delivery/outbox';
import { recordCanonicalSha256 } from '../../../utils/delivery/records';
import {
  buildWebhookPayload,
  signPayload,
  validateWebhookUrl,
  verifySignature,
  webhookHeaders,
  webhookPayloadSchema,
  WEBHOOK_SCHEMA,
} from '../../../utils/delivery/webhook';
import { HOSTILE_TEXTS, hostileRecords, makeRecord } from './fixtures';

const meta = {
  council: 'Wherstead Parish Council',
  deliveredBy: 'Cllr Jane Smith (Chair)',
  extensionVersion: '0.1.0',
};

describe('webhook payload', () => {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const validate = ajv.compile(webhookPayloadSchema);

  it('is versioned, carries the record as stored and validates against its schema', () => {
    for (const record of hostileRecords()) {
      const payload = buildWebhookPayload(record, meta);
      expect(payload.schema).toBe(WEBHOOK_SCHEMA);
      expect(payload.record).toEqual(record);
      expect(payload.recordId).toBe(record.id);
      expect(payload.canonicalSha256).toBe(recordCanonicalSha256(record));
      // Through JSON, as a receiver sees it.
      const body = JSON.parse(JSON.stringify(payload));
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('the schema rejects what it should', () => {
    const payload = JSON.parse(JSON.stringify(buildWebhookPayload(makeRecord('x'), meta)));
    expect(validate({ ...payload, schema: 'council-capture.record/v2' })).toBe(false);
    expect(validate({ ...payload, surprise: 1 })).toBe(false);
    expect(validate({ ...payload, recordSha256: 'nope' })).toBe(false);
    const { record: _r, ...noRecord } = payload;
    expect(validate(noRecord)).toBe(false);
  });

  it('summarises for simple flows with the formal note', () => {
    const payload = buildWebhookPayload(makeRecord(HOSTILE_TEXTS.rlo), meta);
    expect(payload.summary.note).toContain('Invoice for [U+202E]gnp.exe');
    expect(payload.summary.sent).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    expect(payload.summary.captured).toBe('22/11/2026 10:15');
  });
});

describe('signing', () => {
  it('matches a known answer computed with Node crypto', () => {
    const secret = 'whsec_tést-🔑';
    const body = JSON.stringify(buildWebhookPayload(makeRecord(HOSTILE_TEXTS.emoji), meta));
    const ts = '1795430400';
    const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
      .update(Buffer.from(`${ts}.${body}`, 'utf8'))
      .digest('hex');
    expect(signPayload(secret, body, ts)).toBe(expected);
    // And a fixed vector, so a change of scheme cannot pass silently.
    expect(signPayload('secret', '{"a":1}', '1700000000')).toBe(
      createHmac('sha256', 'secret').update('1700000000.{"a":1}').digest('hex'),
    );
  });

  it('builds the header set', () => {
    const now = new Date('2026-11-22T22:30:00.900Z');
    const body = '{"schema":"council-capture.record/v1"}';
    const h = webhookHeaders('rec-1', body, 's3cret', now);
    expect(h).toEqual({
      'Content-Type': 'application/json',
      'Idempotency-Key': 'rec-1',
      'X-Council-Capture-Timestamp': '1795386600',
      'X-Council-Capture-Signature': `sha256=${createHmac('sha256', 's3cret').update(`1795386600.${body}`).digest('hex')}`,
    });
    expect(
      verifySignature(
        's3cret',
        body,
        h['X-Council-Capture-Timestamp'],
        h['X-Council-Capture-Signature'],
        now,
      ),
    ).toBe(true);
    expect(
      verifySignature(
        's3cret',
        body + ' ',
        h['X-Council-Capture-Timestamp'],
        h['X-Council-Capture-Signature'],
        now,
      ),
    ).toBe(false);
    const later = new Date(now.getTime() + 301_000);
    expect(
      verifySignature(
        's3cret',
        body,
        h['X-Council-Capture-Timestamp'],
        h['X-Council-Capture-Signature'],
        later,
      ),
    ).toBe(false);
    expect(() => webhookHeaders('rec\r\nX: y', body, 's', now)).toThrow(RangeError);
  });
});

describe('validateWebhookUrl', () => {
  it.each([
    ['https://council.example.gov.uk/hooks/records', 'https://council.example.gov.uk'],
    [
      'https://prod-12.uksouth.logic.azure.com:443/workflows/abc?sig=x',
      'https://prod-12.uksouth.logic.azure.com',
    ],
    ['https://example.org:8443/x', 'https://example.org:8443'],
    ['  https://example.org/x  ', 'https://example.org'],
    ['http://localhost:8787/hook', 'http://localhost:8787'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['http://[::1]:3000/', 'http://[::1]:3000'],
  ])('accepts %s', (url, origin) => {
    expect(validateWebhookUrl(url)).toEqual({ ok: true, origin });
  });

  it.each([
    ['', /Enter the webhook address/],
    ['council.gov.uk/hook', /not a web address/],
    ['http://council.gov.uk/hook', /must use https:\/\//],
    ['http://localhost.evil.com/hook', /must use https:\/\//],
    ['http://192.168.1.10/hook', /must use https:\/\//],
    ['ftp://council.gov.uk/x', /must start with https:\/\//],
    ['javascript:alert(1)', /must start with https:\/\//],
    ['file:///etc/passwd', /must start with https:\/\//],
    ['https://user:pass@council.gov.uk/x', /user name or password/],
    [`https://council.gov.uk/${'a'.repeat(2100)}`, /too long/],
  ])('refuses %s', (url, error) => {
    const r = validateWebhookUrl(url);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('outbox state machine', () => {
  const t0 = new Date('2026-11-22T12:00:00Z');
  const fresh = (): OutboxEntry =>
    createOutboxEntry({ id: 'o1', recordId: 'r1', url: 'https://x.example/h', now: t0 });
  const half = () => 0.5;

  it('delivers on 2xx', () => {
    for (const outcome of [
      { kind: 'ok' },
      { kind: 'http', status: 201, body: '' },
    ] as AttemptOutcome[]) {
      const e = nextAttempt(markDelivering(fresh()), outcome, t0, half);
      expect(e).toMatchObject({ state: 'delivered', attempts: 1, deliveredAt: t0.toISOString() });
      expect(e.nextTryAt).toBeUndefined();
      expect(e.lastError).toBeUndefined();
    }
  });

  it.each([400, 401, 403, 404, 410, 413, 422])(
    'stops on %i with the server message as text',
    (status) => {
      const body = `<html><script>x</script>Bad\u202E\r\nthing ${'z'.repeat(1000)}</html>`;
      const e = nextAttempt(fresh(), { kind: 'http', status, body }, t0, half);
      expect(e.state).toBe('failed');
      expect(e.lastStatus).toBe(status);
      expect(e.nextTryAt).toBeUndefined();
      expect(e.lastError).toMatch(
        new RegExp(`^The server answered ${status}: <html><script>x</script>Bad thing z+…$`),
      );
      expect(e.lastError!.length).toBeLessThanOrEqual(
        `The server answered ${status}: `.length + 500,
      );
      expect(e.lastError).not.toMatch(/[\r\n\u202E]/);
    },
  );

  it('stops on a redirect with a hint', () => {
    const e = nextAttempt(fresh(), { kind: 'http', status: 302, body: '' }, t0, half);
    expect(e.state).toBe('failed');
    expect(e.lastError).toMatch(/redirects/);
  });

  it.each([
    { kind: 'http', status: 500, body: 'oops' },
    { kind: 'http', status: 503, body: '' },
    { kind: 'http', status: 408, body: '' },
    { kind: 'http', status: 429, body: 'slow down' },
    { kind: 'timeout' },
    { kind: 'network', error: 'Failed to fetch' },
  ] as AttemptOutcome[])('retries after %j', (outcome) => {
    const e = nextAttempt(markDelivering(fresh()), outcome, t0, half);
    expect(e.state).toBe('pending');
    expect(e.attempts).toBe(1);
    expect(Date.parse(e.nextTryAt!) - t0.getTime()).toBe(BACKOFF_BASE_MS / 2);
    expect(e.lastError).toBeTruthy();
  });

  it('backs off exponentially with full jitter, capped at one hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(backoffWindowMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
    let e = fresh();
    let now = t0;
    const waits: number[] = [];
    for (let i = 1; i < RETRY_BUDGET; i++) {
      e = nextAttempt(e, { kind: 'http', status: 502, body: '' }, now, () => 0.999999);
      const wait = Date.parse(e.nextTryAt!) - now.getTime();
      waits.push(wait);
      expect(wait).toBeLessThan(backoffWindowMs(i));
      expect(wait).toBeGreaterThanOrEqual(backoffWindowMs(i) * 0.99);
      now = new Date(Date.parse(e.nextTryAt!));
    }
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(Math.max(...waits)).toBeLessThanOrEqual(BACKOFF_CAP_MS);
  });

  it('keeps jitter within [0, window) whatever rand returns', () => {
    for (const r of [0, 0.25, 0.999999999, 1, -1, 2]) {
      for (let attempts = 0; attempts < 12; attempts++) {
        const e = nextAttempt({ ...fresh(), attempts }, { kind: 'timeout' }, t0, () => r);
        if (e.state !== 'pending') continue;
        const wait = Date.parse(e.nextTryAt!) - t0.getTime();
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(backoffWindowMs(attempts + 1));
      }
    }
  });

  it('honours Retry-After as a minimum, capped at one hour', () => {
    const e = nextAttempt(
      fresh(),
      { kind: 'http', status: 429, body: '', retryAfterSeconds: 120 },
      t0,
      () => 0,
    );
    expect(Date.parse(e.nextTryAt!) - t0.getTime()).toBe(120_000);
    const f = nextAttempt(
      fresh(),
      { kind: 'http', status: 503, body: '', retryAfterSeconds: 86_400 },
      t0,
      () => 0,
    );
    expect(Date.parse(f.nextTryAt!) - t0.getTime()).toBe(BACKOFF_CAP_MS);
  });

  it('fails visibly when the retry budget is used, and retryNow gives a fresh budget', () => {
    let e = fresh();
    for (let i = 0; i < RETRY_BUDGET; i++)
      e = nextAttempt(e, { kind: 'network', error: 'offline' }, t0, half);
    expect(e.state).toBe('failed');
    expect(e.attempts).toBe(RETRY_BUDGET);
    expect(e.lastError).toBe(
      'Gave up after 8 attempts. The server could not be reached (offline).',
    );
    expect(e.nextTryAt).toBeUndefined();

    const again = retryNow(e);
    expect(again).toMatchObject({ state: 'pending', attempts: 0, lastError: e.lastError });
    expect(isDue(again, t0)).toBe(true);
    const next = nextAttempt(again, { kind: 'network', error: 'offline' }, t0, half);
    expect(next.state).toBe('pending');
  });

  it('never changes a delivered entry', () => {
    const d = nextAttempt(fresh(), { kind: 'ok' }, t0, half);
    expect(nextAttempt(d, { kind: 'timeout' }, t0, half)).toBe(d);
    expect(retryNow(d)).toBe(d);
  });

  it('isDue respects nextTryAt', () => {
    const e = nextAttempt(fresh(), { kind: 'timeout' }, t0, half);
    expect(isDue(e, t0)).toBe(false);
    expect(isDue(e, new Date(Date.parse(e.nextTryAt!)))).toBe(true);
    expect(isDue(markDelivering(fresh()), t0)).toBe(false);
  });
});

/**
 * Where records went: email drafts, mailto links, bundles, webhook deliveries, formal notes and
 * screenshots. Every delivery is written with its audit event ('record.delivered') in one
 * transaction. Idempotent per (record, kind, target): the id is derived from those three, so
 * delivering the same record to the same place twice keeps the first entry and adds no event.
 */
import type { CouncilDb, Delivery, Screenshot } from './database';
import { appendEvent } from './audit';
import { canonicalHash } from './hash';

export type DeliveryKind = Delivery['kind'];

export interface NewDelivery {
  recordId: string;
  kind: DeliveryKind;
  /** Human-readable target: an email address, a bundle file name, a host. */
  target: string;
  detail?: string;
}

/** The same (record, kind, target) always gives the same id, so a repeat is a no-op. */
export function deliveryId(d: Pick<NewDelivery, 'recordId' | 'kind' | 'target'>): string {
  return canonicalHash(['delivery', d.recordId, d.kind, d.target]).slice(0, 32);
}

/**
 * Must run inside a read-write transaction on `deliveries` and `events` (the outbox calls it
 * with its own entry update, so "delivered" and its audit event are one write).
 */
export async function recordDeliveryInTx(
  db: CouncilDb,
  d: NewDelivery,
  actor: string,
  now: Date,
): Promise<{ delivery: Delivery; created: boolean }> {
  const id = deliveryId(d);
  const existing = await db.deliveries.get(id);
  if (existing) return { delivery: existing, created: false };
  const delivery: Delivery = {
    id,
    recordId: d.recordId,
    kind: d.kind,
    at: now.toISOString(),
    target: d.target,
    ...(d.detail !== undefined ? { detail: d.detail } : {}),
  };
  await db.deliveries.add(delivery);
  await appendEvent(db, {
    type: 'record.delivered',
    at: delivery.at,
    actor,
    subject: d.recordId,
    details: {
      deliveryId: id,
      kind: d.kind,
      target: d.target,
      ...(d.detail !== undefined ? { detail: d.detail } : {}),
    },
  });
  return { delivery, created: true };
}

/** Records several deliveries (e.g. one bundle of many records) in one transaction, in order. */
export async function recordDeliveries(
  db: CouncilDb,
  items: readonly NewDelivery[],
  actor: string,
  now: Date,
): Promise<Delivery[]> {
  for (const d of items) {
    if (!d.recordId || !d.target) throw new Error('A delivery needs a record and a target.');
  }
  return db.transaction('rw', db.records, db.deliveries, db.events, async () => {
    const out: Delivery[] = [];
    for (const d of items) {
      // Only existing records can be delivered: an unknown id is a bug, not evidence.
      if (!(await db.records.get(d.recordId))) {
        throw new Error(`There is no record ${d.recordId}, so nothing was written.`);
      }
      out.push((await recordDeliveryInTx(db, d, actor, now)).delivery);
    }
    return out;
  });
}

/** A record's deliveries, oldest first. */
export async function deliveriesFor(db: CouncilDb, recordId: string): Promise<Delivery[]> {
  return db.deliveries.where('recordId').equals(recordId).sortBy('at');
}

export interface NewScreenshot {
  recordId: string;
  bytes: Uint8Array;
  width: number;
  height: number;
  /** SHA-256 (hex) of `bytes`. */
  sha256: string;
}

/**
 * Keeps a screenshot with its record, audited as a 'screenshot' delivery naming its SHA-256.
 * Idempotent: the same image for the same record is stored once.
 */
export async function saveScreenshot(
  db: CouncilDb,
  shot: NewScreenshot,
  actor: string,
  now: Date,
): Promise<{ screenshot: Screenshot; created: boolean }> {
  if (!/^[0-9a-f]{64}$/.test(shot.sha256)) throw new Error('A screenshot needs its SHA-256.');
  return db.transaction('rw', db.records, db.screenshots, db.deliveries, db.events, async () => {
    if (!(await db.records.get(shot.recordId))) {
      throw new Error(`There is no record ${shot.recordId}, so the screenshot was not kept.`);
    }
    const id = canonicalHash(['screenshot', shot.recordId, shot.sha256]).slice(0, 32);
    const existing = await db.screenshots.get(id);
    if (existing) return { screenshot: existing, created: false };
    const screenshot: Screenshot = {
      id,
      recordId: shot.recordId,
      mime: 'image/png',
      bytes: shot.bytes,
      width: shot.width,
      height: shot.height,
      sha256: shot.sha256,
      takenAt: now.toISOString(),
    };
    await db.screenshots.add(screenshot);
    await recordDeliveryInTx(
      db,
      {
        recordId: shot.recordId,
        kind: 'screenshot',
        target: `screenshot ${shot.sha256.slice(0, 12)}`,
        detail: `${shot.width}×${shot.height} px, SHA-256 ${shot.sha256}`,
      },
      actor,
      now,
    );
    return { screenshot, created: true };
  });
}

export async function screenshotsFor(db: CouncilDb, recordId: string): Promise<Screenshot[]> {
  return db.screenshots.where('recordId').equals(recordId).sortBy('takenAt');
}

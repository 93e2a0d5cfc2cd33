import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT_VERSION,
  DEFAULT_PBKDF2_ITERATIONS,
  createBackup,
  isEncryptedBackup,
  readBackup,
  type BackupData,
  type BackupProgress,
} from '../../../utils/library/backup';

/** Tests only: the default (600,000) is exercised once below; the rest use a fast count. */
const FAST = { iterations: 1_000 };
const NOW = new Date('2026-11-22T23:00:00.000Z');

const DATA: BackupData = {
  records: [
    { id: 'r1', message: { text: 'Bus shelter quote £1,240 — agreed?' }, sha256: 'a'.repeat(64) },
    { id: 'r2', message: { text: 'Café licence 🍰' }, sha256: 'b'.repeat(64) },
  ],
  events: [{ seq: 1, type: 'record.captured', prevHash: '', hash: 'c'.repeat(64) }],
  chats: [{ chatKey: 'wherstead-pc', title: 'Wherstead Parish Council' }],
  holds: [{ id: 'foi-2026-07' }],
  outbox: [],
  settings: { version: 3, userName: 'Priya Shah' },
  screenshots: [
    { id: 'shot/1 (crop).png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
  ],
};

describe('backup: plain', () => {
  it('round-trips every part, with a manifest of hashes and counts', async () => {
    const phases: BackupProgress['phase'][] = [];
    const bytes = await createBackup(DATA, { now: NOW }, (p) => phases.push(p.phase));
    expect(phases[0]).toBe('serialise');
    expect(phases.at(-1)).toBe('done');
    expect(isEncryptedBackup(bytes)).toBe(false);
    const r = await readBackup(bytes);
    if (!r.ok) throw new Error(r.message);
    expect(r.encrypted).toBe(false);
    expect(r.data).toEqual({ ...DATA });
    expect(r.manifest).toMatchObject({
      format: 'council-capture-backup',
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: '2026-11-22T23:00:00.000Z',
      counts: { records: 2, events: 1, chats: 1, holds: 1, outbox: 0, screenshots: 1 },
    });
    expect(Object.keys(r.manifest.parts).sort()).toEqual([
      'chats.json',
      'events.json',
      'holds.json',
      'outbox.json',
      'records.json',
      'screenshots/shot%2F1%20(crop).png',
      'settings.json',
    ]);
    for (const p of Object.values(r.manifest.parts)) expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is an ordinary zip a records officer can open', async () => {
    const entries = unzipSync(await createBackup(DATA, { now: NOW }));
    expect(Object.keys(entries)).toContain('manifest.json');
    expect(JSON.parse(new TextDecoder().decode(entries['records.json']))).toEqual(DATA.records);
  });

  it('defaults optional parts to empty', async () => {
    const r = await readBackup(
      await createBackup({ records: [], events: [], chats: [], settings: null }),
    );
    expect(r.ok && r.data).toEqual({
      records: [],
      events: [],
      chats: [],
      holds: [],
      outbox: [],
      settings: null,
      screenshots: [],
    });
  });
});

describe('backup: encrypted', () => {
  it('round-trips with the passphrase, and uses the OWASP iteration count by default', async () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const bytes = await createBackup(DATA, {
      passphrase: 'correct horse battery staple',
      now: NOW,
    });
    expect(isEncryptedBackup(bytes)).toBe(true);
    expect(new TextDecoder().decode(bytes.slice(0, 8))).toBe('CCBACKUP');
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint32(10)).toBe(
      DEFAULT_PBKDF2_ITERATIONS,
    );
    // Nothing readable leaks.
    expect(new TextDecoder('latin1').decode(bytes)).not.toContain('records.json');
    const r = await readBackup(bytes, 'correct horse battery staple');
    if (!r.ok) throw new Error(r.message);
    expect(r.encrypted).toBe(true);
    expect(r.data).toEqual({ ...DATA });
  });

  it('uses a fresh salt and IV every time', async () => {
    const a = await createBackup(DATA, { passphrase: 'pw', now: NOW, ...FAST });
    const b = await createBackup(DATA, { passphrase: 'pw', now: NOW, ...FAST });
    expect(a.slice(15, 44)).not.toEqual(b.slice(15, 44));
  });

  it('says when the passphrase is wrong or missing', async () => {
    const bytes = await createBackup(DATA, { passphrase: 'Wherstead2026!', ...FAST });
    expect(await readBackup(bytes, 'wherstead2026!')).toMatchObject({
      ok: false,
      error: 'wrong-passphrase',
      message: expect.stringMatching(/passphrase is not correct/),
    });
    expect(await readBackup(bytes)).toMatchObject({ ok: false, error: 'passphrase-required' });
  });

  it('refuses silly options', async () => {
    await expect(createBackup(DATA, { passphrase: '' })).rejects.toThrow(/empty/);
    await expect(createBackup(DATA, { passphrase: 'x', iterations: 10 })).rejects.toThrow(
      /iterations/,
    );
  });
});

describe('backup: damage is detected, never thrown', () => {
  it('a flipped byte anywhere in an encrypted backup → damaged', async () => {
    const bytes = await createBackup(DATA, { passphrase: 'pw', ...FAST });
    for (const at of [9, 12, 20, 40, 50, 70, 100, bytes.length - 1]) {
      const bad = bytes.slice();
      bad[at] = (bad[at] as number) ^ 0x01;
      const r = await readBackup(bad, 'pw');
      expect(r.ok, `byte ${at}`).toBe(false);
      expect(!r.ok && r.error, `byte ${at}`).toBe('damaged');
    }
  });

  it('a flipped byte anywhere in a plain backup → damaged or not-a-backup, never ok', async () => {
    const bytes = await createBackup(DATA, { now: NOW });
    for (let at = 0; at < bytes.length; at += 7) {
      const bad = bytes.slice();
      bad[at] = (bad[at] as number) ^ 0x20;
      const r = await readBackup(bad);
      // A flip inside zip metadata that fflate ignores (e.g. the entry's mtime) changes no content.
      if (r.ok) expect(r.data).toEqual({ ...DATA });
      else expect(['damaged', 'not-a-backup']).toContain(r.error);
    }
  });

  it('a changed manifest or an extra file → damaged', async () => {
    const entries = unzipSync(await createBackup(DATA, { now: NOW }));
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json']));
    manifest.createdAt = '2020-01-01T00:00:00.000Z';
    const forged = zipSync({ ...entries, 'manifest.json': strToU8(JSON.stringify(manifest)) });
    expect(await readBackup(forged)).toMatchObject({ ok: false, error: 'damaged' });
    const extra = zipSync({ ...entries, 'records2.json': strToU8('[]') });
    expect(await readBackup(extra)).toMatchObject({ ok: false, error: 'damaged' });
    const { ['holds.json']: _gone, ...missing } = entries;
    expect(await readBackup(zipSync(missing))).toMatchObject({ ok: false, error: 'damaged' });
  });

  it('a truncated file → damaged', async () => {
    const plain = await createBackup(DATA, { now: NOW });
    const enc = await createBackup(DATA, { passphrase: 'pw', ...FAST });
    for (const bytes of [plain, enc]) {
      for (const len of [10, Math.floor(bytes.length / 2), bytes.length - 1]) {
        const r = await readBackup(bytes.slice(0, len), 'pw');
        expect(r.ok).toBe(false);
        expect(!r.ok && r.error).toBe('damaged');
      }
    }
  });

  it('anything else → not-a-backup', async () => {
    expect(await readBackup(strToU8('Date,Payee\n2026-11-01,Suffolk Glazing'))).toMatchObject({
      ok: false,
      error: 'not-a-backup',
      message: 'This file is not a Council Capture backup.',
    });
    expect(await readBackup(new Uint8Array())).toMatchObject({ ok: false, error: 'not-a-backup' });
    expect(await readBackup(zipSync({ 'photo.jpg': new Uint8Array([1]) }))).toMatchObject({
      ok: false,
      error: 'not-a-backup',
    });
  });
});

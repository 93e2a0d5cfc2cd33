/**
 * The backup file format: everything the extension holds, in one file, optionally encrypted.
 *
 * Plain backup = a zip (fflate) of JSON parts + screenshots, with `manifest.json` (format, version,
 * createdAt, counts, SHA-256 and size of every part) and `manifest.sha256` (hash of the manifest
 * bytes, so no byte of the manifest can change unnoticed).
 *
 * Encrypted backup = header ‖ AES-GCM-256(zip). The key comes from the passphrase with
 * PBKDF2-HMAC-SHA-256 (600,000 iterations by default: OWASP Password Storage Cheat Sheet, 2023).
 * Header (big-endian), all of it authenticated as AES-GCM additional data:
 *
 *   0  8  magic "CCBACKUP"
 *   8  1  format version (1)
 *   9  1  kdf id (1 = PBKDF2-HMAC-SHA-256)
 *  10  4  iterations
 *  14  1  salt length (16)      15      16  salt
 *  31  1  iv length (12)        32      12  iv
 *  44 16  key check: first 16 bytes of SHA-256(second half of the 512 derived bits)
 *  60 16  header check: first 16 bytes of SHA-256(bytes 0..59)
 *  76 …   ciphertext + 16-byte GCM tag
 *
 * The key check tells a wrong passphrase from a damaged file (it costs an attacker nothing extra:
 * trying a passphrase costs the same PBKDF2 either way); the header check tells a damaged header
 * from a wrong passphrase. Pure: WebCrypto, TextEncoder, Uint8Array (extension pages and Node 20).
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { sha256Hex } from './hash';

export const BACKUP_FORMAT = 'council-capture-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** OWASP (2023) minimum for PBKDF2-HMAC-SHA-256. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
const MIN_ITERATIONS = 1_000;
const MAX_ITERATIONS = 10_000_000;
const MAGIC = strToU8('CCBACKUP');
const KDF_PBKDF2_SHA256 = 1;
const SALT_LEN = 16;
const IV_LEN = 12;
const HEADER_LEN = 76;

export interface BackupData {
  records: unknown[];
  events: unknown[];
  chats: unknown[];
  holds?: unknown[];
  outbox?: unknown[];
  settings: unknown;
  screenshots?: { id: string; bytes: Uint8Array }[];
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** ISO 8601 instant. */
  createdAt: string;
  counts: {
    records: number;
    events: number;
    chats: number;
    holds: number;
    outbox: number;
    screenshots: number;
  };
  /** Every part of the zip except the manifest itself: path → SHA-256 (hex) and size in bytes. */
  parts: Record<string, { sha256: string; bytes: number }>;
}

export interface BackupOptions {
  passphrase?: string;
  now?: Date;
  /** PBKDF2 iterations; keep the default outside tests. */
  iterations?: number;
}

export type BackupProgress = {
  phase: 'serialise' | 'hash' | 'compress' | 'encrypt' | 'done';
  /** 0..1 overall. */
  fraction: number;
};

export type ReadBackupResult =
  | { ok: true; data: Required<BackupData>; manifest: BackupManifest; encrypted: boolean }
  | {
      ok: false;
      error: 'wrong-passphrase' | 'damaged' | 'not-a-backup' | 'passphrase-required';
      /** en-GB, for the user. */
      message: string;
    };

const JSON_PARTS = ['records', 'events', 'chats', 'holds', 'outbox'] as const;

/** Builds one backup file. Throws only on programmer error (e.g. a too-low iteration count). */
export async function createBackup(
  data: BackupData,
  opts: BackupOptions = {},
  onProgress?: (p: BackupProgress) => void,
): Promise<Uint8Array> {
  const iterations = opts.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
  if (opts.passphrase !== undefined) {
    if (opts.passphrase === '') throw new Error('A backup passphrase cannot be empty.');
    if (
      !Number.isInteger(iterations) ||
      iterations < MIN_ITERATIONS ||
      iterations > MAX_ITERATIONS
    ) {
      throw new Error(`PBKDF2 iterations must be between ${MIN_ITERATIONS} and ${MAX_ITERATIONS}.`);
    }
  }
  onProgress?.({ phase: 'serialise', fraction: 0 });
  const parts: Record<string, Uint8Array> = {};
  for (const name of JSON_PARTS) parts[`${name}.json`] = strToU8(JSON.stringify(data[name] ?? []));
  parts['settings.json'] = strToU8(JSON.stringify(data.settings ?? null));
  const screenshots = data.screenshots ?? [];
  const seen = new Set<string>();
  for (const s of screenshots) {
    const path = `screenshots/${encodeURIComponent(s.id)}`;
    if (seen.has(path)) throw new Error(`Two screenshots share the id ${s.id}.`);
    seen.add(path);
    parts[path] = s.bytes;
  }
  onProgress?.({ phase: 'hash', fraction: 0.2 });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: (opts.now ?? new Date()).toISOString(),
    counts: {
      records: data.records.length,
      events: data.events.length,
      chats: data.chats.length,
      holds: data.holds?.length ?? 0,
      outbox: data.outbox?.length ?? 0,
      screenshots: screenshots.length,
    },
    parts: {},
  };
  for (const [path, bytes] of Object.entries(parts)) {
    manifest.parts[path] = { sha256: await sha256Hex(bytes), bytes: bytes.length };
  }
  const manifestBytes = strToU8(JSON.stringify(manifest, null, 2));
  onProgress?.({ phase: 'compress', fraction: 0.4 });
  const zippable: Zippable = {
    'manifest.json': manifestBytes,
    'manifest.sha256': strToU8(await sha256Hex(manifestBytes)),
  };
  for (const [path, bytes] of Object.entries(parts)) {
    // Screenshots are already compressed images: store them.
    zippable[path] = path.startsWith('screenshots/') ? [bytes, { level: 0 }] : bytes;
  }
  const zip = zipSync(zippable, { level: 6, mtime: opts.now ?? new Date() });
  if (opts.passphrase === undefined) {
    onProgress?.({ phase: 'done', fraction: 1 });
    return zip;
  }
  onProgress?.({ phase: 'encrypt', fraction: 0.7 });
  const subtle = globalThis.crypto.subtle;
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_LEN));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_LEN));
  const { key, check } = await deriveKey(opts.passphrase, salt, iterations);
  const header = new Uint8Array(HEADER_LEN);
  header.set(MAGIC, 0);
  header[8] = BACKUP_FORMAT_VERSION;
  header[9] = KDF_PBKDF2_SHA256;
  new DataView(header.buffer).setUint32(10, iterations);
  header[14] = SALT_LEN;
  header.set(salt, 15);
  header[31] = IV_LEN;
  header.set(iv, 32);
  header.set(check, 44);
  header.set(await sha16(header.subarray(0, 60)), 60);
  const ciphertext = new Uint8Array(
    await subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: header, tagLength: 128 },
      key,
      zip as Uint8Array<ArrayBuffer>,
    ),
  );
  const out = new Uint8Array(HEADER_LEN + ciphertext.length);
  out.set(header, 0);
  out.set(ciphertext, HEADER_LEN);
  onProgress?.({ phase: 'done', fraction: 1 });
  return out;
}

/** True when the bytes are an encrypted backup (so the UI can ask for the passphrase first). */
export function isEncryptedBackup(bytes: Uint8Array): boolean {
  return startsWith(bytes, MAGIC);
}

/** Reads and verifies a backup. Never throws: every failure is a result with an en-GB message. */
export async function readBackup(
  bytes: Uint8Array,
  passphrase?: string,
): Promise<ReadBackupResult> {
  try {
    return await read(bytes, passphrase);
  } catch {
    return fail('damaged');
  }
}

async function read(bytes: Uint8Array, passphrase?: string): Promise<ReadBackupResult> {
  let zip = bytes;
  const encrypted = startsWith(bytes, MAGIC);
  if (encrypted) {
    if (bytes.length < HEADER_LEN + 16) return fail('damaged');
    const header = bytes.subarray(0, HEADER_LEN);
    if (!equal(await sha16(header.subarray(0, 60)), header.subarray(60, 76)))
      return fail('damaged');
    if (header[8] !== BACKUP_FORMAT_VERSION || header[9] !== KDF_PBKDF2_SHA256)
      return fail('newer');
    const iterations = new DataView(header.buffer, header.byteOffset, HEADER_LEN).getUint32(10);
    if (
      header[14] !== SALT_LEN ||
      header[31] !== IV_LEN ||
      iterations < MIN_ITERATIONS ||
      iterations > MAX_ITERATIONS
    ) {
      return fail('damaged');
    }
    if (passphrase === undefined || passphrase === '') return fail('passphrase-required');
    const { key, check } = await deriveKey(passphrase, header.slice(15, 31), iterations);
    if (!equal(check, header.subarray(44, 60))) return fail('wrong-passphrase');
    try {
      zip = new Uint8Array(
        await globalThis.crypto.subtle.decrypt(
          {
            name: 'AES-GCM',
            iv: header.slice(32, 44),
            additionalData: header.slice(),
            tagLength: 128,
          },
          key,
          bytes.slice(HEADER_LEN),
        ),
      );
    } catch {
      return fail('damaged');
    }
  } else if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    return fail('not-a-backup');
  }

  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    return fail(encrypted ? 'damaged' : 'damaged-or-other');
  }
  const manifestBytes = entries['manifest.json'];
  const manifestHash = entries['manifest.sha256'];
  if (!manifestBytes || !manifestHash) return fail(encrypted ? 'damaged' : 'not-a-backup');
  if ((await sha256Hex(manifestBytes)) !== strFromU8(manifestHash).trim()) return fail('damaged');
  const manifest = JSON.parse(strFromU8(manifestBytes)) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT) return fail('not-a-backup');
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION) return fail('newer');

  // Every part listed must be present with its hash; nothing unlisted may be present.
  const listed = new Set(Object.keys(manifest.parts));
  for (const path of Object.keys(entries)) {
    if (
      path !== 'manifest.json' &&
      path !== 'manifest.sha256' &&
      !path.endsWith('/') &&
      !listed.has(path)
    ) {
      return fail('damaged');
    }
  }
  for (const [path, want] of Object.entries(manifest.parts)) {
    const got = entries[path];
    if (!got || got.length !== want.bytes || (await sha256Hex(got)) !== want.sha256)
      return fail('damaged');
  }
  const json = (path: string): unknown => {
    const b = entries[path];
    return b ? JSON.parse(strFromU8(b)) : undefined;
  };
  const data: Required<BackupData> = {
    records: (json('records.json') as unknown[]) ?? [],
    events: (json('events.json') as unknown[]) ?? [],
    chats: (json('chats.json') as unknown[]) ?? [],
    holds: (json('holds.json') as unknown[]) ?? [],
    outbox: (json('outbox.json') as unknown[]) ?? [],
    settings: json('settings.json') ?? null,
    screenshots: Object.keys(manifest.parts)
      .filter((p) => p.startsWith('screenshots/'))
      .map((p) => ({
        id: decodeURIComponent(p.slice('screenshots/'.length)),
        bytes: entries[p] as Uint8Array,
      })),
  };
  const c = manifest.counts;
  if (
    data.records.length !== c.records ||
    data.events.length !== c.events ||
    data.chats.length !== c.chats ||
    data.holds.length !== c.holds ||
    data.outbox.length !== c.outbox ||
    data.screenshots.length !== c.screenshots
  ) {
    return fail('damaged');
  }
  return { ok: true, data, manifest, encrypted };
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Promise<{ key: CryptoKey; check: Uint8Array }> {
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = new Uint8Array(
    await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
      base,
      512,
    ),
  );
  const key = await subtle.importKey('raw', bits.slice(0, 32), { name: 'AES-GCM' }, false, [
    'encrypt',
    'decrypt',
  ]);
  const check = await sha16(bits.slice(32, 64));
  bits.fill(0);
  return { key, check };
}

async function sha16(bytes: Uint8Array): Promise<Uint8Array> {
  const d = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return new Uint8Array(d, 0, 16);
}

type FailKind =
  | 'wrong-passphrase'
  | 'damaged'
  | 'not-a-backup'
  | 'passphrase-required'
  | 'newer'
  | 'damaged-or-other';

function fail(kind: FailKind): Extract<ReadBackupResult, { ok: false }> {
  switch (kind) {
    case 'wrong-passphrase':
      return {
        ok: false,
        error: kind,
        message: 'The passphrase is not correct for this backup. Check it and try again.',
      };
    case 'passphrase-required':
      return {
        ok: false,
        error: kind,
        message: 'This backup is encrypted. Enter the passphrase that was set when it was made.',
      };
    case 'not-a-backup':
      return { ok: false, error: kind, message: 'This file is not a Council Capture backup.' };
    case 'newer':
      return {
        ok: false,
        error: 'not-a-backup',
        message:
          'This backup was made by a newer version of Council Capture. Update the extension, then try again.',
      };
    case 'damaged-or-other':
      return {
        ok: false,
        error: 'damaged',
        message:
          'This file cannot be opened: it is damaged, or it is a zip file that is not a Council Capture backup.',
      };
    case 'damaged':
      return {
        ok: false,
        error: kind,
        message:
          'This backup is damaged: its contents do not match the checksums recorded when it was made. Use another copy.',
      };
  }
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

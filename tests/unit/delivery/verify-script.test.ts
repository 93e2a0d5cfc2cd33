import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../../utils/delivery/bundle';
import { eventsFor, fakePng, flipByte, hostileRecords } from './fixtures';

const root = join(import.meta.dirname, '../../..');

function npmVerify(...args: string[]) {
  return spawnSync('npm', ['run', '--silent', 'verify', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** The same script without npm's start-up cost, for the remaining cases. */
function nodeVerify(...args: string[]) {
  return spawnSync(process.execPath, ['scripts/verify.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm run verify', { timeout: 90_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-verify-'));
  const good = join(dir, 'good.zip');
  const tampered = join(dir, 'tampered.zip');
  const junk = join(dir, 'junk.zip');

  beforeAll(() => {
    const records = hostileRecords();
    const events = eventsFor(records);
    const zip = buildBundle({
      records,
      events,
      chainHead: { seq: events.length, hash: events[events.length - 1]!.hash },
      policy: { id: 'wherstead-pc', version: '2025-05', council: 'Wherstead Parish Council' },
      createdBy: 'Cllr Jane Smith',
      createdAt: new Date('2026-11-22T22:30:00Z'),
      screenshots: [{ recordId: records[0]!.id, filename: 'a.png', bytes: fakePng(2000) }],
    });
    writeFileSync(good, zip);
    const files = unzipSync(zip);
    flipByte(files['records.csv'], 10, 0x20);
    files['notes.txt'] = new TextEncoder().encode('added later');
    writeFileSync(tampered, zipSync(files));
    writeFileSync(junk, 'not a zip at all');
  });

  it('exits 0 and says Verified for a good bundle', () => {
    const r = npmVerify(good);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Verified: 6 files and 14 records match the manifest/);
  });

  it('exits 1 and names each problem for a tampered bundle', () => {
    const r = npmVerify(tampered);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/changed\s+records\.csv: records\.csv has changed/);
    expect(r.stdout).toMatch(
      /added\s+notes\.txt: notes\.txt is in the bundle but not in the manifest/,
    );
    expect(r.stdout).toMatch(/Not verified: 2 problems found/);
  });

  it('prints JSON with --json', () => {
    const r = nodeVerify(tampered, '--json');
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.problems.map((p: { problem: string }) => p.problem).sort()).toEqual([
      'added',
      'changed',
    ]);
  });

  it('exits 2 with a clear message for unreadable input', () => {
    const notZip = nodeVerify(junk);
    expect(notZip.status).toBe(2);
    expect(notZip.stdout).toMatch(/Cannot verify: the file is not a readable zip archive/);
    const missing = nodeVerify(join(dir, 'nope.zip'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read .*nope\.zip: no such file/);
    const usage = nodeVerify();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/Usage: npm run verify/);
  });
});

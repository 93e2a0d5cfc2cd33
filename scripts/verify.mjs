#!/usr/bin/env node
/**
 * Checks a Council Capture evidence bundle against its manifest.
 *
 *   npm run verify -- path/to/bundle.zip [--json]
 *
 * Exit codes: 0 verified; 1 something changed, missing or added (each one is listed);
 * 2 the input cannot be checked (no such file, not a zip, no readable manifest) or bad usage.
 *
 * The checking code is the extension's own (utils/delivery/bundle.ts), loaded through tsx so
 * there is one implementation for the extension, the tests and this script.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const args = process.argv.slice(2);
const json = args.includes('--json');
const files = args.filter((a) => a !== '--json');

if (files.length !== 1 || files[0] === '--help' || files[0] === '-h') {
  console.error('Usage: npm run verify -- <bundle.zip> [--json]');
  process.exit(2);
}

// npm runs scripts from the package folder; INIT_CWD is where the user typed the command.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), files[0]);
let bytes;
try {
  bytes = new Uint8Array(readFileSync(path));
} catch (e) {
  const why =
    e && e.code === 'ENOENT'
      ? 'no such file'
      : e && e.code === 'EISDIR'
        ? 'it is a folder'
        : String(e && e.message);
  console.error(`Cannot read ${path}: ${why}.`);
  process.exit(2);
}

const { verifyBundle } = await tsImport('../utils/delivery/bundle.ts', import.meta.url);
const result = verifyBundle(bytes);
const unreadable = result.problems.some((p) => p.problem === 'manifest-unreadable');

if (json) {
  console.log(
    JSON.stringify(
      { file: path, ok: result.ok, summary: result.summary, problems: result.problems },
      null,
      2,
    ),
  );
} else {
  console.log(`Bundle: ${path}`);
  for (const p of result.problems) {
    const what = [p.file, p.recordId ? `record ${p.recordId}` : undefined]
      .filter(Boolean)
      .join(', ');
    console.log(`  ${p.problem.padEnd(19)} ${what ? `${what}: ` : ''}${p.detail}`);
  }
  console.log(result.summary);
}
process.exit(result.ok ? 0 : unreadable ? 2 : 1);

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handledBy } from '../../utils/messaging';

/** Convention test: every protocol message has exactly one handler, in the context it says. */
const dirs: Record<string, string[]> = {
  background: ['entrypoints/background'],
  content: ['entrypoints/whatsapp.content'],
  pages: [
    'entrypoints/sidepanel',
    'entrypoints/popup',
    'entrypoints/options',
    'entrypoints/records',
  ],
};

function sources(dir: string): string[] {
  let out: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(sources(p));
    else if (/\.tsx?$/.test(e.name)) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

describe('messaging protocol', () => {
  for (const [type, context] of Object.entries(handledBy)) {
    it(`${type} is handled exactly once, in ${context}`, () => {
      const pattern = new RegExp(`onMessage\\(\\s*'${type}'`, 'g');
      const count = (ctx: string) =>
        dirs[ctx]!.flatMap(sources).reduce((n, src) => n + (src.match(pattern)?.length ?? 0), 0);
      expect(count(context)).toBe(1);
      for (const other of Object.keys(dirs).filter((c) => c !== context)) {
        expect(count(other), `${type} must not be handled in ${other}`).toBe(0);
      }
    });
  }
});

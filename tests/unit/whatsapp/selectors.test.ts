/**
 * Selectors are data: every export is checked against every saved fixture, so a change to a
 * fixture or a selector that shifts what we match shows up here (refined-github's pattern, run on
 * saved pages instead of live ones).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as S from '../../../utils/whatsapp/selectors';
import { fixtureFiles, loadFixture } from './dom';

const specs = Object.entries(S).filter(
  (entry): entry is [string, S.SelectorSpec] =>
    typeof entry[1] === 'object' &&
    entry[1] !== null &&
    'selectors' in entry[1] &&
    'expect' in entry[1],
);

describe('selectors.ts conventions', () => {
  it('has selector exports', () => {
    expect(specs.length).toBeGreaterThan(20);
  });

  it('FIXTURES lists exactly the saved fixtures', () => {
    expect([...S.FIXTURES].sort()).toEqual(fixtureFiles());
  });

  it.each(specs)(
    '%s has an expectation for every fixture and at least one selector',
    (_name, spec) => {
      expect(Object.keys(spec.expect).sort()).toEqual([...S.FIXTURES].sort());
      for (const n of Object.values(spec.expect)) expect(Number.isInteger(n) && n >= 0).toBe(true);
      expect(spec.selectors.length).toBeGreaterThan(0);
    },
  );

  it.each(specs)('%s matches something in at least one fixture', (_name, spec) => {
    expect(Object.values(spec.expect).some((n) => n > 0)).toBe(true);
  });

  it.each(specs)('%s never selects on obfuscated class names', (_name, spec) => {
    for (const sel of spec.selectors) {
      // Class selectors allowed: WhatsApp's long-lived readable ones only.
      for (const cls of sel.match(/\.[\w-]+/g) ?? []) {
        expect([
          '.copyable-text',
          '.selectable-text',
          '.quoted-mention',
          '.message-in',
          '.message-out',
          '.emoji',
        ]).toContain(cls);
      }
      expect(sel).not.toMatch(/\[class[*^$~|]?=/);
    }
  });

  it('every export has a doc comment saying what it finds', () => {
    const source = readFileSync(
      new URL('../../../utils/whatsapp/selectors.ts', import.meta.url),
      'utf8',
    );
    for (const [name] of specs) {
      expect(source).toMatch(new RegExp(`\\*/\\nexport const ${name} = `));
    }
  });
});

describe.each([...S.FIXTURES])('selector counts in %s', (file) => {
  const doc = loadFixture(file);
  it.each(specs)('%s', (_name, spec) => {
    expect(doc.querySelectorAll(S.anyOf(spec)).length).toBe(spec.expect[file]);
  });
});

describe('union', () => {
  it('groups lone tests of one attribute behind a test for it, and leaves the rest', () => {
    expect(S.union(['[data-icon="a"]', '.x', '[data-icon^="b"]', 'img[alt="c"]', '[title]'])).toBe(
      '[data-icon]:is([data-icon="a"], [data-icon^="b"]), .x, img[alt="c"], [title]',
    );
    expect(S.union(['[aria-label=" Read "]'])).toBe('[aria-label=" Read "]');
  });

  describe.each([...S.FIXTURES])('matches what the plain list matches, in %s', (file) => {
    const doc = loadFixture(file);
    const all = [...specs.map(([, spec]) => spec.selectors), specs.flatMap(([, s]) => s.selectors)];
    it.each(all.map((selectors, i) => [i, selectors] as const))('list %i', (_i, selectors) => {
      const grouped = [...doc.querySelectorAll(S.union(selectors))];
      expect(grouped).toEqual([...doc.querySelectorAll(selectors.join(', '))]);
    });
  });
});

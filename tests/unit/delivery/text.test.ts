import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { rfc5322Date } from '../../../utils/delivery/eml';
import {
  base64,
  canonicalJson,
  escapeHtml,
  formatUkDate,
  formatUkDateTime,
  formatWallTime,
  revealControls,
  revealControlsHtml,
  safeFilename,
  slug,
  truncate,
} from '../../../utils/delivery/text';

describe('UK dates', () => {
  it.each([
    ['2026-01-15T09:05:00Z', '15/01/2026 09:05'],
    ['2026-03-29T00:59:00Z', '29/03/2026 00:59'], // last minute of GMT
    ['2026-03-29T01:00:00Z', '29/03/2026 02:00'], // BST starts
    ['2026-10-25T00:30:00Z', '25/10/2026 01:30'], // still BST
    ['2026-10-25T01:30:00Z', '25/10/2026 01:30'], // GMT again
    ['2026-12-31T23:59:59Z', '31/12/2026 23:59'],
  ])('%s is %s in the UK', (iso, uk) => {
    expect(formatUkDateTime(iso)).toBe(uk);
  });

  it('agrees with date-fns/tz on many instants', () => {
    for (let i = 0; i < 500; i++) {
      const d = new Date(Date.UTC(2024, 0, 1) + i * 7_654_321_123 * 0.01);
      const tz = new TZDate(d.getTime(), 'Europe/London');
      expect(formatUkDateTime(d)).toBe(format(tz, 'dd/MM/yyyy HH:mm'));
      expect(formatUkDate(d)).toBe(format(tz, 'dd/MM/yyyy'));
      expect(rfc5322Date(d)).toBe(format(tz, 'EEE, dd MMM yyyy HH:mm:ss xx'));
    }
  });

  it('formats RFC 5322 dates with the UK offset', () => {
    expect(rfc5322Date(new Date('2026-07-01T12:00:05Z'))).toBe('Wed, 01 Jul 2026 13:00:05 +0100');
    expect(rfc5322Date(new Date('2026-11-22T22:30:00Z'))).toBe('Sun, 22 Nov 2026 22:30:00 +0000');
  });

  it('shows wall times from WhatsApp as dd/mm/yyyy HH:mm', () => {
    expect(formatWallTime('2026-03-05T09:07')).toBe('05/03/2026 09:07');
    expect(formatWallTime(undefined)).toBeUndefined();
    expect(formatWallTime('yesterday')).toBeUndefined();
    expect(formatUkDateTime('not a date\r\nX')).toBe('not a date X');
  });
});

describe('text helpers', () => {
  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('reveals hidden controls but leaves emoji joiners, flags and scripts alone', () => {
    expect(revealControls('a\u202Eb\u200Bc\u0007d\r\ne')).toBe('a[U+202E]b[U+200B]c[U+0007]d\ne');
    const emoji = '👨‍👩‍👧 🏴󠁧󠁢󠁥󠁮󠁧󠁿 ❤️ می‌خواهم';
    expect(revealControls(emoji)).toBe(emoji);
    expect(revealControlsHtml('<\u202E>')).toMatch(
      /^&lt;<span class="ctl" title="[^"<>]*">\[U\+202E\]<\/span>&gt;$/,
    );
  });

  it('makes safe names and slugs', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\x\\Screen shot 1.png')).toBe('Screen_shot_1.png');
    expect(safeFilename('...')).toBe('file');
    expect(safeFilename('ä'.repeat(300) + '.png').length).toBeLessThanOrEqual(100);
    expect(safeFilename('ä'.repeat(300) + '.png').endsWith('.png')).toBe(true);
    expect(slug('Planning Committee – Café <b>')).toBe('planning-committee-cafe-b');
    expect(slug('日本語')).toBe('');
  });

  it('truncates by code points, base64 matches btoa, canonical JSON never throws', () => {
    expect(truncate('👍👍👍', 2)).toBe('👍…');
    const bytes = Uint8Array.from({ length: 100_001 }, (_, i) => (i * 7) & 0xff);
    expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(canonicalJson({ b: '\uD800', a: 1 })).toBe('{"a":1,"b":"\uFFFD"}');
  });
});

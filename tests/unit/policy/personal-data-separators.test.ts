/**
 * Digit groups separated by Unicode whitespace (no-break, narrow no-break, thin and figure spaces,
 * tabs, line breaks) and zero-width characters: WhatsApp and phones insert them when numbers are
 * pasted from contacts or auto-formatted. See the header of utils/policy/personal-data.ts.
 */
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../../utils/policy/classify';
import {
  findPersonalData,
  isUkPhoneNumber,
  isValidNhsNumber,
  isValidNiNumber,
  isValidPostcode,
  type SensitiveKind,
} from '../../../utils/policy/personal-data';
import { getPolicy } from '../../../utils/policy/presets/index';

/** Space-like separators: may stand between every pair of groups of a number. */
const SPACES: [string, string][] = [
  ['NO-BREAK SPACE', '\u00a0'],
  ['NARROW NO-BREAK SPACE', '\u202f'],
  ['THIN SPACE', '\u2009'],
  ['FIGURE SPACE', '\u2007'],
  ['tab', '\t'],
  ['IDEOGRAPHIC SPACE', '\u3000'],
  ['NBSP and a space', '\u00a0 '],
];
/** Line breaks: one of them may stand between two groups of a number (a wrapped line). */
const BREAKS: [string, string][] = [
  ['line feed', '\n'],
  ['CRLF', '\r\n'],
  ['carriage return', '\r'],
  ['LINE SEPARATOR', '\u2028'],
  ['PARAGRAPH SEPARATOR', '\u2029'],
  ['NEXT LINE', '\u0085'],
  ['space then line feed', ' \n'],
  ['line feed then space', '\n '],
];

/** `_` marks each gap between groups; only the number in `text` contains `_`. */
const CASES: { text: string; kind: SensitiveKind; match: string }[] = [
  { text: 'call her on 07700_900451 after 2', kind: 'phone', match: '07700_900451' },
  { text: 'Ring the clerk on 07700_900_888', kind: 'phone', match: '07700_900_888' },
  { text: 'Mobile +44_7700_900_888', kind: 'phone', match: '+44_7700_900_888' },
  { text: 'The vicar is on (01476)_563421', kind: 'phone', match: '(01476)_563421' },
  { text: 'office 0116_255_8799 till 5', kind: 'phone', match: '0116_255_8799' },
  { text: 'Try +44_(0)20_7946_0018', kind: 'phone', match: '+44_(0)20_7946_0018' },
  { text: 'GP needs her NHS number 943_476_5919', kind: 'nhs-number', match: '943_476_5919' },
  { text: 'her number is 401_023_2137 apparently', kind: 'nhs-number', match: '401_023_2137' },
  { text: 'NI number JK_45_67_89_D for payroll', kind: 'ni-number', match: 'JK_45_67_89_D' },
  { text: 'national insurance ab_12_34_56_c', kind: 'ni-number', match: 'ab_12_34_56_c' },
  { text: 'Pay 20_45_77 13572468 by Friday', kind: 'bank-account', match: '20_45_77 13572468' },
  { text: 'Her sort code 20_45_77', kind: 'bank-account', match: 'sort code 20_45_77' },
  {
    text: 'account 41208374, sort code 20_32_06',
    kind: 'bank-account',
    match: 'account 41208374, sort code 20_32_06',
  },
  { text: 'Postcode for the hall is NG31_9AB', kind: 'postcode', match: 'NG31_9AB' },
  { text: 'my postcode is le4_6ez', kind: 'postcode', match: 'le4_6ez' },
];

/** Checksum and prefix rules still apply whatever the separator. */
const STILL_INVALID = [
  'NHS number 943_476_5918', // mod-11 check digit wrong
  'her number is 186_091_3906', // mod-11 check digit wrong
  'NI number GB_12_34_56_A', // GB is not an NI prefix
  'NI number QQ_12_34_56_C', // Q is not a first letter
  'NI number AB_12_34_56_E', // suffix after D
  'the code is ab_12_34_56_c', // lower case without an NI label
  'call 0770_090_04', // too short for a UK phone
  'Order ref 996_030_8246 for the lanyards', // a reference, not a phone or NHS number
];

const found = (text: string) => findPersonalData(text).map((f) => [f.kind, f.text]);

/** Every gap replaced by `sep`. */
const everyGap = (s: string, sep: string) => s.replaceAll('_', sep);
/** Gap `k` replaced by `sep`, the others by a plain space. */
const oneGap = (s: string, k: number, sep: string) => {
  let i = -1;
  return s.replace(/_/g, () => (++i === k ? sep : ' '));
};
const gaps = (s: string) => s.split('_').length - 1;

describe.each(SPACES)('groups separated by %s', (_name, sep) => {
  it.each(CASES)('$kind in "$text"', ({ text, kind, match }) => {
    const t = everyGap(text, sep);
    expect(found(t)).toEqual([[kind, everyGap(match, sep)]]);
    for (const f of findPersonalData(t)) expect(t.slice(f.start, f.end)).toBe(f.text);
  });
  it.each(STILL_INVALID)('nothing in "%s"', (text) => {
    expect(findPersonalData(everyGap(text, sep))).toEqual([]);
  });
});

describe.each(BREAKS)('a single %s between two groups (a wrapped line)', (_name, sep) => {
  it.each(CASES)('$kind in "$text", at each gap', ({ text, kind, match }) => {
    for (let k = 0; k < gaps(text); k++) {
      const t = oneGap(text, k, sep);
      expect(found(t), JSON.stringify(t)).toEqual([[kind, oneGap(match, k, sep)]]);
      for (const f of findPersonalData(t)) expect(t.slice(f.start, f.end)).toBe(f.text);
    }
  });
  it.each(STILL_INVALID)('nothing in "%s", at each gap', (text) => {
    for (let k = 0; k < gaps(text); k++)
      expect(findPersonalData(oneGap(text, k, sep)), JSON.stringify(text)).toEqual([]);
  });
});

describe('line breaks between separate items', () => {
  it.each([
    ['a blank line', 'Table 07700\n\n900451'],
    ['a blank line (CRLF)', 'Table 07700\r\n\r\n900451'],
    ['a blank line with spaces', 'Table 07700\n \n900451'],
    ['a list, one group a line', 'Pins:\n0770\n0900\n4510'],
    ['three lines of figures', '943\n476\n5919'],
    ['three lines of figures with a label', 'NHS\n943\n476\n5919'],
    ['a sort code list', 'Codes\n20\n45\n77'],
    ['an NI-shaped list', 'AB\n12\n34\n56\nC'],
    ['sentences', 'Ward 07700.\n900451 votes were cast'],
    ['sentences (NHS)', 'Room 943.\n476 5919 people'],
  ])('%s: nothing found', (_name, text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('two numbers on consecutive lines are two numbers', () => {
    expect(found('07700 900451\n07700 900452')).toEqual([
      ['phone', '07700 900451'],
      ['phone', '07700 900452'],
    ]);
    expect(found('943 476 5919\n401 023 2137')).toEqual([
      ['nhs-number', '943 476 5919'],
      ['nhs-number', '401 023 2137'],
    ]);
  });

  it('figures ending one line do not hide a number on the next', () => {
    expect(found('Table 12\n07700 900451')).toEqual([['phone', '07700 900451']]);
    expect(found('Ref 0116 255\n07700\u00a0900451')).toEqual([['phone', '07700\u00a0900451']]);
  });

  it('a sort code and an account number on different lines stay separate, as before', () => {
    expect(findPersonalData('20-45-77\n13572468')).toEqual([]);
    expect(found('sort code 20\u00a045\u00a077\naccount 13572468')).toEqual([
      ['bank-account', 'sort code 20\u00a045\u00a077'],
      ['bank-account', 'account 13572468'],
    ]);
    // …while on one line any space-like separator joins them.
    expect(found('Pay 20-45-77\u00a013572468')).toEqual([
      ['bank-account', '20-45-77\u00a013572468'],
    ]);
  });

  it('a number wrapped once keeps its surrounding lines out of the match', () => {
    expect(found('Mobile:\n07700\n900451\nThanks')).toEqual([['phone', '07700\n900451']]);
  });
});

describe('zero-width characters', () => {
  // Decision: U+200B, U+200C, U+200D and U+2060 are invisible, so a number containing them
  // looks like a number; they count as a separator, like a space.
  it.each([
    ['\u200b', 'ZERO WIDTH SPACE'],
    ['\u200c', 'ZERO WIDTH NON-JOINER'],
    ['\u200d', 'ZERO WIDTH JOINER'],
    ['\u2060', 'WORD JOINER'],
  ])('%j (%s) separates groups', (zw) => {
    expect(found(`call 07700${zw}900451`)).toEqual([['phone', `07700${zw}900451`]]);
    expect(found(`NHS 943${zw}476${zw}5919`)).toEqual([['nhs-number', `943${zw}476${zw}5919`]]);
    expect(found(`NI JK${zw}456789${zw}D`)).toEqual([['ni-number', `JK${zw}456789${zw}D`]]);
    expect(found(`sort code 20${zw}45${zw}77`)).toEqual([
      ['bank-account', `sort code 20${zw}45${zw}77`],
    ]);
  });

  it('between every digit they make one-digit groups, which are not read as a phone', () => {
    // As with "0 7 7 0 0 9 0 0 4 5 1": no UK number is written one digit at a time.
    expect(
      findPersonalData('0\u200b7\u200b7\u200b0\u200b0\u200b9\u200b0\u200b0\u200b4\u200b5\u200b1'),
    ).toEqual([]);
  });

  it('next to other separators they count once more, up to two for one space', () => {
    expect(found('NHS 943 \u200b476\u00a0\u200b5919')).toEqual([
      ['nhs-number', '943 \u200b476\u00a0\u200b5919'],
    ]);
  });
});

/** Dashes other than the hyphen-minus, pasted from documents or typed by phones. */
const DASHES: [string, string][] = [
  ['HYPHEN', '\u2010'],
  ['NON-BREAKING HYPHEN', '\u2011'],
  ['FIGURE DASH', '\u2012'],
  ['EN DASH', '\u2013'],
  ['MINUS SIGN', '\u2212'],
  ['SMALL HYPHEN-MINUS', '\ufe63'],
  ['FULLWIDTH HYPHEN-MINUS', '\uff0d'],
];
/** The kinds whose groups a hyphen may separate, `_` marking each gap. */
const DASHED: { text: string; kind: SensitiveKind; match: string }[] = [
  { text: 'call her on 07700_900451 after 2', kind: 'phone', match: '07700_900451' },
  { text: 'office 0116_255_8799 till 5', kind: 'phone', match: '0116_255_8799' },
  { text: 'GP needs her NHS number 943_476_5919', kind: 'nhs-number', match: '943_476_5919' },
  { text: 'Pay 20_45_77 13572468 by Friday', kind: 'bank-account', match: '20_45_77 13572468' },
];

describe('dashes other than the hyphen-minus between groups', () => {
  it.each(DASHED)('a hyphen-minus: $match', ({ text, kind, match }) => {
    expect(found(everyGap(text, '-'))).toContainEqual([kind, everyGap(match, '-')]);
  });
  for (const [name, dash] of DASHES) {
    it.each(DASHED)(`${name}: $match`, ({ text, kind, match }) => {
      // Reported with the dashes the message has.
      expect(found(everyGap(text, dash))).toContainEqual([kind, everyGap(match, dash)]);
    });
  }
  it('still checks the NHS check digit', () => {
    expect(found('NHS number 943\u2013476\u20135918').map(([kind]) => kind)).not.toContain(
      'nhs-number',
    );
  });
  it('does not read an em dash as a separator', () => {
    expect(found('call her on 07700\u2014900451')).not.toContainEqual([
      'phone',
      '07700\u2014900451',
    ]);
  });
  it.each(DASHES)('validators strip a %s', (_name, dash) => {
    expect(isUkPhoneNumber(`07700${dash}900451`)).toBe(true);
    expect(isValidNhsNumber(`943${dash}476${dash}5919`)).toBe(true);
  });
});

describe('validators accept any whitespace between groups', () => {
  it.each(['07700\u00a0900451', '+44\u202f7700\u2009900\u2007451', '(01476)\t563421'])(
    'phone %j',
    (p) => expect(isUkPhoneNumber(p)).toBe(true),
  );
  it.each(['943\u00a0476\u00a05919', '943\u202f476\n5919', '943\u200b476\u200b5919'])(
    'NHS %j',
    (n) => expect(isValidNhsNumber(n)).toBe(true),
  );
  it('NHS check digit still checked', () =>
    expect(isValidNhsNumber('943\u00a0476\u00a05918')).toBe(false));
  it.each(['AB\u00a012\u00a034\u00a056\u00a0C', 'JK\u2009456789\u2009D'])('NI %j', (ni) =>
    expect(isValidNiNumber(ni)).toBe(true),
  );
  it('NI prefix rules still checked', () =>
    expect(isValidNiNumber('GB\u00a012\u00a034\u00a056\u00a0A')).toBe(false));
  it.each(['NG31\u00a09AB', 'SW1A\u20092AA'])('postcode %j', (p) =>
    expect(isValidPostcode(p)).toBe(true),
  );
});

describe('hostile input: 50,000 characters', () => {
  const N = 50_000;
  let seed = 20240601;
  /** Deterministic pseudo-random (mulberry32), so a failure can be reproduced. */
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const mix = (chars: string[]): string =>
    Array.from({ length: N }, () => chars[Math.floor(random() * chars.length)]).join('');
  const repeat = (unit: string): string => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
  const policy = getPolicy('barrowby-pc');
  if (!policy) throw new Error('missing preset barrowby-pc');

  // No timing assertion: a catastrophic regex would blow the test timeout.
  it.each([
    ['digits and spaces', () => mix(['0', '1', '4', '7', ' ', ' '])],
    ['"0 " repeated', () => repeat('0 ')],
    [
      'digits and Unicode spaces',
      () => mix(['0', '4', '7', '\u00a0', '\u202f', '\u2009', '\u2007']),
    ],
    ['digits and line breaks', () => mix(['0', '4', '7', '\n', '\r\n', ' '])],
    ['digits and zero-width spaces', () => repeat('07\u200b')],
    ['zero-width characters and digits', () => mix(['0', '7', '\u200b', '\u200c', '\u2060', ' '])],
    ['one digit then separators', () => `1${repeat(' \n ( ) - ')}`],
    ['separator runs that never reach a digit', () => repeat(`1${' \n'.repeat(999)}x`)],
    ['letters, digits and breaks', () => mix(['A', 'B', 'C', '1', '2', '\n', ' ', '\t'])],
    ['plus signs and brackets', () => mix(['+', '4', '(', ')', '0', ' ', '\u00a0', '-', '\n'])],
  ])('%s', (_name, make) => {
    const text = make();
    const matches = findPersonalData(text);
    for (const f of matches) expect(text.slice(f.start, f.end)).toBe(f.text);
    const c = classifyMessage(text, policy, { isGroup: true });
    expect(typeof c.record).toBe('boolean');
  });
});

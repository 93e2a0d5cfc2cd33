import { describe, expect, it } from 'vitest';
import {
  findPersonalData,
  isUkPhoneNumber,
  isValidNhsNumber,
  isValidNiNumber,
  isValidPostcode,
  type SensitiveKind,
} from '../../../utils/policy/personal-data';

const kinds = (text: string): SensitiveKind[] => [
  ...new Set(findPersonalData(text).map((f) => f.kind)),
];

describe('National Insurance numbers', () => {
  it.each(['AB123456C', 'AB 12 34 56 C', 'JK 45 67 89 D', 'PW987654A', 'NE112233B', 'ab123456c'])(
    '%s is valid',
    (ni) => expect(isValidNiNumber(ni)).toBe(true),
  );
  it.each([
    ['QQ123456C', 'Q is not a first letter'],
    ['DA123456A', 'D is not a first letter'],
    ['FA123456A', 'F is not a first letter'],
    ['IA123456A', 'I is not a first letter'],
    ['UA123456A', 'U is not a first letter'],
    ['VA123456A', 'V is not a first letter'],
    ['AO123456A', 'O is not a second letter'],
    ['AD123456A', 'D is not a second letter'],
    ['BG123456A', 'BG prefix'],
    ['GB123456A', 'GB prefix'],
    ['KN123456A', 'KN prefix'],
    ['NK123456A', 'NK prefix'],
    ['NT123456A', 'NT prefix'],
    ['TN123456A', 'TN prefix'],
    ['ZZ123456A', 'ZZ prefix'],
    ['AB123456E', 'suffix after D'],
    ['AB12345C', 'five digits'],
    ['A1234567C', 'one letter'],
  ])('%s is not valid (%s)', (ni) => expect(isValidNiNumber(ni)).toBe(false));
});

describe('NHS numbers', () => {
  it.each([
    '943 476 5919',
    '9434765919',
    '401 023 2137',
    '186-091-3903',
    '628 194 8211',
    '555 979 7111',
  ])('%s passes the mod-11 check', (n) => expect(isValidNhsNumber(n)).toBe(true));
  it.each([
    '943 476 5918',
    '186 091 3906',
    '996 030 8246',
    '123456789',
    '12345678901',
    'abc def ghij',
  ])('%s fails', (n) => expect(isValidNhsNumber(n)).toBe(false));
  it('a check digit of 10 is never valid', () => {
    // 100 000 001 → sum 10*1 + 2*1 = 12, 11 - 1 = 10.
    expect(isValidNhsNumber('1000000010')).toBe(false);
  });
});

describe('postcodes and phone numbers', () => {
  it.each([
    'SW1A 2AA',
    'EC1A 1BB',
    'W1A 0AX',
    'M1 1AE',
    'B33 8TH',
    'CR2 6XH',
    'DN55 1PT',
    'GIR 0AA',
    'NG319AB',
    'LE1 6ZG',
  ])('postcode %s', (p) => expect(isValidPostcode(p)).toBe(true));
  it.each(['SK 123 456', 'NG31', 'Q1 1AA', 'AB1 1CI', '123 ABC', 'B4 2PMM'])(
    'not a postcode: %s',
    (p) => expect(isValidPostcode(p)).toBe(false),
  );
  it.each([
    '07700 900451',
    '+44 7700 900 888',
    '+447700900123',
    '01476 563 210',
    '0116 255 8799',
    '020 7946 0018',
    '0345 600 1234',
    '(01476) 563421',
    '+44 (0)20 7946 0018',
  ])('phone %s', (p) => expect(isUkPhoneNumber(p)).toBe(true));
  it.each(['0770 090 04', '1476 563 210', '09876 543210', '+33 6 12 34 56 78'])(
    'not a UK phone: %s',
    (p) => expect(isUkPhoneNumber(p)).toBe(false),
  );
});

describe('findPersonalData', () => {
  it.each([
    ['Her email is jhill1958@btinternet.com', ['email']],
    ['call her on 07700 900451 after 2', ['phone']],
    ['The vicar is on (01476) 563421', ['phone']],
    ['Postcode for the hall is NG31 9AB', ['postcode']],
    ['my postcode is le4 6ez', ['postcode']],
    ['Complaint from 4 Orchard Close about the trees', ['address']],
    ['Flat 3, 45 Station Road', ['address']],
    ['im at my nans, 6 hinckley road', ['address']],
    ['NI number JK 45 67 89 D for payroll', ['ni-number']],
    ['GP needs her NHS number 943 476 5919', ['nhs-number']],
    ['born 14/03/1961', ['date-of-birth']],
    ['DOB: 4 July 1979', ['date-of-birth']],
    ['d.o.b 14.02.2008 for the form', ['date-of-birth']],
    ['sort code 20-45-77 account 13572468', ['bank-account']],
    ['account 41208374, sort code 20-32-06', ['bank-account']],
    ['She has been diagnosed with bipolar', ['health']],
    ['his ADHD meds have run out', ['health']],
    ['He was arrested last night and is on bail', ['criminal-record']],
    ['he mentioned a caution from 2015', ['criminal-record']],
    ['They asked for a Muslim foster family', ['special-category']],
    ['I’m the Unison rep so Thursdays are out', ['special-category']],
    ['the officers ignored a homophobic attack', ['special-category']],
  ] as [string, SensitiveKind[]][])('%s → %j', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('reports positions of each match in the original text', () => {
    const text = 'Ring Pat on 07700 900451 or email pat@example.org';
    for (const f of findPersonalData(text)) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it.each([
    'Road closure on Main Road from Monday',
    'Please take a seat at the back',
    'Planning ref 23/01234/FUL objections by 05/11/2023',
    'The precept is £38,500, up 2.9% (band D £84.21)',
    'Meeting 19:30 on 12.09.2024, doors 19:15',
    'Bus 01 leaves at 07:15 and 08:45',
    'Order ref 996 030 8246 for the lanyards',
    'Parcel tracking no. 1860913906',
    'It is 12-34-56 on the padlock',
    'The wifi password is QQ123456C',
    'Form code AB123456E did not work',
    'Grid ref SK 8732 3645 for the site visit',
    'The M1 J21 is shut, going via the A1(M)',
    'Three potholes on Mill Lane near the bridge',
    'Mental health awareness week resources are on the intranet',
    'NHS careers day at the college next Wednesday',
    'Disabled parking bays are being repainted',
    'Born and bred in Barrowby, 40 years on the council',
    'Happy birthday to the office, 10 years old today',
    'Integrated Offender Management scheme update',
    'We were charged twice for the hall hire',
    'The sun came out for the fete',
    'Christian said he would bring the urn',
    'The Diwali lights in the square look great',
    'I’m arrested by this view from the 5th floor',
    'Unison have sent a general email about the pay offer',
    'Invoice INV-00123456 paid, £2,450.00 inc VAT',
    'Stroke of luck with the weather',
  ])('no false alarm: %s', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

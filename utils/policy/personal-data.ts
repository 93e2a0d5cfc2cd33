/**
 * Personal-data detector for message text. Pure, precompiled, no DOM.
 *
 * Structured identifiers are checked properly (NI prefix rules, NHS mod-11, postcode format, UK
 * phone number lengths); free-text kinds (health, criminal record, special category, date of
 * birth) need a context word, so that "take a seat", "mental health awareness week" or
 * "Road closure on Main Road" stay quiet.
 *
 * Digit-group separators. Wherever a structured identifier (phone, NHS, NI, sort code and
 * account, postcode) allows a space between its groups, any Unicode whitespace will do: the
 * no-break, narrow no-break, thin and figure spaces that phones and WhatsApp insert, tabs, and
 * the zero-width characters U+200B, U+200C, U+200D, U+2060 (invisible, so a number that contains
 * them looks like a number: they count as a space; so one between every digit makes one-digit
 * groups, which are not read as a phone). In the fixed-shape numbers (NHS, NI, sort code,
 * postcode) a gap may hold one or two such characters ("943\u00a0 476", a CRLF); phone numbers
 * keep their own, looser limits. Where a hyphen may stand (phone, NHS, sort code), so may the
 * other dashes people paste from documents: en dash, figure dash, minus sign and the like
 * (`DASHES`). A line break counts too, but only when it is a single break
 * between two groups of the same number (a number wrapped onto the next line):
 *   - a blank line (two or more breaks) always separates items;
 *   - a number spread over three or more lines is a list of separate items, not one number;
 *   - a sort code and an account number on different lines are not joined into one match (each
 *     is still found on its own line if it is labelled), as before.
 * All this is done on a same-length copy of the text (see `numberText`), so positions still
 * point into the original and reported text keeps its original characters.
 */
import { SHARED_GATE } from './gate';

export type SensitiveKind =
  | 'email'
  | 'phone'
  | 'postcode'
  | 'address'
  | 'ni-number'
  | 'nhs-number'
  | 'date-of-birth'
  | 'bank-account'
  | 'health'
  | 'criminal-record'
  | 'special-category';

export interface PersonalDataMatch {
  kind: SensitiveKind;
  text: string;
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// Validators (exported for tests and the options page)

/** Separator characters the validators strip or allow: any whitespace, zero-width characters. */
const VS = '[\\s\\u0085\\u200b-\\u200d\\u2060]';
/**
 * Dash-like characters people and word processors put between digit groups where a hyphen would
 * do: hyphen, non-breaking hyphen, figure dash, en dash, minus signs, fullwidth hyphen-minus.
 * Read as '-'. (Not the em dash: that is punctuation between words, not inside numbers.)
 */
const DASHES = '\\u2010-\\u2013\\u2212\\ufe63\\uff0d';
const VS_OR_DASH_G = new RegExp(`${VS}|[${DASHES}-]`, 'g');
const VS_DASH_BRACKET_G = new RegExp(`${VS}|[()${DASHES}-]`, 'g');

const NI_INVALID_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NI_SHAPE = new RegExp(
  `^([A-CEGHJ-PR-TW-Z])([A-CEGHJ-NPR-TW-Z])${VS}{0,2}(\\d{2})${VS}{0,2}(\\d{2})${VS}{0,2}(\\d{2})${VS}{0,2}([A-D])$`,
);

/** UK National Insurance number: two prefix letters (with HMRC's exclusions), six digits, A–D. */
export function isValidNiNumber(s: string): boolean {
  const t = s.trim().toUpperCase();
  const m = NI_SHAPE.exec(t);
  if (!m) return false;
  return !NI_INVALID_PREFIXES.has(`${m[1]}${m[2]}`);
}

/** NHS number: 10 digits (spaces or dashes allowed) whose mod-11 check digit validates. */
export function isValidNhsNumber(s: string): boolean {
  const digits = s.replace(VS_OR_DASH_G, '');
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === digits.charCodeAt(9) - 48;
}

const POSTCODE_SHAPE = new RegExp(
  `^(?:GIR${VS}{0,2}0AA|[A-PR-UWYZ](?:\\d[\\dA-HJKPSTUW]?|[A-HK-Y]\\d[\\dABEHMNPRVWXY]?)${VS}{0,2}\\d[ABD-HJLNP-UW-Z]{2})$`,
);

/** UK postcode (full: outward and inward parts), including GIR 0AA. */
export function isValidPostcode(s: string): boolean {
  return POSTCODE_SHAPE.test(s.trim().toUpperCase());
}

/** UK phone number: +44 or 0, then 9–10 digits starting 1, 2, 3, 7 or 8 (no dates, no money). */
export function isUkPhoneNumber(s: string): boolean {
  let d = s.replace(VS_DASH_BRACKET_G, '');
  if (d.startsWith('+44')) d = d.slice(3).replace(/^0/, '');
  else if (d.startsWith('0')) d = d.slice(1);
  else return false;
  if (!/^\d+$/.test(d)) return false;
  const first = d.charAt(0);
  if (first === '7') return d.length === 10;
  if (first === '1') return d.length === 9 || d.length === 10;
  if (first === '2' || first === '3') return d.length === 10;
  if (first === '8') return d.length === 9 || d.length === 10;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Patterns (all compiled once)
//
// The number patterns (phone, NHS, NI, bank, postcode and the digit-run prefilters) run on the
// copy made by `numberText`, whose only whitespace is ' ' (any space-like character), '\r' (a
// line break joining two groups of one number) and '\n' (any other line break): so they spell
// their separators out as [ \r] and never use \s.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

const PHONE =
  /(?<![\w£$€.,/:+-])(?:\+44[ \r]{0,2}(?:\(0\)[ \r]{0,2})?|\(0)?(?:\+44|0)?\(?\d[\d \r()-]{7,14}\d(?![\w/:]|[.,]\d)/g;

const NOT_PHONE_BEFORE =
  /\b(?:ref(?:erence)?|invoice|inv|order|po|quote|account|acc|a\/c|id|case|crime|incident|job|ticket|tracking|policy|claim|meeting|passcode|serial)\.?\s*(?:no\.?|number|#|:)?\s*$/i;

const POSTCODE =
  /\b(?:GIR[ \r]{0,2}0AA|[A-PR-UWYZ](?:\d[\dA-HJKPSTUW]?|[A-HK-Y]\d[\dABEHMNPRVWXY]?)[ \r]{0,2}\d[ABD-HJLNP-UW-Z]{2})\b/g;
/** A lower-case postcode after the word postcode or a street address ("12 hill rd le4 6ez"). */
const POSTCODE_ANY_CASE =
  /\b(?:post ?code|address(?: is)?|road|rd|street|st|lane|close|avenue|ave|drive|way|grove|crescent|court|place|terrace|gardens)\W{0,4}(?:is\s|=\s?)?([a-z]{1,2}\d[a-z\d]?[ \r]{0,2}\d[a-z]{2})\b/gi;

const STREET_SUFFIX =
  'Road|Rd|Street|St|Lane|Ln|Close|Avenue|Ave|Drive|Dr|Way|Grove|Gardens|Crescent|Court|Ct|Place|Pl|Terrace|Walk|Row|Hill|Green|Gate|End|Rise|Mews|Square|Parade|Vale|View|Paddocks|Meadows?|Fields|Croft|Chase|Wharf|Yard|Boulevard|Park|Gardens|Passage|Wynd|Hollow';
const ADDRESS = new RegExp(
  `(?:\\b(?:Flat|Apartment|Apt|Unit)\\s+\\d+[A-Za-z]?,?\\s+)?\\b\\d{1,4}[A-Za-z]?,?\\s+(?:(?:[A-Z][a-z'’]+|The)\\s+){1,3}(?:${STREET_SUFFIX})\\b\\.?`,
  'g',
);
const ADDRESS_LOWER = new RegExp(
  `\\b(?:live(?:s)? at|living at|moved to|staying at|address is|at my \\w+'?s,?)\\s+(\\d{1,4}[a-z]?\\s+(?:[a-z'’]+\\s+){1,3}(?:${STREET_SUFFIX.toLowerCase()}))\\b`,
  'gi',
);

const NI = /\b[A-Z]{2}[ \r]{0,2}\d{2}[ \r]{0,2}\d{2}[ \r]{0,2}\d{2}[ \r]{0,2}[A-Z]\b/gi;
const NI_CONTEXT = /\b(?:ni|nino|national insurance)\b/i;

/** One group separator in the fixed-shape numbers: a dash, or one or two spaces. */
const SEP = '(?:-|[ \\r]{1,2})';
const NHS = new RegExp(`(?<![\\d£.,])\\b\\d{3}${SEP}?\\d{3}${SEP}?\\d{4}\\b(?![.,]\\d)`, 'g');
const NHS_CONTEXT = /\b(?:nhs|health|patient|gp|hospital|referral|chi)\b/i;

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_WITH_YEAR = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\.?,?\\s+\\d{4}|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`;
const DATE_NO_YEAR = `(?:\\d{1,2}[/.]\\d{1,2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS}))`;
const DOB = new RegExp(
  `\\b(?:(?:born|b\\.)(?:\\s+on)?|dob|d\\.o\\.b\\.?|date\\s+of\\s+birth|birth\\s*date|birthday|bday|aged)\\b[^\\d\\n]{0,25}?(${DATE_WITH_YEAR})`,
  'gi',
);
const DOB_STRONG_NO_YEAR = new RegExp(
  `\\b(?:dob|d\\.o\\.b\\.?|date\\s+of\\s+birth)\\b\\W{0,6}(?:is\\s+)?(${DATE_NO_YEAR})\\b`,
  'gi',
);

const SORT_CODE = `\\d{2}${SEP}\\d{2}${SEP}\\d{2}`;
const BANK = new RegExp(
  [
    // sort code then account number within a short distance
    `\\b${SORT_CODE}\\b[^\\d\\n\\r]{0,30}\\b\\d{8}\\b`,
    // account number then sort code
    `\\b(?:account|acc|a\\/c)(?:\\s*(?:no\\.?|number))?\\W{0,3}\\d{8}\\b[^\\d\\n\\r]{0,30}\\b${SORT_CODE}\\b`,
    // sort code with its own label
    `\\b(?:sort\\s?code|s\\/c)\\W{0,3}${SORT_CODE}\\b`,
    // labelled account number
    `\\b(?:account|acc|a\\/c)(?:\\s*(?:no\\.?|number))?\\W{0,3}\\d{8}\\b`,
  ].join('|'),
  'gi',
);

/** Someone in particular: pronouns, relatives, roles ("the victim"), or a name with 's ("Jim's"). */
const PERSON_WORD =
  /\b(?:i|i'?m|im|i'?ve|ive|i'?ll|me|my|mine|we're|we|our|us|he|she|he'?s|she'?s|his|her|him|hers|they'?re|their|them|mum|mom|dad|nan|nana|gran|grandad|grandma|son|daughter|husband|wife|partner|ex|brother|sister|child|baby|boy|girl|lad|man|woman|resident|victim|tenant|client|carer|officer|young person|yp)\b/i;
const PERSON_NAME = /\b[A-Z][a-z]+['’]s\b/;

/** Health terms that name a condition: flagged unless they are the name of an event or service. */
const HEALTH_STRONG =
  /\b(?:diagnos(?:ed|is)|dementia|alzheimer'?s|chemo(?:therapy)?|cancer|tumour|bipolar|schizophreni\w*|psychosis|ptsd|adhd|autis(?:m|tic)|self[- ]?harm\w*|suicid\w*|overdose|pregnan(?:t|cy)|miscarriage|ivf|antidepressants?|anti-depressants?|heroin|cocaine|methadone|alcoholi(?:c|sm)|long covid|pneumonia|heart attack|stroke|epilep\w+|diabet(?:ic|es)|asthma|migraine|depression|anorexia|bulimia|eating disorder|wheelchair|hip replacement|knee replacement|sectioned|mental health (?:crisis|problems?|issues?|condition)|learning disabilit\w+|disabilit(?:y|ies)|disabled|hiv|copd|multiple sclerosis|parkinson'?s|motor neurone|dyslexi[ac]|dyspraxi[ac]|heart condition|dialysis|hearing aid|terminal(?:ly)? ill|palliative|psychiatric|mental illness|ocd|cerebral palsy|down'?s syndrome|sickle cell|crohn'?s)\b/gi;
const HEALTH_NOT =
  /^\W*(?:awareness|first aid|sports?|triage|services?|pilot|team|week|month|day|strategy|training|course|charity|careers|trust|research|support|relay|fundraiser|coffee|access|toilets?|parking|bays?|grant|funding|provision|ramp|friendly|champions?|forum|policy|act|discrimination|of)\b/i;
/** Weaker terms: only about a person. */
const HEALTH_WEAK =
  /\b(?:(?:with|has|have|had|his|her|my|their|from|for) anxiety|off (?:sick )?with stress|stress[- ]related|off sick|signed (?:her|him|them|me) off|signed off (?:with|sick)|in hospital|hospitali[sz]ed|operation on|surgery on|medication|meds|prescri(?:bed|ption)|broke(?:n)? (?:his|her|my|their) (?:leg|arm|wrist|ankle|hip|neck|back|nose|foot|hand)|(?:knee|back|hip|leg|shoulder) (?:is |are )?playing up|mental health|physio\w*|ambulance|a&e|injured|camhs|gp appointment|therapy|counselling|had a fall|deaf|blind(?! (?:bend|spot|corner|summit|side|date))|insulin|addict(?:ed|ion)?|drug (?:use|problem|habit|misuse))\b/gi;

const CRIMINAL =
  /\b(?:criminal record|convict(?:ed|ion|ions)|arrested|on bail|on probation|probation officer|(?:in|out of|from|to) prison|prison sentence|jail(?:ed)?|custodial sentence|sentenced|on remand|remanded|charged with (?!vat)|(?:has|have|was|were|been|and) (?:been )?charged(?= by| and|[.,!]|$)|police caution|a caution (?:for|from|in)|cautioned|youth court|magistrates'? court|crown court|community service|community order|youth offending|\byot\b|sex offenders?(?: register)?|registered offender|previous convictions|spent conviction|on licence|(?:pleaded|pled|found) (?:not )?guilty|served time|electronic tag|(?:been |was |is )tagged|police record)/gi;
const CRIMINAL_NOT = /\b(?:i'?m|i am) arrested by\b/i;

const SPECIAL_STRONG =
  /\b(?:ethnicity|ethnic origin|racially|racial(?:ly)? abuse|race hate|sexual orientation|sexuality|homophobi[ca]|transphobi[ca]|biphobi[ca]|(?:came|coming) out (?:to|as)|gay|lesbian|bisexual|transgender|non-binary|mixed race|gypsy|traveller family|trade union member(?:ship)?|union (?:member|rep(?:resentative)?)|unison (?:member|rep)|gmb (?:member|rep)|unite (?:member|rep)|religion|religious beliefs?|(?:sexual|physical|emotional|domestic|child|financial) abuse|abused|abuse at home|disclosed abuse|abusing (?:him|her|them)|domestic violence|signs of neglect|child neglect|being neglected|grooming|groomed|sexual(?:ly)? exploit\w*|cse\b|fgm|(?:step)?(?:dad|mum|father|mother|partner) (?:hit|hits|beat|hurt)s? (?:him|her|me|them)|safeguarding (?:concern|referral|issue))\b/gi;
const FAITHS = "muslim|catholic|jewish|hindu|sikh|buddhist|christian|atheist|jehovah's witness";
/** A person's religion: "a Muslim foster family", "they're Catholic", "as a Sikh". */
const IDENTITY = new RegExp(
  `\\b(?:(?:a|an|as|is|are|being|i'?m|im|he'?s|she'?s|they'?re|we're)\\s+(?:practising\\s+|devout\\s+)?(?:${FAITHS})\\b|(?:${FAITHS})\\s+(?:family|foster|faith|background|carers?|parents?|household|boy|girl|man|woman|lad))`,
  'gi',
);
/** Religious practice or sexuality stated about someone. */
const BELIEF_PERSONAL =
  /\b(?:(?:at|to) the (?:mosque|synagogue|temple|gurdwara)|(?:i'?m|im|i am|we're|he'?s|she'?s|they'?re) fasting|(?:my|his|her|our|their) (?:faith|bar mitzvah|bat mitzvah|grandson's bar mitzvah)|for (?:eid|ramadan|diwali|passover|yom kippur|vaisakhi|hanukkah)|it'?s (?:eid|ramadan|diwali|passover|yom kippur)|during ramadan|eid mubarak|(?:i'?m|im|i am|he'?s|she'?s|they'?re) (?:bi|trans|queer|pan)\b|bar mitzvah|bat mitzvah)/gi;

/** Race-related words that are only personal data about someone ("racist towards her family"). */
const SPECIAL_WEAK = /\b(?:racis[tm]|racial|ethnic)\b/gi;
/** Ethnic origin stated about someone: "a Pakistani family", "mixed heritage", "BAME". */
const ETHNIC_ORIGIN =
  /\b(?:ethnic minority|bame|mixed heritage|mixed race|(?:black|asian|pakistani|indian|bangladeshi|somali|roma|gypsy|traveller|eastern european) (?:family|families|heritage|background|origin|boy|girl|man|woman|lad|lads|kids|children|young person|community member))\b/gi;

const CURLY = /[\u2018\u2019\u02bc]/g;
const HAS_CURLY = /[\u2018\u2019\u02bc]/;

// Word triggers for the free-text patterns (see gate.ts).
// Where a pattern starts with common words ("he's", "to the"), it is gated on its key terms.
const GATE = SHARED_GATE;
const G_HEALTH = GATE.add(HEALTH_STRONG.source);
const G_HEALTH_WEAK = GATE.addKeywords([
  'anxiety',
  'stress',
  'off',
  'sick',
  'signed',
  'hospital',
  'operation',
  'surgery',
  'medicat',
  'meds',
  'prescri',
  'broke',
  'playing',
  'mental',
  'physio',
  'ambulance',
  'injured',
  'camhs',
  'gp',
  'therapy',
  'counselling',
  'fall',
  'deaf',
  'blind',
  'insulin',
  'addict',
  'drug',
]);
const G_CRIMINAL = GATE.addKeywords([
  'criminal',
  'convict',
  'arrested',
  'bail',
  'probation',
  'prison',
  'jail',
  'custodial',
  'sentenced',
  'remand',
  'charged',
  'caution',
  'court',
  'community',
  'youth',
  'yot',
  'sex',
  'offender',
  'registered',
  'previous',
  'spent',
  'licence',
  'pleaded',
  'pled',
  'found',
  'served',
  'electronic',
  'tagged',
  'police',
  'court',
]);
const G_SPECIAL = GATE.add(SPECIAL_STRONG.source);
const G_SPECIAL_WEAK = GATE.add(SPECIAL_WEAK.source);
const G_ETHNIC = GATE.add(ETHNIC_ORIGIN.source);
const G_IDENTITY = GATE.addKeywords([
  'muslim',
  'catholic',
  'jewish',
  'hindu',
  'sikh',
  'buddhist',
  'christian',
  'atheist',
  'jehovah',
]);
const G_BELIEF = GATE.addKeywords([
  'mosque',
  'synagogue',
  'temple',
  'gurdwara',
  'fasting',
  'faith',
  'bar',
  'bat',
  'eid',
  'ramadan',
  'diwali',
  'passover',
  'yom',
  'vaisakhi',
  'hanukkah',
  'bi$',
  'trans$',
  'queer',
  'pan$',
]);
const G_DOB = GATE.addKeywords(['born', 'dob', 'date', 'birth', 'bday', 'aged']);
const G_STREET = GATE.addKeywords(
  STREET_SUFFIX.toLowerCase()
    .split('|')
    .map((w) => `${w.replace(/[^a-z]/g, '')}$`)
    .concat(['meadows$']),
);

// Cheap prefilters: skip whole families of patterns when the text cannot match.
const HAS_DIGIT = /\d/;
const HAS_LETTER_DIGIT = /[A-Za-z]\d|\d[A-Za-z]/;
const DIGIT_THEN_LETTERS = /\d\s[A-Za-z]{2}\b/;
/**
 * A run of at least 6, 9 or 10 digits, with up to three spaces, dashes or brackets between
 * digits ("07700 900 123" is 11, "(01476) 563421" is 11; three for a bracket and a CRLF, or a
 * bracket, a no-break space and a space): bank, phone and NHS patterns need that many. (Native
 * regex scans: far cheaper than walking the text in JavaScript.)
 */
const DIGITS_6 = /\d(?:[ \r()-]{0,3}\d){5}/;
const DIGITS_9 = /\d(?:[ \r()-]{0,3}\d){8}/;
const DIGITS_10 = /\d(?:[ \r()-]{0,3}\d){9}/;
const TRAILING_SEPARATORS = /[\s(-]+$/;
const TRAILING_GROUP = /[\s-]\d+$/;
const TRAILING_GROUPS = /[\s-]+\d+$/;
const SINGLE_DIGIT_GROUP = /(?:^|[\s-])\d(?:[\s-]|$)/;
const SPACED_NHS = /\d{3}[\s-]+\d{3}[\s-]+\d{4}/;
/** Two separate joining line breaks (a CRLF is '\r\r', one break): a list, not one number. */
const TWO_BREAKS = /\r[^\r]+\r/;

/** Anything `numberText` has to rewrite: whitespace other than ' ', NEL, zero-width characters. */
const ODD_SEPARATOR = new RegExp(`[^\\S ]|[\\u0085\\u200b-\\u200d\\u2060${DASHES}]`);
const DASH_LIKE_G = new RegExp(`[${DASHES}]`, 'g');
const SPACE_LIKE_G = /[^\S \n\r\v\f\u2028\u2029]|[\u200b-\u200d\u2060]/g;
const LINE_BREAK_G = /[\r\v\f\u0085\u2028\u2029]/g;
/**
 * Separators with a line break between two letters or digits (spaces, dashes and brackets around
 * it). Linear: it can only start right after a letter or digit, and its runs do not overlap.
 */
const BREAK_RUN_G = /(?<=[A-Za-z\d])[ ()-]*\n[ ()\n-]*(?=[A-Za-z\d])/g;
const NEWLINE_G = /\n/g;

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Line breaks in text[start, end), a CRLF counting once. */
function lineBreaks(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      n++;
      if (text.charCodeAt(i + 1) === 10) i++;
    } else if (c === 10 || c === 11 || c === 12 || c === 0x85 || c === 0x2028 || c === 0x2029) n++;
  }
  return n;
}

/**
 * Same-length copy of `text` for the number patterns: space-like characters (no-break, narrow,
 * thin, figure and other Unicode spaces, tab, zero-width characters) become ' ', dash-like ones
 * (`DASHES`) '-'; a single line
 * break between two groups of which one is a digit becomes '\r' (a CRLF '\r\r'); every other
 * line break becomes '\n'. Text with nothing to rewrite (most messages) is returned as it is.
 */
function numberText(text: string): string {
  if (!ODD_SEPARATOR.test(text)) return text;
  const t = text.replace(SPACE_LIKE_G, ' ').replace(DASH_LIKE_G, '-').replace(LINE_BREAK_G, '\n');
  if (!t.includes('\n')) return t;
  return t.replace(BREAK_RUN_G, (run: string, at: number) => {
    const end = at + run.length;
    if (!isDigitAt(t, at - 1) && !isDigitAt(t, end)) return run;
    return lineBreaks(text, at, end) === 1 ? run.replace(NEWLINE_G, '\r') : run;
  });
}

function push(
  out: PersonalDataMatch[],
  kind: SensitiveKind,
  text: string,
  start: number,
  end: number,
): void {
  out.push({ kind, text: text.slice(start, end), start, end });
  // (`text` here is the normalised copy: same length and positions as the input.)
}

function scan(re: RegExp, text: string, each: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    each(m);
    if (m[0].length === 0) re.lastIndex++;
  }
}

function overlaps(found: PersonalDataMatch[], start: number, end: number): boolean {
  for (const f of found) if (start < f.end && end > f.start) return true;
  return false;
}

/** Finds personal data in `text`, in order of position. */
export function findPersonalData(input: string): PersonalDataMatch[] {
  // Curly apostrophes are matched as straight ones; positions do not move.
  const text = HAS_CURLY.test(input) ? input.replace(CURLY, "'") : input;
  return findPersonalDataGated(text, GATE.active(text.toLowerCase()));
}

/**
 * For the classifier, which has already normalised the text and run the shared gate over it:
 * `text` has straight apostrophes and `on` is `SHARED_GATE.active(lower-cased text)`.
 */
export function findPersonalDataGated(text: string, on: Uint8Array): PersonalDataMatch[] {
  const out: PersonalDataMatch[] = [];
  if (text.length === 0) return out;

  if (text.includes('@'))
    scan(EMAIL, text, (m) => push(out, 'email', text, m.index, m.index + m[0].length));

  const gHealth = on[G_HEALTH] === 1;
  const gHealthWeak = on[G_HEALTH_WEAK] === 1;
  const gCriminal = on[G_CRIMINAL] === 1;
  const gSpecial = on[G_SPECIAL] === 1;
  const gSpecialWeak = on[G_SPECIAL_WEAK] === 1;
  const gIdentity = on[G_IDENTITY] === 1;
  const gBelief = on[G_BELIEF] === 1;
  const gStreet = on[G_STREET] === 1;

  if (HAS_DIGIT.test(text)) {
    // Number patterns read `num`: same positions, separators normalised (see `numberText`).
    const num = numberText(text);
    // Some line break joins two groups: a match with two such breaks is a list (TWO_BREAKS).
    const joined = num !== text && num.includes('\r');
    const six = DIGITS_6.test(num);
    const nine = six && DIGITS_9.test(num);
    const ten = nine && DIGITS_10.test(num);
    const gDob = on[G_DOB] === 1 || text.includes('.o.b');
    // Bank details first: their digits must not be reported again as phones or NHS numbers.
    if (six)
      scan(BANK, num, (m) => {
        if (joined && TWO_BREAKS.test(m[0])) return;
        push(out, 'bank-account', text, m.index, m.index + m[0].length);
      });
    if (gDob)
      scan(DOB, text, (m) => {
        const date = m[1] ?? '';
        const start = m.index + m[0].lastIndexOf(date);
        push(out, 'date-of-birth', text, m.index, start + date.length);
      });
    if (gDob)
      scan(DOB_STRONG_NO_YEAR, text, (m) => {
        if (!overlaps(out, m.index, m.index + m[0].length))
          push(out, 'date-of-birth', text, m.index, m.index + m[0].length);
      });
    const taken = out.filter((f) => f.kind === 'bank-account' || f.kind === 'email');
    if (nine)
      scan(PHONE, num, (m) => {
        let raw = m[0].replace(TRAILING_SEPARATORS, '');
        // A number followed by other figures ("07700 900451 12 times"), or going on over more
        // than one line break (a list): drop trailing groups.
        while (
          (!isUkPhoneNumber(raw) || (joined && TWO_BREAKS.test(raw))) &&
          TRAILING_GROUP.test(raw)
        )
          raw = raw.replace(TRAILING_GROUPS, '');
        const start = m.index;
        const end = start + raw.length;
        if (!isUkPhoneNumber(raw) || (joined && TWO_BREAKS.test(raw))) {
          // Figures at the end of one line and a number on the next ("Table 12\n07700 900451"):
          // look again from the next line.
          const brk = joined ? m[0].indexOf('\r') : -1;
          if (brk > 0) PHONE.lastIndex = start + brk + 1;
          return;
        }
        if (overlaps(taken, start, end)) return;
        // "Invoice 0123456789", "crime ref 01234 567890": a reference, not a phone.
        if (NOT_PHONE_BEFORE.test(num.slice(Math.max(0, start - 24), start))) return;
        // Digit groups must be at least two long ("0 7 7 0 0" is not how numbers are written).
        if (SINGLE_DIGIT_GROUP.test(raw.replace(/^\+44/, '').replace(/^\(0\)/, ''))) return;
        push(out, 'phone', text, start, end);
      });
    if (ten)
      scan(NHS, num, (m) => {
        const start = m.index;
        const end = start + m[0].length;
        if (!isValidNhsNumber(m[0]) || overlaps(out, start, end)) return;
        if (joined && TWO_BREAKS.test(m[0])) return;
        const spaced = SPACED_NHS.test(m[0]);
        const window = text.slice(Math.max(0, start - 40), Math.min(text.length, end + 20));
        if (spaced || NHS_CONTEXT.test(window)) push(out, 'nhs-number', text, start, end);
      });
    if (HAS_LETTER_DIGIT.test(num) || DIGIT_THEN_LETTERS.test(num)) {
      scan(POSTCODE, num, (m) => push(out, 'postcode', text, m.index, m.index + m[0].length));
      scan(POSTCODE_ANY_CASE, num, (m) => {
        const pc = m[1] ?? '';
        const start = m.index + m[0].length - pc.length;
        if (isValidPostcode(pc) && !overlaps(out, start, start + pc.length))
          push(out, 'postcode', text, start, start + pc.length);
      });
    }
    scan(NI, num, (m) => {
      if (!isValidNiNumber(m[0]) || (joined && TWO_BREAKS.test(m[0]))) return;
      // Lower-case only with a label nearby ("ni number", "national insurance").
      if (m[0] !== m[0].toUpperCase() && !NI_CONTEXT.test(text)) return;
      push(out, 'ni-number', text, m.index, m.index + m[0].length);
    });
    if (gStreet)
      scan(ADDRESS, text, (m) => {
        if (!overlaps(out, m.index, m.index + m[0].length))
          push(out, 'address', text, m.index, m.index + m[0].length);
      });
    if (gStreet)
      scan(ADDRESS_LOWER, text, (m) => {
        const addr = m[1] ?? '';
        const start = m.index + m[0].length - addr.length;
        if (!overlaps(out, start, start + addr.length))
          push(out, 'address', text, start, start + addr.length);
      });
  }

  const hasPerson =
    (gHealthWeak || gSpecialWeak) && (PERSON_WORD.test(text) || PERSON_NAME.test(text));
  if (gHealth)
    scan(HEALTH_STRONG, text, (m) => {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
      if (HEALTH_NOT.test(after)) return;
      push(out, 'health', text, m.index, m.index + m[0].length);
    });
  if (hasPerson && gHealthWeak)
    scan(HEALTH_WEAK, text, (m) => {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 24);
      if (HEALTH_NOT.test(after)) return;
      push(out, 'health', text, m.index, m.index + m[0].length);
    });
  if (gCriminal && !CRIMINAL_NOT.test(text))
    scan(CRIMINAL, text, (m) => push(out, 'criminal-record', text, m.index, m.index + m[0].length));
  if (gSpecial)
    scan(SPECIAL_STRONG, text, (m) =>
      push(out, 'special-category', text, m.index, m.index + m[0].length),
    );
  if (on[G_ETHNIC] === 1)
    scan(ETHNIC_ORIGIN, text, (m) => {
      if (!overlaps(out, m.index, m.index + m[0].length))
        push(out, 'special-category', text, m.index, m.index + m[0].length);
    });
  if (hasPerson && gSpecialWeak)
    scan(SPECIAL_WEAK, text, (m) => {
      if (!overlaps(out, m.index, m.index + m[0].length))
        push(out, 'special-category', text, m.index, m.index + m[0].length);
    });
  if (gIdentity)
    scan(IDENTITY, text, (m) =>
      push(out, 'special-category', text, m.index, m.index + m[0].length),
    );
  if (gBelief)
    scan(BELIEF_PERSONAL, text, (m) =>
      push(out, 'special-category', text, m.index, m.index + m[0].length),
    );

  if (out.length > 1) out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMessage, outsideWorkingHours } from '../../../utils/policy/classify';
import { TriggerIndex, leadingWords } from '../../../utils/policy/gate';
import { getPolicy } from '../../../utils/policy/presets/index';
import type { Policy } from '../../../utils/policy/schema';
import { policyForStyle, type LabelledMessage } from './corpus-metrics';

function must(id: string): Policy {
  const p = getPolicy(id);
  if (!p) throw new Error(id);
  return p;
}
const barrowby = must('barrowby-pc');
const opcc = must('opcc-cleveland');
const leicester = must('leicester-rights-participation');

describe('classifyMessage: record or transitory', () => {
  it.each([
    'Approved.',
    'Agreed, go ahead with the lower quote',
    'Please can you pay the Greenscape invoice this week',
    'FOI request received about the car park, 20 working days',
    'Tarmac quote for Mill Lane is £4,200 + VAT',
    'Letter before claim received re the tree roots',
    'The s106 money has to be spent by March',
    'Draft minutes attached, corrections by Friday',
    'Formal complaint received about the allotments',
  ])('record: %s', (text) => {
    const c = classifyMessage(text, barrowby);
    expect(c.record).toBe(true);
    expect(c.reasons.some((r) => r.clause === '10.2' || r.clause === '11')).toBe(true);
  });

  it.each([
    'Running 10 minutes late',
    'Please see agenda link',
    'thanks all 👍',
    '👍',
    '😂😂',
    'ok',
    'On my way',
    'Happy Christmas everyone 🎄',
    'Lovely sunny day for the fete',
    '',
  ])('transitory: %j', (text) => {
    const c = classifyMessage(text, barrowby);
    expect(c.record).toBe(false);
    if (text !== '') expect(c.reasons.at(-1)).toMatchObject({ clause: '10.4' });
  });

  it('gives categories with the clause of the policy in use', () => {
    const c = classifyMessage(
      'Please raise a cheque for the invoice and chase the contractor',
      barrowby,
    );
    expect(c.categories).toEqual(expect.arrayContaining(['instruction', 'finance']));
    const oak = classifyMessage(
      'Please raise a cheque for the invoice',
      must('oakthorpe-donisthorpe-acresford-pc'),
    );
    expect(oak.reasons.find((r) => r.rule.includes('finance'))?.clause).toBe('5.1');
    expect(c.summary).toMatch(/capture within 2 working days \(10\.3\)/);
  });

  it('reads curly apostrophes like straight ones', () => {
    expect(
      classifyMessage('Let’s agree the precept now', barrowby, { isGroup: true }).warnings,
    ).toContain('decision-outside-meeting');
  });
});

describe('classifyMessage: warnings', () => {
  it.each([
    "let's agree to object",
    'Are we all happy to go with Greenscape?',
    'I propose we pay it now',
    'Can we vote on here?',
    'Shall we go with the oak bench?',
    'Agreed then, clerk please book it',
    'All in favour say aye',
    'Decided: bonfire cancelled',
    'Shall I tell them yes?',
    "We're going with the cheaper quote then",
    'Settled then, £600 for the fete',
    'Quick vote: bins yes or no?',
  ])('decision outside a meeting in a group: %s', (text) => {
    const c = classifyMessage(text, barrowby, { isGroup: true });
    expect(c.warnings).toContain('decision-outside-meeting');
    expect(c.reasons.find((r) => r.rule.startsWith('group chat'))?.clause).toBe('10.5');
    expect(classifyMessage(text, barrowby, { chatKind: 'council-group' }).warnings).toContain(
      'decision-outside-meeting',
    );
    // Not in a one-to-one chat.
    expect(classifyMessage(text, barrowby, { isGroup: false }).warnings).not.toContain(
      'decision-outside-meeting',
    );
  });

  it.each([
    'I agree, what a lovely evening',
    'Is everyone ok after the storm?',
    "I'm happy to bring cake",
    "Let's hope it doesn't rain",
    'Who is going to vote in the general election?',
    'Everyone happy new year!',
    'The clerk will take a vote at the meeting on Monday',
    'Are we still meeting at 7?',
  ])('no decision warning for chat that decides nothing: %s', (text) => {
    expect(classifyMessage(text, barrowby, { isGroup: true }).warnings).not.toContain(
      'decision-outside-meeting',
    );
  });

  it.each([
    "I'll be voting against it whatever they say",
    'My mind is made up on the Manor Farm application',
    'No matter what the applicant says, I am objecting',
    'Nothing will change my mind on this one',
    "I'm voting against the Manor Farm scheme regardless of the officer's report",
    "Whatever the developer offers I'm not supporting it",
    "There is no way I'll support that application",
    "Doesn't matter what they say at committee, I'm objecting",
  ])('predetermination: %s', (text) => {
    const c = classifyMessage(text, barrowby, { isGroup: true });
    expect(c.warnings).toContain('predetermination');
    expect(c.reasons.find((r) => r.rule.startsWith('predetermination'))?.clause).toBe('11');
  });

  it.each([
    "I'll keep an open mind until I've read the report",
    "Can someone send me the officer's report before I decide?",
    "I've made up my mind to get fitter this year 😂",
  ])('no predetermination warning: %s', (text) => {
    expect(classifyMessage(text, barrowby, { isGroup: true }).warnings).not.toContain(
      'predetermination',
    );
  });

  it('personal chats are outside a policy that excludes them', () => {
    const c = classifyMessage('Are we all happy to pay the invoice?', opcc, {
      chatKind: 'personal',
      isGroup: true,
    });
    expect(c.record).toBe(false);
    expect(c.warnings).not.toContain('decision-outside-meeting');
    expect(c.reasons.some((r) => r.rule.startsWith('personal chat'))).toBe(true);
  });

  it('one-to-one business where the policy forbids it (OPCC), with the alternatives', () => {
    const c = classifyMessage('Can you raise a PO for the interpreter, £640', opcc, {
      chatKind: 'council-one-to-one',
    });
    expect(c.warnings).toContain('one-to-one-business');
    expect(c.reasons.find((r) => r.rule.startsWith('one-to-one'))?.rule).toMatch(/email/);
    expect(
      classifyMessage('Can you raise a PO for the interpreter', opcc, { isGroup: true }).warnings,
    ).not.toContain('one-to-one-business');
    expect(classifyMessage('see you tomorrow', opcc, { isGroup: false }).warnings).not.toContain(
      'one-to-one-business',
    );
    expect(
      classifyMessage('Can you raise a PO', barrowby, { isGroup: false }).warnings,
    ).not.toContain('one-to-one-business');
  });

  it('outside working hours where the policy has them (Leicester)', () => {
    expect(classifyMessage('Hi', leicester, { sentAt: '2025-03-15T11:00' }).warnings).toContain(
      'outside-working-hours',
    ); // Saturday
    expect(classifyMessage('Hi', leicester, { sentAt: '2025-03-14T19:30' }).warnings).toContain(
      'outside-working-hours',
    );
    expect(classifyMessage('Hi', leicester, { sentAt: '2025-03-14T10:00' }).warnings).not.toContain(
      'outside-working-hours',
    );
    expect(outsideWorkingHours(leicester, '2025-03-14T17:00')).toBe(true);
    expect(outsideWorkingHours(leicester, '2025-03-14T09:00')).toBe(false);
    expect(classifyMessage('Hi', barrowby, { sentAt: '2025-03-15T23:00' }).warnings).not.toContain(
      'outside-working-hours',
    );
  });

  it('sensitive data, with the personal-data clause', () => {
    const c = classifyMessage('Her DOB is 03/09/2007 and NHS number 943 476 5919', leicester);
    expect(c.warnings).toContain('sensitive-data');
    expect(c.sensitive.map((s) => s.kind)).toEqual(['date-of-birth', 'nhs-number']);
    expect(c.reasons[0]).toMatchObject({ clause: 'Scope 2(d)' });
    expect(classifyMessage('See you at 7', leicester).warnings).toEqual([]);
  });
});

describe('word-trigger gate', () => {
  it('reads the leading words of a pattern', () => {
    expect(leadingWords(String.raw`\b(?:approved?|sign(?:ed)?\s+off|go\s+ahead)\b`)).toEqual([
      'approve',
      'sign',
      'go',
    ]);
    expect(leadingWords(String.raw`(?:i\s+)?propose\s+we`)).toEqual(['i', 'propose']);
    expect(leadingWords(String.raw`\b\d{2}\/\d{4}`)).toBeNull();
    expect(leadingWords(String.raw`(?:^|[.!?]\s+)please`)).toBeNull();
  });

  it('never changes a result: gated and ungated runs agree over both corpora', () => {
    const corpus = ['dev-corpus.json', 'holdout-corpus.json'].flatMap(
      (name) =>
        JSON.parse(
          readFileSync(new URL(`../../fixtures/corpus/${name}`, import.meta.url), 'utf8'),
        ) as LabelledMessage[],
    );
    const extra = [
      'We’ll go with option B then',
      'Thumbs up if happy',
      'd.o.b. 12 March 2011',
      'I have told the insurers',
      'Over my dead body will that get through',
    ];
    const texts = [
      ...corpus.map((m) => [m.text, m.style, m.isGroup] as const),
      ...extra.map((t) => [t, 'parish', true] as const),
    ];
    const run = () =>
      texts.map(([t, style, isGroup]) => classifyMessage(t, policyForStyle(style), { isGroup }));
    const gated = run();
    TriggerIndex.enabled = false;
    try {
      expect(run()).toEqual(gated);
    } finally {
      TriggerIndex.enabled = true;
    }
  });

  it('never changes a result from any word on: every word-suffix of both corpora agrees', () => {
    // Dropping the words before each match makes every later match the first one, so a trigger
    // word missing from any match (not only the first) shows up as a difference.
    const corpus = ['dev-corpus.json', 'holdout-corpus.json'].flatMap(
      (name) =>
        JSON.parse(
          readFileSync(new URL(`../../fixtures/corpus/${name}`, import.meta.url), 'utf8'),
        ) as LabelledMessage[],
    );
    const texts: [string, Policy, boolean][] = [];
    for (const m of corpus) {
      const policy = policyForStyle(m.style);
      for (let i = 0; i < m.text.length; i++)
        if (/[A-Za-z0-9]/.test(m.text.charAt(i)) && !/[A-Za-z0-9]/.test(m.text.charAt(i - 1)))
          texts.push([m.text.slice(i), policy, m.isGroup]);
    }
    expect(texts.length).toBeGreaterThan(5000);
    const run = () => texts.map(([t, policy, isGroup]) => classifyMessage(t, policy, { isGroup }));
    const gated = run();
    TriggerIndex.enabled = false;
    try {
      const ungated = run();
      for (let i = 0; i < texts.length; i++) expect(gated[i], texts[i]?.[0]).toEqual(ungated[i]);
    } finally {
      TriggerIndex.enabled = true;
    }
  });

  // One phrase for each trigger word that stands in for a pattern's common leading word
  // ("the review" runs on "review", not on "the"): alone, so no other word can open the gate.
  it.each([
    ...['Go ahead', 'S137 rules', 'under s.137', 'PO number please', 'the DD', 'the spend'],
    ...['a copy of the information you hold', 'pre-action letter', "she'll claim", 'sue us'],
    ...['the gate is broken', 'she had a fall', 'a tree has come down', 'the sign has fallen down'],
    ...['s106 money', 's. 106', 'no objection', "I don't feel safe", 'she is at risk'],
    ...['the review', 'put it on her file', 'on the agenda', 'to the agenda', 'the minutes'],
    ...['draft minutes', '23/01234/FUL', 'It was £5', '2k', 'costs', 'pay the man', 'spent'],
    ...['money', 'card machine', 'takings', 'income', 'off sick', 'cover for Jo', 'rota change'],
    ...['Can we sign off?', "We'll go with that", 'well go for it', "We're going with B"],
    ...["let's agree", 'lets do it', 'I move that', 'is everyone ok with', 'all good with this'],
    ...['are we all okay with it', 'everyone fine with that', 'yes from me', 'no from me'],
    ...['I back the cheaper', 'we support the first', 'I prefer the higher', 'can we take a view'],
    ...['can we go with', "no way I'm supporting that", "I don't need to hear from the applicant"],
    ...["doesn't matter what they say", "I'll never support it", 'over my dead body'],
    ...["don't care what the report says", "we've made a referral", 'my mind is made up'],
    ...['Ask her PA', "the SW's view", 'YP moved'],
    // Transitory wording vetoes a weak signal ("money"), so a missed trigger would show.
    ...[
      ...['be there in 5', "I'll be back in 10", 'am with you in 5', 'on my way', 'on leave'],
      ...['just parked', 'wi-fi code', 'wifi password', "can't make it", 'see you', 'good luck'],
      ...['well done', 'back monday', 'tea rota', 'car park', 'fun run', 'free pizza'],
      ...['phone died', 'working from home', 'leaving drinks', 'morning all'],
    ].map((t) => `${t}, re the money`),
  ])('opens the gate for "%s"', (text) => {
    const gated = classifyMessage(text, barrowby, { isGroup: true });
    TriggerIndex.enabled = false;
    try {
      expect(gated).toEqual(classifyMessage(text, barrowby, { isGroup: true }));
    } finally {
      TriggerIndex.enabled = true;
    }
  });

  it('gates consensus-seeking on every word it can hinge on ("can we sign off")', () => {
    // This alternative once had no trigger word of its own, so the warning was skipped.
    const c = classifyMessage('Can we sign off the accounts?', barrowby, { isGroup: true });
    expect(c.warnings).toContain('decision-outside-meeting');
    expect(c.categories).toEqual(['decision', 'approval', 'finance']);
  });

  it('matches words by prefix, or whole words only when marked $', () => {
    const index = new TriggerIndex();
    const a = index.addKeywords(['bi$', 'gp', 'review']);
    const b = index.addKeywords(['0', 'off$']);
    const c = index.addKeywords(null);
    const on = (text: string) => [...index.active(text)];
    expect(on('')).toEqual([0, 0, 1]);
    expect(on('big reviewer')).toEqual([1, 0, 1]);
    expect(on('he is bi')).toEqual([1, 0, 1]);
    expect(on('bike gps')).toEqual([1, 0, 1]);
    expect(on('office revie 12')).toEqual([0, 0, 1]);
    expect(on('x-off, 07700')).toEqual([0, 1, 1]);
    expect(on('café£0 é-off')).toEqual([0, 1, 1]);
    expect(index.active('review')[a]).toBe(1);
    expect(index.active('reviews')[b]).toBe(0);
    expect(index.active('x')[c]).toBe(1);
  });
});

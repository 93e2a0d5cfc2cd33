/**
 * Barrowby Parish Council — Social Media, Messaging and Digital Communications Policy.
 * Numbered sections 1–17 (10.1–10.5 for WhatsApp); every rule cites one.
 */
import { categoryList } from '../categories';
import type { Policy } from '../schema';
import { STANDARD_SCHEDULE_NOTE, standardSchedule } from './standard-schedule';

export const barrowbyPc: Policy = {
  id: 'barrowby-pc',
  version: '1.0.0',
  council: 'Barrowby Parish Council',
  document: 'Social Media and Digital Communications Policy',
  review: {
    clause: '17',
    summary:
      'Reviewed at least annually, and sooner after legal or guidance changes, channel changes or incidents.',
    everyYears: 1,
  },
  recordTest: {
    clause: '10.2',
    summary:
      'A message becomes a Council record when it contains or evidences Council business of substance: a decision, instruction, approval or authorisation; substantive discussion; information relied on; contracts, finance, staffing, complaints, FOI/EIR, legal, data protection or other statutory functions; how the Council responded to an incident; anything needed for audit or accountability.',
  },
  categories: categoryList('10.2', {
    planning: '11',
    procurement: '11',
    safeguarding: '9',
    minutes: '12',
    'lease-land': '12',
    'personal-injury': '12',
    defamation: '12',
    negligence: '12',
    transitory: '10.4',
    meeting: '10.1',
  }),
  capture: {
    clause: '10.3',
    summary:
      'Capture a record into the Council’s official record system as soon as reasonably practicable (2 working days assumed): forward it to the Clerk, screenshot it into the Council file, copy it into a note, email or minute, or export the thread. Records must not stay only on private phones.',
    withinWorkingDays: 2,
    methods: [
      'Forward to the Clerk / Proper Officer',
      'Screenshot saved in the Council file',
      'Copy into a formal note, email or minute',
      'Export the message thread and save it securely',
    ],
  },
  retention: standardSchedule('12', 'the Retention Schedule named in 12 and 16'),
  recordsOfficer: {
    clause: '12',
    summary:
      'The Clerk / Proper Officer makes sure messaging records are captured, can be retrieved, and are not kept longer than necessary.',
    role: 'Clerk / Proper Officer',
  },
  breach: {
    clause: '13',
    summary:
      'Compromised accounts, suspicious messages, impersonation or accidental disclosures must be reported immediately under the IT / Cyber Security Incident Report Procedure and, where relevant, the Personal Data Breach Procedure (ICO within 72 hours if reportable).',
    contact: 'Clerk / Proper Officer, under the IT / Cyber Security Incident Report Procedure',
    immediately: true,
    icoWithinHours: 72,
  },
  scope: {
    clause: '2',
    summary:
      'Covers councillors, staff, volunteers and contractors, and WhatsApp, SMS and similar apps — including private accounts — whenever used for Council business. Purely personal chats are outside it.',
    inScope: ['council-group', 'council-one-to-one'],
    personalExcluded: true,
    designatedGroupsOnly: false,
    oneToOneBusiness: 'allowed',
  },
  personalData: {
    clause: '9',
    summary:
      'Do not process personal or special category data on messaging apps without a clear lawful basis and safeguards; move personal matters to a secure channel; do not keep screenshots or personal details longer than necessary.',
    level: 'lawful-basis',
    moveTo: 'a more appropriate and secure channel (council email)',
  },
  groupChat: {
    noDecisions: {
      clause: '10.5',
      summary: 'Group chats must not be used to make decisions outside properly convened meetings.',
    },
    noConsensusSeeking: {
      clause: '10.5',
      summary:
        'Group chats must not be used to seek consensus in a way that bypasses lawful governance.',
    },
    noConfidential: {
      clause: '10.5',
      summary:
        'Group chats must not carry confidential or sensitive information unless clearly authorised and secure.',
    },
    noStaffingOrComplaints: {
      clause: '10.5',
      summary:
        'Group chats must not be used for staffing, complaint or legally sensitive discussions.',
    },
  },
  predetermination: {
    clause: '11',
    summary:
      'Councillors must not post in a way that suggests predetermination or bias, especially on planning and other quasi-judicial matters.',
  },
  transitory: {
    clause: '10.4',
    summary:
      'Purely administrative, short-lived messages (“Running 10 minutes late”, “Please see agenda link”) need not be kept unless part of a wider issue, dispute, incident or evidential trail.',
  },
  foi: {
    clause: '10.2',
    summary:
      'Whether information is held for FOI depends on its content and context, not the account it sits in.',
  },
  composerGuard: {
    clause: '9',
    summary:
      'Personal and special category data must not go through messaging apps without a lawful basis: the warning while typing stays on.',
    mayBeTurnedOff: false,
  },
  rules: [
    {
      id: 'principles',
      clause: '3',
      summary: 'Lawful, transparent, accountable, proportionate, secure and properly recorded.',
    },
    {
      id: 'official-accounts',
      clause: '4',
      summary:
        'Official accounts belong to the Council, are used only by authorised people and secured with strong passwords and MFA.',
    },
    {
      id: 'official-channels.not-for',
      clause: '5',
      summary:
        'Official channels are not for personal disputes, confidential staffing, personal data without a lawful basis, predetermination or announcing decisions not lawfully taken.',
    },
    {
      id: 'conduct',
      clause: '6',
      summary:
        'Be accurate, polite and professional; never disclose confidential or exempt information.',
    },
    {
      id: 'personal-accounts',
      clause: '7',
      summary:
        'Personal accounts must not disclose confidential information or conduct formal business in an unmanaged way.',
    },
    {
      id: 'personal-data.direct-messages',
      clause: '9',
      summary:
        'Where a resident sends personal information by message, move the matter to a more secure channel where practicable.',
    },
    {
      id: 'personal-data.no-marketing',
      clause: '9',
      summary: 'Do not use messaging in a way that amounts to unlawful direct marketing (PECR).',
    },
    {
      id: 'whatsapp.general',
      clause: '10.1',
      summary:
        'Messaging may be used for practical matters (meeting times, urgent admin alerts, public links, operational issues), not as a substitute for formal decisions, records storage or confidential case handling.',
    },
    {
      id: 'whatsapp.not-only-on-phones',
      clause: '10.3',
      summary:
        'Council records must not remain solely in private phones or personal messaging apps.',
    },
    {
      id: 'meetings.no-decisions',
      clause: '11',
      summary:
        'Do not make decisions outside lawful meetings, create the appearance that decisions are made, or coordinate collective decisions outside meetings.',
    },
    {
      id: 'retention.clerk',
      clause: '12',
      summary:
        'Trivial and duplicate material is not kept longer than necessary; records are not left indefinitely in unmanaged platforms.',
    },
    {
      id: 'security',
      clause: '13',
      summary:
        'Strong unique passwords, MFA, limited admin access, up-to-date devices, prompt removal of access.',
    },
    {
      id: 'training',
      clause: '14',
      summary:
        'Guidance or training on conduct, records, data protection, safe messaging and predetermination.',
    },
    {
      id: 'breach-of-policy',
      clause: '15',
      summary:
        'Breach may lead to loss of access, internal action, Code of Conduct referral, or referral to the police or ICO.',
    },
  ],
  notes: [
    STANDARD_SCHEDULE_NOTE,
    '"As soon as reasonably practicable" (10.3) is read as 2 working days.',
  ],
};

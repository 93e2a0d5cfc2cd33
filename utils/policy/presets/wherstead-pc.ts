/**
 * Wherstead Parish Council — Social Media and Electronic Communication Policy (adopted 8 March
 * 2023). No numbered clauses: rules cite the headings.
 */
import { categoryList } from '../categories';
import type { Policy } from '../schema';
import { STANDARD_SCHEDULE_NOTE, standardSchedule } from './standard-schedule';

const EMAIL = 'Parish Council email';
const CRITERIA = 'Communications from the Council';
const INTERNAL = 'Internal communication and access to information within the Council';

export const whersteadPc: Policy = {
  id: 'wherstead-pc',
  version: '1.0.0',
  council: 'Wherstead Parish Council',
  document: 'Social Media and Electronic Communication Policy',
  adopted: '2023-03-08',
  review: {
    clause: 'Adoption and review',
    summary: 'Adopted on 8 March 2023; reviewed annually, or sooner should legislation dictate.',
    everyYears: 1,
  },
  recordTest: {
    clause: EMAIL,
    summary:
      'Communications on behalf of the Council come from or are copied to the Clerk; anything copied to the Clerk becomes official and subject to the Freedom of Information Act, so that a complete and proper record is kept.',
  },
  categories: categoryList(EMAIL),
  capture: {
    clause: EMAIL,
    summary:
      'Copy council business to the Clerk so a complete and proper record is kept (2 working days assumed).',
    withinWorkingDays: 2,
    methods: ['Copy or forward to the Clerk’s council email'],
  },
  retention: standardSchedule(EMAIL, 'the policy'),
  recordsOfficer: {
    clause: EMAIL,
    summary: 'The Clerk deals with council email and keeps the record of correspondence.',
    role: 'Clerk',
  },
  breach: {
    clause: INTERNAL,
    summary:
      'Failure to observe confidentiality may breach the Code of Conduct and is dealt with through its procedures; tell the Clerk at once. Reportable personal data breaches go to the ICO within 72 hours.',
    contact: 'The Clerk',
    immediately: true,
    icoWithinHours: 72,
  },
  scope: {
    clause: 'Whatsapp',
    summary:
      'Parish Councillors and the Clerk have a private WhatsApp group for matters that need attention; that group is in scope.',
    inScope: ['council-group'],
    personalExcluded: true,
    designatedGroupsOnly: true,
    oneToOneBusiness: 'allowed',
  },
  personalData: {
    clause: CRITERIA,
    summary:
      'Council communications must not contain any personal information; do not forward names, addresses, emails, IP addresses or cookie identifiers outside the Council (Parish Council email).',
    level: 'none',
    moveTo: 'the Clerk’s council email',
  },
  groupChat: {
    noConfidential: {
      clause: INTERNAL,
      summary: 'Do not share confidential information with anyone.',
    },
  },
  foi: {
    clause: EMAIL,
    summary:
      'Anything copied to the Clerk becomes official and is subject to the Freedom of Information Act.',
  },
  composerGuard: {
    clause: CRITERIA,
    summary:
      'Communications must not contain any personal information: the warning while typing stays on.',
    mayBeTurnedOff: false,
  },
  rules: [
    {
      id: 'conduct.civil',
      clause: CRITERIA,
      summary:
        'Be civil, tasteful and relevant; nothing unlawful, libellous, harassing, defamatory, abusive or offensive.',
    },
    {
      id: 'conduct.copyright',
      clause: CRITERIA,
      summary: 'Do not use content copied from elsewhere that the Council does not own.',
    },
    {
      id: 'personal-data.none',
      clause: CRITERIA,
      summary: 'Do not include any personal information.',
    },
    {
      id: 'conduct.no-political-advertising',
      clause: CRITERIA,
      summary: 'No political advertising.',
    },
    {
      id: 'conduct.respect',
      clause: 'Guidelines',
      summary: 'Be considerate and respectful; no personal attacks; stay on topic.',
    },
    {
      id: 'email.copy-clerk',
      clause: EMAIL,
      summary: 'Communications on behalf of the Council come from, or are copied to, the Clerk.',
    },
    {
      id: 'email.no-forwarding-personal',
      clause: EMAIL,
      summary: 'Do not forward personal information to people or groups outside the Council.',
    },
    {
      id: 'whatsapp.private-group',
      clause: 'Whatsapp',
      summary:
        'The councillors-and-Clerk WhatsApp group is private and for swift communication of matters needing attention.',
    },
    {
      id: 'internal.code-of-conduct',
      clause: INTERNAL,
      summary:
        'Abide by the Code of Conduct and the Data Protection Act; keep confidential information confidential.',
    },
    {
      id: 'internal.essential-recipients',
      clause: INTERNAL,
      summary: 'Copy in only those who need to know and remove old trails.',
    },
  ],
  notes: [
    STANDARD_SCHEDULE_NOTE,
    'The policy sets no time for copying to the Clerk: 2 working days is assumed.',
  ],
};

/**
 * Oakthorpe Donisthorpe & Acresford Parish Council — WhatsApp Use Policy.
 * Numbered clauses 1.1–6.2; every rule below cites one.
 */
import { categoryList } from '../categories';
import type { Policy } from '../schema';

export const oakthorpeDonisthorpeAcresfordPc: Policy = {
  id: 'oakthorpe-donisthorpe-acresford-pc',
  version: '1.0.0',
  council: 'Oakthorpe Donisthorpe & Acresford Parish Council',
  document: 'WhatsApp Use Policy',
  review: {
    clause: '6.1',
    summary: 'The policy is reviewed every two years.',
    everyYears: 2,
  },
  recordTest: {
    clause: '5.1',
    summary:
      'All WhatsApp communications related to council business are archived for six years; anything council-related may be disclosed under FOI (1.4).',
  },
  categories: categoryList('5.1', {
    foi: '1.4',
    'data-protection': '5.3',
    incident: '5.5',
    dispute: '3.4',
    'lease-land': '5.4',
    minutes: '5.4',
    transitory: '5.4',
  }),
  capture: {
    clause: '5.2',
    summary:
      'Members back up important conversations and transfer them to the council’s email system (as soon as reasonably practicable: 2 working days assumed, the policy sets no time).',
    withinWorkingDays: 2,
    methods: ['Transfer to the council email system', 'Back up the conversation'],
  },
  retention: [
    {
      clause: '5.1',
      summary:
        'All WhatsApp communications related to council business are archived for six years.',
      categories: [],
      period: { years: 6 },
    },
    {
      clause: '5.4',
      summary:
        'Leases and land records: 12 years under the council’s Records Retention Policy (standard local-council schedule assumed).',
      categories: ['lease-land'],
      period: { years: 12 },
    },
    {
      clause: '5.4',
      summary:
        'Minutes: kept permanently under the council’s Records Retention Policy (standard local-council schedule assumed).',
      categories: ['minutes'],
      period: { permanent: true },
    },
  ],
  recordsOfficer: {
    clause: '4.2',
    summary: 'Breaches of the policy and disputes go to the manager or chair (3.2, 4.2).',
    role: 'Manager or chair',
  },
  breach: {
    clause: '5.5',
    summary:
      'Data breaches involving WhatsApp must be reported immediately under the council’s data breach response procedure; policy breaches go to the manager or chair (4.2).',
    contact: 'The manager or chair, under the council’s data breach response procedure',
    immediately: true,
    icoWithinHours: 72,
  },
  scope: {
    clause: '1.2',
    summary:
      'The official council WhatsApp group is for council-related communications only; personal or non-council matters are not allowed in it (2.4).',
    inScope: ['council-group'],
    personalExcluded: true,
    designatedGroupsOnly: true,
    oneToOneBusiness: 'allowed',
  },
  personalData: {
    clause: '1.3',
    summary:
      'Sensitive or confidential information should not be shared on WhatsApp; personal data is handled under the council’s Data Protection Policy (5.3).',
    level: 'no-sensitive',
    moveTo: 'council email',
  },
  groupChat: {
    noDecisions: {
      clause: '2.2',
      summary:
        'Official council business is conducted through formal channels such as council email or meetings.',
    },
    noConsensusSeeking: {
      clause: '2.2',
      summary:
        'WhatsApp is for quick, informal communication (2.1); formal business goes to email or meetings.',
    },
    noConfidential: {
      clause: '1.3',
      summary: 'Sensitive or confidential information should not be shared on WhatsApp.',
    },
  },
  foi: {
    clause: '1.4',
    summary: 'All council-related messages may be disclosed under Freedom of Information requests.',
  },
  composerGuard: {
    clause: '1.3',
    summary:
      'The warning while typing supports 1.3 ("should not be shared"); a member may switch it off.',
    mayBeTurnedOff: true,
  },
  rules: [
    {
      id: 'law.foi-dpa',
      clause: '1.1',
      summary:
        'Council-related WhatsApp messages must comply with the Freedom of Information Act and Data Protection Act.',
    },
    {
      id: 'scope.council-only',
      clause: '1.2',
      summary: 'Use the official council WhatsApp group only for council-related communications.',
    },
    {
      id: 'use.quick-informal',
      clause: '2.1',
      summary: 'WhatsApp may be used for quick, informal communications about council matters.',
    },
    {
      id: 'use.formal-channels',
      clause: '2.2',
      summary:
        'Official council business goes through formal channels such as council email or meetings.',
    },
    {
      id: 'conduct.professional',
      clause: '2.3',
      summary: 'Be professional and respectful in all communications.',
    },
    {
      id: 'scope.no-personal',
      clause: '2.4',
      summary: 'Personal or non-council matters in the official group are strictly prohibited.',
    },
    {
      id: 'dispute.informal-first',
      clause: '3.1',
      summary:
        'Try to resolve disputes about WhatsApp use informally between those involved first.',
    },
    {
      id: 'dispute.escalate',
      clause: '3.2',
      summary:
        'If that fails, bring the matter to the manager or chair, who follows the usual dispute procedure (3.3).',
    },
    {
      id: 'dispute.records',
      clause: '3.4',
      summary:
        'Records of a dispute and its resolution are kept under the council’s record keeping policy.',
    },
    {
      id: 'enforcement.discipline',
      clause: '4.1',
      summary: 'Breaking the policy may lead to disciplinary action and/or removal from the group.',
    },
    {
      id: 'enforcement.report',
      clause: '4.2',
      summary: 'Report breaches of the policy to the manager or chair.',
    },
    {
      id: 'retention.transfer',
      clause: '5.2',
      summary: 'Back up important conversations and transfer them to the council’s email system.',
    },
    {
      id: 'personal-data.dp-policy',
      clause: '5.3',
      summary: 'Handle personal data in messages under the council’s Data Protection Policy.',
    },
    {
      id: 'retention.secure-deletion',
      clause: '5.4',
      summary:
        'Securely delete data that is no longer needed or out of date, under the Records Retention Policy.',
    },
  ],
  notes: [
    'The policy sets no time limit for transferring conversations to council email; 2 working days is assumed.',
    'Leases and land (12 years) and minutes (permanent) follow the standard local-council schedule, since 5.4 refers to the Records Retention Policy without periods; everything else is kept six years (5.1).',
  ],
};

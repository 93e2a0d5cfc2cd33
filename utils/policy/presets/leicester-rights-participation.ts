/**
 * Leicester City Council — WhatsApp Acceptable Use for Rights and Participation Service.
 * No numbered clauses: rules cite the heading and item (e.g. 'Scope 1(c)').
 */
import { categoryList } from '../categories';
import type { Policy } from '../schema';
import { STANDARD_SCHEDULE_NOTE, standardSchedule } from './standard-schedule';

const EMPLOYEES = 'Responsibilities: LCC Employees';
const MANAGERS = 'Responsibilities: Managers';

export const leicesterRightsParticipation: Policy = {
  id: 'leicester-rights-participation',
  version: '1.0.0',
  council: 'Leicester City Council — Rights and Participation Service',
  document: 'WhatsApp Acceptable Use for Rights and Participation Service',
  review: {
    clause: 'Purpose',
    summary: 'The briefing paper sets no review date; yearly review is assumed.',
    everyYears: 1,
  },
  recordTest: {
    clause: 'Scope 1(c)',
    summary:
      'Conversations specific to casework or safeguarding must be entered onto the line-of-business system in a timely manner.',
  },
  categories: categoryList(EMPLOYEES, {
    casework: 'Scope 1(c)',
    safeguarding: 'Scope 1(c)',
    incident: MANAGERS,
    'data-protection': MANAGERS,
  }),
  capture: {
    clause: 'Scope 1(c)',
    summary:
      'Manually enter casework and safeguarding content onto the line-of-business system in a timely manner (2 working days assumed; the paper sets no number).',
    withinWorkingDays: 2,
    methods: ['Enter manually onto the line-of-business system'],
  },
  clearDown: {
    clause: EMPLOYEES,
    summary:
      'Delete conversations that are no longer active and/or relevant. The paper does not say after how long: 30 days without activity is a default you can change.',
    kind: 'inactive',
    inactiveAfterDays: 30,
    promptedBy: 'The member of staff (manager spot checks)',
  },
  retention: standardSchedule(EMPLOYEES, 'the paper'),
  workingHours: {
    clause: EMPLOYEES,
    summary:
      'WhatsApp is only to be used during working hours and is not a 24/7 route to key workers. The paper does not define the hours: Monday to Friday 09:00–17:00 is assumed.',
    days: [1, 2, 3, 4, 5],
    start: '09:00',
    end: '17:00',
  },
  recordsOfficer: {
    clause: MANAGERS,
    summary:
      'Team managers monitor conversations for information governance concerns and may review them at any time.',
    role: 'Team Manager',
  },
  breach: {
    clause: MANAGERS,
    summary:
      'Report information incidents linked to WhatsApp under the LCC Information Security Incidents policy, to Information-Security-Incidents@leicester.gov.uk.',
    contact: 'Information-Security-Incidents@leicester.gov.uk',
    icoWithinHours: 72,
  },
  scope: {
    clause: 'Scope',
    summary:
      'WhatsApp on work phones only, to communicate with children, young people, parents and carers about case matters, participation opportunities or group work; plus a separate Broadcast phone.',
    inScope: ['council-one-to-one', 'council-group'],
    personalExcluded: true,
    designatedGroupsOnly: false,
    oneToOneBusiness: 'allowed',
    alternatives: ['Council-controlled Microsoft Teams meetings', 'face-to-face contact'],
  },
  personalData: {
    clause: 'Scope 1(a)',
    summary:
      'Staff must not disclose any sensitive information; managers make sure no personal data is sent to service users (Responsibilities: Managers).',
    level: 'none',
    moveTo: 'the line-of-business system or a Teams meeting',
  },
  groupChat: {
    noConfidential: {
      clause: 'Scope 2(d)',
      summary:
        'Broadcast messages must be professional and disclose no personal or sensitive information.',
    },
  },
  composerGuard: {
    clause: 'Scope 1(a)',
    summary:
      '"Staff must not disclose any sensitive information": the warning while typing stays on.',
    mayBeTurnedOff: false,
  },
  rules: [
    {
      id: 'scope.work-phones',
      clause: 'Scope',
      summary: 'WhatsApp is installed on work phones only, to support communication with CYPP&Cs.',
    },
    {
      id: 'one-to-one.no-sensitive',
      clause: 'Scope 1(a)',
      summary: 'Do not disclose any sensitive information.',
    },
    {
      id: 'one-to-one.voice-calls',
      clause: 'Scope 1(b)',
      summary:
        'Voice calls over Wi-Fi are allowed; take care not to be overheard, even in council offices.',
    },
    {
      id: 'one-to-one.record-casework',
      clause: 'Scope 1(c)',
      summary:
        'Enter casework and safeguarding conversations onto the line-of-business system in a timely manner.',
    },
    {
      id: 'broadcast.separate-phone',
      clause: 'Scope 2(a)',
      summary: 'Broadcasts only from the separate work phone kept for that purpose.',
    },
    {
      id: 'broadcast.no-casework',
      clause: 'Scope 2(b)',
      summary: 'No individual casework through the broadcast account.',
    },
    {
      id: 'broadcast.no-marketing',
      clause: 'Scope 2(c)',
      summary: 'Broadcasts are not used for marketing.',
    },
    {
      id: 'broadcast.no-personal',
      clause: 'Scope 2(d)',
      summary: 'Broadcasts stay professional with no personal or sensitive information.',
    },
    {
      id: 'employees.working-hours',
      clause: EMPLOYEES,
      summary:
        'Tell service users WhatsApp is only for working hours, not 24/7 access to key workers.',
    },
    {
      id: 'employees.teams',
      clause: EMPLOYEES,
      summary: 'Consider council-controlled Teams meetings where detailed engagement is needed.',
    },
    {
      id: 'employees.training',
      clause: EMPLOYEES,
      summary:
        'Complete Data Protection and Information Security training and read the IG and acceptable use policies.',
    },
    {
      id: 'employees.spot-check',
      clause: EMPLOYEES,
      summary: 'Make the phone available for a manager spot check at any time.',
    },
    {
      id: 'employees.delete-inactive',
      clause: EMPLOYEES,
      summary: 'Delete conversations that are no longer active and/or relevant.',
    },
    {
      id: 'employees.service-user-choice',
      clause: EMPLOYEES,
      summary: 'Service users need not use WhatsApp and may choose other ways to communicate.',
    },
    {
      id: 'managers.monitor',
      clause: MANAGERS,
      summary:
        'Managers monitor conversations so that no personal data is sent to service users, and may review any conversation.',
    },
    {
      id: 'managers.groups',
      clause: MANAGERS,
      summary: 'Managers take part in any groups or broadcasts.',
    },
  ],
  notes: [
    'The paper says to delete conversations that are no longer active but gives no number of days: 30 days is the default.',
    'Working hours are not defined: Monday to Friday 09:00–17:00 is assumed.',
    '"In a timely manner" is read as 2 working days.',
    'No review cadence is stated: yearly review assumed.',
    STANDARD_SCHEDULE_NOTE,
  ],
};

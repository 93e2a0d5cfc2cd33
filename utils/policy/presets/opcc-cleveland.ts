/**
 * Office of the Police and Crime Commissioner for Cleveland — OPCC WhatsApp Policy (V2.0, August
 * 2020). The document has no numbered clauses: rules cite its headings.
 */
import { categoryList } from '../categories';
import type { Policy } from '../schema';
import { STANDARD_SCHEDULE_NOTE, standardSchedule } from './standard-schedule';

const BUSINESS = 'Use of WhatsApp for business purposes';
const GROUPS = 'WhatsApp Groups';

export const opccCleveland: Policy = {
  id: 'opcc-cleveland',
  version: '1.0.0',
  council: 'Office of the Police and Crime Commissioner for Cleveland',
  document: 'OPCC WhatsApp Policy (V2.0, August 2020)',
  adopted: '2020-08-01',
  review: {
    clause: BUSINESS,
    summary:
      'An interim policy statement pending a refreshed suite of policies; it sets no review date, so yearly review is assumed.',
    everyYears: 1,
  },
  recordTest: {
    clause: GROUPS,
    summary:
      'Work-focussed chats may be requested under FOI; WhatsApp is not an approved business tool, so business information of substance must be held in approved systems (email, Teams), not in WhatsApp.',
  },
  categories: categoryList(GROUPS, { foi: GROUPS, 'data-protection': GROUPS }),
  capture: {
    clause: BUSINESS,
    summary:
      'WhatsApp must not be a substantive method of holding business information: move anything of substance to email or Teams before the weekly clear-down (2 working days assumed).',
    withinWorkingDays: 2,
    methods: [
      'Email to the colleague or team mailbox',
      'Post to Microsoft Teams',
      'Note on the file',
    ],
  },
  clearDown: {
    clause: GROUPS,
    summary:
      'Every seven days members of a work group delete all messages from the previous seven days (Clear Chat, see Appendix A); the group admin prompts them.',
    kind: 'cadence',
    everyDays: 7,
    promptedBy: 'Group admin',
    reminderText:
      'Weekly clear-down reminder (OPCC WhatsApp Policy): please delete all messages from the last seven days in this group now: tap the group name › Clear chat › Delete all messages (Appendix A). Anything that needs keeping should already be in email or Teams. Thank you.',
  },
  retention: standardSchedule(
    'Retention and disposal (WhatsApp Groups)',
    'the policy’s "retention and disposal" approach',
  ),
  recordsOfficer: {
    clause: 'Policy Owner',
    summary:
      'The policy owner is the Commissioner’s Officer for Communications and Information (Data Protection Officer).',
    role: 'Commissioner’s Officer for Communications and Information (Data Protection Officer)',
  },
  breach: {
    clause: 'Policy Owner',
    summary:
      'The policy names no breach procedure: report incidents to the Data Protection Officer (policy owner) at once; reportable personal data breaches go to the ICO within 72 hours.',
    contact: 'Commissioner’s Officer for Communications and Information (Data Protection Officer)',
    immediately: true,
    icoWithinHours: 72,
  },
  scope: {
    clause: BUSINESS,
    summary:
      'WhatsApp is not an approved business tool: do not use it for one-to-one work correspondence (use email, telephone, Jabber or Teams). Only the designated business groups (with OPCC logos) are in scope; social groups are not covered.',
    inScope: ['council-group'],
    personalExcluded: true,
    designatedGroupsOnly: true,
    oneToOneBusiness: 'not-for-business',
    alternatives: ['email', 'telephone', 'Microsoft Teams', 'Jabber'],
  },
  personalData: {
    clause: GROUPS,
    summary:
      'Group chats must meet the Data Protection Act and GDPR: do not hold information longer than necessary.',
    level: 'lawful-basis',
    moveTo: 'email or Microsoft Teams',
  },
  groupChat: {
    noDecisions: {
      clause: BUSINESS,
      summary:
        'WhatsApp is for urgent or short-term messages, not a substantive method of holding or exchanging business information.',
    },
    noConsensusSeeking: {
      clause: BUSINESS,
      summary: 'Business matters of substance go through approved channels (email, Teams).',
    },
  },
  transitory: {
    clause: GROUPS,
    summary: 'WhatsApp is for instant, transitory messaging, consistent with regular deletion.',
  },
  foi: {
    clause: GROUPS,
    summary:
      'The content of work-focussed chats and groups may be requested under the Freedom of Information Act.',
  },
  composerGuard: {
    clause: GROUPS,
    summary: 'The policy does not require a warning while typing; a member may switch it off.',
    mayBeTurnedOff: true,
  },
  rules: [
    {
      id: 'scope.not-approved-tool',
      clause: BUSINESS,
      summary:
        'WhatsApp is not an approved business tool and should not be used for one-to-one work correspondence between colleagues.',
    },
    {
      id: 'scope.alternatives',
      clause: BUSINESS,
      summary: 'For one-to-one work matters use email, telephone, Jabber or Microsoft Teams.',
    },
    {
      id: 'scope.designated-groups',
      clause: BUSINESS,
      summary:
        'Only a limited number of business groups, carrying OPCC logos with defined purposes, are supported.',
    },
    {
      id: 'scope.personal-excluded',
      clause: 'Please note (a)',
      summary: 'Personal conversations with colleagues are not covered by the policy.',
    },
    {
      id: 'scope.other-platforms',
      clause: 'Please note (b)',
      summary:
        'iMessage, Messenger, Snapchat and similar apps are covered too and are not approved for business information.',
    },
    {
      id: 'group.professional',
      clause: GROUPS,
      summary: 'Messages in work groups must be professional and appropriate.',
    },
    {
      id: 'group.social-exempt',
      clause: GROUPS,
      summary: 'Social chat groups about non-work topics are not subject to the policy.',
    },
    {
      id: 'group.clear-down',
      clause: GROUPS,
      summary:
        'Every seven days members delete the previous seven days’ messages; the group admin prompts them.',
    },
    {
      id: 'group.how-to-clear',
      clause: 'Appendix A',
      summary: 'How to clear a chat: open the chat › more › Clear chat › Delete all messages.',
    },
  ],
  notes: [
    STANDARD_SCHEDULE_NOTE,
    'The document gives only the month of V2.0 (August 2020); 1 August 2020 is used as its date.',
    'No review cadence is stated (interim statement): yearly review assumed.',
    'Capture within 2 working days is assumed; the weekly clear-down is the hard limit.',
  ],
};

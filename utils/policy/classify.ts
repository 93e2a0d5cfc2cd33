/**
 * Advice on every message: council record or transitory, categories, personal data and warnings,
 * each with the clause of the council's policy it comes from. Pure and precompiled: it runs on
 * every keystroke of the composer guard.
 *
 * How it decides (en-GB council vocabulary):
 * - strong signals (a decision, instruction, approval; finance, staffing, complaints, FOI, legal,
 *   data protection, incidents, planning, procurement, contracts, safeguarding, casework,
 *   minutes...) make a message a record however short ("Approved.");
 * - weak signals (a sum of money, "cost", "pothole"...) make it a record unless the message is
 *   plainly administrative or social ("running late", "see agenda link", thanks, emoji, party);
 * - no signal: transitory.
 */
import { findPersonalDataGated, type SensitiveKind } from './personal-data';
import { SHARED_GATE, refinedWords } from './gate';
import type { Policy } from './schema';

export type { SensitiveKind } from './personal-data';

export type Warning =
  | 'decision-outside-meeting'
  | 'predetermination'
  | 'sensitive-data'
  | 'outside-working-hours'
  | 'one-to-one-business';

export interface Classification {
  /** Suggested: council record (true) or transitory (false). */
  record: boolean;
  categories: string[];
  reasons: { rule: string; clause?: string; match?: string }[];
  sensitive: { kind: SensitiveKind; text: string }[];
  warnings: Warning[];
  /** One plain-English line for the UI. */
  summary: string;
}

export interface ClassifyContext {
  isGroup?: boolean;
  /** Local wall time 'YYYY-MM-DDTHH:mm'. */
  sentAt?: string;
  chatKind?: 'council-group' | 'council-one-to-one' | 'personal' | 'unclassified';
}

interface Signal {
  category: string;
  re: RegExp;
  /** Trigger words (see gate.ts), where the pattern's leading words are not literal. */
  keywords?: readonly string[];
}

/** A word starting with a digit: the trigger for patterns that start with one. */
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Patterns are written in lower case and run on the lower-cased text (faster than the i flag). */
const re = (source: string, flags = ''): RegExp => new RegExp(source, flags);

// ---------------------------------------------------------------------------------------------
// Decisions and consensus-seeking (also the group-chat warning)

const DECISION = re(
  String.raw`\b(?:(?<!\b(?:county|district|they|highways|he|she|it|contractors?|police|force|landlord|school|college|worker|pa|family|mum|dad|provider|supplier|insurers?|solicitors?|officers?|commissioner)\s+(?:have\s+|has\s+|had\s+)?(?:now\s+|already\s+|just\s+)?)agreed|agrees?\s+(?:to|that|with\s+(?:the|option))|decided|decision\s+(?:is|was|made|taken)|resolved\s+(?:that|to)|carried|motion\s+(?:passed|carried|falls|fell|lost)|nem\.?\s?con|unanimous(?:ly)?|that'?s\s+(?:settled|decided|agreed|carried|it\s+then)|go(?:ing)?\s+ahead\s+(?:with|and)|let(?:'?s|\s+us)\s+(?:go\s+(?:with|for|ahead)|agree|do\s+(?:it|that)|decide|approve|accept|say\s+(?:yes|no)|just\s+(?:go|agree|approve|do)|put\s+it\s+to\s+a\s+vote)|we'?ll\s+go\s+(?:with|for)|majority\s+(?:says|for|voted|is|agreed|in\s+favour)|(?:can|shall|should|could|let'?s|let\s+us)\s+(?:we\s+)?(?:all\s+)?(?:have\s+a\s+|take\s+a\s+(?:quick\s+)?)?vote|vote\s+(?:on\s+(?:here|this|it|which|whether)|please|now|for\s+(?:option|the|it)|against|yes|no)|vote\s*:|\bi\s+vote\b|quick\s+vote|we\s+voted|voted\s+(?:for|against|yes|no)|votes?\s+(?:in\s+favour|for\s+(?:option|the|it)|against)|voting\s+(?:on\s+here|now|closes)|settled\s+then|(?:we'?re|we\s+are)\s+going\s+(?:with|for|ahead)|shall\s+i\s+(?:tell\s+(?:them|him|her|the\s+\w+)\s+(?:yes|no|to\s+go\s+ahead)|go\s+ahead|order|accept|confirm|book|sign|approve|pay)|^\s*aye\b|seconded|i\s+second\b|(?:i\s+)?propose\s+(?:we|that|to)|i\s+move\s+(?:that|we)|show\s+of\s+hands|in\s+favour|any\s+objections|no\s+objections\?|objections\?|(?:are|is)\s+(?:we|everyone|everybody|the\s+group|all)\s+(?:all\s+)?(?:happy|agreed|agreeing|content|in\s+agreement|(?:ok|okay|good|fine)\s+(?:with|to|for|if|that))|(?:everyone|everybody|all)\s+(?:happy(?!\s+(?:new\s+year|christmas|birthday|easter|holidays?|diwali|eid|hanukkah))|agreed|content|agree|(?:ok|okay|good|fine)\s+(?:with|to|for|if|that))\b|can\s+we\s+(?:all\s+)?(?:just\s+)?(?:agree|approve|vote|decide|sign\s+off|confirm|go\s+with|take\s+a)|shall\s+we\s+(?:go|agree|say|approve|accept|renew|do|support|object|fund|award|proceed|just)|should\s+(?:we\s+)?(?:just\s+)?(?:agree|decide|approve|vote)|we\s+should\s+(?:just\s+)?(?:agree|decide|approve|vote)|thumbs\s+up\s+if|quick\s+poll|poll:|put\s+it\s+to\s+a\s+vote|happy\s+(?:for\s+me\s+)?to\s+(?:go|sign|say\s+yes|approve)|can\s+i\s+take\s+(?:that|it)\s+as\s+(?:agreed|a\s+yes|read)|consensus|we're\s+(?:all\s+)?agreed|speaking\s+for\s+everyone|on\s+behalf\s+of\s+(?:the\s+team|everyone|us\s+all|the\s+(?:group|council))|happy\s+with\s+option|(?:option|choice)\s+[a-z0-9]\s+or\s+(?:option\s+)?[a-z0-9]\b|yes\s+or\s+no|(?:yes|no|aye|nay)\s+from\s+me|(?:i|we)\s+(?:support|back|prefer)\s+(?:option|choice|the\s+(?:first|second|third|cheaper|lower|higher))|need\s+(?:a|your)\s+decision|make\s+a\s+decision|unless\s+(?:anyone|someone|anybody)\s+objects)`,
  'm',
);

const PREDETERMINATION = re(
  String.raw`(?:\b(?:i'?m|i\s+am|i'?ll\s+be|i\s+will\s+be)\s+(?:voting|going\s+to\s+vote)\s+(?:against|for)\b[^.?!]{0,60}?\b(?:regardless|whatever|no\s+matter|come\s+what\s+may|anyway)|\bwhatever\s+(?:the\s+)?(?:applicant|developer|agent|officers?|they|planners?)\s+(?:says?|offers?|comes?\s+up\s+with|puts?\s+forward|does|proposes?)|\b(?:there'?s\s+)?no\s+way\s+(?:i'?m|i'?ll|i\s+will|i\s+am)\s+(?:going\s+to\s+)?(?:support|vote|back|approv)\w*|\b(?:don'?t|do\s+not)\s+need\s+to\s+(?:hear|read|see)\s+(?:from\s+)?(?:the\s+)?(?:applicant|developer|report|officers?|objectors?|evidence|plans)|\b(?:doesn'?t|does\s+not|won'?t)\s+matter\s+what\s+(?:they|the\s+\w+|anyone|officers?)\s+(?:says?|said|recommends?)|\b(?:my|our)\s+minds?\s+(?:is|are)\s+(?:already\s+)?made\s+up|\b(?:i'?ve|i\s+have)\s+(?:already\s+)?made\s+(?:up\s+my\s+mind|my\s+mind\s+up)(?!\s+to\s+(?!vote|object|oppose|support|refuse|reject|approve))|\b(?:i'?ll|i\s+will|i'?m\s+going\s+to|i'?m\s+gonna|i\s+am\s+going\s+to)\s+(?:be\s+)?vot(?:e|ing)\s+(?:against|for)\b[^.?!]{0,50}?\b(?:whatever|regardless|no\s+matter|come\s+what\s+may|full\s+stop|end\s+of)|\bno\s+matter\s+what\s+(?:the\s+)?(?:applicant|developer|agent|officers?|they|anyone|residents|report|planners?|inspector)\w*\s+(?:says?|said|thinks?|recommends?|argues?|puts?)|\bregardless\s+of\s+what\s+(?:the\s+)?(?:applicant|developer|agent|officers?|they|anyone|residents|report|planners?)\s+(?:says?|thinks?|recommends?)|\bwhatever\s+(?:the\s+)?(?:applicant|developer|agent|officers?)\s+(?:says?|comes?\s+up\s+with|puts?\s+forward)|\bnothing\s+(?:will|would|is\s+going\s+to|they\s+say\s+will)\s+change\s+my\s+mind|\b(?:i'?ll|i\s+will)\s+never\s+(?:support|vote\s+for|agree\s+to|back)\b|\bnot\s+going\s+to\s+change\s+my\s+mind|\bover\s+my\s+dead\s+body|\b(?:don'?t|do\s+not)\s+care\s+what\s+(?:the\s+)?(?:report|officers?|applicant|developer|inspector|planners?)\s+says?|\balready\s+decided\s+how\s+(?:i'?m|i\s+am|i'?ll\s+be|i\s+will\s+be)\s+voting|\b(?:i'?m|i\s+am)\s+(?:voting|going\s+to\s+vote)\s+(?:against|for)\s+it\s+(?:whatever|regardless|anyway|no\s+matter))`,
);

// ---------------------------------------------------------------------------------------------
// Strong signals: any one makes the message a record.

const STRONG: Signal[] = [
  {
    category: 'approval',
    re: re(
      String.raw`\b(?:approved?|approval|authori[sz](?:e|ed|es|ing|ation)|sign(?:ed|ing)?[- ]off(?!\s+(?:with|sick|work|for\s+\d))|signed\s+(?:by|the)|signatory|countersign\w*|green\s+light|ok(?:ay)?\s+to\s+(?:proceed|pay|go\s+ahead|publish|order)|go\s+ahead)\b`,
    ),
  },
  {
    category: 'instruction',
    re: re(
      String.raw`(?:^|[.!?]\s+|\b(?:clerk|lengthsman|chair|officer|team|all|please|pls|plz|kindly|could\s+you|can\s+you|can\s+u|would\s+you|will\s+you|can\s+someone|could\s+someone)\b,?\s+)(?:please\s+|pls\s+|plz\s+|just\s+|also\s+)?(?:chase|order(?!\s+(?:ref|no\.?|number|#|id|form|of)\b)|instruct|draft|publish|upload|log|renew|cancel|reimburse|report|raise|pay\s+(?:the|this|our|an?|them|it|for\s+the)|tell\s+(?:the|them|him|her)|inform|notify|circulate|contact\s+the|arrange|organise|issue|prepare|submit|scan|update\s+(?:the|your|our)|ensure|make\s+sure|get\s+(?:\d+|two|three|some|a\s+few|more)\s+quotes?|put\s+(?:it|this|that|them|the\s+\w+(?:\s+\w+)?)\s+(?:on|to)\s+the\s+(?:next\s+)?agenda|hold\s+off|get\s+(?:the|a|an|this|that|it)\s+(?:\w+\s+){0,3}?(?:up|out|done|sorted|fixed|repaired|replaced|ordered|cleared|signed)\b|delete\s+(?:any|all|the)|clear\s+(?:the\s+)?(?!(?:this|the|your)\s+chat)(?:grips|drains?|ditch(?:es)?|gull(?:y|ies)|footpath|verges?|hedges?|leaves|snow)|check\s+(?:the|before|with)|sign\s+(?:the|it|off)|investigate|look\s+into|follow\s+(?:it\s+|this\s+)?up|escalate|refer|minute\s+(?:it|this|that)|enter\s+(?:it|this|the)|wants?\s+(?:the|a|an|our|your)\s+(?:[\w'-]+\s+){0,5}?by\s+(?:close\s+of\s+play|cop|eod|end\s+of|monday|tuesday|wednesday|thursday|friday|tomorrow|tonight|noon|\d)|forward\s+(?:the|this|that|his|her|their|our)\s+(?:\w+'?s?\s+)?(?:letter|email|complaint|request|response|report|invoice|form|objection|quote|minutes|agenda)|send\s+(?:the|our|a|an|them\s+the)\s+(?:\w+\s+)?(?:response|objection|letter|draft|revised|outcome|report|reply|notice|invoice|cheque|payment|terms|decision|statement))\b`,
      'm',
    ),
  },
  {
    category: 'finance',
    re: re(
      String.raw`\b(?:invoices?|budget(?:s|ed|ing)?|precept|cheques?|payments?|grants?|vat|bank\s+rec|reconciliation|reserves|accounts|audit(?:or|ors)?|expenditure|underspend|overspen[dt]|bursary|allowance|salary|payroll|purchase\s+order|po\s+(?:number|no\.?|for)|bacs|direct\s+debit|dd\b|s\.?\s?137|insurance|cashbook|asset\s+register|financial|finance|funding|funded|fund\s+(?:the|it|this)|reimburse\w*|expenses|refund|quotes?|quotation|vouchers?\s+ordered|paid|spend\s+(?:now|the|it|from)|the\s+spend|underpaid|overpaid)\b`,
    ),
  },
  {
    category: 'staffing',
    re: re(
      String.raw`\b(?:appraisals?|disciplinary|grievance|sick\s+(?:note|leave|pay)|sickness\s+absence|maternity|paternity|redundan\w+|recruit\w*|vacanc(?:y|ies)|job\s+description|interviews?|interviewing|regrad\w*|(?:handed\s+in|hand\s+in|given|gave)\s+(?:her|his|their|my)\s+notice|resign\w*|new\s+starter|hr\b|contract\s+of\s+employment|employment\s+contract|temp(?:orary)?\s+(?:\w+\s+)?(?:officer|post|role|contract)|(?:post|role|job)\s+(?:has\s+been|will\s+be|is\s+being)\s+(?:advertised|regraded|filled|deleted)|advertis\w+\s+(?:the|a|for\s+a)\s+(?:post|role|vacancy|clerk)|return\s+to\s+work|reasonable\s+adjustment|dbs\b|leaving\s+the\s+team|overtime|hours\s+(?:a|per)\s+week|pension|clerk'?s\s+(?:hours|contract|salary|pay|appraisal|sick|leave|return|notice)|timesheets?|annual\s+leave\s+(?:request|entitlement)|tupe|staffing|pay\s+award|spinal\s+(?:column\s+)?point)\b`,
    ),
  },
  { category: 'complaint', re: re(String.raw`\b(?:complain\w*|complainant)`) },
  {
    category: 'foi',
    re: re(
      String.raw`\b(?:foi|foia|freedom\s+of\s+information|eir|environmental\s+information\s+regulations|sar|subject\s+access(?:\s+request)?|(?:a\s+)?cop(?:y|ies)\s+of\s+(?:all\s+)?(?:the\s+)?(?:information|data|everything|records?|files?)\s+(?:we|you|the\s+council|they)\s+(?:hold|have|keep))\b`,
    ),
  },
  {
    category: 'legal',
    re: re(
      String.raw`\b(?:solicitors?|legal\s+(?:advice|advised|action|team|opinion|services|have|say|says)|legally|lawyers?|barrister|court\b|tribunal|judicial\s+review|injunction|litigation|letter\s+before\s+(?:claim|action)|pre-action|(?:she|he|they)'?ll\s+claim|claims?\s+(?:against|for|from)|su(?:e|ed|ing)\s+(?:us|the\s+council)|liabilit\w+|covenant|land\s+registry|title\s+deeds?|insurers?|ombudsman|monitoring\s+officer)\b`,
    ),
  },
  {
    category: 'data-protection',
    re: re(
      String.raw`\b(?:gdpr|data\s+breach|breach\s+of\s+data|data\s+protection|dpo|dpia|ico|privacy\s+notice|data\s+sharing|information[- ]security|personal\s+data|information\s+governance|(?:sent|went|forwarded)\s+(?:\w+\s+){0,4}to\s+the\s+wrong|wrong\s+(?:person|recipient|partner|young\s+person|address|group)\s+by\s+mistake|by\s+mistake|spot\s+checks?|cctv|retention\s+(?:policy|schedule))\b`,
    ),
  },
  {
    category: 'incident',
    re: re(
      String.raw`\b(?:fly[- ]?tip\w*|vandal\w*|graffiti|smashed|damaged?|broken\s+(?:into|glass|window|gate|swing|bench|fence|light)|is\s+broken|fell\s+(?:on|off|over|down|in)|had\s+a\s+fall|injur(?:ed|y|ies)|flood(?:ed|ing|s)?|fire(?!\s+(?:alarm|drill|exit|door))|storm\s+damage|(?:tree|branch|wall|fence|lines?|cables?|ceiling|roof|sign)\s+(?:has\s+|have\s+)?(?:come|fallen|blown|fell)\s+down|burst\s+(?:water\s+)?(?:main|pipe)|police\s+(?:informed|attended|called|are\s+dealing|were\s+called)|reported\s+(?:it|this|to)|incident|theft|stolen|break[- ]?in|burglary|dangerous|unsafe|taped\s+(?:it\s+)?off|missing\s+from|protest|threaten\w*|assault\w*|anti-?social|asb\b|street\s?lights?\s+(?:\d+\s+)?(?:\w+\s+){0,3}(?:is\s+|are\s+)?out|trip\s+hazard|subsidence|collapsed?|inspection|risk\s+assessment|health\s+and\s+safety|high\s+risk|near\s+miss)\b`,
    ),
  },
  {
    category: 'planning',
    re: re(
      String.raw`\b(?:planning|s\.?\s?106|section\s+106|enforcement|listed\s+building|conservation\s+area|outline\s+(?:permission|application)|reserved\s+matters|permitted\s+development|objection|objecting|object\s+to|no\s+objection|neighbourhood\s+plan|local\s+plan|site\s+allocation|phone\s+mast|wind\s+farm|solar\s+farm|housing\s+development|planning\s+inspectorate|tree\s+preservation\s+order|tpo)\b`,
    ),
  },
  // Planning application references: 23/01234/FUL, 24/00876/HOUS.
  { category: 'planning', re: re(String.raw`\b\d{2}\/\d{4,6}\/[a-z]{2,6}\b`), keywords: DIGITS },
  {
    category: 'procurement',
    re: re(
      String.raw`\b(?:tenders?|tendering|procure\w*|bids?|bidders?|award(?:ed)?\s+(?:to|the\s+contract)|specification|quotes?|quotation|provider\s+[a-z]\b)\b`,
    ),
  },
  {
    category: 'contract',
    re: re(
      String.raw`\b(?:contracts?|contractors?|contractual|lease|licence\s+agreement|agreement|sla|terms\s+and\s+conditions|renew(?:al|ing|ed)?|supplier)\b`,
    ),
  },
  {
    category: 'safeguarding',
    re: re(
      String.raw`\b(?:safeguarding|(?:don'?t|dont|do\s+not|doesn'?t|not)\s+feel\s+safe|at\s+risk|abuse\w*|neglect\w*|self[- ]?harm\w*|missing\s+(?:from|since)|child\s+protection|lado|mash|front\s+door|disclos(?:ed|ure)|exploitation|grooming|domestic\s+(?:violence|abuse)|hit\s+(?:him|her|me)|hurt\s+(?:him|her|me)|scared\s+to\s+go\s+home|duty\s+team|concerns?\s+(?:raised|about\s+(?:a|the)\s+(?:child|young\s+person|family))|raised\s+(?:a|my|our)\s+concern|left\s+(?:alone|home\s+alone|unsupervised))\b`,
    ),
  },
  {
    category: 'casework',
    re: re(
      String.raw`\b(?:pathway\s+plan|care\s+plan|personal\s+adviser|social\s+worker|key\s?worker|placement|foster\w*|lac\s+review|cla\s+review|looked\s+after|review\s+(?:meeting|is|on|was)|the\s+review\b|child\s+in\s+need|cin\s+(?:meeting|plan)|cp\s+(?:plan|conference)|child\s+protection\s+conference|advocate|advocacy|supported\s+(?:accommodation|lodgings)|housing\s+officer|case\s+notes?|casework|case\s+file|(?:on|to|in)\s+(?:your|his|her|their)\s+file|leaving\s+care|care\s+leaver'?s?\s+(?:grant|allowance|bursary)|setting\s+up\s+home|universal\s+credit|uc\s+claim|court\s+date|assessment|referral|referred|camhs|passport|interpreter|contact\s+with\s+(?:his|her|their|your)|pep\b|ehcp|youth\s+offending|tenancy|flat\s+viewing|landlord|kicked\s+out|evict\w*|homeless\w*|notice\s+to\s+quit|sofa\s*surf\w*|nowhere\s+to\s+(?:stay|live|sleep|go)|rent\s+arrears|sanctioned)\b`,
    ),
  },
  {
    category: 'meeting',
    re: re(
      String.raw`\b(?:extraordinary\s+meeting|annual\s+(?:parish|town)\s+meeting|notice\s+of\s+(?:the\s+)?meeting|summons|quorum|quorate|agenda\s+item|item\s+\d+|on\s+(?:the|next)\s+agenda|(?:on|to)\s+the\s+(?:next\s+)?agenda|police\s+and\s+crime\s+(?:panel|plan)|panel'?s?\s+(?:report|meeting|recommendation)|scrutiny)\b`,
    ),
  },
  {
    category: 'minutes',
    re: re(
      String.raw`\b(?:draft\s+minutes|the\s+minutes|minutes\s+of\s+(?:the|last)|minutes\s+(?:have\s+been|were|are|approved|signed|attached)|minuted|minute\s+(?:it|this|that))\b`,
    ),
  },
  {
    category: 'lease-land',
    re: re(
      String.raw`\b(?:lease|leasehold|freehold|land\s+registry|title\s+deeds?|covenant|easement|wayleave|land\s+(?:transfer|purchase|sale))\b`,
    ),
  },
  {
    category: 'personal-injury',
    re: re(
      String.raw`(?:\bpersonal\s+injury\b|\b(?:fell|fall|tripped|injur\w+)\b[^.]{0,60}\bclaim\b)`,
    ),
  },
  {
    category: 'correspondence',
    re: re(
      String.raw`\b(?:(?:formal\s+)?response\s+to\s+(?:the|their|his|her|a|our)|letter\s+(?:from|to)\s+the|media\s+enquiry|press\s+enquiry|journalists?|press\s+release|mp'?s?\b|member\s+of\s+parliament|written\s+(?:answer|reply|response))`,
    ),
  },
  { category: 'defamation', re: re(String.raw`\b(?:defamat\w+|libel\w*|slander\w*)`) },
  { category: 'negligence', re: re(String.raw`\bnegligen\w+`) },
];

/** Case-sensitive abbreviations, run on the original text. */
const CASEWORK_ABBREVIATIONS = /\b(?:PA|PA's|SW|YP)\b/;
const G_ABBREVIATIONS = SHARED_GATE.addKeywords(['pa$', 'sw$', 'yp$']);

/** Evidence of how the council responded: "I've told the insurers", "I've passed it to...". */
const ACTION_TAKEN = re(
  String.raw`\b(?:i'?ve|i\s+have|have|we'?ve|we\s+have)\s+(?:now\s+|just\s+|already\s+)?(?:arranged|spoken|spoke|raised|passed|told|emailed|written|contacted|chased|referred|reported|informed|acknowledged|asked|logged|made\s+a\s+referral|flagged|escalated|ordered|submitted|instructed|notified)\b|\bi\s+(?:spoke|emailed|wrote|phoned|rang)\s+(?:to\s+)?(?:the|your|their|his|her)\b|\bas\s+agreed\b|\b(?:has|have|had)\s+(?:now\s+|just\s+|already\s+)?(?:confirmed|agreed|refused|approved|declined|granted|awarded|offered|rejected|accepted)\b`,
);

// ---------------------------------------------------------------------------------------------
// Weak signals: a record unless the message is plainly administrative or social.

const WEAK: Signal[] = [
  {
    category: 'finance',
    re: re(
      String.raw`(?:£\s?\d|\b\d+(?:\.\d+)?\s?(?:k|m)\b|\b(?:cost(?:s|ing)?|pay\s+(?:the|for|them|him|her|it|an?|our)|spend|spent|money|card\s+(?:machine|reader)|takings|income)\b)`,
    ),
    // "£5": the figure starts a word.
    keywords: [
      ...DIGITS,
      'cost',
      'pay$',
      'spend$',
      'spent$',
      'money$',
      'card$',
      'takings$',
      'income$',
    ],
  },
  {
    category: 'complaint',
    re: re(
      String.raw`\b(?:residents?\s+(?:says?|said|reports?|reported|asked|raised|told|is\s+unhappy|are\s+unhappy)|(?:rang|called|emailed|wrote|phoned|contacted\s+(?:us|me|the\s+office))\s+(?:about|re|regarding|to\s+say)|wants?\s+a\s+(?:callback|call\s+back|reply|written\s+(?:answer|reply|response)|response))\b`,
    ),
  },
  {
    category: 'incident',
    re: re(String.raw`\b(?:potholes?|accident|out\s+of\s+order|leaking|blocked)\b`),
  },
  {
    category: 'planning',
    re: re(String.raw`\b(?:application|extension|houses|development)\b`),
  },
  {
    category: 'staffing',
    re: re(
      String.raw`\b(?:off\s+sick|signed\s+(?:her|him|them)\s+off|(?:\d+|two|three|four|six)\s+(?:weeks?|days?|months?)\s+off|time\s+off|cover\s+for|rota\s+change)\b`,
    ),
    keywords: ['off$', 'cover$', 'rota$'],
  },
  {
    category: 'meeting',
    re: re(String.raw`\b(?:deadline|consultation|press\s+release|statement)\b`),
  },
  { category: 'casework', re: re(String.raw`\b(?:housing|support\s+plan|review)\b`) },
];

// Word triggers: a pattern runs only when the message has a word it can start with.
const GATE = SHARED_GATE;
// Hand-picked key words where a pattern starts with common words; each alternative of the
// pattern contains at least one (the gate test checks gated and ungated runs agree).
const G_DECISION = GATE.addKeywords([
  'agree',
  'decid',
  'decision',
  'resolved',
  'carried',
  'motion',
  'nem',
  'unanimous',
  'settled',
  'then',
  'ahead',
  'let$',
  'lets$',
  'majority',
  'vot',
  'aye',
  'second',
  'propos',
  'move$',
  'hands',
  'favour',
  'objection',
  'happy',
  'ok$',
  'okay$',
  'content',
  'good$',
  'fine$',
  'approve',
  'confirm',
  'sign$',
  'go$',
  'going$',
  'take$',
  'shall',
  'thumbs',
  'poll',
  'consensus',
  'speaking',
  'behalf',
  'yes$',
  'no$',
  'nay',
  'support$',
  'back$',
  'prefer$',
  'unless',
  'option',
  'choice',
]);
const G_PRE = GATE.addKeywords([
  'mind',
  'vot',
  'matter$',
  'regardless',
  'whatever',
  'never$',
  'dead$',
  'way$',
  'need$',
  'care$',
]);
const G_ACTION = GATE.addKeywords([
  'arranged',
  'spoken',
  'spoke',
  'raised',
  'passed',
  'told',
  'emailed',
  'written',
  'wrote',
  'contacted',
  'chased',
  'referred',
  'reported',
  'informed',
  'acknowledged',
  'asked',
  'logged',
  'referral$',
  'flagged',
  'escalated',
  'ordered',
  'submitted',
  'instructed',
  'notified',
  'phoned',
  'rang',
  'agreed',
  'confirmed',
  'refused',
  'approved',
  'declined',
  'granted',
  'awarded',
  'offered',
  'rejected',
  'accepted',
]);
const INSTRUCTION_VERBS = [
  'chase',
  'order',
  'instruct',
  'draft',
  'publish',
  'upload',
  'log',
  'renew',
  'cancel',
  'reimburse',
  'report',
  'raise',
  'pay',
  'tell',
  'inform',
  'notify',
  'circulate',
  'contact',
  'arrange',
  'organise',
  'issue',
  'prepare',
  'submit',
  'scan',
  'update',
  'ensure',
  'make',
  'get',
  'put',
  'hold',
  'delete',
  'clear',
  'check',
  'sign',
  'investigate',
  'look',
  'follow',
  'escalate',
  'refer',
  'minute',
  'enter',
  'send',
  'forward',
  'want',
];
/**
 * Where a pattern's leading words include common ones ("the", "on", "s"), each is replaced by a
 * rarer word that every alternative starting with it also has ("the\s+review": "review").
 * 'x$' is the whole word x only (`off\s+sick`: "off", not "office").
 */
const REFINED: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  approval: { go: ['ahead$'] },
  finance: { s: ['s137', '137'], the: ['spend'], po: ['po$'], dd: ['dd$'] },
  foi: { a: ['cop'] },
  legal: {
    pre: ['pre$'],
    she: ['claim'],
    he: ['claim'],
    they: ['claim'],
    su: ['sue$', 'sued$', 'suing$'],
  },
  incident: {
    is: ['broken'],
    had: ['fall$'],
    ...Object.fromEntries(
      ['tree', 'branch', 'wall', 'fence', 'line', 'cable', 'ceiling', 'roof', 'sign'].map((w) => [
        w,
        ['down$'],
      ]),
    ),
  },
  planning: { s: ['s106', '106'], no: ['objection'] },
  safeguarding: {
    ...Object.fromEntries(['don', 'dont', 'do', 'doesn', 'not'].map((w) => [w, ['feel$']])),
    at: ['risk$'],
  },
  casework: { the: ['review'], on: ['file'], to: ['file'], in: ['file'] },
  meeting: { on: ['agenda'], to: ['agenda'] },
  minutes: { draft: ['minutes'], the: ['minutes'] },
};
const G_STRONG = STRONG.map((s) => {
  if (s.category === 'instruction') return GATE.addKeywords(INSTRUCTION_VERBS);
  if (s.keywords !== undefined) return GATE.addKeywords(s.keywords);
  const refined = REFINED[s.category];
  return refined ? GATE.addKeywords(refinedWords(s.re.source, refined)) : GATE.add(s.re.source);
});
const G_WEAK = WEAK.map((s) =>
  s.keywords !== undefined ? GATE.addKeywords(s.keywords) : GATE.add(s.re.source),
);

/** Plainly administrative or social: vetoes weak signals only (10.4-style transitory). */
export const TRANSITORY = re(
  String.raw`\b(?:running\s+(?:a\s+(?:bit|little)\s+|\d+\s+(?:mins?|minutes)\s+|very\s+)?late|(?:be|am|i'?m|i'?ll\s+be)\s+(?:there|with\s+you|back)\s+in\s+\d+|on\s+my\s+way|omw|stuck\s+in\s+traffic|just\s+parked|see\s+(?:the\s+)?(?:agenda\s+)?link|link\s+(?:is|to|for|below|in|attached)|dial[- ]?in|zoom\s+link|teams\s+link|wi-?fi\s+(?:code|password)|car\s+park|parking|happy\s+(?:birthday|christmas|new\s+year|easter)|merry\s+christmas|thanks?|thank\s+you|cheers|well\s+done|good\s+luck|congratulations|congrats|morning\s+all|good\s+(?:morning|night|evening)|see\s+you|lovely|fingers\s+crossed|wrong\s+group|phone\s+died|wfh|working\s+from\s+home|on\s+leave|back\s+(?:at\s+my\s+desk|now|monday|tomorrow)|apologies\s+for|can'?t\s+make\s+(?:it|tonight|the)|sorry\s+i\s+missed|leaving\s+(?:do|drinks)|coffee|tea\s+rota|cake|pizza|drinks?\s+(?:at|after)|quiz|fete|fun\s+run|raffle|sponsor\s+us|party|flowers|lol|haha|free\s+(?:lunch|food|pizza|drinks?)|traffic|queuing|diversion|allow\s+(?:extra|\d+)|raised\s+£[\d,.]+\s+for|appeal\s+is\s+at|copies\s+cost|fyi)\b`,
);
const G_TRANSITORY = GATE.addKeywords(
  refinedWords(TRANSITORY.source, {
    ...Object.fromEntries(['be', 'am', 'i'].map((w) => [w, ['there$', 'with$', 'back$']])),
    on: ['way$', 'leave$'],
    just: ['parked$'],
    wi: ['wi$', 'wifi$'],
    can: ['make$'],
    see: ['see$'],
    good: ['good$'],
    well: ['well$'],
    back: ['back$'],
    tea: ['tea$'],
    car: ['car$'],
    fun: ['fun$'],
    free: ['free$'],
    phone: ['phone$'],
    working: ['working$'],
    leaving: ['leaving$'],
    morning: ['morning$'],
  }),
);

/** Emoji, punctuation and symbols only (ZWJ sequences and variation selectors included). */
const EMOJI_OR_PUNCT_ONLY =
  /^(?:[\s\p{P}\p{S}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]|\u200d|\ufe0f)*$/u;
const TAIL = String.raw`(?:[\s\p{P}\p{S}\p{Extended_Pictographic}\p{Emoji_Modifier}]|\u200d|\ufe0f)*`;
const SHORT_ACK = new RegExp(
  String.raw`^\s*(?:ok(?:ay)?|k|kk|thanks?|thank\s+you|thx|ta|cheers|noted|got\s+it|will\s+do|done|sent|great|lovely|perfect|yes|yep|yeah|no|nope|sure|fine|lol|haha|brilliant|cool|nice|np|no\s+worries)\b${TAIL}(?:(?:all|everyone|mate|hun|x+)\b${TAIL})?$`,
  'iu',
);

const CURLY = /[\u2018\u2019\u02bc]/g;
const HAS_CURLY = /[\u2018\u2019\u02bc]/;
const FIRST_PERSON = /\b(?:i|i'?m|im|i'?ve|ive|me|my|we|we're|our|us)\b/;
const THIRD_PERSON =
  /\b(?:he|she|he'?s|she'?s|his|her|him|they'?re|mum|dad|nan|gran|carers?|young\s+person|yp|victim|resident|child|kids|baby|family)\b/;
const SECOND_OR_THIRD = /\b(?:your|his|her|their)\b/;
const THIRD_PARTY_KINDS = new Set<SensitiveKind>(['health', 'special-category', 'criminal-record']);
const ID_KINDS = new Set<SensitiveKind>([
  'ni-number',
  'nhs-number',
  'bank-account',
  'date-of-birth',
]);

// ---------------------------------------------------------------------------------------------

const RECORD_LABEL: Record<string, string> = {
  decision: 'evidences a decision or consensus-seeking',
  instruction: 'gives an instruction',
  approval: 'gives an approval or authorisation',
  finance: 'is about finance',
  staffing: 'is about staffing',
  complaint: 'is about a complaint',
  foi: 'is about an FOI, EIR or subject access request',
  legal: 'is about a legal matter',
  'data-protection': 'is about data protection',
  incident: 'records an incident and the response to it',
  planning: 'is about planning',
  procurement: 'is about procurement',
  contract: 'is about a contract',
  safeguarding: 'is about safeguarding',
  casework: 'is about casework',
  meeting: 'is formal meeting business',
  correspondence: 'is formal correspondence (press, MP, formal response)',
  minutes: 'is about minutes',
  'lease-land': 'is about leases or land',
  'personal-injury': 'may lead to a personal injury claim',
  defamation: 'may be defamatory',
  negligence: 'concerns negligence',
};

function firstMatch(re: RegExp, text: string): string | undefined {
  const m = re.exec(text);
  return m ? m[0].trim() : undefined;
}

function isoWeekday(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return d === 0 ? 7 : d;
}

/** True when `sentAt` ('YYYY-MM-DDTHH:mm') falls outside the policy's working hours. */
export function outsideWorkingHours(policy: Policy, sentAt: string): boolean {
  const wh = policy.workingHours;
  if (!wh) return false;
  const day = isoWeekday(sentAt);
  const time = /T(\d{2}:\d{2})/.exec(sentAt)?.[1];
  if (day === undefined || time === undefined) return false;
  return !wh.days.includes(day) || time < wh.start || time >= wh.end;
}

function clauseFor(policy: Policy, category: string): string {
  for (const c of policy.categories) if (c.id === category) return c.clause;
  return policy.recordTest.clause;
}

/** Lower-cases without moving positions (a character whose lower case is longer stays as is). */
function lowerSamePositions(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

function addCategory(
  policy: Policy,
  categories: string[],
  reasons: Classification['reasons'],
  category: string,
  match: string,
): void {
  if (categories.includes(category)) return;
  categories.push(category);
  reasons.push({
    rule: `record: ${RECORD_LABEL[category] ?? category}`,
    clause: clauseFor(policy, category),
    match,
  });
}

function gatedMatch(on: Uint8Array, id: number, re: RegExp, text: string): string | undefined {
  return on[id] === 1 ? firstMatch(re, text) : undefined;
}

export function classifyMessage(
  text: string,
  policy: Policy,
  ctx: ClassifyContext = {},
): Classification {
  const reasons: Classification['reasons'] = [];
  const warnings: Warning[] = [];
  const categories: string[] = [];
  // A chat the user marked personal (social) is outside a policy that excludes such chats:
  // no record suggestion and no group warnings there (personal data is still pointed out).
  const excluded = ctx.chatKind === 'personal' && policy.scope?.personalExcluded === true;
  const isGroup = !excluded && (ctx.isGroup === true || ctx.chatKind === 'council-group');
  // Curly apostrophes (iOS, Word) are matched as straight ones; positions do not move.
  const original = HAS_CURLY.test(text) ? text.replace(CURLY, "'") : text;
  const lower = lowerSamePositions(original);
  const trimmed = lower.trim();
  const first = trimmed.charCodeAt(0);
  const empty =
    trimmed.length === 0 ||
    (!((first >= 97 && first <= 122) || (first >= 48 && first <= 57)) &&
      EMOJI_OR_PUNCT_ONLY.test(trimmed));
  // One pass over the words decides which patterns (here and in personal-data) may match.
  const on = GATE.active(lower);

  // Personal data first: it matters even in a transitory message.
  const found = trimmed.length === 0 ? [] : findPersonalDataGated(original, on);
  const sensitive: Classification['sensitive'] = [];
  if (found.length > 0) {
    const kinds: SensitiveKind[] = [];
    for (const f of found) {
      sensitive.push({ kind: f.kind, text: f.text });
      if (!kinds.includes(f.kind)) kinds.push(f.kind);
    }
    warnings.push('sensitive-data');
    const clause = policy.groupChat?.noConfidential?.clause ?? policy.personalData?.clause;
    const rule = `personal-data: ${kinds.join(', ')}`;
    const match = found[0]?.text;
    reasons.push(clause ? { rule, clause, match } : { rule, match });
  }

  let strong = false;
  if (!empty) {
    const decision = gatedMatch(on, G_DECISION, DECISION, lower);
    if (decision !== undefined) {
      strong = true;
      addCategory(policy, categories, reasons, 'decision', decision);
      if (isGroup) {
        warnings.push('decision-outside-meeting');
        const c = policy.groupChat?.noDecisions ?? policy.groupChat?.noConsensusSeeking;
        reasons.push({
          rule: 'group chat: no decisions or consensus-seeking outside a properly convened meeting',
          clause: c?.clause ?? policy.recordTest.clause,
          match: decision,
        });
      }
    }
    const pre = gatedMatch(on, G_PRE, PREDETERMINATION, lower);
    if (pre !== undefined) {
      strong = true;
      warnings.push('predetermination');
      reasons.push({
        rule: 'predetermination: do not appear to have a closed mind before the meeting',
        clause: policy.predetermination?.clause ?? policy.recordTest.clause,
        match: pre,
      });
      addCategory(policy, categories, reasons, 'planning', pre);
    }
    for (let i = 0; i < STRONG.length; i++) {
      if (on[G_STRONG[i] as number] !== 1) continue;
      const signal = STRONG[i] as Signal;
      if (categories.includes(signal.category)) continue;
      const m = firstMatch(signal.re, lower);
      if (m === undefined) continue;
      strong = true;
      addCategory(policy, categories, reasons, signal.category, m);
    }
    const abbreviation = gatedMatch(on, G_ABBREVIATIONS, CASEWORK_ABBREVIATIONS, original);
    if (abbreviation !== undefined) {
      strong = true;
      addCategory(policy, categories, reasons, 'casework', abbreviation);
    }
    const action = gatedMatch(on, G_ACTION, ACTION_TAKEN, lower);
    if (action !== undefined) {
      strong = true;
      reasons.push({
        rule: 'record: evidences what was done in response',
        clause: policy.recordTest.clause,
        match: action,
      });
    }
  }

  let record = strong;
  if (
    !strong &&
    !empty &&
    !(trimmed.length <= 40 && SHORT_ACK.test(trimmed)) &&
    gatedMatch(on, G_TRANSITORY, TRANSITORY, lower) === undefined
  ) {
    // Sensitive facts about someone else, or their identifiers, are casework of substance
    // ("She's pregnant and wants to know what support there is"); one's own are not.
    const aboutOther =
      found.some((f) => THIRD_PARTY_KINDS.has(f.kind)) &&
      !FIRST_PERSON.test(lower) &&
      THIRD_PERSON.test(lower);
    const theirIds = found.some((f) => ID_KINDS.has(f.kind)) && SECOND_OR_THIRD.test(lower);
    if (aboutOther || theirIds) {
      record = true;
      const cat = found.some((f) => f.kind === 'special-category') ? 'safeguarding' : 'casework';
      if (!categories.includes(cat)) categories.push(cat);
      reasons.push({
        rule: 'record: personal information about someone, relied on in handling their case',
        clause: clauseFor(policy, cat),
        match: found[0]?.text,
      });
    }
    for (let i = 0; i < WEAK.length; i++) {
      const signal = WEAK[i] as Signal;
      const m = gatedMatch(on, G_WEAK[i] as number, signal.re, lower);
      if (m === undefined) continue;
      record = true;
      addCategory(policy, categories, reasons, signal.category, m);
    }
  }

  if (excluded && record) {
    record = false;
    reasons.push({
      rule: 'personal chat: outside the policy, so nothing is suggested for capture',
      clause: policy.scope?.clause,
    });
  }

  if (!record) {
    reasons.push({
      rule: 'transitory: administrative or social, no council business of substance',
      clause: policy.transitory?.clause ?? policy.recordTest.clause,
    });
  }

  if (record && policy.scope?.oneToOneBusiness === 'not-for-business') {
    const oneToOne =
      ctx.chatKind === 'council-one-to-one' ||
      (ctx.isGroup === false && (ctx.chatKind === undefined || ctx.chatKind === 'unclassified'));
    if (oneToOne) {
      warnings.push('one-to-one-business');
      reasons.push({
        rule: `one-to-one business is not allowed on WhatsApp: use ${(policy.scope.alternatives ?? ['email']).join(', ')}`,
        clause: policy.scope.clause,
      });
    }
  }

  if (ctx.sentAt !== undefined && outsideWorkingHours(policy, ctx.sentAt)) {
    warnings.push('outside-working-hours');
    reasons.push({ rule: 'sent outside working hours', clause: policy.workingHours?.clause });
  }

  const summary = excluded
    ? `Personal chat: outside the policy (${policy.scope?.clause ?? policy.recordTest.clause}).`
    : record
      ? `Council record (${categories.join(', ') || 'council business'}): capture within ${policy.capture.withinWorkingDays} working days (${policy.capture.clause}).`
      : `Transitory: need not be kept (${policy.transitory?.clause ?? policy.recordTest.clause}).`;

  return { record, categories, reasons, sensitive, warnings, summary };
}

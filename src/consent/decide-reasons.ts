import { type Obligation, obligation, type Reason, reason } from './reason.ts';

// Every reason and obligation decide() can give, built once and shared by all
// decisions (decide() allocates no reason objects on its hot path).

/** Names of the reasons of decide(). */
export type ReasonName =
  | 'unknownPurpose'
  | 'unknownSubject'
  | 'noPersonalInformation'
  | 'basisConsent'
  | 'basisNotAllowed'
  | 'noConsent'
  | 'consentValid'
  | 'processingNotConsented'
  | 'noticeChanged'
  | 'consentPending'
  | 'consentExpired'
  | 'consentRevoked'
  | 'consentRefused'
  | 'consentWithdrawn'
  | 'deleteAfterWithdrawal'
  | 'deletionAllowed'
  | 'sepProvideMissing'
  | 'sepProvideGiven'
  | 'recipientRequired'
  | 'recipientNotNamed'
  | 'sepPublicMissing'
  | 'sepPublicGiven'
  | 'sepXborderMissing'
  | 'sepXborderGiven'
  | 'sepSensitiveGiven'
  | 'sepSensitiveNotRequired'
  | 'minorGuardianRequired'
  | 'minorGivenByMinor'
  | 'minorAgeUnknown'
  | 'minorGuardianUnregistered'
  | 'minorGuardianGiven'
  | 'minorOtherBasis'
  | 'minimumMet'
  | 'needsUndeclared'
  | 'retentionEnded'
  | 'withinRetention';

/** Reasons of decide(), by name. Internal; the codes are the stable API. */
export const R: Readonly<Record<ReasonName, Reason>> = {
  unknownPurpose: reason(
    'deny',
    'C-MINIMUM',
    'PIPL Art. 6',
    'unknown-purpose',
    'the purpose is not in the purpose taxonomy; processing needs a specified purpose',
  ),
  unknownSubject: reason(
    'deny',
    'C-BASIS',
    'PIPL Art. 13',
    'unknown-subject',
    'the subject is unknown, so no legal basis can be established',
  ),
  noPersonalInformation: reason(
    'pass',
    'C-BASIS',
    'PIPL Arts. 4, 13',
    'no-personal-information',
    'the requested fields hold no personal information; no legal basis is needed',
  ),
  basisConsent: reason(
    'pass',
    'C-BASIS',
    'PIPL Art. 13 ¶1(1)',
    'basis-consent',
    "processing rests on the subject's consent",
  ),
  basisNotAllowed: reason(
    'deny',
    'C-BASIS',
    'PIPL Art. 13',
    'basis-not-allowed',
    'the purpose does not allow the stated legal basis; declare it on the purpose with the law that allows it',
  ),
  noConsent: reason(
    'deny',
    'C-CONSENT',
    'PIPL Art. 14',
    'no-consent',
    'no consent record covers the purpose',
  ),
  consentValid: reason(
    'pass',
    'C-CONSENT',
    'PIPL Art. 14',
    'consent-valid',
    'a valid consent covers the purpose, processing and fields',
  ),
  processingNotConsented: reason(
    'deny',
    'C-CONSENT',
    'PIPL Art. 14',
    'processing-not-consented',
    'the consent does not cover this processing method',
  ),
  noticeChanged: reason(
    'deny',
    'C-CONSENT',
    'PIPL Art. 14 ¶2',
    'notice-changed',
    'the current notice changed this purpose or method since the consent; new consent is needed',
  ),
  consentPending: reason(
    'deny',
    'C-CONSENT',
    'PIPL Art. 14',
    'consent-not-yet-valid',
    'the consent is not yet valid at this time',
  ),
  consentExpired: reason(
    'deny',
    'C-CONSENT',
    'PIPL Art. 14',
    'consent-expired',
    'the consent has expired',
  ),
  consentRevoked: reason(
    'deny',
    'C-CONSENT',
    'PIPL Art. 14',
    'consent-revoked',
    'the consent was revoked',
  ),
  consentRefused: reason(
    'deny',
    'C-CONSENT',
    'PIPL Art. 14',
    'consent-refused',
    'the subject refused consent',
  ),
  consentWithdrawn: reason(
    'deny',
    'C-WITHDRAW',
    'PIPL Art. 15',
    'consent-withdrawn',
    'the subject withdrew consent; processing must stop (earlier processing stays lawful)',
  ),
  deleteAfterWithdrawal: reason(
    'pass',
    'C-WITHDRAW',
    'PIPL Art. 47 ¶1(3)',
    'delete-after-withdrawal',
    'deleting PI after consent was withdrawn is what the law requires',
  ),
  deletionAllowed: reason(
    'pass',
    'C-RETENTION',
    'PIPL Art. 47',
    'deletion-allowed',
    'deletion is always allowed; the handler must delete when the purpose is achieved, consent is withdrawn or retention ends',
  ),
  sepProvideMissing: reason(
    'deny',
    'C-SEP-PROVIDE',
    'PIPL Art. 23',
    'separate-consent-missing',
    "providing PI to another handler needs the subject's separate consent",
  ),
  sepProvideGiven: reason(
    'pass',
    'C-SEP-PROVIDE',
    'PIPL Art. 23',
    'separate-consent-given',
    'the subject separately consented to provision to this recipient',
  ),
  recipientRequired: reason(
    'deny',
    'C-SEP-PROVIDE',
    'PIPL Art. 23',
    'recipient-required',
    'provision must name its recipient',
  ),
  recipientNotNamed: reason(
    'deny',
    'C-SEP-PROVIDE',
    'PIPL Art. 23',
    'recipient-not-consented',
    'the separate consent does not name this recipient',
  ),
  sepPublicMissing: reason(
    'deny',
    'C-SEP-PUBLIC',
    'PIPL Art. 25',
    'separate-consent-missing',
    "publicly disclosing PI needs the subject's separate consent",
  ),
  sepPublicGiven: reason(
    'pass',
    'C-SEP-PUBLIC',
    'PIPL Art. 25',
    'separate-consent-given',
    'the subject separately consented to public disclosure',
  ),
  sepXborderMissing: reason(
    'deny',
    'C-SEP-XBORDER',
    'PIPL Art. 39',
    'separate-consent-missing',
    "cross-border provision needs the subject's separate consent",
  ),
  sepXborderGiven: reason(
    'pass',
    'C-SEP-XBORDER',
    'PIPL Art. 39',
    'separate-consent-given',
    'the subject separately consented to cross-border provision',
  ),
  sepSensitiveGiven: reason(
    'pass',
    'C-SEP-SENSITIVE',
    'PIPL Art. 29',
    'separate-consent-given',
    'the subject separately consented to processing sensitive PI',
  ),
  sepSensitiveNotRequired: reason(
    'pass',
    'C-SEP-SENSITIVE',
    'PIPL Arts. 13 ¶2, 28',
    'separate-consent-not-required',
    'the legal basis is not consent, so no separate consent is needed; a specific purpose and sufficient necessity still are',
  ),
  minorGuardianRequired: reason(
    'deny',
    'C-MINOR',
    'PIPL Art. 31',
    'guardian-consent-required',
    'the subject is under 14: consent must come from a parent or other guardian',
  ),
  minorGivenByMinor: reason(
    'deny',
    'C-MINOR',
    'PIPL Art. 31',
    'consent-given-by-minor',
    'the consent was given by the subject while under 14; it needed a guardian',
  ),
  minorAgeUnknown: reason(
    'deny',
    'C-MINOR',
    'PIPL Art. 31',
    'age-unknown',
    "the subject's age is unknown (no valid birth date or resident ID), so a consent not given by a guardian cannot be relied on",
  ),
  minorGuardianUnregistered: reason(
    'deny',
    'C-MINOR',
    'PIPL Art. 31',
    'guardian-not-registered',
    'the consenting guardian is not a registered guardian of the subject',
  ),
  minorGuardianGiven: reason(
    'pass',
    'C-MINOR',
    'PIPL Art. 31',
    'guardian-consented',
    'the subject is under 14 and a guardian consented',
  ),
  minorOtherBasis: reason(
    'pass',
    'C-MINOR',
    'PIPL Arts. 13 ¶2, 31',
    'guardian-consent-not-required',
    "the subject is under 14 but the legal basis is not consent; special rules for minors' PI still apply",
  ),
  minimumMet: reason(
    'pass',
    'C-MINIMUM',
    'PIPL Art. 6',
    'minimum-met',
    'every requested field is needed for the purpose',
  ),
  needsUndeclared: reason(
    'withhold',
    'C-MINIMUM',
    'PIPL Art. 6',
    'needs-undeclared',
    'neither the purpose nor the request declares the fields it needs; personal fields are withheld',
  ),
  retentionEnded: reason(
    'deny',
    'C-RETENTION',
    'PIPL Arts. 19, 47',
    'retention-ended',
    'the retention period has ended; the PI must be deleted',
  ),
  withinRetention: reason(
    'pass',
    'C-RETENTION',
    'PIPL Art. 19',
    'within-retention',
    'the processing falls within the retention period',
  ),
};

/** Names of the field-level reason templates. */
export type FieldReasonName =
  | 'unknownField'
  | 'notNeeded'
  | 'categoryNotConsented'
  | 'categoryNoticeChanged'
  | 'sensitiveMissing'
  | 'obtainableBySharing';

/** Field-level reason templates (rule, article, code, message); the field name is added per field. */
export const FIELD: Readonly<
  Record<FieldReasonName, readonly [Reason['effect'], Reason['rule'], string, string, string]>
> = {
  unknownField: [
    'deny',
    'C-MINIMUM',
    'PIPL Art. 6',
    'unknown-field',
    'the field is not in the dataset',
  ],
  notNeeded: [
    'withhold',
    'C-MINIMUM',
    'PIPL Art. 6',
    'field-not-needed',
    'the field is not needed for the purpose and is withheld',
  ],
  categoryNotConsented: [
    'withhold',
    'C-CONSENT',
    'PIPL Art. 14',
    'category-not-consented',
    "the consent does not cover the field's PI category",
  ],
  categoryNoticeChanged: [
    'withhold',
    'C-CONSENT',
    'PIPL Art. 14 ¶2',
    'notice-changed',
    "the current notice no longer lists the field's PI category; new consent is needed",
  ],
  sensitiveMissing: [
    'withhold',
    'C-SEP-SENSITIVE',
    'PIPL Art. 29',
    'separate-consent-missing',
    "the field is sensitive PI and needs the subject's separate consent",
  ],
  obtainableBySharing: [
    'withhold',
    'C-NO-DUP',
    'Fujian Art. 11',
    'obtainable-by-sharing',
    'the field is public data obtainable by sharing; request it instead of collecting it again',
  ],
};

/** Names of the obligations of decide(). */
export type ObligationName =
  | 'stopAndDelete'
  | 'deleteNow'
  | 'impactAssessment'
  | 'notifySensitive'
  | 'recipientBound'
  | 'notifySubject'
  | 'minorRules'
  | 'requestShare';

/** Obligations of decide(), by name. */
export const O: Readonly<Record<ObligationName, Obligation>> = {
  stopAndDelete: obligation(
    'C-WITHDRAW',
    'PIPL Arts. 15, 47',
    'stop-and-delete',
    'stop processing and delete the PI (or only store it with security measures where deletion is technically infeasible)',
  ),
  deleteNow: obligation(
    'C-RETENTION',
    'PIPL Art. 47',
    'delete',
    'delete the PI now: its retention period has ended',
  ),
  impactAssessment: obligation(
    'P-PIPIA',
    'PIPL Arts. 55-56',
    'impact-assessment',
    'carry out and keep (3 years) a PI impact assessment before this processing',
  ),
  notifySensitive: obligation(
    'C-SEP-SENSITIVE',
    'PIPL Arts. 28, 30',
    'notify-necessity',
    'tell the subject why the sensitive PI is necessary and how it affects them; protect it strictly',
  ),
  recipientBound: obligation(
    'C-SEP-PROVIDE',
    'PIPL Art. 23',
    'recipient-within-purpose',
    'the recipient must stay within the consented purpose, method and PI categories',
  ),
  notifySubject: obligation(
    'C-NOTICE',
    'PIPL Arts. 17, 18, 35',
    'notify-subject',
    'inform the subject of the processing unless a law requires confidentiality',
  ),
  minorRules: obligation(
    'C-MINOR',
    'PIPL Art. 31 ¶2',
    'minor-rules',
    'apply dedicated processing rules for PI of minors under 14',
  ),
  requestShare: obligation(
    'C-NO-DUP',
    'Fujian Art. 11',
    'request-share',
    'obtain the withheld fields through public-data sharing instead of collecting them',
  ),
};

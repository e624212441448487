import { type Obligation, obligation, type Reason, reason } from './reason.ts';

/** Names of the public-data reasons. */
export type ShareReasonName =
  | 'catalogRequired'
  | 'unknownDataset'
  | 'notPublicData'
  | 'requesterNotPublicBody'
  | 'publicServiceBody'
  | 'dutyMissing'
  | 'dutyUnknown'
  | 'scenarioMissing'
  | 'fieldsMissing'
  | 'commitmentMissing'
  | 'requestComplete'
  | 'unconditional'
  | 'conditionalWithinDuty'
  | 'dutyUseOnly'
  | 'unknownGrant'
  | 'grantPending'
  | 'grantExpired'
  | 'authTermEnded'
  | 'suspended'
  | 'terminated'
  | 'notGrantee'
  | 'otherPurpose'
  | 'onwardTransfer'
  | 'onwardTransferDerived'
  | 'grantValid'
  | 'authTermExceeded'
  | 'authTermWithin'
  | 'authTermApproved'
  | 'authOutputNotApproved'
  | 'authOutputApproved'
  | 'correctionOverdue'
  | 'labelMissing'
  | 'authRawOutput'
  | 'authOutputAllowed'
  | 'authorityRequired'
  | 'operationAuthorityRequired'
  | 'providerApprovalRequired'
  | 'openApproved'
  | 'openUnconditional'
  | 'developApprovalRequired'
  | 'developApproved'
  | 'usageReportOverdue'
  | 'productLabelled'
  | 'invalidTerm';

/** Public-data reasons, by name. */
export const S: Readonly<Record<ShareReasonName, Reason>> = {
  catalogRequired: reason(
    'deny',
    'S-TYPES',
    'Fujian Art. 10',
    'catalog-required',
    'public-data decisions need the catalog (create the decider with a catalog)',
  ),
  unknownDataset: reason(
    'deny',
    'S-TYPES',
    'Fujian Art. 10; Qingdao Art. 9 (briefing)',
    'unknown-dataset',
    'the dataset is not in the public-data catalog',
  ),
  notPublicData: reason(
    'deny',
    'S-TYPES',
    'Fujian Art. 14',
    'not-public-data',
    'the dataset is not public data; sharing and opening rules do not make it available',
  ),
  requesterNotPublicBody: reason(
    'deny',
    'S-TYPES',
    'Fujian Arts. 14, 49; Qingdao Art. 19 (briefing)',
    'requester-not-public-body',
    'public data is shared among public management and service bodies (public utilities included, stated as requesterRole); others use opening or development',
  ),
  publicServiceBody: reason(
    'pass',
    'S-TYPES',
    'Fujian Arts. 14, 49',
    'public-service-body',
    'the requester is a public management or service body (public utilities included) and may request shared data for its duty',
  ),
  dutyMissing: reason(
    'deny',
    'S-TYPES',
    'Fujian Art. 14; Qingdao Art. 20 (briefing)',
    'duty-missing',
    'a share request must state the statutory duty, with its legal basis, that the data serves; conditional data is shared only within it',
  ),
  dutyUnknown: reason(
    'deny',
    'S-TYPES',
    'Fujian Art. 14; Qingdao Art. 20 (briefing)',
    'duty-unknown',
    'the requester has no such registered duty',
  ),
  scenarioMissing: reason(
    'deny',
    'S-REQUEST',
    'Qingdao Art. 21 (briefing)',
    'scenario-missing',
    'a share request must state its use scenario',
  ),
  fieldsMissing: reason(
    'deny',
    'S-REQUEST',
    'Qingdao Arts. 21-2 (briefing)2 (briefing)',
    'fields-missing',
    'a request must name the fields it asks for ("least and enough")',
  ),
  commitmentMissing: reason(
    'deny',
    'S-REQUEST',
    'Qingdao Art. 22 (briefing)',
    'commitment-missing',
    'a share request must commit to the authenticity of the request, and to security and compliance of use',
  ),
  requestComplete: reason(
    'pass',
    'S-REQUEST',
    'Qingdao Arts. 21-22 (briefing)',
    'request-complete',
    'the request names its fields, use scenario and commitments',
  ),
  unconditional: reason(
    'pass',
    'S-TYPES',
    'Fujian Art. 14; Qingdao Art. 19 (briefing)',
    'unconditional',
    'the unconditionally shared fields are provided',
  ),
  conditionalWithinDuty: reason(
    'pass',
    'S-TYPES',
    'Fujian Art. 14; Qingdao Art. 20 (briefing)',
    'conditional-within-duty',
    "the conditionally shared fields are within the requester's stated duty",
  ),
  dutyUseOnly: reason(
    'pass',
    'S-PURPOSE',
    "Fujian Art. 14; Guiyang-Gui'an draft ch. 4",
    'duty-use-only',
    "shared data may serve only the requester's duty",
  ),
  unknownGrant: reason('deny', 'S-PURPOSE', 'Fujian Art. 14', 'unknown-grant', 'no such grant'),
  grantPending: reason(
    'deny',
    'S-PURPOSE',
    'Fujian Art. 14',
    'grant-not-yet-valid',
    "the grant's term has not started",
  ),
  grantExpired: reason(
    'deny',
    'S-PURPOSE',
    'Fujian Art. 14',
    'grant-expired',
    "the grant's term has ended",
  ),
  authTermEnded: reason(
    'deny',
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'term-ended',
    'the authorized-operation term has ended',
  ),
  suspended: reason(
    'deny',
    'S-SUSPEND',
    'Fujian Art. 33',
    'suspended',
    'the data service is suspended for misuse until it is corrected',
  ),
  correctionOverdue: reason(
    'deny',
    'S-SUSPEND',
    'Fujian Art. 33',
    'correction-overdue',
    'the data service stays suspended: the misuse was not corrected by the deadline; the authority may decide to terminate it',
  ),
  terminated: reason(
    'deny',
    'S-SUSPEND',
    'Fujian Art. 33',
    'terminated',
    'the data service was terminated by a recorded decision of the authority',
  ),
  notGrantee: reason(
    'deny',
    'S-PURPOSE',
    "Fujian Art. 14; Guiyang-Gui'an draft ch. 4",
    'not-grantee',
    'only the grantee may use the data; it may not pass to a third party',
  ),
  otherPurpose: reason(
    'deny',
    'S-PURPOSE',
    "Fujian Art. 14; Guiyang-Gui'an draft ch. 4",
    'other-purpose',
    'the data may not be used for a purpose other than the one granted',
  ),
  onwardTransfer: reason(
    'deny',
    'S-PURPOSE',
    "Fujian Art. 14; Guiyang-Gui'an draft ch. 4",
    'onward-transfer',
    'data obtained by sharing may not be provided to a third party',
  ),
  onwardTransferDerived: reason(
    'deny',
    'S-PURPOSE',
    "Fujian Art. 14; Guiyang-Gui'an draft ch. 4",
    'onward-transfer-derived',
    'data obtained by sharing may not be provided to a third party, not even after changing its form',
  ),
  grantValid: reason(
    'pass',
    'S-PURPOSE',
    'Fujian Art. 14',
    'grant-valid',
    "the grantee uses the data within the grant's scope, purpose and term",
  ),
  authTermExceeded: reason(
    'deny',
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'term-exceeds-3-years',
    'authorized operation of public data lasts in principle at most 3 years; a longer term needs a recorded justification (termJustification) and approval (approvedBy)',
  ),
  authTermWithin: reason(
    'pass',
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'term-within-3-years',
    'the authorized-operation term is at most 3 years',
  ),
  authTermApproved: reason(
    'pass',
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'term-beyond-3-years-approved',
    'the authorized-operation term exceeds 3 years with a recorded justification and approval',
  ),
  authOutputNotApproved: reason(
    'deny',
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'output-form-not-approved',
    'outputs take forms such as models and verification results; any other form needs explicit approval on the grant (outputForms)',
  ),
  authOutputApproved: reason(
    'pass',
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'approved-output-form',
    'the output takes a form the grant explicitly approves',
  ),
  authRawOutput: reason(
    'deny',
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'raw-output',
    'authorized operation delivers outputs such as models and verification results (usable, not visible), never the raw data',
  ),
  authOutputAllowed: reason(
    'pass',
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'model-or-verification-output',
    'the output is a model or a verification result',
  ),
  authorityRequired: reason(
    'deny',
    'S-OPEN',
    'Fujian Art. 15; Qingdao Art. 26 (briefing)',
    'authority-required',
    'the approval must go through the big-data authority',
  ),
  operationAuthorityRequired: reason(
    'deny',
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'authority-required',
    'authorized operation is granted by the government through the big-data authority',
  ),
  providerApprovalRequired: reason(
    'deny',
    'S-OPEN',
    'Fujian Art. 15; Qingdao Art. 26 (briefing)',
    'provider-approval-required',
    "data opened on application needs the providing department's approval",
  ),
  openApproved: reason(
    'pass',
    'S-OPEN',
    'Fujian Art. 15; Qingdao Art. 26 (briefing)',
    'application-approved',
    'the provider approved the application through the big-data authority',
  ),
  openUnconditional: reason(
    'pass',
    'S-OPEN',
    'Fujian Art. 15; Qingdao Art. 26 (briefing)',
    'open',
    'the openly opened fields are available to anyone',
  ),
  developApprovalRequired: reason(
    'deny',
    'S-DEVELOP',
    'Fujian Art. 16',
    'approval-required',
    'secondary development of public data needs the approval of the big-data authority (大数据主管部门), named as authority',
  ),
  developApproved: reason(
    'pass',
    'S-DEVELOP',
    'Fujian Art. 16',
    'approved',
    'the big-data authority approved the secondary development',
  ),
  usageReportOverdue: reason(
    'deny',
    'S-DEVELOP',
    'Fujian Art. 16',
    'usage-report-overdue',
    'the developer has not reported its use on time',
  ),
  labelMissing: reason(
    'deny',
    'S-DEVELOP',
    'Fujian Art. 16',
    'label-missing',
    "a data product may leave only labelled with the data's source and acquisition date (the source-label text)",
  ),
  productLabelled: reason(
    'pass',
    'S-DEVELOP',
    'Fujian Art. 16',
    'derived-product',
    'the data product carries its source label and may be provided; the raw data may not',
  ),
  invalidTerm: reason(
    'deny',
    'S-PURPOSE',
    'Fujian Art. 14',
    'invalid-term',
    'a grant term must end after it starts',
  ),
};

/** Field-level public-data templates: effect, rule, article, code, message. */
export const SHARE_FIELD: Readonly<
  Record<
    | 'unknownField'
    | 'outsideDuty'
    | 'outsideScope'
    | 'applicationRequired'
    | 'notOpen'
    | 'personalNotAnonymized'
    | 'neverOpened',
    readonly [Reason['effect'], Reason['rule'], string, string, string]
  >
> = {
  unknownField: [
    'deny',
    'S-REQUEST',
    'Qingdao Art. 21 (briefing)',
    'unknown-field',
    'the dataset has no such field',
  ],
  outsideDuty: [
    'withhold',
    'S-TYPES',
    'Fujian Art. 14; Qingdao Art. 20 (briefing)',
    'outside-duty',
    'the field is shared conditionally and is not needed for the stated duty',
  ],
  outsideScope: [
    'withhold',
    'S-PURPOSE',
    'Fujian Art. 14',
    'outside-scope',
    "the field is outside the grant's scope",
  ],
  applicationRequired: [
    'withhold',
    'S-OPEN',
    'Fujian Art. 15; Qingdao Art. 26 (briefing)',
    'application-required',
    'the field is opened on application: the provider must approve, through the big-data authority',
  ],
  notOpen: [
    'withhold',
    'S-OPEN',
    'Fujian Art. 15; Qingdao Art. 2 (briefing)6 (briefing)',
    'not-open',
    'the field is not opened',
  ],
  personalNotAnonymized: [
    'withhold',
    'S-OPEN',
    'PIPL Arts. 25, 28',
    'personal-information-not-anonymized',
    'the field is personal information that is not anonymized; sensitive PI and PI not anonymized are never opened without separate consent (mark it openAfter "anonymization" if it is published only once anonymized)',
  ],
  neverOpened: [
    'withhold',
    'G-GRADE-GATES',
    'DSL Arts. 21, 27, 30; dataguard-default for the gates',
    'never-opened',
    'the field is core or important data, which is never opened',
  ],
};

/** Names of the public-data obligations. */
export type ShareObligationName =
  | 'noOnwardTransfer'
  | 'recordSharing'
  | 'applyToProvider'
  | 'outputsOnlyModels'
  | 'correctMisuse'
  | 'objectionPending'
  | 'anonymizeBeforeOpening'
  | 'reviewNotShared';

/** Public-data obligations, by name. */
export const SO: Readonly<Record<ShareObligationName, Obligation>> = {
  noOnwardTransfer: obligation(
    'S-PURPOSE',
    "Fujian Art. 14; Guiyang-Gui'an draft ch. 4",
    'no-onward-transfer',
    'use the data only for the stated duty: no third party, no other purpose, not even after changing its form',
  ),
  recordSharing: obligation(
    'P-RECORD',
    'Fujian Art. 32',
    'record-processing',
    'record the sharing in the processing ledger',
  ),
  applyToProvider: obligation(
    'S-OPEN',
    'Fujian Art. 15; Qingdao Art. 26 (briefing)',
    'apply-to-provider',
    'apply through the big-data authority; the providing department must approve',
  ),
  outputsOnlyModels: obligation(
    'S-AUTH-TERM',
    "Guiyang-Gui'an draft ch. 6; Qingdao (briefing, authorized-operation pilot)",
    'outputs-models-or-verification',
    'deliver outputs such as models and verification results, or forms the grant approves; raw data stays in the operation environment',
  ),
  correctMisuse: obligation(
    'S-SUSPEND',
    'Fujian Arts. 33-34',
    'correct-misuse',
    'correct the misuse by the deadline; if it is not corrected, the authority may decide to terminate the data service',
  ),
  reviewNotShared: obligation(
    'S-TYPES',
    'Fujian Art. 14; Qingdao Arts. 19-20 (briefing)',
    'review-not-shared',
    'a field not shared (暂不共享) is so only for now: review it by its review date, or record one',
  ),
  anonymizeBeforeOpening: obligation(
    'S-OPEN',
    'PIPL Art. 73; Fujian Art. 15',
    'anonymize-before-opening',
    'anonymize the field (it must identify no one and be impossible to restore) before it is opened',
  ),
  objectionPending: obligation(
    'S-OBJECTION',
    "Guiyang-Gui'an draft chs. 4-5; Fujian Art. 13",
    'objection-pending',
    'an objection to this data is being handled; verify the values concerned before relying on them',
  ),
};

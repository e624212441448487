import type { PartyRef } from '../core/refs.ts';
import type { Processing } from '../tags/vocabulary.ts';
import type { DutyDefinition } from './engine.ts';
import type { Grant, GrantKind } from './grant.ts';
import type { Obligation, Reason } from './reason.ts';

/** The answer to a public-data question (share, open, use of a grant). */
export interface ShareDecision {
  readonly allowed: boolean;
  readonly allowedFields: readonly string[];
  readonly reasons: readonly Reason[];
  readonly obligations: readonly Obligation[];
}

/** A share or grant decision, with the grant stored when allowed. */
export interface GrantDecision extends ShareDecision {
  readonly grant: Grant | undefined;
}

/** The requester's commitment (承诺) to authenticity, security and compliance (S-REQUEST). */
export interface ShareCommitment {
  readonly authenticity: boolean;
  readonly security: boolean;
  readonly compliance: boolean;
}

/** A department's request for another department's public data (共享申请). */
export interface ShareRequest {
  readonly dataset: { readonly id: string; readonly version?: string | undefined };
  /** The fields asked for ("least and enough"). */
  readonly fields: readonly string[];
  readonly requester: PartyRef;
  /**
   * What kind of public body a requester that is not an agency is (公共管理和服务机构,
   * public utilities included: Fujian Art. 49). Agencies need not say.
   */
  readonly requesterRole?: 'public-management' | 'public-service' | 'public-utility' | undefined;
  /** The duty served: a registered duty id, or the duty with its legal basis and data scope. */
  readonly duty: string | DutyDefinition;
  /** The use scenario (应用场景). */
  readonly scenario: string;
  readonly commitment: ShareCommitment;
  /** Purpose of the use (default `public-data.sharing`). */
  readonly purpose?: string | undefined;
  readonly at?: string | number | Date | undefined;
}

/** A grant term: start (default now) and end, or a duration (ISO 8601) from the start. */
export interface TermInput {
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly duration?: string | undefined;
}

/** A share request that, when allowed, becomes a share grant. */
export interface ShareGrantRequest extends ShareRequest {
  readonly id?: string | undefined;
  readonly term: TermInput;
}

/** A grant of opening on application, development or authorized operation. */
export interface GrantInput {
  readonly id?: string | undefined;
  readonly kind: Exclude<GrantKind, 'share'>;
  readonly dataset: { readonly id: string; readonly version?: string | undefined };
  readonly fields: readonly string[];
  readonly grantee: PartyRef;
  readonly purpose: string;
  readonly term: TermInput;
  /** Who approved: the providing department (open) or the provider or authority (develop). */
  readonly approvedBy?: PartyRef | undefined;
  /** The big-data authority the approval went through (open, authorized operation). */
  readonly authority?: PartyRef | undefined;
  /** For develop: how often use must be reported (ISO 8601 duration, default P3M). */
  readonly reportEvery?: string | undefined;
  /** For authorized operation longer than 3 years: why (recorded on the grant, with `approvedBy`). */
  readonly termJustification?: string | undefined;
  /** For authorized operation: output forms approved beyond models and verification results. */
  readonly outputForms?: readonly string[] | undefined;
  readonly at?: string | number | Date | undefined;
}

/** The grantee's use of granted data. */
export interface GrantUseRequest {
  readonly grant: string;
  /** Who is using the data. */
  readonly actor: string | PartyRef;
  /** Who receives it, when it leaves the grantee. */
  readonly recipient?: string | PartyRef | undefined;
  readonly purpose: string;
  readonly processing: Processing;
  readonly fields: readonly string[];
  /**
   * What leaves the grantee: raw data, a data product, a model, verification
   * results, or another form (an open list; authorized operation needs it approved on the grant).
   */
  readonly output?: 'raw' | 'product' | 'model' | 'verification-result' | (string & {}) | undefined;
  /** The source label a data product carries (S-DEVELOP): must include the grant's source-label text. */
  readonly label?: string | undefined;
  /** The data was transformed (aggregated, de-identified, …) before use. */
  readonly derived?: boolean | undefined;
  readonly at?: string | number | Date | undefined;
}

/** A request for opened public data (开放). */
export interface OpenRequest {
  readonly dataset: { readonly id: string; readonly version?: string | undefined };
  readonly fields: readonly string[];
  readonly requester: PartyRef;
  /** The approved application (an `open` grant) covering on-application fields. */
  readonly grant?: string | undefined;
  readonly at?: string | number | Date | undefined;
}

/** A grant event request. */
export interface GrantChange {
  readonly at?: string | undefined;
  readonly by: string;
  readonly note?: string | undefined;
}

/** Reported misuse: who reports and the deadline to correct (S-SUSPEND). */
export interface MisuseReport extends GrantChange {
  readonly correctBy: string;
}

/** An objection to shared or opened data (S-OBJECTION). */
export interface ObjectionInput {
  readonly id?: string | undefined;
  readonly dataset: string;
  readonly field?: string | undefined;
  readonly by: PartyRef;
  readonly kind: 'quality' | 'rights' | 'other';
  readonly description: string;
  readonly at?: string | undefined;
}

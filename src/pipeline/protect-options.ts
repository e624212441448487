import type { AsyncConsentDecider, ConsentDecider } from '../consent/decider.ts';
import type {
  GrantUseRequest,
  OpenRequest,
  ShareDecision,
  ShareRequest,
} from '../consent/public-data-types.ts';
import type { PurposeTaxonomy } from '../consent/purposes.ts';
import type { Clock } from '../core/clock.ts';
import type { DatasetRef, PartyRef } from '../core/refs.ts';
import type { Keyring } from '../crypto/keyring-types.ts';
import type { PolicyDocument } from '../deidentify/policy-schema.ts';
import type { TokenVault } from '../deidentify/token-vault.ts';
import type { DataRecord } from '../deidentify/transformer.ts';
import type { Ledger } from '../provenance/ledger.ts';
import type { Dataset, DatasetDefinition } from '../tags/dataset.ts';
import type { LegalBasis } from '../tags/vocabulary.ts';
import type { ProtectProcessing, ReleaseRequirements } from './release-plan.ts';
import type { ProtectSubjects } from './subject-index.ts';
import type { PolicySuggestion } from './suggest.ts';

/** A rejected row, without its values. */
export interface ProtectReject {
  readonly row: number;
  readonly field: string;
  readonly rule: string;
  readonly reason: string;
}

/**
 * Where a release's records go, in two phases (the commit protocol of P-RECORD):
 * `write` stages every record durably but invisibly; `commit` makes the staged
 * output visible once the ledger event is appended; `abort` discards it.
 */
export interface RecordSink {
  /** Stages the records (e.g. a temporary file, flushed). Throwing aborts the release. */
  write(records: AsyncIterable<Record<string, unknown>>, columns: readonly string[]): Promise<void>;
  /** Makes the staged output visible (e.g. renames the temporary file into place). */
  commit(): Promise<void>;
  /** Discards the staged output. */
  abort(): Promise<void>;
}

export type { ProtectProcessing } from './release-plan.ts';

/** Per-subject consent checking (C-* rules) for PI processed on the basis of consent. */
export interface ProtectConsent {
  readonly decider: ConsentDecider | AsyncConsentDecider;
  /** The input field holding each record's subject id. */
  readonly subjectField: string;
  /** `stop` (default): any denied subject stops the run, nothing written; `exclude`: denied rows are left out and counted. */
  readonly onDenied?: 'stop' | 'exclude' | undefined;
}

/** Public-data sharing (S-* rules): decided once for the dataset before anything is read. */
export interface ProtectShare {
  readonly decider: ConsentDecider | AsyncConsentDecider;
  /** The share request; `dataset` and `fields` default to this run's dataset and output fields. */
  readonly request: Omit<ShareRequest, 'dataset' | 'fields'> &
    Partial<Pick<ShareRequest, 'dataset' | 'fields'>>;
}

/** Public-data opening (S-OPEN): decided once for the dataset before anything is read. */
export interface ProtectOpen {
  readonly decider: ConsentDecider | AsyncConsentDecider;
  /** The open request; `dataset` and `fields` default to this run's dataset and output fields. */
  readonly request: Omit<OpenRequest, 'dataset' | 'fields'> &
    Partial<Pick<OpenRequest, 'dataset' | 'fields'>>;
}

/** Use of granted public data (authorized operation, development, opening on application). */
export interface ProtectGrant {
  readonly decider: ConsentDecider | AsyncConsentDecider;
  /** The grant use request; `fields`, `purpose`, `processing`, `actor` and `recipient` default to this run's. */
  readonly request: Pick<GrantUseRequest, 'grant'> & Partial<Omit<GrantUseRequest, 'grant'>>;
}

/** Options of {@link protect}. */
export interface ProtectOptions {
  /** The records to protect. */
  readonly input: Iterable<DataRecord> | AsyncIterable<DataRecord>;
  /** Consumes the protected records (e.g. an atomic file writer); when omitted, records are only counted. */
  readonly sink?: RecordSink | undefined;
  /** The input's dataset: a schema from defineDataset, or its definition. */
  readonly dataset: Dataset | DatasetDefinition;
  /** The copy being read (default: the dataset id and version). */
  readonly source?: DatasetRef | undefined;
  /** The copy being produced (default: derived from the source, the recipient and the policy). */
  readonly target?: DatasetRef | undefined;
  /** The de-identification policy (JSON or YAML text, or a document). */
  readonly policy: PolicyDocument | string;
  /** Policy profile by name (default: chosen by purpose and recipient). */
  readonly profile?: string | undefined;
  /** Dotted purpose id, known to `purposes`. */
  readonly purpose: string;
  /** The purpose taxonomy (default: dataguard's seeded agency purposes). */
  readonly purposes?: PurposeTaxonomy | undefined;
  /** Who runs the processing. */
  readonly actor: PartyRef;
  /** Who receives the output copy, for a release. */
  readonly recipient?: PartyRef | undefined;
  /** Default: `provide` with a recipient, `deidentify` without. */
  readonly processing?: ProtectProcessing | undefined;
  /** PIPL Art. 13 basis recorded in the ledger (default `consent` when `consent` is given, else required). */
  readonly legalBasis?: LegalBasis | undefined;
  readonly keyring: Keyring;
  readonly ledger: Ledger;
  readonly vault?: TokenVault | undefined;
  readonly hierarchies?:
    | Readonly<Record<string, string | readonly (readonly string[])[]>>
    | undefined;
  /**
   * Receives a generalization that meets k when the gate fails on k (the CLI
   * writes it with --suggest-policy). Made from the input's class counts,
   * which a gated release keeps up to 200,000 classes.
   */
  readonly onSuggestion?: ((suggestion: PolicySuggestion) => void) | undefined;
  readonly consent?: ProtectConsent | undefined;
  /** Make the sharing decision (S-CHANNEL, S-TYPES) from a request. */
  readonly share?: ProtectShare | undefined;
  /** Make the opening decision (S-CHANNEL, S-OPEN) from a request. */
  readonly open?: ProtectOpen | undefined;
  /** Make the decision from a grant (S-CHANNEL, S-DEVELOP, S-AUTH-TERM). */
  readonly grant?: ProtectGrant | undefined;
  /** A share, open or grant decision made beforehand (it must be allowed). */
  readonly decision?: ShareDecision | undefined;
  /** Direct identifiers the decision permits raw, with its basis (P-DEID); all others must be transformed. */
  readonly rawIdentifiers?:
    | { readonly fields: readonly string[]; readonly basis: string }
    | undefined;
  /**
   * Anonymity requirements on the output; required for `open`, `trade` and `anonymize` (S-TRADE).
   * The quasi-identifiers are the dataset's; `quasiIdentifiers`, when given, must equal them.
   */
  readonly anonymity?: ReleaseRequirements | undefined;
  /** Input column names (e.g. a CSV header); default: the keys of the first record. Aliases declared on the dataset are honoured. */
  readonly columns?: readonly string[] | undefined;
  /** `fail` (default): a row breaking a transform's input contract stops the run; `quarantine`: it is left out and counted. */
  readonly rejects?: 'fail' | 'quarantine' | undefined;
  /** With `quarantine`: the most rows that may be rejected, a count or a percentage (`'2%'`); default 0. */
  readonly maxRejects?: number | string | undefined;
  /** With `quarantine`: receives every rejected row (row number, field, rule, reason; no values). */
  readonly onReject?: ((reject: ProtectReject) => void) | undefined;
  /**
   * File keyed digests of the released subjects (read from `field`) per copy in a subject index,
   * so incidents count the union of subjects across copies exactly.
   */
  readonly subjects?: ProtectSubjects | undefined;
  /** This release's id (default: 20 random letters); part of the copy id. */
  readonly releaseId?: string | undefined;
  /** Release again although the ledger already records the same input, plan and recipient. */
  readonly again?: boolean | undefined;
  /** Sign a checkpoint after the events are appended (default: when the ledger can sign). */
  readonly checkpoint?: boolean | undefined;
  readonly clock?: Clock | undefined;
}

import type { AnonymityRequirements } from '../anonymity/gate.ts';
import type { AsyncConsentDecider, ConsentDecider } from '../consent/decider.ts';
import type { ShareRequest } from '../consent/public-data-types.ts';
import type { Clock } from '../core/clock.ts';
import type { DatasetRef, PartyRef } from '../core/refs.ts';
import type { Keyring } from '../crypto/keyring-types.ts';
import type { PolicyDocument } from '../deidentify/policy-schema.ts';
import type { TokenVault } from '../deidentify/token-vault.ts';
import type { DataRecord } from '../deidentify/transformer.ts';
import type { Ledger } from '../provenance/ledger.ts';
import type { DatasetDefinition, DatasetSchema } from '../tags/dataset.ts';
import type { LegalBasis, Processing } from '../tags/vocabulary.ts';

/** Where protected records go. The sink must commit only when the stream ends without error. */
export type RecordSink = (
  records: AsyncIterable<Record<string, unknown>>,
  columns: readonly string[],
) => Promise<unknown>;

/** The processing a protect() run performs; releases to a recipient need one. */
export type ProtectProcessing = Extract<
  Processing,
  | 'deidentify'
  | 'anonymize'
  | 'share'
  | 'provide'
  | 'open'
  | 'trade'
  | 'entrust'
  | 'transmit'
  | 'use'
>;

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

/** Options of {@link protect}. */
export interface ProtectOptions {
  /** The records to protect. */
  readonly input: Iterable<DataRecord> | AsyncIterable<DataRecord>;
  /** Consumes the protected records (e.g. an atomic file writer); when omitted, records are only counted. */
  readonly sink?: RecordSink | undefined;
  /** The input's dataset: a schema from defineDataset, or its definition. */
  readonly dataset: DatasetSchema | DatasetDefinition;
  /** The copy being read (default: the dataset id and version). */
  readonly source?: DatasetRef | undefined;
  /** The copy being produced (default: derived from the source, the recipient and the policy). */
  readonly target?: DatasetRef | undefined;
  /** The de-identification policy (JSON or YAML text, or a document). */
  readonly policy: PolicyDocument | string;
  /** Policy profile by name (default: chosen by purpose and recipient). */
  readonly profile?: string | undefined;
  /** Dotted purpose id. */
  readonly purpose: string;
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
  readonly consent?: ProtectConsent | undefined;
  readonly share?: ProtectShare | undefined;
  /** Anonymity requirements on the output; required for `open` and `trade` (S-TRADE). */
  readonly anonymity?: AnonymityRequirements | undefined;
  /** `fail` (default): a row breaking a transform's input contract stops the run; `quarantine`: it is left out and counted. */
  readonly rejects?: 'fail' | 'quarantine' | undefined;
  /** Sign a checkpoint after the events are appended (default: when the ledger can sign). */
  readonly checkpoint?: boolean | undefined;
  readonly clock?: Clock | undefined;
}

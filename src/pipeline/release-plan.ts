import type { AnonymityRequirements } from '../anonymity/gate.ts';
import type { DatasetRef, PartyRef } from '../core/refs.ts';
import type { PolicyDocument } from '../deidentify/policy-schema.ts';
import type { Dataset } from '../tags/dataset.ts';
import type { LegalBasis, Processing } from '../tags/vocabulary.ts';

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

/** Anonymity requirements of a release: the quasi-identifiers come from the dataset, never from here. */
export type ReleaseRequirements = Omit<AnonymityRequirements, 'quasiIdentifiers' | 'population'> & {
  /** Only for a check: when given it must equal the dataset's quasi-identifiers. */
  readonly quasiIdentifiers?: readonly string[] | undefined;
};

/**
 * Everything a release is, validated before a row is read (stage `plan`).
 * Immutable; its digest goes into the ledger event.
 */
export interface ReleasePlan {
  readonly dataset: Dataset;
  readonly policy: PolicyDocument;
  readonly profile: string | undefined;
  readonly purpose: string;
  readonly processing: ProtectProcessing;
  readonly legalBasis: LegalBasis;
  readonly actor: PartyRef;
  readonly recipient: PartyRef | undefined;
  readonly source: DatasetRef;
  /** True when data leaves the holder for another party. */
  readonly isRelease: boolean;
  /** True for open, trade and anonymize: the output must be anonymous (S-TRADE, PIPL Art. 73). */
  readonly isAnonymous: boolean;
  /** True when the dataset is public data (公共数据, incl. government data): S-CHANNEL applies. */
  readonly isPublicData: boolean;
  /** The dataset's quasi-identifiers (the gate measures exactly these). */
  readonly quasiIdentifiers: readonly string[];
  readonly requirements: ReleaseRequirements | undefined;
  /** Direct identifiers the decision permits raw, with the basis (P-DEID). */
  readonly rawIdentifiers:
    | { readonly fields: readonly string[]; readonly basis: string }
    | undefined;
  /** Maximum rejected rows: a count, or a share of rows read (`0.01` for 1%). */
  readonly maxRejects: { readonly count: number } | { readonly share: number };
  /** RFC 8785 digest of the plan's defining parts. */
  readonly digest: string;
}

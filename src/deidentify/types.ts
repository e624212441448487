import type { RandomSource } from '../core/random.ts';
import type { Dataset, DatasetField } from '../tags/dataset.ts';
import type { Keyring } from './keyring.ts';
import type { TokenVault } from './token-vault.ts';

/** What a transform promises about its output; policies and reports rely on these. */
export interface TransformTraits {
  /** The original can be restored (with the key or the vault): the result is de-identified, not anonymized. */
  readonly reversible: boolean;
  /** The transform needs keys from the keyring. */
  readonly keyed: boolean;
  /** The output keeps the input's format (length, character classes, validity where stated). */
  readonly formatPreserving: boolean;
}

/**
 * A compiled per-value function. `row` is the whole input row and `layout`
 * maps dataset field index → position in `row` (-1: absent), so a transform
 * can read another field (dateShift reads its subject) without allocating.
 * Input-contract violations throw a {@link TransformError}; anything else is a bug.
 */
export type ValueFunction = (
  value: unknown,
  row: readonly unknown[],
  layout: Int32Array,
) => unknown;

/** A request a vault-backed transform makes for one value of a batch. */
export interface VaultRequest {
  readonly value: unknown;
  readonly row: readonly unknown[];
  readonly layout: Int32Array;
}

/** A compiled transform of one field. */
export type CompiledTransform =
  /** Maps each value on its own. */
  | { readonly kind: 'value'; readonly apply: ValueFunction }
  /** Rewrites the whole column of a batch in place (shuffle). */
  | { readonly kind: 'batch'; readonly apply: (column: unknown[]) => void }
  /**
   * Needs an asynchronous store for a whole batch (tokenize); returns the
   * outputs in order, a TransformError in place of a value that broke the input contract.
   */
  | {
      readonly kind: 'async';
      readonly apply: (requests: readonly VaultRequest[]) => Promise<unknown[]>;
    };

/** Everything a transform may use when it is compiled for one field. */
export interface CompileContext {
  /** The field being compiled. */
  readonly field: DatasetField;
  /** The dataset the policy applies to. */
  readonly dataset: Dataset;
  /** The id of the rule that chose this transform (for error messages). */
  readonly rule: string;
  /** The keyring, when one was given. */
  readonly keyring: Keyring | undefined;
  /** The token vault, when one was given. */
  readonly vault: TokenVault | undefined;
  /** Cryptographic randomness (noise, shuffle, tokens). */
  readonly random: RandomSource;
  /** Named ARX-style hierarchies supplied to the compiler. */
  readonly hierarchies: Readonly<Record<string, string | readonly (readonly string[])[]>>;
  /** Dataset index of a field; throws a PolicyError naming the rule when unknown. */
  fieldIndex(name: string, path: string): number;
  /** The keyring, or a PolicyError naming the rule. */
  requireKeyring(): Keyring;
  /** Throws a PolicyError naming the rule and field. */
  fail(reason: string, problem: string, path?: string): never;
}

/** A transform type: its parameters' traits and its compiler. */
export interface TransformDefinition<P> {
  /** The `type` the policy uses. */
  readonly type: string;
  /** Traits for the given parameters. */
  traits(params: P): TransformTraits;
  /** Compiles the transform once for a field; all checks that do not depend on values happen here. */
  compile(params: P, context: CompileContext): CompiledTransform;
}

/** What the compiled policy does to one dataset field. */
export interface FieldPlan {
  readonly field: string;
  /** `transformed`, `kept` (unchanged by an explicit keep), or `dropped` (redacted or uncovered). */
  readonly outcome: 'transformed' | 'kept' | 'dropped';
  /** The deciding rule id (`keep` for the keep list); absent for uncovered fields. */
  readonly rule?: string;
  /** The transform type; absent for uncovered fields. */
  readonly transform?: string;
  readonly traits?: TransformTraits;
}

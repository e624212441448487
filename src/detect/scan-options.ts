// Options and results of free-text scanning.
import { ValidationError } from '../errors/kinds.ts';
import type { PiCategory } from '../tags/pi-category.ts';
import type { ExplainReason, ValidateOptions } from './explain-reason.ts';
import { identifierTypes } from './identifier-type.ts';
import { type AddressLevel, type FindingType, isFindingType } from './text-types.ts';

/** Options of {@link scan} and `redact`. */
export interface ScanOptions extends ValidateOptions {
  /**
   * Only report these types (default: every identifier type; add
   * `textEntityTypes`, or pass `findingTypes`, to find names, addresses,
   * organizations, sensitive facts, dates and ages too).
   */
  readonly types?: readonly FindingType[] | undefined;
  /** Minimum score reported, 0-1 (default 0.5). Near-misses score at most 0.45. */
  readonly threshold?: number | undefined;
  /** Include the matched text as `value` (default false: findings carry offsets only). */
  readonly includeValue?: boolean | undefined;
  /** How many code units before a candidate (and half as many after) are searched for context words (default 24). */
  readonly contextWindow?: number | undefined;
}

/** One identifier found in text. Offsets are UTF-16 code units, `end` exclusive. */
export interface Finding {
  readonly type: FindingType;
  readonly start: number;
  readonly end: number;
  /** Confidence 0-1: format specificity, check character, context words. */
  readonly score: number;
  /** False for a near-miss (right shape, failed check), reported only below the default threshold. */
  readonly valid: boolean;
  /** Why a near-miss failed. */
  readonly reason?: ExplainReason;
  /** The matched text, only with `includeValue`. */
  readonly value?: string;
  /** The PI category of a `sensitive-fact` (health, religious-belief, specific-identity, property). */
  readonly category?: PiCategory;
  /** How precise an `address` is (province … door), so it can be generalized. */
  readonly level?: AddressLevel;
}

/** Scan options after validation, with defaults applied. */
export interface ResolvedScanOptions {
  readonly enabled: ReadonlySet<FindingType>;
  /** Whether any free-text entity type is enabled. */
  readonly text: boolean;
  readonly threshold: number;
  readonly includeValue: boolean;
  readonly window: number;
  readonly validate: ValidateOptions;
}

/** Validates scan options and applies the defaults. */
export function readScanOptions(options: ScanOptions | undefined): ResolvedScanOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ValidationError('options must be an object', { reason: 'type', path: 'options' });
  }
  const types = options?.types ?? identifierTypes;
  if (!Array.isArray(types) || !types.every(isFindingType)) {
    throw new ValidationError('options.types must list finding types', {
      reason: 'unknown-type',
      path: 'options.types',
    });
  }
  const threshold = options?.threshold ?? 0.5;
  if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1)) {
    throw new ValidationError('options.threshold must be between 0 and 1', {
      reason: 'range',
      path: 'options.threshold',
    });
  }
  const window = options?.contextWindow ?? 24;
  if (!Number.isInteger(window) || window < 0 || window > 1000) {
    throw new ValidationError('options.contextWindow must be an integer from 0 to 1000', {
      reason: 'range',
      path: 'options.contextWindow',
    });
  }
  const regionCheck = options?.regionCheck;
  if (regionCheck !== undefined && regionCheck !== 'province' && regionCheck !== 'county') {
    throw new ValidationError('options.regionCheck must be province or county', {
      reason: 'range',
      path: 'options.regionCheck',
    });
  }
  return {
    enabled: new Set(types),
    text: types.some((type) => !(identifierTypes as readonly string[]).includes(type)),
    threshold,
    includeValue: options?.includeValue === true,
    window,
    validate: { regionCheck, clock: options?.clock },
  };
}

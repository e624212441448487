import type { RuleId } from './rules.ts';

/**
 * Why a decision came out as it did: the rule it rests on, the article cited,
 * a stable code and an English message. Messages name fields and rules, never
 * personal data values.
 */
export interface Reason {
  /** `pass`: the rule was met; `deny`: the request is refused; `withhold`: one field is withheld. */
  readonly effect: 'pass' | 'deny' | 'withhold';
  readonly rule: RuleId;
  readonly article: string;
  readonly code: string;
  readonly message: string;
  /** The field the reason is about, when it is about one field. */
  readonly field?: string;
}

/**
 * What the caller must do when it acts on a decision (delete by a date,
 * report use, label a product…), citing its rule.
 */
export interface Obligation {
  readonly rule: RuleId;
  readonly article: string;
  readonly code: string;
  readonly message: string;
  /** When the obligation falls due (ISO 8601), if it has a date. */
  readonly due?: string;
  /** A text the caller must attach (for example a source label). */
  readonly text?: string;
}

/**
 * Creates a frozen reason; decisions share these objects instead of building new ones.
 *
 * @param effect - pass, deny or withhold
 * @param rule - the rule id
 * @param article - the article cited
 * @param code - a stable kebab-case code
 * @param message - an English message without personal data
 * @param field - the field concerned, if any
 * @returns the frozen reason
 * @example
 * ```ts
 * import { reason } from './reason.ts';
 * reason('deny', 'C-SEP-XBORDER', 'PIPL Art. 39', 'separate-consent-missing', 'cross-border provision needs separate consent');
 * ```
 */
export function reason(
  effect: Reason['effect'],
  rule: RuleId,
  article: string,
  code: string,
  message: string,
  field?: string,
): Reason {
  return Object.freeze(
    field === undefined
      ? { effect, rule, article, code, message }
      : { effect, rule, article, code, message, field },
  );
}

/**
 * Creates a frozen obligation.
 *
 * @param rule - the rule id
 * @param article - the article cited
 * @param code - a stable kebab-case code
 * @param message - an English message without personal data
 * @param extra - `due` date and `text` to attach, if any
 * @returns the frozen obligation
 * @example
 * ```ts
 * import { obligation } from './reason.ts';
 * obligation('C-RETENTION', 'PIPL Art. 47', 'delete-by', 'delete when retention ends', { due: '2031-01-01T00:00:00.000Z' });
 * ```
 */
export function obligation(
  rule: RuleId,
  article: string,
  code: string,
  message: string,
  extra: { readonly due?: string | undefined; readonly text?: string | undefined } = {},
): Obligation {
  return Object.freeze({
    rule,
    article,
    code,
    message,
    ...(extra.due === undefined ? {} : { due: extra.due }),
    ...(extra.text === undefined ? {} : { text: extra.text }),
  });
}

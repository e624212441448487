import type { Decision } from '../consent/decision.ts';
import { ConsentError } from '../errors/kinds.ts';

/**
 * The error for a denied decision, naming only the rules that denied or
 * withheld (passed rules are not why it stopped), each with its article.
 *
 * @param what - what was denied, e.g. `sharing request denied`
 * @param reasons - the decision's reasons
 * @returns a ConsentError with `details.rules`
 */
export function deniedError(what: string, reasons: Decision['reasons']): ConsentError {
  const failed = reasons.filter((reason) => reason.effect !== 'pass');
  const shown = failed.length > 0 ? failed : reasons;
  const list = shown.map((reason) => `${reason.rule} ${reason.code} (${reason.article})`);
  return new ConsentError(`${what}: ${list.join('; ')}`, {
    reason: 'denied',
    details: { rules: [...new Set(shown.map((reason) => reason.rule))] },
  });
}

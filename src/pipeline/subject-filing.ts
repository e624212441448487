import { ValidationError } from '../errors/kinds.ts';
import type { SubjectFiling } from '../responsibility/subject-index.ts';
import { copyIdOf } from './commit.ts';
import type { ProtectOptions } from './protect-options.ts';
import type { ReleasePlan } from './release-plan.ts';
import { SUBJECT_DIGEST_DOMAIN } from './subject-index.ts';

/** How a streamed release files its subjects: the run hands digests over, commit makes them the copy's. */
export interface SubjectFilingHook {
  /** Input fields the run must read (the subject field). */
  readonly needed: readonly string[];
  /** What the streaming run computes and where each chunk's digests go. */
  readonly run: {
    readonly field: string;
    readonly domain: string;
    readonly onDigests: (digests: Uint8Array) => Promise<void> | void;
  };
  /**
   * Makes the filing the copy's. The commit stage calls it once it has checked
   * that the release is not a refused rerun, before it appends the ledger event
   * (a failed append leaves a filing no copy reaches, never a copy without its
   * subjects).
   */
  commit(): Promise<void>;
  /** Drops the staged digests (no-op once committed or aborted). */
  abort(): Promise<void>;
}

/**
 * Starts filing the subjects of a streamed release in its subject index, when
 * the release names a subject field: the digests of the copy the release
 * will create (`<source>.<recipient>.<release>` or the target).
 *
 * @param plan - the release plan
 * @param options - the release's `subjects`, `target` and keyring (its active key id is filed)
 * @param releaseId - the release id (part of the copy id)
 * @returns the hook, or undefined when the release files no subjects
 * @throws {ValidationError} `unknown-field` when the subject field is not a field of the dataset
 */
export async function stageSubjects(
  plan: ReleasePlan,
  options: Pick<ProtectOptions, 'subjects' | 'target' | 'keyring'>,
  releaseId: string,
): Promise<SubjectFilingHook | undefined> {
  const subjects = options.subjects;
  if (subjects === undefined) return undefined;
  if (!plan.dataset.fields.some((field) => field.name === subjects.field)) {
    throw new ValidationError(
      `subjects.field ${subjects.field} is not a field of dataset ${plan.dataset.id}`,
      { path: 'subjects.field', reason: 'unknown-field' },
    );
  }
  const filing: SubjectFiling = await subjects.index.stage(
    { id: copyIdOf(plan, options.target, releaseId) },
    options.keyring.activeKeyId(),
  );
  return {
    needed: [subjects.field],
    run: {
      field: subjects.field,
      domain: SUBJECT_DIGEST_DOMAIN,
      onDigests: (digests) => filing.add(digests),
    },
    async commit() {
      await filing.commit();
    },
    async abort() {
      await filing.abort();
    },
  };
}

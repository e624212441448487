import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { recordsRelease } from '../io/staged-file-sink.ts';
import type { Ledger } from '../provenance/ledger.ts';
import { stagingPath } from './protect-file.ts';

// A file that belongs to one release of the records path (its quarantine
// list), staged beside its final name with the release's id in a marker, so
// that it appears if and only if the release was recorded — also after a
// crash: recoverAttachment asks the ledger for the release's event.

// Beside the staged file: the id of the release it belongs to.
function markerPath(path: string): string {
  return `${stagingPath(path)}-release`;
}

/**
 * Writes `content` to the staged name of `path` (mode 0600), with the id of
 * its release beside it. Nothing appears under `path` yet.
 */
export function stageAttachment(path: string, content: string, releaseId: string): void {
  writeFileSync(markerPath(path), releaseId, { mode: 0o600 });
  writeFileSync(stagingPath(path), content, { mode: 0o600 });
}

/**
 * Renames the staged file into place. Call once the release's ledger event is
 * appended and before the output itself is renamed: a crash between the two
 * leaves an output that recovery finishes, never a list without its release.
 */
export function commitAttachment(path: string): void {
  renameSync(stagingPath(path), path);
  rmSync(markerPath(path), { force: true });
}

/** Removes the staged file and its marker (a release that did not happen). */
export function abortAttachment(path: string): void {
  rmSync(stagingPath(path), { force: true });
  rmSync(markerPath(path), { force: true });
}

/**
 * Finishes or rolls back the staged file an interrupted release left beside
 * `path`: renamed into place when the ledger records the release named in
 * its marker, removed otherwise (and the marker with it).
 *
 * @param ledger - the ledger the release would have been recorded in
 * @param path - the attachment's final name
 * @returns what was done
 */
export async function recoverAttachment(
  ledger: Ledger,
  path: string,
): Promise<'none' | 'finished' | 'rolled-back'> {
  const staged = stagingPath(path);
  const marker = markerPath(path);
  if (!existsSync(staged)) {
    const stray = existsSync(marker);
    rmSync(marker, { force: true });
    return stray ? 'rolled-back' : 'none';
  }
  let release: string | undefined;
  try {
    release = readFileSync(marker, 'utf8');
  } catch {
    release = undefined;
  }
  const recorded = await recordsRelease(ledger, release);
  if (recorded) commitAttachment(path);
  else abortAttachment(path);
  return recorded ? 'finished' : 'rolled-back';
}

import { parseArgument } from '../core/parse.ts';
import { DatasetRef } from '../core/refs.ts';
import { IntegrityError } from '../errors/kinds.ts';
import { buildOpenLineage, type OpenLineageRunEvent } from './export-openlineage.ts';
import { buildProv, type ProvDocument } from './export-prov.ts';
import { assertLeafHash, decodeEvent } from './ledger-read.ts';
import type { LedgerState } from './ledger-state.ts';
import type { Lineage, LineageIndex, SourceLabels } from './lineage.ts';

const READ_CHUNK = 4096;

/**
 * Brings the lineage index up to date with the store, reading only new
 * entries; calls are chained so concurrent queries never index an entry twice.
 *
 * @param state - the ledger state
 * @returns the index
 * @throws {IntegrityError} on a missing or bad leaf
 */
function syncLineage(state: LedgerState): Promise<LineageIndex> {
  const run = state.syncing.then(() => readNewEntries(state));
  state.syncing = run.catch(() => undefined);
  return run;
}

async function readNewEntries(state: LedgerState): Promise<LineageIndex> {
  const { store, lineageIndex } = state;
  const size = await store.size();
  while (lineageIndex.count < size) {
    const from = lineageIndex.count;
    const leaves = await store.getLeaves(from, Math.min(size, from + READ_CHUNK));
    if (leaves.length === 0) break;
    for (const leaf of leaves) {
      if (leaf.index !== lineageIndex.count) {
        throw new IntegrityError(`ledger entry ${lineageIndex.count} is missing`, {
          reason: 'missing-leaf',
          details: { index: lineageIndex.count },
        });
      }
      assertLeafHash(state, leaf);
      lineageIndex.add(decodeEvent(leaf.index, leaf.bytes));
    }
  }
  return lineageIndex;
}

async function history(
  state: LedgerState,
  dataset: DatasetRef,
): Promise<{ ref: DatasetRef; up: Lineage; down: Lineage }> {
  const ref = parseArgument(DatasetRef, dataset, 'dataset');
  const index = await syncLineage(state);
  return { ref, up: index.upstream(ref), down: index.downstream(ref) };
}

/**
 * Events and datasets the dataset was derived from.
 *
 * @param state - the ledger state
 * @param dataset - the dataset
 * @returns its upstream lineage
 * @throws {ValidationError} on a bad dataset reference
 */
export async function upstreamOf(state: LedgerState, dataset: DatasetRef): Promise<Lineage> {
  return (await history(state, dataset)).up;
}

/**
 * Events and datasets derived from the dataset.
 *
 * @param state - the ledger state
 * @param dataset - the dataset
 * @returns its downstream lineage
 * @throws {ValidationError} on a bad dataset reference
 */
export async function downstreamOf(state: LedgerState, dataset: DatasetRef): Promise<Lineage> {
  return (await history(state, dataset)).down;
}

/**
 * Sources and acquisition dates of a data product (S-DEVELOP).
 *
 * @param state - the ledger state
 * @param dataset - the data product
 * @returns its source labels
 * @throws {ValidationError} on a bad dataset reference
 */
export async function sourceLabelsOf(
  state: LedgerState,
  dataset: DatasetRef,
): Promise<SourceLabels> {
  const ref = parseArgument(DatasetRef, dataset, 'dataset');
  return (await syncLineage(state)).sourceLabels(ref);
}

/**
 * The dataset's history as a W3C PROV-JSON document.
 *
 * @param state - the ledger state
 * @param dataset - the dataset
 * @returns the document
 * @throws {ValidationError} on a bad dataset reference
 */
export async function exportProvOf(state: LedgerState, dataset: DatasetRef): Promise<ProvDocument> {
  const { ref, up, down } = await history(state, dataset);
  return buildProv(ref, [...up.steps, ...down.steps], state.origin);
}

/**
 * The dataset's history as OpenLineage run events.
 *
 * @param state - the ledger state
 * @param dataset - the dataset
 * @returns one COMPLETE event per ledger event
 * @throws {ValidationError} on a bad dataset reference
 */
export async function exportOpenLineageOf(
  state: LedgerState,
  dataset: DatasetRef,
): Promise<OpenLineageRunEvent[]> {
  const { up, down } = await history(state, dataset);
  return buildOpenLineage([...up.steps, ...down.steps], {
    ...state.openLineage,
    origin: state.origin,
  });
}

import { assertRecord } from '../core/assert.ts';
import { type Dataset, type DatasetDefinition, defineDataset } from '../tags/dataset.ts';

/**
 * A dataset schema from a schema or a definition. A schema survives
 * structured cloning (worker threads) unfrozen, so its shape is what counts.
 */
export function toDatasetSchema(dataset: Dataset | DatasetDefinition): Dataset {
  assertRecord(dataset, 'dataset');
  const fields: unknown = dataset.fields;
  const isSchema =
    'grade' in dataset &&
    Array.isArray(fields) &&
    fields.every((field) => typeof field === 'object' && field !== null && 'gradeBasis' in field);
  return isSchema ? (dataset as Dataset) : defineDataset(dataset as DatasetDefinition);
}

import { type DatasetDefinition, type DatasetSchema, defineDataset } from '../tags/dataset.ts';

/**
 * A dataset schema from a schema or a definition. A schema survives
 * structured cloning (worker threads) unfrozen, so its shape is what counts.
 */
export function toDatasetSchema(dataset: DatasetSchema | DatasetDefinition): DatasetSchema {
  const isSchema = 'grade' in dataset && dataset.fields.every((field) => 'gradeBasis' in field);
  return isSchema ? (dataset as DatasetSchema) : defineDataset(dataset as DatasetDefinition);
}

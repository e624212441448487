// Writes the JSON Schemas of dataguard's document formats into schemas/ from
// the built package, so services in other languages validate the same documents.
import { mkdirSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const SCHEMAS = [
  {
    file: 'dataset.schema.json',
    module: 'tags',
    name: 'DatasetDefinitionSchema',
    title: 'dataguard dataset definition',
  },
  {
    file: 'catalog.schema.json',
    module: 'tags',
    name: 'CatalogDocumentSchema',
    title: 'dataguard catalog',
  },
  {
    file: 'policy.schema.json',
    module: 'deidentify',
    name: 'PolicyDocumentSchema',
    title: 'dataguard de-identification policy',
  },
];

mkdirSync(new URL('../schemas/', import.meta.url), { recursive: true });
for (const entry of SCHEMAS) {
  const mod = await import(new URL(`../dist/${entry.module}/index.js`, import.meta.url).href);
  const schema = mod[entry.name];
  if (schema === undefined) throw new Error(`dist/${entry.module} does not export ${entry.name}`);
  const json = {
    title: entry.title,
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
  };
  writeFileSync(
    new URL(`../schemas/${entry.file}`, import.meta.url),
    `${JSON.stringify(json, null, 2)}\n`,
  );
}

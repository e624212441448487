// Loads the UCI Adult reference data (ARX's test copy) from shared/data/adult.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHierarchyCsv } from '../../src/anonymity/hierarchy.ts';
import { sharedPath } from '../fixtures/shared-path.ts';

const dir = sharedPath('data/adult');

/** Attribute names in the CSV's column order. */
export const adultAttributes = [
  'sex',
  'age',
  'race',
  'marital-status',
  'education',
  'native-country',
  'workclass',
  'occupation',
  'salary-class',
] as const;

let cache:
  | { records: Record<string, string>[]; hierarchies: Record<string, string[][]> }
  | undefined;

/** The 30,162 Adult records and the nine hierarchies. */
export function loadAdult(): {
  records: Record<string, string>[];
  hierarchies: Record<string, string[][]>;
} {
  if (cache) return cache;
  const lines = readFileSync(resolve(dir, 'adult.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
  const header = lines[0]!.split(';');
  const records = lines.slice(1).map((line) => {
    const cells = line.split(';');
    const record: Record<string, string> = {};
    header.forEach((name, i) => {
      record[name] = cells[i]!;
    });
    return record;
  });
  const hierarchies: Record<string, string[][]> = {};
  for (const name of adultAttributes) {
    hierarchies[name] = parseHierarchyCsv(
      readFileSync(resolve(dir, `adult_hierarchy_${name}.csv`), 'utf8'),
    );
  }
  cache = { records, hierarchies };
  return cache;
}

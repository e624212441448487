import { ValidationError } from '../errors/kinds.ts';
import { validateHierarchy } from './hierarchy.ts';
import type { StringTable } from './table.ts';
import type { Hierarchy } from './types.ts';

/** One quasi-identifier, integer-encoded against its hierarchy. */
interface EncodedQi {
  /** Attribute name. */
  readonly name: string;
  /** Number of levels (0 = original … height-1 = most general). */
  readonly height: number;
  /** Rows in the hierarchy (ARX's domain size for the loss metric). */
  readonly domainSize: number;
  /** labels[level][id]: the label of generalized value `id` at `level`. */
  readonly labels: readonly (readonly string[])[];
  /** rowLabel[level][row]: the label id of hierarchy row `row` at `level`. */
  readonly rowLabel: readonly Int32Array[];
  /** How many hierarchy rows share each label at each level (for domain shares). */
  readonly labelRows: readonly Int32Array[];
  /** Records per hierarchy row (level-0 frequency). */
  readonly rowCount: Int32Array;
  /** Records per label at each level. */
  readonly labelCount: readonly Int32Array[];
}

/** One sensitive attribute, integer-encoded by distinct value. */
interface EncodedSensitive {
  /** Attribute name. */
  readonly name: string;
  /** Distinct values; ids index into it. */
  readonly values: readonly string[];
  /** Frequency of each value in the whole table. */
  readonly counts: Int32Array;
}

/**
 * A table encoded for fast grouping: records collapsed into distinct "bottom"
 * tuples (quasi-identifiers and sensitive values) with counts, and for each
 * quasi-identifier and level an Int32Array mapping bottom tuples to label ids,
 * so that grouping at any node is one pass of array lookups and hashing.
 */
export interface EncodedTable {
  /** Number of records. */
  readonly rows: number;
  /** Quasi-identifiers in the given order. */
  readonly qis: readonly EncodedQi[];
  /** Sensitive attributes in the given order. */
  readonly sensitive: readonly EncodedSensitive[];
  /** Number of distinct bottom tuples. */
  readonly bottomSize: number;
  /** Records per bottom tuple. */
  readonly bottomCount: Int32Array;
  /** gen[qi][level][b]: the label id of bottom tuple b at that level. */
  readonly gen: readonly (readonly Int32Array[])[];
  /** sens[s][b]: the sensitive value id of bottom tuple b. */
  readonly sens: readonly Int32Array[];
  /** The bottom tuple of each record. */
  readonly recordBottom: Int32Array;
}

function encodeQi(
  name: string,
  hierarchy: Hierarchy,
  values: readonly string[],
): {
  qi: EncodedQi;
  rowOf: Int32Array;
} {
  validateHierarchy(hierarchy, name);
  const height = hierarchy[0]!.length;
  const rowIndex = new Map<string, number>();
  for (let r = 0; r < hierarchy.length; r++) rowIndex.set(hierarchy[r]![0]!, r);
  const labels: string[][] = [];
  const rowLabel: Int32Array[] = [];
  const labelRows: Int32Array[] = [];
  for (let level = 0; level < height; level++) {
    const index = new Map<string, number>();
    const ids = new Int32Array(hierarchy.length);
    const names: string[] = [];
    for (let r = 0; r < hierarchy.length; r++) {
      const label = hierarchy[r]![level]!;
      let id = index.get(label);
      if (id === undefined) {
        id = names.length;
        index.set(label, id);
        names.push(label);
      }
      ids[r] = id;
    }
    const perLabel = new Int32Array(names.length);
    for (let r = 0; r < hierarchy.length; r++) perLabel[ids[r]!]!++;
    labels.push(names);
    rowLabel.push(ids);
    labelRows.push(perLabel);
  }
  const rowOf = new Int32Array(values.length);
  const rowCount = new Int32Array(hierarchy.length);
  for (let i = 0; i < values.length; i++) {
    const r = rowIndex.get(values[i]!);
    if (r === undefined) {
      // Never echo the value: name the field and the record index only.
      throw new ValidationError(`table[${i}].${name} has no row in its hierarchy`, {
        reason: 'value-not-in-hierarchy',
        path: `table[${i}].${name}`,
      });
    }
    rowOf[i] = r;
    rowCount[r]!++;
  }
  const labelCount = rowLabel.map((ids, level) => {
    const counts = new Int32Array(labels[level]!.length);
    for (let r = 0; r < ids.length; r++) counts[ids[r]!]! += rowCount[r]!;
    return counts;
  });
  return {
    qi: {
      name,
      height,
      domainSize: hierarchy.length,
      labels,
      rowLabel,
      labelRows,
      rowCount,
      labelCount,
    },
    rowOf,
  };
}

/**
 * Encodes a table's quasi-identifiers (against their hierarchies) and
 * sensitive attributes, collapsing identical records.
 *
 * @param table - the string table
 * @param quasiIdentifiers - QI names in order
 * @param hierarchies - a hierarchy per QI
 * @param sensitive - sensitive attribute names
 * @returns the encoded table
 * @throws {ValidationError} on missing hierarchies or values outside them
 */
export function encodeTable(
  table: StringTable,
  quasiIdentifiers: readonly string[],
  hierarchies: Readonly<Record<string, Hierarchy>>,
  sensitive: readonly string[] = [],
): EncodedTable {
  const n = table.rows;
  const qis: EncodedQi[] = [];
  const rowsOf: Int32Array[] = [];
  for (const name of quasiIdentifiers) {
    // Own keys only: a quasi-identifier named `constructor` must not find Object's.
    const hierarchy = Object.hasOwn(hierarchies, name) ? hierarchies[name] : undefined;
    if (hierarchy === undefined) {
      throw new ValidationError(`hierarchies.${name} is required for a quasi-identifier`, {
        reason: 'missing-hierarchy',
        path: `hierarchies.${name}`,
      });
    }
    const { qi, rowOf } = encodeQi(name, hierarchy, table.column(name));
    qis.push(qi);
    rowsOf.push(rowOf);
  }
  const sensEncoded: EncodedSensitive[] = [];
  const sensOf: Int32Array[] = [];
  for (const name of sensitive) {
    const values = table.column(name);
    const index = new Map<string, number>();
    const distinct: string[] = [];
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let id = index.get(values[i]!);
      if (id === undefined) {
        id = distinct.length;
        index.set(values[i]!, id);
        distinct.push(values[i]!);
      }
      ids[i] = id;
    }
    const counts = new Int32Array(distinct.length);
    for (let i = 0; i < n; i++) counts[ids[i]!]!++;
    sensEncoded.push({ name, values: distinct, counts });
    sensOf.push(ids);
  }
  // Collapse identical tuples with an open-addressing hash over the id columns.
  const columns = [...rowsOf, ...sensOf];
  const width = columns.length;
  const recordBottom = new Int32Array(n);
  let capacity = 16;
  while (capacity < n * 2) capacity <<= 1;
  const slots = new Int32Array(capacity).fill(-1);
  const firstRecord: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let c = 0; c < width; c++) h = Math.imul(h ^ columns[c]![i]!, 0x01000193);
    let slot = (h ^ (h >>> 15)) & (capacity - 1);
    for (;;) {
      const b = slots[slot]!;
      if (b === -1) {
        slots[slot] = firstRecord.length;
        recordBottom[i] = firstRecord.length;
        firstRecord.push(i);
        counts.push(1);
        break;
      }
      const rep = firstRecord[b]!;
      let same = true;
      for (let c = 0; c < width; c++) {
        if (columns[c]![rep] !== columns[c]![i]) {
          same = false;
          break;
        }
      }
      if (same) {
        recordBottom[i] = b;
        counts[b]!++;
        break;
      }
      slot = (slot + 1) & (capacity - 1);
    }
  }
  const bottomSize = firstRecord.length;
  const gen = qis.map((qi, c) => {
    const rowOf = rowsOf[c]!;
    return qi.rowLabel.map((labelOf) => {
      const out = new Int32Array(bottomSize);
      for (let b = 0; b < bottomSize; b++) out[b] = labelOf[rowOf[firstRecord[b]!]!]!;
      return out;
    });
  });
  const sens = sensOf.map((ids) => {
    const out = new Int32Array(bottomSize);
    for (let b = 0; b < bottomSize; b++) out[b] = ids[firstRecord[b]!]!;
    return out;
  });
  return {
    rows: n,
    qis,
    sensitive: sensEncoded,
    bottomSize,
    bottomCount: Int32Array.from(counts),
    gen,
    sens,
    recordBottom,
  };
}

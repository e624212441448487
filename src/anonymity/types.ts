/**
 * A generalization hierarchy in ARX's CSV layout: one row per original value,
 * column 0 the value itself, column i its generalization at level i (the last
 * column is usually `*`). Every row has the same number of columns.
 */
export type Hierarchy = readonly (readonly string[])[];

/** One record: field name to value. Values are compared as strings. */
export type TableRecord = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** A table given column-wise: field name to its values, all columns of one length. */
export interface ColumnarTable {
  /** The columns, each holding one value per record. */
  readonly columns: Readonly<Record<string, readonly (string | number | null | undefined)[]>>;
}

/** A table: an array of records, or columns. */
export type TableInput = readonly TableRecord[] | ColumnarTable;

/** The utility metrics of the optimal search, each as ARX defines it. */
export type MetricName = 'non-uniform-entropy' | 'discernibility' | 'loss' | 'precision' | 'aecs';

/** How ARX aggregates per-attribute values of a multi-dimensional metric into one. */
export type AggregateFunction = 'sum' | 'arithmetic-mean' | 'geometric-mean' | 'maximum';

/** The l-diversity variants (Machanavajjhala et al. 2007). */
export type LDiversityVariant = 'distinct' | 'entropy' | 'recursive';

/** An l-diversity requirement on one sensitive attribute. */
export interface LDiversityRequirement {
  /** The sensitive attribute. */
  readonly attribute: string;
  /** Minimum number of well-represented values, at least 2 (the `l`). */
  readonly l: number;
  /** Which definition; `distinct` when omitted. */
  readonly variant?: LDiversityVariant | undefined;
  /** The `c` of recursive (c,l)-diversity (required for `recursive`). */
  readonly c?: number | undefined;
}

/** The ground distance used for t-closeness. */
export type TClosenessDistance = 'equal' | 'ordered' | 'hierarchical';

/** A t-closeness requirement on one sensitive attribute. */
export interface TClosenessRequirement {
  /** The sensitive attribute. */
  readonly attribute: string;
  /** Maximum Earth Mover's Distance between a class and the whole table, in [0, 1]. */
  readonly t: number;
  /** Ground distance: `equal` (categorical), `ordered` (ordinal) or `hierarchical`. */
  readonly distance?: TClosenessDistance | undefined;
  /** The value order for `ordered` (default: numeric when all values are numbers, else lexical). */
  readonly order?: readonly string[] | undefined;
  /** The value hierarchy for `hierarchical` (ARX layout). */
  readonly hierarchy?: Hierarchy | undefined;
}

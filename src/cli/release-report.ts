import { basename } from 'node:path';
import { classCountsToMeasures } from '../anonymity/class-counts.ts';
import { buildRiskReport, type ReportLabels, renderRiskReport } from '../anonymity/index.ts';
import type { ProtectFileResult } from '../pipeline/protect-file.ts';
import type { Dataset } from '../tags/index.ts';

/**
 * The HTML release report of `protect`: what was released (dataset,
 * processing, rows, output columns), the gate's result, the input's and the
 * output's classes over the dataset's quasi-identifiers, and the output's
 * GB/T 42460 grade; undefined when the run counted no classes.
 *
 * @param dataset - the released dataset's definition
 * @param input - the input file
 * @param result - the release's result before its event is appended
 * @param labels - the report's words
 * @returns the HTML document, or undefined
 */
export function renderReleaseReport(
  dataset: Dataset,
  input: string,
  result: ProtectFileResult,
  labels: ReportLabels,
): string | undefined {
  const { summary, inputCounts, outputCounts } = result;
  const anonymity = summary.anonymity;
  if (inputCounts === undefined || outputCounts === undefined || anonymity === undefined)
    return undefined;
  const partial =
    result.inputRowsCounted !== undefined && result.inputRowsCounted < summary.rowsIn
      ? ` (input risk measured on ${result.inputRowsCounted} of ${summary.rowsIn} rows)`
      : '';
  const sensitive = dataset.fields.filter((f) => f.role === 'sensitive').map((f) => f.name);
  return renderRiskReport(
    buildRiskReport({
      kind: 'release',
      title: `${labels.releaseTitle}: ${dataset.id}${partial}`,
      input: { name: basename(input), rows: summary.rowsIn, columns: [...summary.columns] },
      quasiIdentifiers: { names: [...anonymity.quasiIdentifiers], source: 'dataset' },
      sensitive: { names: sensitive.filter((n) => summary.columns.includes(n)), source: 'dataset' },
      measures: classCountsToMeasures(outputCounts),
      before: classCountsToMeasures(inputCounts),
      beforeDirectIdentifiers: dataset.fields.some((f) => f.role === 'direct-identifier'),
      requirements: { k: anonymity.requiredK },
      release: {
        dataset: dataset.id,
        processing: summary.processing,
        rowsIn: summary.rowsIn,
        rowsOut: summary.rowsOut,
        rejected: summary.rejected,
        columns: [...summary.columns],
        gate: anonymity.requiredK === undefined ? 'not-gated' : 'passed',
      },
      labels,
    }),
  );
}

import type { ProtectReject } from './protect-options.ts';

/** The quarantine file's header: where each rejected row broke, never its values. */
const QUARANTINE_HEADER = 'row,field,rule,reason\n';

/** Rows listed at most (the count in the summary and the ledger event is always whole). */
const MAX_LINES = 1_000_000;

/** The lines of a quarantine file, collected as rows are rejected. */
export interface QuarantineList {
  /** Lists a rejected row (the first {@link MAX_LINES} are kept). */
  add(reject: ProtectReject): void;
  /** The file's text: header and one CSV line per listed row. */
  text(): string;
}

/** Starts an empty quarantine list. */
export function createQuarantineList(): QuarantineList {
  const lines: string[] = [];
  return {
    add(reject) {
      if (lines.length < MAX_LINES)
        lines.push(
          `${reject.row},${csvCell(reject.field)},${csvCell(reject.rule)},${csvCell(reject.reason)}\n`,
        );
    },
    text: () => `${QUARANTINE_HEADER}${lines.join('')}`,
  };
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

import { InputError } from '../../errors/kinds.ts';
import { isDateFormat } from './date-format.ts';
import { unescapeOoxml } from './ooxml-text.ts';
import { parseWholeXmlPart } from './xml-part.ts';
import { readZipDirectory, type ZipEntry } from './zip-directory.ts';

/** What reading a sheet needs from the rest of the workbook. */
export interface WorkbookParts {
  /** The chosen worksheet's part. */
  readonly sheet: ZipEntry;
  /** Its name. */
  readonly sheetName: string;
  /** The shared-string table (held in memory: cells refer to it by index). */
  readonly sharedStrings: readonly string[];
  /** Per cell style index (`s`), whether its number format shows a date. */
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

// Parts read whole are limited; the shared strings are the one large part kept in memory.
const SMALL_PART = 16 << 20;
const SHARED_STRINGS_LIMIT = 512 << 20;
const OFFICE_DOCUMENT = /\/officeDocument$/;
const WORKSHEET = /\/worksheet$/;
const SHARED_STRINGS = /\/sharedStrings$/;
const STYLES = /\/styles$/;

/**
 * Reads the workbook's index parts: the workbook (sheets, date system) and its
 * relationships, the styles (which cell styles are dates) and the shared strings.
 *
 * @param file - the .xlsx file
 * @param sheet - the sheet's name (default the first worksheet)
 * @returns the sheet's part and what its cells refer to
 * @throws {InputError} `unknown-format` (not a zip or not a workbook), `sheet-not-found`, `bad-workbook`, `too-large`
 */
export async function readWorkbookParts(file: string, sheet?: string): Promise<WorkbookParts> {
  const entries = await readZipDirectory(file);
  const rootRels = await relationships(file, entries, '_rels/.rels', '');
  const workbookPath =
    rootRels.find((rel) => OFFICE_DOCUMENT.test(rel.type))?.target ?? 'xl/workbook.xml';
  const workbook = entries.get(workbookPath);
  if (workbook === undefined) {
    throw new InputError(`${file} is not an .xlsx workbook (no workbook part)`, {
      path: 'input',
      reason: 'unknown-format',
    });
  }
  const base = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const sheets: { name: string; id: string }[] = [];
  let date1904 = false;
  await parseWholeXmlPart(
    file,
    workbook,
    {
      open(name, attributes) {
        if (name === 'workbookPr') {
          const value = attributes.date1904;
          date1904 = value === '1' || value === 'true';
        } else if (name === 'sheet') {
          const id = Object.entries(attributes).find(([key]) => key.endsWith(':id'))?.[1];
          if (attributes.name !== undefined && id !== undefined)
            sheets.push({ name: attributes.name, id });
        }
      },
      close() {},
      text() {},
    },
    SMALL_PART,
  );
  const rels = await relationships(
    file,
    entries,
    `${base}_rels/${workbookPath.slice(base.length)}.rels`,
    base,
  );
  const worksheets = sheets.flatMap((candidate) => {
    const rel = rels.find((r) => r.id === candidate.id && WORKSHEET.test(r.type));
    return rel === undefined ? [] : [{ name: candidate.name, path: rel.target }];
  });
  const chosen =
    sheet === undefined ? worksheets[0] : worksheets.find((candidate) => candidate.name === sheet);
  const part = chosen === undefined ? undefined : entries.get(chosen.path);
  if (chosen === undefined || part === undefined) {
    throw new InputError(
      sheet === undefined
        ? `${file} has no worksheet`
        : `${file} has no worksheet named "${sheet}" (it has: ${worksheets.map((w) => w.name).join(', ')})`,
      {
        path: 'sheet',
        reason: 'sheet-not-found',
        details: { sheets: worksheets.map((w) => w.name) },
      },
    );
  }
  const stylesPath = rels.find((rel) => STYLES.test(rel.type))?.target;
  const stringsPath = rels.find((rel) => SHARED_STRINGS.test(rel.type))?.target;
  const styles = stylesPath === undefined ? undefined : entries.get(stylesPath);
  const strings = stringsPath === undefined ? undefined : entries.get(stringsPath);
  return {
    sheet: part,
    sheetName: chosen.name,
    sharedStrings: strings === undefined ? [] : await readSharedStrings(file, strings),
    dateStyles: styles === undefined ? [] : await readDateStyles(file, styles),
    date1904,
  };
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
}

async function relationships(
  file: string,
  entries: ReadonlyMap<string, ZipEntry>,
  path: string,
  base: string,
): Promise<Relationship[]> {
  const entry = entries.get(path);
  if (entry === undefined) return [];
  const found: Relationship[] = [];
  await parseWholeXmlPart(
    file,
    entry,
    {
      open(name, attributes) {
        const { Id: id, Type: type, Target: target, TargetMode: mode } = attributes;
        if (name !== 'Relationship' || id === undefined || type === undefined) return;
        if (target === undefined || mode === 'External') return;
        found.push({ id, type, target: resolveTarget(base, target) });
      },
      close() {},
      text() {},
    },
    SMALL_PART,
  );
  return found;
}

/** A relationship target as a path inside the archive (`/xl/…` absolute, else relative to `base`). */
function resolveTarget(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${base}${target}`).split('/');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..') resolved.pop();
    else if (part !== '.' && part !== '') resolved.push(part);
  }
  return resolved.join('/');
}

async function readSharedStrings(file: string, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  let current: string[] = [];
  let inText = false;
  // Phonetic runs (rPh) are reading aids, not part of the string.
  let phonetic = 0;
  await parseWholeXmlPart(
    file,
    entry,
    {
      open(name) {
        if (name === 'si') current = [];
        else if (name === 't') inText = phonetic === 0;
        else if (name === 'rPh') phonetic++;
      },
      close(name) {
        if (name === 'si') strings.push(unescapeOoxml(current.join('')));
        else if (name === 't') inText = false;
        else if (name === 'rPh') phonetic--;
      },
      text(text) {
        if (inText) current.push(text);
      },
    },
    SHARED_STRINGS_LIMIT,
  );
  return strings;
}

async function readDateStyles(file: string, entry: ZipEntry): Promise<boolean[]> {
  const codes = new Map<number, string>();
  const formats: number[] = [];
  let inCellXfs = false;
  await parseWholeXmlPart(
    file,
    entry,
    {
      open(name, attributes) {
        if (name === 'numFmt' && attributes.numFmtId !== undefined)
          codes.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) formats.push(Number(attributes.numFmtId ?? 0));
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text() {},
    },
    SMALL_PART,
  );
  return formats.map((id) => isDateFormat(id, codes.get(id)));
}

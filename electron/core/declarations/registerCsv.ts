import { parse } from 'csv-parse/sync';
import { CoreError } from '../errors';

/** The columns of a register CSV; `keywords` holds several, separated by semicolons. */
export const registerCsvColumns = ['memberId', 'category', 'description', 'organisation', 'place', 'keywords'] as const;
const required = ['memberId', 'category', 'description'] as const;

/**
 * Reads a register of interests exported from a spreadsheet into the shape the JSON import takes,
 * so both imports share one validation and one all-or-nothing write. Blank optional cells are left
 * out rather than stored as empty text.
 */
export function registerCsvToJson(csv: string): string {
  let rows: Record<string, string>[];
  try {
    rows = parse<Record<string, string>>(csv, { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    const line = typeof error === 'object' && error !== null && 'lines' in error ? Number((error).lines) : undefined;
    throw new CoreError('INVALID_INPUT', `The register is not valid CSV${line ? ` (line ${line})` : ''}: ${error instanceof Error ? error.message : String(error)}`, [
      { path: line ? [line] : [], code: 'invalid_csv', message: 'Not valid CSV' },
    ]);
  }
  const header = Object.keys(rows[0] ?? {});
  const missing = required.filter((c) => !header.includes(c));
  if (rows.length === 0 || missing.length > 0) {
    throw new CoreError('INVALID_INPUT', `The register CSV needs a header row with the columns ${required.join(', ')}`, [
      { path: missing.length > 0 ? [missing[0] as string] : [], code: 'csv_missing_column', message: `Missing column(s): ${missing.join(', ') || required.join(', ')}` },
    ]);
  }
  const unknown = header.filter((h) => !(registerCsvColumns as readonly string[]).includes(h));
  if (unknown.length > 0) {
    throw new CoreError('INVALID_INPUT', `Unknown column(s) in the register CSV: ${unknown.join(', ')}`, [{ path: [unknown[0] as string], code: 'csv_unknown_column', message: 'Unknown column' }]);
  }
  const entries = rows.map((row) => {
    const keywords = (row.keywords ?? '')
      .split(';')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    return {
      memberId: row.memberId,
      category: row.category,
      description: row.description,
      ...(row.organisation ? { organisation: row.organisation } : {}),
      ...(row.place ? { place: row.place } : {}),
      ...(keywords.length > 0 ? { keywords } : {}),
    };
  });
  return JSON.stringify(entries);
}

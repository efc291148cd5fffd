/**
 * Daily price tables and simple returns: the input every estimator in `quant/` shares.
 * Conventions follow PyPortfolioOpt's `returns_from_prices` (pandas
 * `pct_change(fill_method=None).dropna(how="all")`): one column per ticker, no forward fill.
 */
import { WealthDeskError } from '../errors.js';

export { simpleReturns, type ReturnTable } from './returns.js';

/** Daily closes: `prices[t][j]` is ticker `j` on `dates[t]` (ascending ISO dates); null = no price. */
export interface PriceTable {
  dates: string[];
  tickers: string[];
  prices: (number | null)[][];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+Z?)?$/;

/** Splits one CSV line; double-quoted fields may hold commas and doubled quotes. */
function splitCsvLine(line: string, lineNo: number): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw new WealthDeskError('WD_ERR_BAD_CSV', `line ${lineNo}: unterminated quoted field`);
  out.push(cur);
  return out;
}

function parseDate(raw: string, lineNo: number): string {
  const m = ISO_DATE.exec(raw);
  if (!m) throw new WealthDeskError('WD_ERR_BAD_CSV', `line ${lineNo}, column 1: "${raw.slice(0, 40)}" is not a YYYY-MM-DD date`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    throw new WealthDeskError('WD_ERR_BAD_CSV', `line ${lineNo}, column 1: "${raw}" is not a calendar date`);
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/**
 * Parses a price CSV: a header row, the first column a date (YYYY-MM-DD, an optional time
 * part is dropped), one column per ticker, daily closes. Blank cells mean "no price on that
 * date". A UTF-8 BOM, CRLF line ends, blank lines and double-quoted fields are tolerated;
 * rows are returned in ascending date order.
 *
 * @throws WD_ERR_BAD_CSV naming line and column for a ragged row, a bad date, a duplicate
 *   date, an empty or duplicate ticker name, or fewer than one ticker column.
 * @throws WD_ERR_QUANT_INPUT naming ticker and date for a price that is not a finite number
 *   > 0 (including "NaN"), and when there are fewer than 2 dates.
 */
export function parsePriceCsv(text: string): PriceTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i >= lines.length) throw new WealthDeskError('WD_ERR_BAD_CSV', 'price CSV is empty: expected a header row');
  const header = splitCsvLine(lines[i], i + 1).map((h) => h.trim());
  const headerLine = i + 1;
  const tickers = header.slice(1);
  if (tickers.length < 1) {
    throw new WealthDeskError('WD_ERR_BAD_CSV', `line ${headerLine}: header needs a date column and at least one ticker column`);
  }
  const seen = new Set<string>();
  tickers.forEach((t, j) => {
    if (t === '') throw new WealthDeskError('WD_ERR_BAD_CSV', `line ${headerLine}, column ${j + 2}: empty ticker name`);
    if (seen.has(t)) throw new WealthDeskError('WD_ERR_BAD_CSV', `line ${headerLine}, column ${j + 2}: duplicate ticker "${t}"`);
    seen.add(t);
  });

  const rows: { date: string; line: number; prices: (number | null)[] }[] = [];
  for (i = i + 1; i < lines.length; i++) {
    const lineNo = i + 1;
    if (lines[i].trim() === '') continue;
    const cells = splitCsvLine(lines[i], lineNo);
    if (cells.length !== header.length) {
      throw new WealthDeskError(
        'WD_ERR_BAD_CSV',
        `line ${lineNo}: expected ${header.length} columns, found ${cells.length}`,
      );
    }
    const date = parseDate(cells[0].trim(), lineNo);
    const prices = tickers.map((ticker, j) => {
      const raw = cells[j + 1].trim();
      if (raw === '') return null;
      const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isFinite(v) || v <= 0) {
        throw new WealthDeskError(
          'WD_ERR_QUANT_INPUT',
          `price of ${ticker} on ${date} (line ${lineNo}, column ${j + 2}) must be a positive number, got "${raw.slice(0, 40)}"`,
          { details: { ticker, date, line: lineNo, column: j + 2 } },
        );
      }
      return v;
    });
    rows.push({ date, line: lineNo, prices });
  }
  if (rows.length < 2) {
    throw new WealthDeskError('WD_ERR_QUANT_INPUT', `price CSV needs at least 2 dated rows, found ${rows.length}`);
  }
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (let r = 1; r < rows.length; r++) {
    if (rows[r].date === rows[r - 1].date) {
      throw new WealthDeskError('WD_ERR_BAD_CSV', `line ${rows[r].line}: duplicate date ${rows[r].date} (also on line ${rows[r - 1].line})`);
    }
  }
  return { dates: rows.map((r) => r.date), tickers, prices: rows.map((r) => r.prices) };
}

/** Column j of a table as an array (null kept). */
export function column<T>(rows: readonly (readonly T[])[], j: number): T[] {
  return rows.map((row) => row[j]);
}

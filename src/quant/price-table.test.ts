import { describe, expect, it } from 'vitest';
import { WealthDeskError } from '../errors.js';
import { parsePriceCsv, simpleReturns } from './price-table.js';

function errorOf(fn: () => unknown): WealthDeskError {
  try {
    fn();
  } catch (e) {
    if (e instanceof WealthDeskError) return e;
    throw e;
  }
  throw new Error('expected a WealthDeskError');
}

describe('parsePriceCsv', () => {
  it('reads a header, dates and blanks, tolerating a BOM, CRLF and a trailing newline', () => {
    const t = parsePriceCsv('\uFEFFdate,AAPL,MSFT\r\n2024-01-02,10,\r\n2024-01-03,11,20\r\n2024-01-04,12.5,2.2e1\r\n');
    expect(t.tickers).toEqual(['AAPL', 'MSFT']);
    expect(t.dates).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    expect(t.prices).toEqual([
      [10, null],
      [11, 20],
      [12.5, 22],
    ]);
  });

  it('sorts rows by date, drops a time part and reads quoted fields', () => {
    const t = parsePriceCsv('Date,"A"\n2024-01-03 00:00:00,"2"\n2024-01-02,1\n');
    expect(t.dates).toEqual(['2024-01-02', '2024-01-03']);
    expect(t.prices).toEqual([[1], [2]]);
  });

  it('names line and column for malformed CSV', () => {
    const ragged = errorOf(() => parsePriceCsv('date,A,B\n2024-01-02,1,2\n2024-01-03,1\n'));
    expect(ragged.code).toBe('WD_ERR_BAD_CSV');
    expect(ragged.message).toContain('line 3');
    const badDate = errorOf(() => parsePriceCsv('date,A\n2024-01-02,1\n02/01/2024,1\n'));
    expect(badDate.code).toBe('WD_ERR_BAD_CSV');
    expect(badDate.message).toContain('line 3, column 1');
    expect(errorOf(() => parsePriceCsv('date,A\n2024-02-30,1\n2024-03-01,1\n')).code).toBe('WD_ERR_BAD_CSV');
    expect(errorOf(() => parsePriceCsv('date,A,A\n2024-01-02,1,1\n2024-01-03,1,1\n')).message).toContain('duplicate ticker');
    expect(errorOf(() => parsePriceCsv('date,A\n2024-01-02,1\n2024-01-02,2\n')).message).toContain('duplicate date');
  });

  it('names ticker and date for a price that is not a positive number', () => {
    for (const bad of ['abc', 'NaN', '0', '-1', 'Infinity', '1,5x']) {
      const csv = `date,A,B\n2024-01-02,1,1\n2024-01-03,1,${bad}\n`;
      const e = errorOf(() => parsePriceCsv(csv));
      if (bad === '1,5x') {
        expect(e.code).toBe('WD_ERR_BAD_CSV'); // an extra column
        continue;
      }
      expect(e.code).toBe('WD_ERR_QUANT_INPUT');
      expect(e.message).toContain('B');
      expect(e.message).toContain('2024-01-03');
    }
  });

  it('rejects fewer than 2 rows or no ticker column', () => {
    expect(errorOf(() => parsePriceCsv('date,A\n2024-01-02,1\n')).code).toBe('WD_ERR_QUANT_INPUT');
    expect(errorOf(() => parsePriceCsv('date\n2024-01-02\n2024-01-03\n')).code).toBe('WD_ERR_BAD_CSV');
    expect(errorOf(() => parsePriceCsv('')).code).toBe('WD_ERR_BAD_CSV');
  });
});

describe('simpleReturns', () => {
  it('computes p[t]/p[t-1] - 1 per column without forward fill and drops all-null rows', () => {
    // A: 100, 110, –, 99, 108.9   B: 50, –, –, 55, 60.5
    const t = parsePriceCsv('d,A,B\n2024-01-01,100,50\n2024-01-02,110,\n2024-01-03,,\n2024-01-04,99,55\n2024-01-05,108.9,60.5\n');
    const r = simpleReturns(t);
    // 01-02: A 110/100-1 = 0.1, B null; 01-03: all null (dropped); 01-04: both null (prev missing, no ffill) → dropped
    expect(r.dates).toEqual(['2024-01-02', '2024-01-05']);
    expect(r.returns[0][0]).toBeCloseTo(0.1, 15);
    expect(r.returns[0][1]).toBeNull();
    expect(r.returns[1][0]).toBeCloseTo(108.9 / 99 - 1, 15); // 0.1
    expect(r.returns[1][1]).toBeCloseTo(0.1, 15); // 60.5/55 - 1
  });
});

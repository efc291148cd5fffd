/**
 * Business days of the demo calendar: Monday to Friday. Exchange holidays (Chinese New
 * Year, Golden Week, US and HK holidays) are deliberately NOT modelled, so every market
 * has a close on every weekday and series line up one to one across regions.
 */

const DAY_MS = 86_400_000;

function parse(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new Error(`not a valid date: ${date}`);
  return t;
}

function format(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Adds whole days (may be negative) to a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  return format(parse(date) + days * DAY_MS);
}

/** Same month and day `years` years earlier (29 Feb → 28 Feb). */
export function minusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = Date.UTC(y - years, m - 1, d);
  const out = format(t);
  return out.slice(5, 7) === date.slice(5, 7) ? out : format(Date.UTC(y - years, m, 0));
}

/** True when the date falls on Monday–Friday. */
export function isWeekday(date: string): boolean {
  const wd = new Date(parse(date)).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** Weekdays from `from` to `to`, both inclusive, ascending. */
export function weekdaysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = parse(to);
  for (let t = parse(from); t <= end; t += DAY_MS) {
    const d = format(t);
    if (isWeekday(d)) out.push(d);
  }
  return out;
}

/** The demo calendar: weekdays from `years` years before `asOf` (exclusive) up to `asOf` (inclusive). */
export function businessDays(asOf: string, years = 3): string[] {
  return weekdaysBetween(addDays(minusYears(asOf, years), 1), asOf);
}

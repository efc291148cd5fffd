/**
 * Canonical JSON for hashing: object keys sorted, no whitespace, `undefined` dropped,
 * non-finite numbers as null — the same bytes before insert and after a JSONB round
 * trip, on PGlite and PostgreSQL.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return 'null';
}

/** Deep copy made JSONB-safe: NUL characters removed, non-finite numbers nulled. */
export function jsonbSafe<T>(value: T): T {
  return JSON.parse(canonicalJson(value).replace(/\\u0000/g, '')) as T;
}

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { WealthDeskError } from '../errors.js';

/** `util.parseArgs` in strict mode; unknown flags become a WD_ERR_VALIDATION naming the flag. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  allowPositionals = true,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (e) {
    throw new WealthDeskError('WD_ERR_VALIDATION', (e as Error).message);
  }
}

/** Parses a numeric flag, naming the flag when it is not a finite number. */
export function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new WealthDeskError('WD_ERR_VALIDATION', `--${flag} must be a number, got "${value}"`);
  return n;
}

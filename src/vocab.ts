/**
 * The shared vocabulary at the bottom of the house: the reply languages, the currencies
 * money is reported in and the performance periods. Every layer (tools, rag,
 * compliance, agents, server) imports these from here; this file imports nothing of the
 * project.
 */
import { z } from 'zod';

/** Reply language. */
export type Lang = 'zh' | 'en';

export const Currency = z.enum(['CNY', 'USD', 'HKD']);
export type Currency = z.infer<typeof Currency>;

/** Trailing windows and since-inception (see {@link Period}). */
export const TRAILING_PERIODS = ['1M', '3M', '6M', 'YTD', '1Y', '3Y', 'SI'] as const;

/**
 * A performance period: a trailing window (`1M`, `3M`, `6M`, `1Y`, `3Y`), year to date
 * (`YTD`), since inception (`SI`), or a calendar year (`2025`: its last close of the
 * previous year to its last close).
 */
export const Period = z
  .string()
  .regex(/^(1M|3M|6M|YTD|1Y|3Y|SI|(19|20)\d{2})$/, 'a period: 1M, 3M, 6M, YTD, 1Y, 3Y, SI or a calendar year such as 2025')
  .describe('1M | 3M | 6M | YTD | 1Y | 3Y | SI (since inception) | a calendar year such as "2025"');
export type Period = z.infer<typeof Period>;

/** Is this period a calendar year ("2025")? */
export function isCalendarYear(p: string): boolean {
  return /^(19|20)\d{2}$/.test(p);
}

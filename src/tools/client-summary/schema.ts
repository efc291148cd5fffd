/**
 * client_summary's contract. Money is a decimal string in the client's base currency
 * (`currency`); weights, returns, volatility and drawdown are fractions.
 */
import { z } from 'zod';
import { Currency } from '../../vocab.js';

export const ClientSummaryInput = z.object({
  clientId: z.string().trim().min(1).max(64).describe('The client of your book to summarize, e.g. C0003'),
});

const Money = z.string().regex(/^-?\d+\.\d{2}$/, 'a decimal string with 2 dp');

const Holding = z.object({
  instrumentId: z.string(),
  name: z.string(),
  assetClass: z.string(),
  riskLevel: z.number().int().nullable(),
  value: Money,
  weight: z.number(),
});

export const ClientSummaryResult = z.object({
  clientId: z.string(),
  name: z.string(),
  asOf: z.string(),
  /** The client's base currency: every money figure is in it. */
  currency: Currency,
  profile: z.object({
    level: z.number().int().min(1).max(5).nullable(),
    assessedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    expired: z.boolean(),
    /** Calendar days from the as-of date to the expiry (negative once past). */
    daysLeft: z.number().int().nullable(),
    state: z.enum(['missing', 'expired', 'expiring', 'current']),
  }),
  value: Money,
  cost: Money,
  unrealizedPnl: Money,
  unrealizedPnlPct: z.number(),
  /** Per asset class held or targeted, largest first: weight, target weight (null: no target) and drift (weight − target). */
  allocation: z.array(z.object({ assetClass: z.string(), value: Money, weight: z.number(), target: z.number().nullable(), drift: z.number().nullable() })),
  /** YTD and 1Y time-weighted return vs the benchmark (null: no holdings or no benchmark). */
  performance: z
    .object({
      benchmark: z.object({ id: z.string(), name: z.string(), nameEn: z.string() }),
      periods: z.array(
        z.object({ period: z.string(), start: z.string(), end: z.string(), return: z.number(), benchmarkReturn: z.number().nullable(), excessReturn: z.number().nullable() }),
      ),
    })
    .nullable(),
  /** Realized risk of today's portfolio over 3 years (null: empty or too new). */
  risk: z.object({ observations: z.number().int(), annualVolatility: z.number(), maxDrawdown: z.number() }).nullable(),
  attention: z.object({
    /** Holdings whose risk level is above the profile level. */
    aboveProfile: z.array(Holding),
    /** The assessment when it is missing, expired or expiring within `thresholds.withinDays`. */
    assessment: z
      .object({ state: z.enum(['missing', 'expired', 'expiring']), expiresAt: z.string().nullable(), daysLeft: z.number().int().nullable() })
      .nullable(),
    /** The largest asset-class drift when above `thresholds.drift`. */
    drift: z.object({ assetClass: z.string(), drift: z.number(), actual: z.number(), target: z.number() }).nullable(),
    /** The largest single holding (cash aside) when above `thresholds.concentration`. */
    concentration: Holding.nullable(),
  }),
  thresholds: z.object({ drift: z.number(), concentration: z.number(), withinDays: z.number().int() }),
  /** The five largest holdings. */
  topHoldings: z.array(Holding.extend({ unrealizedPnl: Money })),
  /** Number of holdings. */
  holdings: z.number().int(),
  /** Conversations about the client started in the last `days` days to the as-of date. */
  conversations: z.object({ days: z.number().int(), count: z.number().int() }),
});
export type ClientSummaryResult = z.infer<typeof ClientSummaryResult>;

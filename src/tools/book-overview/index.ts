/**
 * book_overview (advisors only): the advisor's own book at a glance — how many clients,
 * the total value (AUM) in one currency, the split by risk profile and by asset class,
 * and how many clients need attention: holdings above their profile or an expired /
 * missing profile, a risk assessment due (missing, expired, or expiring within 30 days),
 * an asset class more than 5% off target, a single holding over 20% (cash aside). One
 * batch read of the book (`shared/book.ts`), the same checks screen_book screens by.
 */
import { z } from 'zod';
import { type Decimal, ZERO, ratio, roundMoney } from '../../money.js';
import { Currency } from '../../vocab.js';
import { ATTENTION, aboveProfileFlag, driftOf, largestHolding, loadBook, profileState } from '../shared/book.js';
import { requireAdvisor } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { bookOverviewPlanner } from './planner.js';

export const BookOverviewInput = z.object({
  currency: Currency.optional().describe('Report money in this currency (default CNY); every client is converted at the valuation date FX'),
});

const Money = z.string().regex(/^-?\d+\.\d{2}$/);

export const BookOverviewResult = z.object({
  advisorId: z.string(),
  asOf: z.string(),
  currency: Currency,
  clients: z.number().int(),
  /** Σ of every client's value, in `currency`. */
  aum: Money,
  /** Per current profile level (expired ones included, by their level; null = never assessed), C1 first. */
  byRiskProfile: z.array(z.object({ profile: z.number().int().min(1).max(5).nullable(), clients: z.number().int(), aum: Money, weight: z.number() })),
  /** Per asset class across the book, largest first; weights are fractions of `aum`. */
  byAssetClass: z.array(z.object({ key: z.string(), value: Money, weight: z.number() })),
  /** Clients needing attention, each counted once per item. */
  attention: z.object({
    aboveProfile: z.number().int(),
    assessmentDue: z.number().int(),
    drift: z.number().int(),
    concentration: z.number().int(),
  }),
  /** The thresholds the attention counts use. */
  thresholds: z.object({ drift: z.number(), concentration: z.number(), withinDays: z.number().int() }),
});
export type BookOverviewResult = z.infer<typeof BookOverviewResult>;

export const bookOverviewTool = defineTool({
  name: 'book_overview',
  description:
    "Advisor only: your book at a glance — number of clients, total AUM (default CNY), AUM by risk profile C1–C5 and by asset class, and how many " +
    'clients need attention (holdings above their risk profile or an expired profile, risk assessment due within 30 days, drift from target over 5%, ' +
    'a single holding over 20%). Use for 我的客户总资产多少 / overview of my book.',
  schema: BookOverviewInput,
  output: BookOverviewResult,
  roles: ['advisor'],
  scope: 'book',
  activity: { zh: '正在汇总您的客户…', en: 'Summing up your book…' },
  planner: bookOverviewPlanner,
  async execute(args, ctx): Promise<BookOverviewResult> {
    const advisorId = requireAdvisor(ctx);
    const currency = args.currency ?? 'CNY';
    const book = await loadBook(ctx, advisorId, currency);
    const aum = book.entries.reduce((s, e) => s.plus(e.report.total), ZERO);
    const byProfile = new Map<number | null, { clients: number; aum: Decimal }>();
    const attention = { aboveProfile: 0, assessmentDue: 0, drift: 0, concentration: 0 };
    for (const e of book.entries) {
      const level = e.profile?.level ?? null;
      const p = byProfile.get(level) ?? { clients: 0, aum: ZERO };
      byProfile.set(level, { clients: p.clients + 1, aum: p.aum.plus(e.report.total) });
      const s = profileState(e.profile, book.now, ATTENTION.withinDays);
      if (aboveProfileFlag(e.base, s)) attention.aboveProfile++;
      if (s.state !== 'current') attention.assessmentDue++;
      if (driftOf(e.base, e.target).drift > ATTENTION.drift) attention.drift++;
      if ((largestHolding(e.base)?.weight ?? 0) > ATTENTION.concentration) attention.concentration++;
    }
    // the book as one portfolio: every client's holdings in the report currency
    const byClass = new Map<string, Decimal>();
    for (const e of book.entries) for (const h of e.report.holdings) byClass.set(h.instrument.assetClass, (byClass.get(h.instrument.assetClass) ?? ZERO).plus(h.value));
    const byAssetClass = [...byClass]
      .sort((a, b) => b[1].comparedTo(a[1]) || (a[0] < b[0] ? -1 : 1))
      .map(([key, value]) => ({ key, value: roundMoney(value), weight: ratio(value, aum) }));
    return {
      advisorId,
      asOf: book.asOf,
      currency,
      clients: book.entries.length,
      aum: roundMoney(aum),
      byRiskProfile: [...byProfile]
        .sort((a, b) => (a[0] ?? 9) - (b[0] ?? 9))
        .map(([profile, v]) => ({ profile, clients: v.clients, aum: roundMoney(v.aum), weight: aum.isZero() ? 0 : ratio(v.aum, aum) })),
      byAssetClass,
      attention,
      thresholds: { drift: ATTENTION.drift, concentration: ATTENTION.concentration, withinDays: ATTENTION.withinDays },
    };
  },
});

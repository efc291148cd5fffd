/**
 * screen_book (advisors only): ranks or filters the clients of the advisor's own book by
 * one criterion — total value, cash / equity / bond holdings, a product held, holdings
 * above the client's risk profile, volatility above the profile's ceiling, a risk
 * assessment due, underperforming the benchmark, a concentrated holding, drift from
 * target. The book is read in one batch (`shared/book.ts`); the return and risk screens
 * compute every client exactly as get_performance and portfolio_risk do, batched
 * (`shared/book-returns.ts`, `shared/risk-series.ts`). Money is compared across clients
 * in one currency (default CNY, converted through CNY at the valuation date's FX).
 */
import { getInstruments } from '../../db/repos/market.js';
import { WealthDeskError } from '../../errors.js';
import { type Decimal, roundMoney } from '../../money.js';
import { catalogInstruments, catalogProducts, namedInstruments, productsIn } from '../../rag/product-names.js';
import { findProducts } from '../../rag/products.js';
import { ATTENTION, VOLATILITY_CEILING, loadBook } from '../shared/book.js';
import { requireAdvisor } from '../shared/scope.js';
import { defineTool, type ToolContext } from '../types.js';
import { type Candidate, screen } from './criteria.js';
import { screenBookPlanner } from './planner.js';
import { ScreenBookInput, type ScreenBookResult, ScreenBookResult as ScreenBookOutput } from './schema.js';

export { ScreenBookInput, type ScreenBookResult } from './schema.js';

const DEFAULT_LIMIT = 10;

export const screenBookTool = defineTool({
  name: 'screen_book',
  description:
    "Advisor only: ranks or filters the clients of your book by one criterion — who holds the most (`aum`, `cash`, `equity`, `bond`; basis amount or weight), " +
    'who holds a product (`holds_product`), who holds products above their risk profile or has an expired profile (`above_profile`), whose volatility ' +
    'exceeds the ceiling of their profile (`risk_limit`), whose risk assessment is missing, expired or expiring (`assessment_due`), who trails the ' +
    'benchmark over a period (`underperformed`), concentrated portfolios (`concentration`) and drift from target (`drift`). Rows are sorted, most first.',
  schema: ScreenBookInput,
  output: ScreenBookOutput,
  roles: ['advisor'],
  scope: 'book',
  activity: { zh: '正在筛选客户…', en: 'Screening your book…' },
  planner: screenBookPlanner,
  async execute(args, ctx): Promise<ScreenBookResult> {
    const advisorId = requireAdvisor(ctx);
    const currency = args.currency ?? 'CNY';
    const product = args.criterion === 'holds_product' ? await resolveProduct(ctx, args.product!) : undefined;
    const book = await loadBook(ctx, advisorId, currency);
    const lang = ctx.lang === 'en' ? 'en' : 'zh';
    let found = await screen(args, { db: ctx.db, book, lang, product });
    if (args.riskProfile !== undefined) found = found.filter((c) => c.entry.profile?.level === args.riskProfile);
    const order = args.order ?? 'desc';
    const sign = order === 'desc' ? -1 : 1;
    found.sort((a, b) => sign * compare(a.key, b.key) || (a.entry.client.id < b.entry.client.id ? -1 : 1));
    const rows = found.slice(0, args.limit ?? DEFAULT_LIMIT).map((c) => row(c, lang, book.now));
    const c = args.criterion;
    return {
      advisorId,
      criterion: c,
      asOf: book.asOf,
      currency,
      ...(['cash', 'equity', 'bond', 'holds_product'].includes(c) ? { basis: args.basis ?? 'amount' } : {}),
      ...(c === 'concentration' ? { threshold: args.threshold ?? ATTENTION.concentration } : c === 'drift' ? { threshold: args.threshold ?? ATTENTION.drift } : {}),
      ...((c === 'cash' || c === 'equity' || c === 'bond') && args.threshold !== undefined ? { threshold: args.threshold } : {}),
      ...(c === 'assessment_due' ? { withinDays: args.withinDays ?? ATTENTION.withinDays } : {}),
      ...(c === 'underperformed' ? { period: args.period ?? 'YTD' } : {}),
      ...(product ? { product: { id: product.id, name: product.name, nameEn: product.nameEn, riskLevel: product.riskLevel } } : {}),
      ...(args.riskProfile !== undefined ? { riskProfile: args.riskProfile } : {}),
      ...(c === 'risk_limit' ? { ceilings: Object.fromEntries(Object.entries(VOLATILITY_CEILING).map(([l, v]) => [`C${l}`, v])) } : {}),
      order,
      bookClients: book.entries.length,
      total: found.length,
      shown: rows.length,
      rows,
      more: found.length - rows.length,
    };
  },
});

function compare(a: number | Decimal, b: number | Decimal): number {
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a !== 'number' && typeof b !== 'number') return a.comparedTo(b);
  return 0;
}

function row(c: Candidate, lang: 'zh' | 'en', now: Date): ScreenBookResult['rows'][number] {
  const { client, profile } = c.entry;
  return {
    clientId: client.id,
    name: lang === 'en' ? client.nameEn : client.name,
    riskProfile: profile ? profile.level : null,
    profileExpired: profile ? profile.expiresAt <= now : false,
    baseCurrency: client.baseCurrency,
    value: roundMoney(c.value),
    metric: c.metric,
    detail: c.detail,
  };
}

/**
 * The product a holds_product screen is about: by code or (partial) name, by a short name
 * a client would use ("鼎元稳健纯债A"), or a listed instrument by its id ("0700.HK").
 */
async function resolveProduct(ctx: ToolContext, query: string) {
  const q = query.trim();
  // An exact id first ("V" is Visa, never a name that merely contains a v), then a listed
  // company's name ("Visa", "腾讯"), then a product's name.
  const exact = (await getInstruments(ctx.db, [q, q.toUpperCase()])).values().next().value;
  if (exact) return exact;
  const hit = namedInstruments(q, catalogInstruments().stocks)[0] ?? (await findProducts(ctx.db, q, 1))[0]?.id ?? productsIn(q, catalogProducts())[0] ?? q;
  const found = (await getInstruments(ctx.db, [hit, hit.toUpperCase()])).values().next().value;
  if (!found) throw new WealthDeskError('WD_ERR_NOT_FOUND', `No product matches "${query.slice(0, 40)}"`, { details: { path: 'product' } });
  return found;
}

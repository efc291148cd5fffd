/**
 * get_product: a product's facts by name or code — the `instruments` row (type, risk
 * level R1–R5, currency, minimum purchase, issuer, launch date) plus fees, manager and
 * liquidity from the product catalog, and the library documents about it; for a client,
 * whether it suits their current risk profile. No match is WD_ERR_NOT_FOUND.
 */
import { z } from 'zod';
import { catalogById } from '../../db/seed/catalog.js';
import { findProducts } from '../../rag/products.js';
import { getCurrentRiskProfile } from '../../db/repos/risk-profiles.js';
import { WealthDeskError } from '../../errors.js';
import { defineTool } from '../types.js';
import { getProductPlanner } from './planner.js';

export const GetProductInput = z.object({
  query: z.string().trim().min(1).max(80).describe('Product name (Chinese or English, may be partial) or code, e.g. 018101 or WM-2024-045'),
});

export interface ProductFacts {
  id: string;
  name: string;
  nameEn: string;
  assetClass: string;
  productType: string | null;
  currency: string;
  riskLevel: number | null;
  minPurchase: string | null;
  issuer: string | null;
  launchDate: string | null;
  description: string | null;
  manager?: string;
  managerEn?: string;
  /** Fees as decimal-string fractions (management/custody per year; subscription/redemption per trade). */
  fees?: Record<string, string>;
  liquidity?: { code: string; zh: string; en: string; lockupMonths: number };
  benchmark?: { zh: string; en: string };
  documents: { docId: string; title: string; docType: string; lang: string }[];
}

/** For a client principal: whether the product fits their current risk profile (Rn ≤ Cm, profile not expired). */
export interface ProductSuitability {
  clientLevel: number | null;
  expired: boolean;
  suitable: boolean;
}

export interface GetProductResult {
  product: ProductFacts;
  otherMatches: { id: string; name: string; nameEn: string }[];
  suitability?: ProductSuitability;
}

export const getProductTool = defineTool({
  name: 'get_product',
  description:
    'Looks up one product (fund, bank wealth product, private fund, REIT, bond) by name or code and returns its facts: risk level R1–R5, ' +
    'type, currency, minimum purchase, fees, manager, liquidity and lock-up, benchmark, and the documents about it (cite with search_documents).',
  schema: GetProductInput,
  roles: ['client', 'advisor'],
  scope: 'public',
  activity: { zh: '正在查询产品资料…', en: 'Looking up the product…' },
  planner: getProductPlanner,
  async execute(args, ctx): Promise<GetProductResult> {
    const rows = await findProducts(ctx.db, args.query, 5);
    const top = rows[0];
    if (!top) throw new WealthDeskError('WD_ERR_NOT_FOUND', `No product matches "${args.query.slice(0, 40)}"`, { details: { path: 'query' } });
    const docs = await ctx.db.query<{ docId: string; title: string; docType: string; lang: string }>(
      `SELECT id AS "docId", title, doc_type AS "docType", lang FROM rag_documents WHERE $1 = ANY(product_ids) ORDER BY doc_type, lang, id`,
      [top.id],
    );
    const c = catalogById(top.id)?.product;
    const product: ProductFacts = {
      id: top.id,
      name: top.name,
      nameEn: top.name_en,
      assetClass: top.asset_class,
      productType: top.product_type,
      currency: top.currency,
      riskLevel: top.risk_level,
      minPurchase: top.min_purchase,
      issuer: top.issuer,
      launchDate: top.launch_date,
      description: top.description,
      ...(c
        ? {
            manager: c.manager,
            managerEn: c.managerEn,
            fees: Object.fromEntries(Object.entries(c.fees).filter(([, v]) => v !== undefined)) as Record<string, string>,
            liquidity: { ...c.liquidity },
            benchmark: { zh: c.benchmarkText, en: c.benchmarkTextEn },
          }
        : {}),
      documents: docs.rows,
    };
    const otherMatches = rows.slice(1).map((r) => ({ id: r.id, name: r.name, nameEn: r.name_en }));
    if (ctx.principal.role !== 'client') return { product, otherMatches };
    // The asking client's own suitability: the profile is theirs, read from the principal.
    const profile = await getCurrentRiskProfile(ctx.db, ctx.principal.clientId);
    const clientLevel = profile?.level ?? null;
    const expired = profile ? profile.expiresAt.getTime() < Date.now() : false;
    const suitable = clientLevel !== null && !expired && product.riskLevel !== null && product.riskLevel <= clientLevel;
    return { product, otherMatches, suitability: { clientLevel, expired, suitable } };
  },
});

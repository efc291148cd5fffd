/** get_product on seeded PGlite (demo book + demo library). One store for the file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { PRODUCTS, catalogById } from '../../db/seed/catalog.js';
import { seedDemoData } from '../../db/seed/seed.js';
import { openTestPglite } from '../../db/testing.js';
import { seedDemoLibrary } from '../../rag/demo-library.js';
import type { GetProductResult, ProductFacts } from './index.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

describe('get_product', () => {
  let db: Db;
  let ctx: ToolContext;
  beforeAll(async () => {
    db = await openTestPglite();
    await seedDemoData(db, { clients: 5 });
    await seedDemoLibrary(db);
    ctx = { principal: { role: 'advisor', advisorId: 'A001' }, db, lang: 'en', state: {} };
  }, 60_000);
  afterAll(async () => db?.close());

  async function get(query: string): Promise<GetProductResult> {
    const out = await executeTool('get_product', { query }, ctx);
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    return out.result as GetProductResult;
  }
  const product = (r: GetProductResult): ProductFacts => {
    return r.product;
  };

  it('finds a product by code with the facts of the instruments row and the catalog', async () => {
    const p = product(await get('018403'));
    const row = (await db.query<{ name: string; risk_level: number; currency: string; min_purchase: string }>(
      "SELECT name, risk_level, currency, min_purchase::text FROM instruments WHERE id = '018403'",
    )).rows[0]!;
    expect(p).toMatchObject({ id: '018403', name: row.name, riskLevel: row.risk_level, currency: row.currency, minPurchase: row.min_purchase });
    const c = catalogById('018403')!.product!;
    expect(p.fees?.management).toBe(c.fees.management);
    expect(p.manager).toBe(c.manager);
    const docs = (await db.query<{ id: string }>("SELECT id FROM rag_documents WHERE '018403' = ANY(product_ids) ORDER BY id")).rows.map((r) => r.id);
    expect(p.documents.map((d) => d.docId).sort()).toEqual(docs);
    expect(docs).toContain('prospectus-018403-zh');
    expect(docs).toContain('prospectus-018403-en');
  });

  it('finds the same product by a partial Chinese or English name, and bank products by code', async () => {
    expect(product(await get('中证红利')).id).toBe('018403');
    expect(product(await get('CSI Dividend')).id).toBe('018403');
    expect(product(await get('wm-2024-045')).id).toBe('WM-2024-045');
  });

  it('lists the other matches of an ambiguous name', async () => {
    const r = await get('鼎元');
    expect(r.product.name).toContain('鼎元');
    expect(r.otherMatches.length).toBeGreaterThan(0);
    expect(r.otherMatches.every((m) => m.name.includes('鼎元'))).toBe(true);
  });

  it('fails the call with WD_ERR_NOT_FOUND for an unknown product (a tool error, not a successful result)', async () => {
    const out = await executeTool('get_product', { query: '完全不存在的产品' }, ctx);
    expect(out).toMatchObject({ ok: false, error: { code: 'WD_ERR_NOT_FOUND', path: 'query' } });
  });

  it("tells a client whether the product suits their current profile, and an advisor nothing about it", async () => {
    const client = (await db.query<{ client_id: string; level: number }>(
      'SELECT DISTINCT ON (client_id) client_id, level FROM risk_profiles ORDER BY client_id, assessed_at DESC LIMIT 1',
    )).rows[0]!;
    const asClient: ToolContext = { principal: { role: 'client', clientId: client.client_id }, db, lang: 'zh', state: {} };
    const high = PRODUCTS.find((p) => p.riskLevel === 5)!;
    const out = await executeTool('get_product', { query: high.id }, asClient);
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    const r = out.result as GetProductResult;
    expect(r.suitability?.clientLevel).toBe(client.level);
    expect(r.suitability?.suitable).toBe(client.level >= 5 && !r.suitability?.expired);
    expect((await get(high.id)).suitability).toBeUndefined();
  });
});

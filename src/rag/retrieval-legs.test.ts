import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { storeTargets } from '../db/testing.js';
import { wantedDocTypes } from './doc-intent.js';
import { entityMatch, namedProducts, shortEnglishNames, titleName } from './entities.js';
import { hashingEmbedder } from './hashing-embedder.js';
import { afterIngest } from './ingest.js';
import { translateTerms } from './lexicon.js';
import { rankDocuments, searchCandidates, searchDocuments, vectorQuery, type Candidate } from './search.js';
import { ensureEmbedderIndex, hnswIndexName, upsertDocument } from './store.js';

const e = hashingEmbedder();

describe('lexicon, entities, doc types (pure)', () => {
  it('translates finance terms both ways', () => {
    expect(translateTerms('what is the management fee and lock-up').split(' ')).toEqual(expect.arrayContaining(['管理费', '封闭期', '锁定期']));
    expect(translateTerms('这只基金的管理费和赎回费')).toContain('management fee');
    expect(translateTerms('这只基金的管理费和赎回费')).toContain('redemption fee');
    expect(translateTerms('hello world')).toBe('');
  });

  it('names products by title, short English name and share of a document', () => {
    expect(titleName('景和清洁能源REIT（508066.SH）产品概要')).toBe('景和清洁能源REIT');
    expect(titleName('理财常见问题（FAQ）')).toBe('');
    expect(shortEnglishNames('Harbour Link Commercial REIT')).toEqual(['harbour link']);
    expect(entityMatch(['A'], ['A'])).toBe(1);
    expect(entityMatch(['A'], ['A', 'B', 'C', 'D'])).toBe(0.25);
    expect(entityMatch([], ['A'])).toBe(0);
  });

  it('maps cue words to document types', () => {
    expect([...wantedDocTypes('鼎元消费的管理费是多少').keys()]).toEqual(['fact_sheet', 'prospectus']);
    expect([...wantedDocTypes('明年债市展望和观点').keys()]).toEqual(['research']);
    expect([...wantedDocTypes('main risks of private funds').keys()]).toEqual(['risk_disclosure']);
    expect(wantedDocTypes('hello').size).toBe(0);
  });

  it('ranks documents by best chunk plus a bonus for further matching chunks', () => {
    const c = (docId: string, i: number, bm25: number): Candidate => ({
      chunkId: `${docId}-${i}`, docId, title: docId, section: null, page: null, text: '', docType: 'other', lang: 'en', productIds: [],
      publishedAt: null, flagged: null, bm25, xbm25: 0, vector: 0, head: 0, entity: 0, type: 0, otherLang: false,
    });
    const cands = [c('A', 0, 1), c('B', 0, 0.9), c('B', 1, 0.6), c('B', 2, 0.5), c('B', 3, 0.4)];
    const only = { vector: 0, title: 0, entity: 0, type: 0 };
    expect(rankDocuments(cands, { ...only, multi: 0 }).map((d) => d.docId)).toEqual(['A', 'B']);
    const r = rankDocuments(cands, { ...only, multi: 0.2 });
    expect(r.map((d) => d.docId)).toEqual(['B', 'A']);
    expect(r[0]!.score).toBeCloseTo(0.9 + 0.2 * (0.6 + 0.5), 12); // only the next two count
  });
});

describe.each(storeTargets())('retrieval legs on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    const doc = (id: string, title: string, lang: 'zh' | 'en', docType: 'fact_sheet' | 'research', productIds: string[], texts: string[]) =>
      upsertDocument(db, e, {
        meta: { id, title, lang, docType, productIds, format: 'txt' },
        contentHash: id,
        chunks: texts.map((text, ordinal) => ({ ordinal, section: null, page: null, text })),
      });
    await doc('zh-lock', '稳盈理财产品说明书', 'zh', 'fact_sheet', [], ['本产品封闭期为九个月，封闭期内不能赎回。', '管理费每年0.30%。']);
    await doc('en-a', 'Harbour Link Commercial REIT (0897.HK) Product Fact Sheet', 'en', 'fact_sheet', ['0897.HK'], ['Distributions are paid twice a year in Hong Kong dollars.']);
    await doc('en-b', 'REIT Review: Harbour Link and Others', 'en', 'research', ['0897.HK', 'X1', 'X2', 'X3'], ['Harbour Link distributions are paid twice a year; other REITs pay yearly.']);
    for (let i = 0; i < 6; i++) await doc(`en-n${i}`, `Note ${i}`, 'en', 'research', [], [`Market note ${i} about equity prices and the weather.`]);
  });
  afterAll(async () => db?.close());

  it('finds a Chinese document from an English question through the lexicon, not without it', async () => {
    expect((await searchDocuments(db, e, 'how long is the lock-up period', { k: 3 }))[0]).toBe('zh-lock');
    expect(await searchDocuments(db, e, 'how long is the lock-up period', { k: 3, mode: 'fts' })).not.toContain('zh-lock');
  });

  it('resolves a short product name and prefers the single-product fact sheet', async () => {
    expect(await namedProducts(db, 'how often does Harbour Link pay distributions')).toEqual(['0897.HK']);
    // Each document has one chunk, so its score moves by entity × (share of its products named).
    const cands = await searchCandidates(db, e, 'how often does Harbour Link pay distributions', { k: 10 });
    const score = (w: number) => new Map(rankDocuments(cands, { entity: w }).map((d) => [d.docId, d.score]));
    const [off, on] = [score(0), score(0.5)];
    expect(on.get('en-a')! - off.get('en-a')!).toBeCloseTo(0.5 * 1, 12);
    expect(on.get('en-b')! - off.get('en-b')!).toBeCloseTo(0.5 * 0.25, 12);
  });

  it('analyzes the RAG tables after a bulk ingest', async () => {
    await afterIngest(db, { ingested: 1, chunks: 500 });
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE relname IN ('rag_chunks', 'rag_documents', 'rag_terms') AND last_analyze IS NOT NULL`);
    expect(r.rows[0]!.n).toBe(3);
  });

  it('plans the vector leg on the HNSW index', async () => {
    await ensureEmbedderIndex(db, e);
    const { sql, params, settings } = vectorQuery(e, await e.embedQuery('lock-up'), 40);
    const plan = await db.transaction(async (tx) => {
      await tx.exec(settings);
      return (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain(`Index Scan using ${hnswIndexName(e.id)}`);
  });
});

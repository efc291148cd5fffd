/**
 * The OpenAI-compatible embedder against a local server speaking the `/v1/embeddings`
 * wire format (127.0.0.1, port 0), and `reindex` moving a corpus from the offline
 * embedder to it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.js';
import { openTestPglite } from '../db/testing.js';
import { hashEmbed, hashingEmbedder } from './hashing-embedder.js';
import { openaiEmbedder } from './openai-embedder.js';
import { searchDocuments } from './search.js';
import { corpusStats, prepareDocument, reembedCorpus, writePreparedMany } from './store.js';

const DIM = 96;

/** A minimal embeddings server: vectors are unnormalized hashed features (dim 96), returned in reverse order with their index. */
function embeddingsServer(log: { auth?: string; model: string; n: number }[]): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404).end();
        return;
      }
      const { model, input } = JSON.parse(body) as { model: string; input: string[] };
      log.push({ auth: req.headers.authorization, model, n: input.length });
      if (model === 'broken') {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"model overloaded"}}');
        return;
      }
      const data = input.map((t, index) => ({ object: 'embedding', index, embedding: hashEmbed(t, DIM).map((x) => x * 3) })).reverse();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
}

describe('OpenAI-compatible embedder', () => {
  const log: { auth?: string; model: string; n: number }[] = [];
  const server = embeddingsServer(log);
  let baseUrl = '';
  let db: Db;
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    db = await openTestPglite();
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await db?.close();
  });

  it('probes the dimension, batches, restores order by index and normalizes', async () => {
    log.length = 0;
    const e = await openaiEmbedder({ baseUrl, model: 'test-embed', apiKey: 'sk-local', batchSize: 4 });
    expect(e.dim).toBe(DIM);
    const texts = Array.from({ length: 10 }, (_, i) => `document ${i} about bond fund fees ${i * 7}`);
    const vs = await e.embed(texts);
    expect(log.map((l) => l.n)).toEqual([1, 4, 4, 2]);
    expect(log.every((l) => l.auth === 'Bearer sk-local' && l.model === 'test-embed')).toBe(true);
    vs.forEach((v, i) => {
      const expected = hashEmbed(texts[i]!, DIM);
      expect(v).toHaveLength(DIM);
      v.forEach((x, j) => expect(x).toBeCloseTo(expected[j]!, 9));
    });
  });

  it('turns an endpoint error into WD_ERR_MODEL with the status', async () => {
    await expect(openaiEmbedder({ baseUrl, model: 'broken', dim: DIM }).then((e) => e.embed(['x']))).rejects.toMatchObject({ code: 'WD_ERR_MODEL', message: expect.stringMatching(/500/) });
    await expect(openaiEmbedder({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm', dim: 8 }).then((e) => e.embed(['x']))).rejects.toMatchObject({ code: 'WD_ERR_MODEL' });
  });

  it('reindex moves every chunk to the new embedder and search works with it', async () => {
    const offline = hashingEmbedder();
    const docs = [
      { id: 'cta', text: 'The CTA fund follows trends in commodity and bond futures. It loses money in choppy, trendless markets.' },
      { id: 'reit', text: 'The expressway REIT earns toll income; the concession ends in 2041 and the value falls to zero at the end.' },
      { id: 'mmf', text: 'The money market fund redeems on T+1; fast redemption up to 10,000 a day arrives at once.' },
    ];
    const prepared = await Promise.all(
      docs.map((d) => prepareDocument(offline, { meta: { id: d.id, title: d.id.toUpperCase(), lang: 'en', docType: 'other', productIds: [], format: 'txt' }, contentHash: d.id, chunks: [{ ordinal: 0, section: null, page: null, text: d.text }] })),
    );
    await db.transaction((tx) => writePreparedMany(tx, prepared));
    expect((await corpusStats(db)).embedders).toEqual({ 'hash-v1-512': 3 });
    const remote = await openaiEmbedder({ baseUrl, model: 'test-embed' });
    const progress: number[] = [];
    expect(await reembedCorpus(db, remote, (done) => progress.push(done))).toBe(3);
    expect(progress.at(-1)).toBe(3);
    const stats = await corpusStats(db);
    expect(stats.embedders).toEqual({ [remote.id]: 3 });
    const dims = await db.query<{ dim: number; n: number }>('SELECT dim, vector_dims(embedding) AS n FROM rag_chunks');
    expect(dims.rows.every((r) => r.dim === DIM && r.n === DIM)).toBe(true);
    expect((await searchDocuments(db, remote, 'toll concession of the expressway', { k: 1, mode: 'vector' }))[0]).toBe('reit');
    expect((await searchDocuments(db, remote, 'when does the trend following fund lose money', { k: 1 }))[0]).toBe('cta');
    // moving back is the same operation
    expect(await reembedCorpus(db, offline)).toBe(3);
    expect((await corpusStats(db)).embedders).toEqual({ 'hash-v1-512': 3 });
  });
});

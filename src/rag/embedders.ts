/**
 * Embedder selection: the configured default (`EMBEDDINGS_PROVIDER`) and lookup by id
 * for `reindex --embedder <id>` and for querying a corpus with the embedder it was
 * indexed with.
 */
import { config } from '../config.js';
import { WealthDeskError } from '../errors.js';
import type { Embedder } from './embedder.js';
import { HASH_DIM, HASH_EMBEDDER_ID, hashingEmbedder } from './hashing-embedder.js';
import { openaiEmbedder } from './openai-embedder.js';

let cached: Promise<Embedder> | undefined;

/** The embedder from configuration: offline hashing (default) or OpenAI-compatible. */
export function defaultEmbedder(): Promise<Embedder> {
  cached ??= (async () => {
    const c = config();
    if (c.EMBEDDINGS_PROVIDER !== 'openai') return hashingEmbedder(HASH_DIM);
    if (!c.EMBEDDINGS_BASE_URL) throw new WealthDeskError('WD_ERR_CONFIG', 'EMBEDDINGS_BASE_URL is required when EMBEDDINGS_PROVIDER=openai');
    return openaiEmbedder({ baseUrl: c.EMBEDDINGS_BASE_URL, model: c.EMBEDDINGS_MODEL, apiKey: c.EMBEDDINGS_API_KEY });
  })();
  return cached;
}

/**
 * Resolves an embedder id: 'hash-v1-<dim>' (offline), 'openai' (the configured
 * endpoint), or 'openai:<model>[:<dim>]' (the configured endpoint with that model).
 */
export async function embedderById(id: string): Promise<Embedder> {
  if (id === 'offline' || id === HASH_EMBEDDER_ID) return hashingEmbedder(HASH_DIM);
  const h = /^hash-v1-(\d{2,4})$/.exec(id);
  if (h) return hashingEmbedder(Number(h[1]));
  const o = /^openai(?::([^:]+)(?::(\d+))?)?$/.exec(id);
  if (o) {
    const c = config();
    if (!c.EMBEDDINGS_BASE_URL) throw new WealthDeskError('WD_ERR_CONFIG', 'EMBEDDINGS_BASE_URL is required for an openai embedder');
    return openaiEmbedder({
      baseUrl: c.EMBEDDINGS_BASE_URL,
      model: o[1] ?? c.EMBEDDINGS_MODEL,
      apiKey: c.EMBEDDINGS_API_KEY,
      dim: o[2] ? Number(o[2]) : undefined,
    });
  }
  throw new WealthDeskError('WD_ERR_VALIDATION', `Unknown embedder "${id}" (use hash-v1-<dim>, openai or openai:<model>)`);
}

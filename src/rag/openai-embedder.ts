/**
 * OpenAI-compatible embeddings (`POST {baseUrl}/embeddings`, the /v1/embeddings wire
 * format: `{model, input: string[]}` → `{data: [{index, embedding}]}`). Works with
 * OpenAI, Azure-compatible gateways, DashScope compatible mode, vLLM, Ollama, llama.cpp.
 * Vectors are re-normalized to unit length so cosine ranking is the same everywhere.
 */
import { WealthDeskError } from '../errors.js';
import { l2normalize, type Embedder } from './embedder.js';

export interface OpenAIEmbedderOptions {
  /** Base URL including the version prefix, e.g. 'https://api.openai.com/v1'. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Known dimension; when omitted it is probed with one request. */
  dim?: number;
  /** Texts per request (default 64). */
  batchSize?: number;
  timeoutMs?: number;
}

async function call(opts: OpenAIEmbedderOptions, input: readonly string[]): Promise<number[][]> {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/embeddings`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
      },
      body: JSON.stringify({ model: opts.model, input }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
  } catch (e) {
    throw new WealthDeskError('WD_ERR_MODEL', `Embeddings endpoint unreachable: ${(e as Error).message}`, { cause: e });
  }
  if (!res.ok) {
    const body = (await res.text()).slice(0, 200);
    throw new WealthDeskError('WD_ERR_MODEL', `Embeddings endpoint answered ${res.status}: ${body}`);
  }
  const json = (await res.json()) as { data?: { index?: number; embedding?: unknown }[] };
  const data = json.data;
  if (!Array.isArray(data) || data.length !== input.length) {
    throw new WealthDeskError('WD_ERR_MODEL', `Embeddings endpoint returned ${data?.length ?? 'no'} vectors for ${input.length} inputs`);
  }
  const out: number[][] = new Array(input.length);
  data.forEach((d, i) => {
    const idx = typeof d.index === 'number' ? d.index : i;
    if (!Array.isArray(d.embedding) || !d.embedding.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new WealthDeskError('WD_ERR_MODEL', 'Embeddings endpoint returned a malformed vector');
    }
    out[idx] = l2normalize(d.embedding as number[]);
  });
  return out;
}

/** Builds an OpenAI-compatible embedder; probes the dimension when not given. */
export async function openaiEmbedder(opts: OpenAIEmbedderOptions): Promise<Embedder> {
  const dim = opts.dim ?? (await call(opts, ['dimension probe']))[0]!.length;
  const batch = opts.batchSize ?? 64;
  const embed = async (texts: readonly string[]) => {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += batch) {
      const vs = await call(opts, texts.slice(i, i + batch));
      for (const v of vs) {
        if (v.length !== dim) throw new WealthDeskError('WD_ERR_MODEL', `Embedding has dimension ${v.length}, expected ${dim}`);
        out.push(v);
      }
    }
    return out;
  };
  return {
    id: `openai:${opts.model}:${dim}`,
    dim,
    embed,
    async embedQuery(text) {
      return (await embed([text]))[0]!;
    },
  };
}

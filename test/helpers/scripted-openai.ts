/**
 * A scripted OpenAI-compatible Chat Completions server on 127.0.0.1 for fault tests: each
 * request is answered by the next step of the script (or the default step when the script
 * is empty). A step streams chunks as SSE, fails with a status (and headers), hangs until
 * released or the client goes away, or cuts the connection after some chunks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  /** Streams these chunk objects (`choices` deltas), then `[DONE]`. */
  | { kind: 'stream'; chunks: unknown[] }
  /** Answers with an error status (e.g. 500, 429 with `retry-after`). */
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  /** Streams `chunks`, then holds the response open until `release()` (then `[DONE]`) or the client leaves. */
  | { kind: 'hang'; chunks?: unknown[] }
  /** Streams `chunks`, then destroys the socket mid-response. */
  | { kind: 'cut'; chunks: unknown[] };

/** A text answer as chunks (split in pieces so it streams). */
export function textChunks(text: string, pieces = 3): unknown[] {
  const size = Math.ceil(text.length / pieces);
  const out: unknown[] = [];
  for (let i = 0; i < text.length; i += size) out.push({ choices: [{ index: 0, delta: { ...(i === 0 ? { role: 'assistant' } : {}), content: text.slice(i, i + size) }, finish_reason: null }] });
  out.push({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  return out;
}

export interface ScriptedOpenAi {
  /** e.g. `http://127.0.0.1:PORT/v1` */
  baseURL: string;
  script: Step[];
  /** The step used when the script is empty. */
  fallback: Step;
  /** Times (ms since epoch) and bodies of the requests received. */
  requests: { at: number; body: Record<string, unknown> }[];
  /** Requests held open by a `hang` step. */
  readonly hanging: number;
  /** Finishes every hanging response. */
  release(): void;
  /** Finishes the oldest hanging response. */
  releaseOne(): void;
  close(): Promise<void>;
}

function write(res: ServerResponse, n: number, chunks: unknown[]): void {
  for (const c of chunks) res.write(`data: ${JSON.stringify({ id: `chatcmpl-${n}`, object: 'chat.completion.chunk', created: 1_700_000_000, model: 'scripted', ...(c as object) })}\n\n`);
}

export async function startScriptedOpenAi(fallback: Step = { kind: 'stream', chunks: textChunks('Scripted answer.') }): Promise<ScriptedOpenAi> {
  const held = new Set<ServerResponse>();
  const s: Omit<ScriptedOpenAi, 'baseURL' | 'close' | 'hanging'> & { baseURL: string } = {
    baseURL: '',
    script: [],
    fallback,
    requests: [],
    release() {
      for (const res of held) res.end('data: [DONE]\n\n');
      held.clear();
    },
    releaseOne() {
      const [res] = held;
      if (!res) return;
      held.delete(res);
      res.end('data: [DONE]\n\n');
    },
  };
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      s.requests.push({ at: Date.now(), body: JSON.parse(raw || '{}') as Record<string, unknown> });
      const n = s.requests.length;
      const step = s.script.shift() ?? s.fallback;
      if (step.kind === 'status') {
        res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
        res.end(JSON.stringify({ error: { message: `scripted ${step.status}`, type: 'server_error' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      if (step.kind === 'stream') {
        write(res, n, step.chunks);
        res.end('data: [DONE]\n\n');
      } else if (step.kind === 'hang') {
        write(res, n, step.chunks ?? []);
        held.add(res);
        res.on('close', () => held.delete(res));
      } else {
        write(res, n, step.chunks);
        // Let the chunks leave, then cut the connection without finishing the response.
        setImmediate(() => res.socket?.destroy());
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  const close = async () => {
    for (const res of held) res.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  Object.defineProperty(s, 'hanging', { get: () => held.size });
  return Object.assign(s, { close }) as ScriptedOpenAi;
}

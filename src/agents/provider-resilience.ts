/**
 * Faults of a hosted model, handled at the wire (the `fetch` the OpenAI client uses), so
 * every call the agent makes gets the same treatment:
 * - a per-call timeout: the response headers must come within `timeoutMs`, and then each
 *   chunk of a streamed body within `timeoutMs` of the one before (a stalled stream fails);
 * - retries with exponential backoff and jitter on 429, 5xx, refused or reset connections
 *   and timeouts — a `Retry-After` (seconds or an HTTP date) or `retry-after-ms` header is
 *   honoured, capped at `maxDelayMs`;
 * - a circuit breaker: after `threshold` failed attempts in a row it opens and calls fail
 *   at once (`ModelUnavailableError`) for `cooldownMs`; then one trial call goes through,
 *   closing it on success and reopening it on failure.
 * The turn service falls back to the offline planner when a call fails before any answer
 * text was shown (see `agent-service.ts`).
 */
import { WealthDeskError } from '../errors.js';

/** The hosted model could not be reached (breaker open, retries spent, timeout). */
export class ModelUnavailableError extends WealthDeskError {
  constructor(message: string, cause?: unknown) {
    super('WD_ERR_MODEL', message, cause === undefined ? {} : { cause });
  }
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trial = false;

  constructor(private readonly o: { threshold: number; cooldownMs: number; now?: () => number }) {}

  private now(): number {
    return this.o.now?.() ?? Date.now();
  }

  get state(): BreakerState {
    if (this.failures < this.o.threshold) return 'closed';
    return this.now() - this.openedAt >= this.o.cooldownMs ? 'half-open' : 'open';
  }

  /** May a call go out now? In `half-open`, one trial call at a time. */
  allow(): boolean {
    const s = this.state;
    if (s === 'closed') return true;
    if (s === 'open' || this.trial) return false;
    this.trial = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.trial = false;
  }

  failure(): void {
    this.trial = false;
    this.failures += 1;
    if (this.failures >= this.o.threshold) this.openedAt = this.now();
  }
}

export interface ResilientFetchOptions {
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  breaker: CircuitBreaker;
  /** First backoff step (doubles each retry), milliseconds. */
  baseDelayMs?: number;
  /** Longest wait before a retry, whatever `Retry-After` says. */
  maxDelayMs?: number;
  fetch?: typeof fetch;
}

const RETRIABLE = (status: number) => status === 429 || status === 408 || status >= 500;

/** Milliseconds a response asks to wait (`retry-after-ms`, `Retry-After` seconds or date), or undefined. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const v = headers.get('retry-after');
  if (!v) return undefined;
  const s = Number(v);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A body whose next chunk must come within `ms`, else the stream errors (and the request is aborted). */
function idleLimited(body: ReadableStream<Uint8Array>, ms: number, abort: AbortController): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: NodeJS.Timeout | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const err = new ModelUnavailableError(`The model stream stalled for ${ms} ms`);
          abort.abort(err);
          reject(err);
        }, ms);
      });
      try {
        const { value, done } = await Promise.race([reader.read(), stalled]);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (e) {
        controller.error(e);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** A `fetch` with timeout, retries and the breaker, for the OpenAI client (`configuration.fetch`). */
export function resilientFetch(o: ResilientFetchOptions): typeof fetch {
  const base = o.fetch ?? fetch;
  const baseDelay = o.baseDelayMs ?? 250;
  const maxDelay = o.maxDelayMs ?? 10_000;
  return async (input, init) => {
    const caller = init?.signal ?? null;
    let lastError: unknown;
    for (let attempt = 0; attempt <= o.maxRetries; attempt++) {
      if (!o.breaker.allow()) throw new ModelUnavailableError('The model provider is unavailable (circuit open)', lastError);
      const abort = new AbortController();
      const onCallerAbort = () => abort.abort(caller!.reason);
      caller?.addEventListener('abort', onCallerAbort, { once: true });
      const timer = setTimeout(() => abort.abort(new ModelUnavailableError(`The model did not answer within ${o.timeoutMs} ms`)), o.timeoutMs);
      let wait: number | undefined;
      try {
        const res = await base(input, { ...init, signal: abort.signal });
        clearTimeout(timer);
        if (!RETRIABLE(res.status)) {
          if (res.ok) o.breaker.success();
          if (!res.body) return res;
          return new Response(idleLimited(res.body, o.timeoutMs, abort), { status: res.status, statusText: res.statusText, headers: res.headers });
        }
        o.breaker.failure();
        if (attempt === o.maxRetries) return res; // the client reads the error body and throws its error
        wait = retryAfterMs(res.headers);
        await res.body?.cancel().catch(() => undefined);
        lastError = new ModelUnavailableError(`The model provider answered ${res.status}`);
      } catch (e) {
        clearTimeout(timer);
        if (caller?.aborted) throw e; // the turn was cancelled: not the provider's fault
        o.breaker.failure();
        lastError = abort.signal.aborted && abort.signal.reason instanceof ModelUnavailableError ? abort.signal.reason : e;
        if (attempt === o.maxRetries) throw lastError instanceof ModelUnavailableError ? lastError : new ModelUnavailableError(`The model provider could not be reached: ${(e as Error).message}`, e);
      }
      caller?.removeEventListener('abort', onCallerAbort);
      const backoff = baseDelay * 2 ** attempt * (0.5 + Math.random() / 2);
      await sleep(Math.min(maxDelay, wait ?? backoff), caller);
    }
    throw new ModelUnavailableError('The model provider could not be reached', lastError);
  };
}

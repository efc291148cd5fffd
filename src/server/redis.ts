/**
 * The node's Redis link (`REDIS_URL`): one connection that publishes and counts rate
 * limits, one that subscribes for the socket.io adapter. Losing Redis never crashes the
 * node: both connections reconnect forever (ioredis' back-off, at most 2 s apart), no
 * command's failure is left unhandled, and while either connection is down `up()` is
 * false — the adapter then delivers to this node's sockets only and the rate limiter
 * counts per node (see `redis-adapter.ts`, `limiter.ts`). The change is logged once per
 * outage (a warning) and once on recovery (info).
 */
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

export interface RedisLink {
  /** Publishes and runs rate-limit scripts; fails fast (no offline queue) while disconnected. */
  readonly pub: Redis;
  /** Subscriber for the adapter; queues its (re)subscriptions until Redis answers. */
  readonly sub: Redis;
  /** True while both connections are ready: cross-node delivery and cluster-wide limits work. */
  up(): boolean;
  close(): Promise<void>;
}

/** How long start-up waits for Redis before serving single-node (it keeps reconnecting). */
const CONNECT_WAIT_MS = 3_000;
/** A command Redis does not answer within this fails (the caller falls back to per-node). */
const COMMAND_TIMEOUT_MS = 1_000;

/**
 * Marks every promise a client method returns as handled (callers that await it still see
 * the rejection): the socket.io adapter fires `publish`/`unsubscribe` and never awaits them,
 * so a command failing while Redis is down would otherwise be an unhandled rejection.
 */
function handled<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const out = (v as (...a: unknown[]) => unknown).apply(target, args);
        if (out && typeof (out as Promise<unknown>).catch === 'function' && out !== target) (out as Promise<unknown>).catch(() => undefined);
        return out;
      };
    },
  });
}

export async function connectRedis(url: string, logger: FastifyBaseLogger): Promise<RedisLink> {
  const retryStrategy = (times: number) => Math.min(times * 100, 2_000);
  const pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS, retryStrategy, lazyConnect: true });
  const sub = new Redis(url, { maxRetriesPerRequest: null, retryStrategy, lazyConnect: true });
  const up = () => pub.status === 'ready' && sub.status === 'ready';
  let wasUp = false;
  let warned = false;
  const onChange = () => {
    const now = up();
    if (now && !wasUp) {
      if (warned) logger.info('Redis is back: cross-node delivery and cluster-wide rate limits restored');
      warned = false;
    }
    wasUp = now;
  };
  const onDown = (err?: Error) => {
    if (!warned && !closing) {
      warned = true;
      logger.warn(
        { reason: err?.message.slice(0, 200) },
        'Redis unavailable: socket.io delivers to this node only and rate limits count per node until it is back',
      );
    }
    wasUp = false;
  };
  let closing = false;
  for (const c of [pub, sub]) {
    c.on('ready', onChange);
    c.on('error', (e: Error) => onDown(e));
    c.on('close', () => onDown());
  }
  // Connect, but serve without Redis rather than not at all: ioredis keeps retrying.
  const first = Promise.all([pub.connect(), sub.connect()]).catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([first, new Promise((r) => (timer = setTimeout(r, CONNECT_WAIT_MS)))]);
  clearTimeout(timer);
  if (!up()) onDown(new Error(`not connected within ${CONNECT_WAIT_MS} ms`));
  return {
    pub: handled(pub),
    sub: handled(sub),
    up,
    async close() {
      closing = true;
      await Promise.all(
        [pub, sub].map(async (c) => {
          if (c.status === 'ready') await c.quit().catch(() => undefined);
          c.disconnect();
        }),
      );
    },
  };
}

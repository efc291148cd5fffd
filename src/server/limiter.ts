/**
 * Fixed-window rate limits per key (chat turns per principal, for socket.io and — through
 * {@link rateLimitStore} — for @fastify/rate-limit on HTTP). With Redis the window is
 * counted in Redis, so a principal's limit holds across every node; while Redis is down
 * (or does not answer within a second) each node counts on its own, so a principal may
 * get up to N × max per window on N nodes until Redis is back. Without Redis the count
 * is per node.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RedisLink } from './redis.js';

/** One hit counted in a window: the count so far in this window and the ms until it resets. */
export interface WindowCount {
  count: number;
  resetMs: number;
}

/** Counts hits per key in fixed windows. */
export interface WindowCounter {
  incr(key: string, windowMs: number): Promise<WindowCount>;
}

/** A counter in this process's memory. */
export function memoryCounter(now: () => number = Date.now): WindowCounter {
  const windows = new Map<string, { start: number; windowMs: number; count: number }>();
  return {
    async incr(key, windowMs) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= w.windowMs) {
        if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= v.windowMs) windows.delete(k);
        w = { start: t, windowMs, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return { count: w.count, resetMs: w.start + w.windowMs - t };
    },
  };
}

// INCR, and start the window's expiry with the first hit (or if a key somehow has none).
const HIT = `
local c = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if c == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {c, ttl}`;

/** Counts in Redis (cluster-wide) while `link` is up, else in `fallback` (this node). */
export function redisCounter(link: RedisLink, fallback: WindowCounter = memoryCounter(), prefix = 'wealthdesk:rl:'): WindowCounter {
  return {
    async incr(key, windowMs) {
      if (!link.up()) return fallback.incr(key, windowMs);
      try {
        const [count, resetMs] = (await link.pub.eval(HIT, 1, prefix + key, String(windowMs))) as [number, number];
        return { count, resetMs };
      } catch {
        return fallback.incr(key, windowMs);
      }
    },
  };
}

export interface Limiter {
  /** Counts one hit; resolves 0 when allowed, else the seconds until the window resets. */
  hit(key: string): Promise<number>;
}

export function createLimiter(max: number, windowMs: number, counter: WindowCounter = memoryCounter()): Limiter {
  return {
    async hit(key) {
      const { count, resetMs } = await counter.incr(key, windowMs);
      return count <= max ? 0 : Math.max(1, Math.ceil(resetMs / 1000));
    },
  };
}

/**
 * A `store` for @fastify/rate-limit over `counter` (its windows keyed by route and key).
 * The plugin constructs it and calls `child` per route with the route's merged settings.
 */
export function rateLimitStore(counter: WindowCounter): FastifyRateLimitStoreCtor {
  const store = (prefix: string, defaultWindowMs: number): FastifyRateLimitStore => ({
    incr(key, cb, timeWindow) {
      counter.incr(prefix + key, Number.isFinite(timeWindow) ? timeWindow : defaultWindowMs).then(
        (r) => cb(null, { current: r.count, ttl: r.resetMs }),
        (e: Error) => cb(e),
      );
    },
    child(routeOptions) {
      // At run time the plugin passes its merged route settings: the route under `routeInfo`.
      const merged = routeOptions as unknown as { timeWindow?: unknown; routeInfo?: { method?: unknown; url?: unknown } };
      const route = merged.routeInfo ?? {};
      return store(`http:${String(route.method)}${String(route.url)}:`, typeof merged.timeWindow === 'number' ? merged.timeWindow : defaultWindowMs);
    },
  });
  return class {
    constructor(options: { timeWindow?: unknown }) {
      return store('http:', typeof options.timeWindow === 'number' ? options.timeWindow : 60_000);
    }
  } as unknown as FastifyRateLimitStoreCtor;
}

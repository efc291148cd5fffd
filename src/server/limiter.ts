/**
 * A fixed-window counter per key (socket.io chat messages per principal; HTTP uses
 * @fastify/rate-limit). In memory, per node: with N replicas a principal may get up to
 * N × max per window, which is acceptable for abuse control.
 */
export interface Limiter {
  /** Counts one hit; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string): number;
}

export function createLimiter(max: number, windowMs: number, now: () => number = Date.now): Limiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= windowMs) {
        if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= windowMs) windows.delete(k);
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count <= max ? 0 : Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
    },
  };
}

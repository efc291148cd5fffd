import { describe, expect, it } from 'vitest';
import { createLimiter, memoryCounter, redisCounter } from './limiter.js';
import type { RedisLink } from './redis.js';

/** A link whose `eval` answers from a shared map (two nodes, one "Redis"), or fails. */
function fakeLink(shared: Map<string, number>, state: { up: boolean; fail?: boolean }): RedisLink {
  const pub = {
    async eval(_script: string, _n: number, key: string, windowMs: string) {
      if (state.fail) throw new Error('Command timed out');
      const c = (shared.get(key) ?? 0) + 1;
      shared.set(key, c);
      return [c, Number(windowMs)];
    },
  };
  return { pub, sub: {}, up: () => state.up, close: async () => {} } as unknown as RedisLink;
}

describe('rate limiter', () => {
  it('in memory: a fixed window per key; over the limit it says the seconds until the window resets', async () => {
    let t = 0;
    const l = createLimiter(2, 10_000, memoryCounter(() => t));
    expect([await l.hit('p'), await l.hit('p'), await l.hit('q')]).toEqual([0, 0, 0]);
    t = 2_500;
    expect(await l.hit('p')).toBe(8);
    t = 10_000;
    expect(await l.hit('p')).toBe(0);
  });

  it('through Redis the count is shared by every node; while Redis is down or failing each node counts alone, and shares again once it is back', async () => {
    const shared = new Map<string, number>();
    const state = { up: true, fail: false };
    const nodeA = createLimiter(3, 60_000, redisCounter(fakeLink(shared, state)));
    const nodeB = createLimiter(3, 60_000, redisCounter(fakeLink(shared, state)));
    expect([await nodeA.hit('p'), await nodeB.hit('p'), await nodeA.hit('p')]).toEqual([0, 0, 0]);
    expect(await nodeB.hit('p')).toBe(60); // the 4th across both nodes

    state.up = false; // down: per node, from zero
    expect([await nodeA.hit('p'), await nodeA.hit('p'), await nodeA.hit('p')]).toEqual([0, 0, 0]);
    expect(await nodeA.hit('p')).toBeGreaterThan(0);
    expect(await nodeB.hit('p')).toBe(0);

    state.up = true;
    state.fail = true; // up but not answering: still per node
    expect(await nodeB.hit('q')).toBe(0);

    state.fail = false; // back: the shared count again
    shared.clear(); // a restarted Redis starts empty
    expect([await nodeA.hit('r'), await nodeB.hit('r'), await nodeB.hit('r')]).toEqual([0, 0, 0]);
    expect(await nodeA.hit('r')).toBe(60);
  });
});

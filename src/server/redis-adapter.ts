/**
 * The socket.io Redis adapter, degrading to single-node delivery while Redis is down: a
 * broadcast then reaches this node's sockets only (marked `local`, so nothing is queued
 * to be published late), and once the link is up again broadcasts fan out across nodes
 * as before (the subscriber re-subscribes on reconnect).
 */
import { RedisAdapter } from '@socket.io/redis-adapter';
import type { RedisLink } from './redis.js';

type BroadcastOptions = Parameters<RedisAdapter['broadcast']>[1];

/** The adapter constructor for `io.adapter(…)`, over `link`. */
export function degradingRedisAdapter(link: RedisLink, key: string) {
  // socket.io constructs the adapter per namespace (`new Adapter(nsp)`).
  return class DegradingRedisAdapter extends RedisAdapter {
    constructor(nsp: unknown) {
      super(nsp, link.pub, link.sub, { key });
    }
    override broadcast(packet: unknown, opts: BroadcastOptions): void {
      if (link.up()) super.broadcast(packet, opts);
      else super.broadcast(packet, { ...opts, flags: { ...opts.flags, local: true } });
    }
  };
}

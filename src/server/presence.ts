/**
 * Which nodes hold sockets of a room, kept in Redis, so a turn's events are published
 * through the adapter only when another node has a socket to deliver them to. Each event
 * the Redis adapter publishes costs its encoding, a Redis command, and every other node
 * decoding it to find no socket of the room there; most principals have their sockets on
 * one node, so most turns need no publishing at all.
 *
 * Per room, a Redis hash `<key>:presence:<room>` holds one field per process that has
 * sockets in it. A process sets its field when its first socket joins and removes it when
 * its last leaves; it writes all its rooms again whenever the link becomes ready (a Redis
 * restart loses them) and every REFRESH_MS (the keys expire after TTL_S, so a crashed
 * process's fields do not stay forever). A field left by a crashed process only makes
 * others publish for nothing. A turn asks once, when it starts: a socket of the principal
 * that connects to another node while a turn runs gets that turn's `done` only through the
 * conversation history, and every later turn in full.
 */
import { randomUUID } from 'node:crypto';
import type { RedisLink } from './redis.js';

/** How often a process writes its rooms again (ms), and how long a room's hash lives without that (s). */
const REFRESH_MS = 3 * 60_000;
const TTL_S = 10 * 60;

export interface Presence {
  /** A local socket joined `room`. */
  join(room: string): void;
  /** A local socket left `room`. */
  leave(room: string): void;
  /** Whether another process may hold a socket of `room` (true when Redis cannot say). */
  elsewhere(room: string): Promise<boolean>;
  close(): void;
}

export function createPresence(link: RedisLink, key: string): Presence {
  const self = randomUUID();
  const local = new Map<string, number>();
  const hashOf = (room: string) => `${key}:presence:${room}`;
  const announce = (room: string) => {
    if (!link.up()) return;
    link.pub.multi().hset(hashOf(room), self, '1').expire(hashOf(room), TTL_S).exec().catch(() => undefined);
  };
  const announceAll = () => {
    for (const room of local.keys()) announce(room);
  };
  const onReady = () => announceAll();
  link.pub.on('ready', onReady);
  const timer = setInterval(announceAll, REFRESH_MS);
  timer.unref();
  return {
    join(room) {
      const n = local.get(room) ?? 0;
      local.set(room, n + 1);
      if (n === 0) announce(room);
    },
    leave(room) {
      const n = (local.get(room) ?? 1) - 1;
      if (n > 0) {
        local.set(room, n);
        return;
      }
      local.delete(room);
      if (link.up()) link.pub.hdel(hashOf(room), self).catch(() => undefined);
    },
    async elsewhere(room) {
      if (!link.up()) return false; // the adapter delivers to this node only anyway
      try {
        const fields = await link.pub.hkeys(hashOf(room));
        return fields.some((f) => f !== self);
      } catch {
        return true;
      }
    },
    close() {
      clearInterval(timer);
      link.pub.off('ready', onReady);
    },
  };
}

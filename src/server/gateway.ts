/**
 * socket.io gateway, namespace `/chat`. The handshake carries the bearer token
 * (`io('/chat', { auth: { token } })`); a bad or missing one is refused with a
 * `connect_error` whose `data.code` is WD_ERR_UNAUTHENTICATED. Each socket joins the
 * room of its principal, so every tab of a principal sees the same turn.
 *
 * Client → server: `message` `{text, conversationId?, lang?}` with an ack; the ack is
 * `{ok: true, requestId}` once the turn is accepted, or `{ok: false, error: {code, message}}`.
 * Server → principal's room, each as it happens: `turn:start`, then per tool call
 * `tool_call`, `activity` `{id, tool, text}` (the tool's status line in the turn's
 * language, when it starts) and `tool_result` (same `id`), `token`s of the answer as the
 * output guard releases them, then one of `done` `{requestId, result}` (its
 * `result.answer` replaces the streamed text) or `error` `{requestId, code, message}`;
 * every payload carries `requestId` (the events and their order are those of SSE, see
 * `routes/chat.ts`). With `REDIS_URL` set the Redis adapter fans these out across nodes —
 * for a turn whose principal has sockets on another node (`presence.ts`; else they are
 * delivered here without publishing); while Redis is down they reach this node's sockets
 * only (`redis-adapter.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { Server, type Socket } from 'socket.io';
import type { TurnEvent } from '../agents/types.js';
import { principalId, type Principal } from '../auth/principal.js';
import { verifyTokenClaims } from '../auth/tokens.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { WealthDeskError, toWealthDeskError } from '../errors.js';
import { createPrincipalCheck } from './auth-hook.js';
import { parseChatInput } from './chat-input.js';
import { assertOwnConversation } from './conversation-store.js';
import { publicMessage } from './http-errors.js';
import type { Limiter } from './limiter.js';
import { logSafeError } from './log-safety.js';
import type { ServerMetrics } from './metrics.js';
import { createPresence } from './presence.js';
import { degradingRedisAdapter } from './redis-adapter.js';
import type { RedisLink } from './redis.js';
import type { AgentService } from './types.js';

export interface GatewayOptions {
  server: HttpServer;
  db: Db;
  config: Config;
  agent: AgentService;
  metrics: ServerMetrics;
  logger: FastifyBaseLogger;
  /** Chat messages per principal (cluster-wide when it counts in Redis). */
  limiter: Limiter;
  /** The node's Redis link (REDIS_URL): the adapter fans events out across nodes through it. */
  redis?: RedisLink;
}

export interface Gateway {
  io: Server;
  close(): Promise<void>;
}

/** Sockets one principal may hold open on one node (tabs, devices); one more is refused at the handshake. */
export const MAX_SOCKETS_PER_PRINCIPAL = 10;

/** The room every socket of `p` joins. */
export function principalRoom(p: Principal): string {
  return `principal:${p.role}:${principalId(p)}`;
}

const EVENT_NAMES: Partial<Record<TurnEvent['type'], string>> = {
  start: 'turn:start',
  token: 'token',
  tool_call: 'tool_call',
  activity: 'activity',
  tool_result: 'tool_result',
};

type Ack = (response: unknown) => void;

/** Attaches socket.io to `server` (before or after listen), with the Redis adapter when a link is given. */
export function createGateway(o: GatewayOptions): Gateway {
  const io = new Server(o.server, {
    serveClient: true,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    cors: { origin: false },
    // Each event leaves as its own frame (ws turns Nagle off): no per-message deflate to batch or delay it.
    perMessageDeflate: false,
  });
  if (o.redis) io.adapter(degradingRedisAdapter(o.redis, 'wealthdesk'));
  const presence = o.redis ? createPresence(o.redis, 'wealthdesk') : undefined;
  const { limiter } = o;
  const exists = createPrincipalCheck(o.db);
  const chat = io.of('/chat');

  chat.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    if (typeof token !== 'string' || token.length > 4096) {
      next(Object.assign(new Error('Missing bearer token'), { data: { code: 'WD_ERR_UNAUTHENTICATED' } }));
      return;
    }
    verifyTokenClaims(token, { secret: o.config.AUTH_SECRET })
      .then(async ({ principal, expiresAt }) => {
        if (principal.role === 'compliance') {
          next(Object.assign(new Error('Role "compliance" may not chat'), { data: { code: 'WD_ERR_FORBIDDEN' } }));
          return;
        }
        await exists(principal);
        if ((chat.adapter.rooms.get(principalRoom(principal))?.size ?? 0) >= MAX_SOCKETS_PER_PRINCIPAL) {
          next(Object.assign(new Error(`At most ${MAX_SOCKETS_PER_PRINCIPAL} connections per user`), { data: { code: 'WD_ERR_RATE_LIMIT' } }));
          return;
        }
        socket.data.principal = principal;
        socket.data.expiresAt = expiresAt;
        next();
      })
      .catch((e: unknown) => {
        // The store being unreachable is not the caller's fault: say so, so the client retries.
        const err = toWealthDeskError(e);
        next(Object.assign(new Error(publicMessage(err)), { data: { code: err.code === 'WD_ERR_DB' ? 'WD_ERR_DB' : 'WD_ERR_UNAUTHENTICATED' } }));
      });
  });

  chat.on('connection', (socket: Socket) => {
    const principal = socket.data.principal as Principal;
    const expiresAt = socket.data.expiresAt as number;
    const room = principalRoom(principal);
    void socket.join(room);
    presence?.join(room);
    o.metrics.socketConnected(1);
    // The token's lifetime bounds the connection's: at expiry the socket is told and dropped.
    const expiry = setTimeout(() => {
      socket.emit('error', { code: 'WD_ERR_UNAUTHENTICATED', message: 'Token expired' });
      socket.disconnect(true);
    }, Math.max(0, expiresAt - Date.now()));
    expiry.unref();
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      presence?.leave(room);
      o.metrics.socketConnected(-1);
    });

    socket.on('message', (payload: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === 'function' ? ack : () => {};
      void handleMessage(payload, reply);
    });

    async function handleMessage(payload: unknown, reply: Ack): Promise<void> {
      const requestId = randomUUID();
      let input;
      try {
        if (Date.now() >= expiresAt) throw new WealthDeskError('WD_ERR_UNAUTHENTICATED', 'Token expired');
        const retry = await limiter.hit(room);
        if (retry > 0) throw new WealthDeskError('WD_ERR_RATE_LIMIT', `Too many messages; retry in ${retry} s`, { details: { retryAfterSeconds: retry } });
        input = parseChatInput(payload, 'text', o.config.MAX_MESSAGE_CHARS);
        if (input.conversationId) await assertOwnConversation(o.db, principal, input.conversationId);
      } catch (e) {
        const err = toWealthDeskError(e);
        reply({ ok: false, error: { code: err.code, message: publicMessage(err) } });
        return;
      }
      reply({ ok: true, requestId });
      // Published for other nodes only when one of them holds a socket of the principal.
      const toRoom = presence && !(await presence.elsewhere(room)) ? chat.local.to(room) : chat.to(room);
      const t0 = performance.now();
      // The sender going away cancels its turn (recorded `cancelled`), as a closed SSE stream does.
      const abort = new AbortController();
      const gone = () => abort.abort();
      socket.once('disconnect', gone);
      try {
        const result = await o.agent.runTurn(
          { principal, text: input.text, conversationId: input.conversationId, lang: input.lang },
          (e) => {
            const name = EVENT_NAMES[e.type];
            if (name) toRoom.emit(name, { ...e, requestId });
          },
          abort.signal,
        );
        toRoom.emit('done', { requestId, result });
        o.metrics.observeTurn('socket', 'ok', (performance.now() - t0) / 1000);
      } catch (e) {
        const err = toWealthDeskError(e);
        const outcome = abort.signal.aborted ? 'aborted' : 'error';
        o.metrics.observeTurn('socket', outcome, (performance.now() - t0) / 1000);
        if (outcome === 'error') o.logger.error({ err: logSafeError(e), code: err.code, requestId }, 'socket turn failed');
        toRoom.emit('error', { requestId, code: err.code, message: publicMessage(err) });
      } finally {
        socket.off('disconnect', gone);
      }
    }
  });

  return {
    io,
    async close() {
      presence?.close();
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
    },
  };
}

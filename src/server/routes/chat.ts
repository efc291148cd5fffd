/**
 * `POST /api/v1/chat {message, conversationId?, lang?}`: one agent turn for the verified
 * principal. JSON by default (the TurnResult); with `Accept: text/event-stream` the turn
 * streams as SSE events while it runs (each written to the socket as it happens):
 * - `start` `{conversationId, turnId}`;
 * - per tool call: `tool_call` `{id, name, args}`, `activity` `{id, tool, text}` (what the
 *   tool is doing, in the turn's language, e.g. "正在查询持仓…") when it starts, and
 *   `tool_result` `{id, name, ok, result}` when it ends — the same `id` on all three;
 * - `token` `{text}`: answer text as the streaming output guard releases it (whole
 *   sentences, list items, table rows); the tokens add up to a prefix of the final answer;
 * - then exactly one of `done` (data: the TurnResult; its `answer` is authoritative and
 *   replaces the streamed text) or `error` `{code, message}`.
 * `lang` is the page's language: it decides only for messages too short to tell (see
 * `TurnRequest.lang`). A client that disconnects aborts its turn. Rate limited per principal.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TurnEvent } from '../../agents/types.js';
import { principalId } from '../../auth/principal.js';
import { toWealthDeskError } from '../../errors.js';
import { parseChatInput } from '../chat-input.js';
import { assertOwnConversation } from '../conversation-store.js';
import { publicMessage } from '../http-errors.js';
import { logSafeError } from '../log-safety.js';
import type { ServerMetrics } from '../metrics.js';
import { openSse } from '../sse.js';
import type { AgentService, BuildAppOptions } from '../types.js';

export interface ChatRouteOptions {
  deps: BuildAppOptions;
  agent: AgentService;
  metrics: ServerMetrics;
}

/** Forwards the agent's streaming events; `done` and `error` are sent by the route itself, once. */
export function isStreamEvent(e: TurnEvent): boolean {
  return e.type === 'start' || e.type === 'token' || e.type === 'tool_call' || e.type === 'activity' || e.type === 'tool_result';
}

export const chatRoutes: FastifyPluginAsync<ChatRouteOptions> = async (app, { deps, agent, metrics }) => {
  const { db, config } = deps;
  const limit = deps.rateLimit ?? { max: 30, windowMs: 60_000 };
  const heartbeatMs = deps.heartbeatMs ?? 15_000;

  app.post(
    '/api/v1/chat',
    {
      config: {
        roles: ['client', 'advisor'],
        rateLimit: {
          max: limit.max,
          timeWindow: limit.windowMs,
          keyGenerator: (req) => (req.principal ? `${req.principal.role}:${principalId(req.principal)}` : req.ip),
        },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const input = parseChatInput(request.body, 'message', config.MAX_MESSAGE_CHARS);
      if (input.conversationId) await assertOwnConversation(db, principal, input.conversationId);
      const turnReq = { principal, text: input.text, conversationId: input.conversationId, lang: input.lang };
      const t0 = performance.now();
      const abort = new AbortController();
      const wantsSse = (request.headers.accept ?? '').includes('text/event-stream');

      if (!wantsSse) {
        // The response closing before it finished means the client went away.
        reply.raw.on('close', () => {
          if (!reply.raw.writableFinished) abort.abort();
        });
        try {
          const result = await agent.runTurn(turnReq, undefined, abort.signal);
          metrics.observeTurn('http', 'ok', (performance.now() - t0) / 1000);
          return result;
        } catch (e) {
          metrics.observeTurn('http', abort.signal.aborted ? 'aborted' : 'error', (performance.now() - t0) / 1000);
          throw e;
        }
      }

      reply.hijack();
      const sse = openSse(reply.raw, { heartbeatMs, onClientGone: () => abort.abort() });
      try {
        const result = await agent.runTurn(turnReq, (e) => { if (isStreamEvent(e)) sse.send(e.type, e); }, abort.signal);
        sse.send('done', result);
        metrics.observeTurn('sse', 'ok', (performance.now() - t0) / 1000);
      } catch (e) {
        const err = toWealthDeskError(e);
        const outcome = abort.signal.aborted ? 'aborted' : 'error';
        metrics.observeTurn('sse', outcome, (performance.now() - t0) / 1000);
        if (outcome === 'error') request.log.error({ err: logSafeError(e), code: err.code }, 'turn failed');
        sse.send('error', { code: err.code, message: publicMessage(err) });
      } finally {
        sse.close();
      }
    },
  );
};

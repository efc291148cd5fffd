/**
 * A deterministic AgentService for the server's own tests (routes, SSE framing,
 * socket.io fan-out), used where the real agent would only add start-up time. It keeps
 * real state in the store: creates the conversation for the principal, appends the user
 * and assistant messages, so history routes are tested against rows it wrote.
 *
 * Behaviour by text: `fail` → throws; `hang` → waits until aborted (records it in
 * `aborted`); anything else → one `echo` tool call returning `{length}` (characters of the
 * text), then the answer `Echo (<length>): <text>` streamed word by word.
 */
import { randomUUID } from 'node:crypto';
import type { TurnEvent, TurnRequest, TurnResult } from '../../src/agents/types.js';
import { principalId } from '../../src/auth/principal.js';
import type { Db } from '../../src/db/db.js';
import type { AgentService } from '../../src/server/types.js';

export interface ScriptedAgent extends AgentService {
  aborted: string[];
  calls: TurnRequest[];
}

export function scriptedAgent(db: Db): ScriptedAgent {
  const aborted: string[] = [];
  const calls: TurnRequest[] = [];
  return {
    modelName: 'scripted-test-agent',
    aborted,
    calls,
    async runTurn(req, onEvent = () => {}, signal): Promise<TurnResult> {
      calls.push(req);
      const t0 = Date.now();
      const emit = (e: TurnEvent) => onEvent(e);
      let conversationId = req.conversationId;
      if (!conversationId) {
        conversationId = randomUUID();
        await db.query(
          `INSERT INTO conversations (id, principal_role, principal_id, client_id, title, language)
           VALUES ($1, $2, $3, NULL, $4, $5)`,
          [conversationId, req.principal.role, principalId(req.principal), req.text.slice(0, 40), req.lang ?? 'en'],
        );
      }
      const turnId = randomUUID();
      emit({ type: 'start', conversationId, turnId, lang: req.lang ?? 'en' });
      if (req.text === 'fail') throw new Error('scripted failure with secret internals');
      if (req.text === 'hang') {
        await new Promise<void>((resolve) => {
          if (signal?.aborted) resolve();
          signal?.addEventListener('abort', () => resolve());
        });
        aborted.push(turnId);
        throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      }
      const length = [...req.text].length;
      emit({ type: 'tool_call', id: 'call_1', name: 'echo', args: { text: req.text } });
      emit({ type: 'tool_result', id: 'call_1', name: 'echo', ok: true, result: { length } });
      const answer = `Echo (${length}): ${req.text}`;
      for (const w of answer.split(/(?<= )/)) emit({ type: 'token', text: w });
      const seq = await db.query<{ n: number }>('SELECT COALESCE(MAX(seq), 0)::int AS n FROM messages WHERE conversation_id = $1', [conversationId]);
      const base = Number(seq.rows[0].n);
      await db.query(
        `INSERT INTO messages (conversation_id, turn_id, seq, role, content) VALUES ($1, $2, $3, 'user', $4), ($1, $2, $5, 'assistant', $6)`,
        [conversationId, turnId, base + 1, req.text, base + 2, answer],
      );
      await db.query('UPDATE conversations SET updated_at = now() WHERE id = $1', [conversationId]);
      const allow = { decision: 'allow' as const, categories: [] };
      return {
        conversationId, turnId, answer, lang: req.lang ?? 'en',
        toolCalls: [{ id: 'call_1', name: 'echo', args: { text: req.text }, result: { length }, ok: true, ms: 0 }],
        citations: [], guard: { input: allow, output: allow }, flags: [], model: 'scripted-test-agent', latencyMs: Date.now() - t0,
      };
    },
  };
}

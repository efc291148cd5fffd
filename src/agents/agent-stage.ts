/**
 * The agent stage of a turn: LangChain `createAgent` over the turn's model and tools,
 * streamed. Tool events come from the tools themselves (`ToolObserver`), so a call's
 * `tool_call` and `activity` leave when it starts and its `tool_result` when it ends; a
 * call and its result are paired by the model's tool-call id only (a call made outside a
 * tool call gets an id of its own). The model's text deltas go through the streaming
 * output guard (`AnswerStream`) as they arrive. Calls the agent rejected before a tool
 * ran (unknown tool, arguments failing the schema) are recorded from their ToolMessage.
 */
import { randomUUID } from 'node:crypto';
import { HumanMessage, type AIMessage, type BaseMessage, type ToolMessage } from '@langchain/core/messages';
import { findTool } from '../tools/registry.js';
import type { Lang, ToolContext } from '../tools/types.js';
import type { AnswerStream } from './answer-stream.js';
import { yieldToIo } from './answer-stream.js';
import { buildAgent, type ToolObserver } from './build-agent.js';
import type { PlannerNote } from './dialogue.js';
import { fromLangchain } from './history.js';
import { noteOf } from './offline-planner/model.js';
import type { TurnModel } from './providers.js';
import type { ToolCallRecord, TurnEvent } from './types.js';
import type { NewMessage } from '../db/repos/conversations.js';

/** Shown while a tool without an activity text runs. */
const ACTIVITY_FALLBACK: Record<Lang, string> = { zh: '正在处理…', en: 'Working on it…' };

/** The text of a message (string content, or the text parts of a list). */
export function textOf(m: BaseMessage): string {
  const c = m.content;
  if (typeof c === 'string') return c;
  return c.map((p) => (typeof p === 'string' ? p : 'text' in p && typeof p.text === 'string' ? p.text : '')).join('');
}

/** The arguments the model gave the tool call `id` (from the AI message that made it). */
function callArgs(messages: readonly BaseMessage[], id: string): unknown {
  for (const m of messages) for (const c of (m as AIMessage).tool_calls ?? []) if (c.id === id) return c.args;
  return {};
}

export interface AgentStageInput {
  model: TurnModel;
  ctx: ToolContext;
  history: BaseMessage[];
  /** The (masked) question for the model. */
  question: string;
  /** Tool calls of the turn, appended as they start (shared with the output guard's context). */
  toolCalls: ToolCallRecord[];
  flags: Set<string>;
  answers: AnswerStream;
  /** Lets released text leave before the turn goes on (`true`: a message is complete). */
  flush: (complete?: boolean) => Promise<void>;
  emit: (e: TurnEvent) => void;
  /** A tool call ended (recorded in the audit chain as it happens). */
  settled: (rec: ToolCallRecord, index: number) => void;
  /** Someone listens to the turn's events: stream the model's tokens. */
  streaming: boolean;
  signal?: AbortSignal;
}

export interface AgentStageOutput {
  answer: string;
  note?: PlannerNote;
  newMessages: NewMessage[];
  finalId?: string;
}

/** Runs the agent for one turn (see the module comment). */
export async function runAgentStage(a: AgentStageInput): Promise<AgentStageOutput> {
  const { ctx, toolCalls, flags, emit } = a;
  const lang = ctx.lang;
  const byId = new Map<string, ToolCallRecord>();
  const settle = (rec: ToolCallRecord) => {
    if (!rec.ok) flags.add('tool_error');
    emit({ type: 'tool_result', id: rec.id, name: rec.name, ok: rec.ok, result: rec.result });
    a.settled(rec, toolCalls.indexOf(rec));
  };
  const observer: ToolObserver = {
    start(e) {
      // The observer's start and end of one run carry the same id; a run outside a tool call gets its own.
      const rec: ToolCallRecord = { id: e.id || `call_${randomUUID()}`, name: e.name, args: e.args, result: null, ok: false, ms: 0 };
      toolCalls.push(rec);
      byId.set(e.id || rec.id, rec);
      emit({ type: 'tool_call', id: rec.id, name: e.name, args: e.modelArgs });
      const activity = findTool(e.name)?.activity;
      emit({ type: 'activity', id: rec.id, tool: e.name, text: activity ? activity[lang] : ACTIVITY_FALLBACK[lang] });
      // Seen before the tool's work, which may hold the CPU (Monte Carlo).
      return a.streaming ? yieldToIo() : undefined;
    },
    end(e) {
      const rec = byId.get(e.id) ?? (e.id ? undefined : [...byId.values()].find((r) => r.name === e.name && r.ms === 0 && r.result === null));
      if (!rec) return undefined;
      rec.args = e.args;
      rec.result = e.outcome.ok ? e.outcome.result : { error: e.outcome.error };
      rec.ok = e.outcome.ok;
      rec.ms = Math.round(e.ms * 100) / 100;
      settle(rec);
      return a.streaming ? yieldToIo() : undefined;
    },
  };
  const agent = buildAgent(a.model.model, ctx, a.model.context, observer);
  const produced: BaseMessage[] = [];
  const input = [...a.history, new HumanMessage(a.question)];
  // Tokens stream through the 'messages' mode, the model's and the offline planner's
  // alike; nobody listening (JSON, CLI), only the 'updates' mode runs (the planner then
  // answers in one piece, without a callback per token).
  const streamMode: ('messages' | 'updates')[] = a.streaming ? ['messages', 'updates'] : ['updates'];
  const stream = await agent.stream({ messages: input }, { streamMode, signal: a.signal, recursionLimit: 16 });
  for await (const item of stream as AsyncIterable<[string, unknown]>) {
    const [mode, chunk] = item;
    if (mode === 'messages') {
      const [m, meta] = chunk as [BaseMessage, { run_id?: string; langgraph_step?: number } | undefined];
      if (m.getType() !== 'ai') continue;
      await a.answers.delta(m.id ?? meta?.run_id ?? `step-${meta?.langgraph_step ?? 0}`, noteOf(m), textOf(m));
      await a.flush();
      continue;
    }
    for (const upd of Object.values(chunk as Record<string, { messages?: BaseMessage[] } | undefined>)) {
      for (const m of upd?.messages ?? []) {
        produced.push(m);
        if (m.getType() === 'ai') {
          if (!(m as AIMessage).tool_calls?.length) {
            await a.answers.complete(m.id);
            await a.flush(true);
          }
        } else if (m.getType() === 'tool') {
          const tm = m as ToolMessage;
          if (byId.has(tm.tool_call_id)) continue;
          // Rejected before any tool ran: record it as a failed call.
          const rec: ToolCallRecord = {
            id: tm.tool_call_id,
            name: tm.name ?? 'unknown',
            args: callArgs(produced, tm.tool_call_id),
            result: { error: { code: 'WD_ERR_VALIDATION', message: textOf(tm).slice(0, 300) } },
            ok: false,
            ms: 0,
          };
          toolCalls.push(rec);
          byId.set(rec.id, rec);
          emit({ type: 'tool_call', id: rec.id, name: rec.name, args: rec.args });
          settle(rec);
        }
      }
    }
  }
  const final = [...produced].reverse().find((m) => m.getType() === 'ai' && !((m as AIMessage).tool_calls?.length));
  return { answer: final ? textOf(final) : '', note: noteOf(final), newMessages: fromLangchain(produced), finalId: final?.id };
}

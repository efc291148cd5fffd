/**
 * Stored messages ↔ LangChain messages. The store keeps what the model saw (masked user
 * text, tool calls with their arguments, tool outputs), so a later turn rebuilds the
 * exact history and follow-ups work.
 */
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { MessageRow, NewMessage } from '../db/repos/conversations.js';

/** LangChain messages for stored rows. */
export function toLangchain(rows: readonly MessageRow[]): BaseMessage[] {
  return rows.map((r) => {
    if (r.role === 'user') return new HumanMessage(r.content);
    if (r.role === 'tool') return new ToolMessage({ content: r.content, tool_call_id: r.toolCallId ?? '', name: r.toolName ?? undefined });
    return new AIMessage({
      content: r.content,
      tool_calls: (r.toolCalls ?? []).map((c) => ({ id: c.id, name: c.name, args: (c.args ?? {}) as Record<string, unknown>, type: 'tool_call' as const })),
    });
  });
}

function text(m: BaseMessage): string {
  const c = m.content;
  if (typeof c === 'string') return c;
  return c.map((p) => (typeof p === 'string' ? p : 'text' in p && typeof p.text === 'string' ? p.text : '')).join('');
}

/** Rows to store for LangChain messages produced during a turn (AI and tool messages). */
export function fromLangchain(messages: readonly BaseMessage[]): NewMessage[] {
  const out: NewMessage[] = [];
  for (const m of messages) {
    const t = m.getType();
    if (t === 'ai') {
      const calls = (m as AIMessage).tool_calls ?? [];
      out.push({
        role: 'assistant',
        content: text(m),
        toolCalls: calls.length > 0 ? calls.map((c) => ({ id: c.id ?? '', name: c.name, args: c.args })) : null,
        toolCallId: null,
        toolName: null,
      });
    } else if (t === 'tool') {
      const tm = m as ToolMessage;
      out.push({ role: 'tool', content: text(m), toolCalls: null, toolCallId: tm.tool_call_id, toolName: tm.name ?? null });
    } else if (t === 'human') {
      out.push({ role: 'user', content: text(m), toolCalls: null, toolCallId: null, toolName: null });
    }
  }
  return out;
}

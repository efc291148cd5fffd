/**
 * Agent assembly: LangChain `createAgent` with the turn's model and the registry tools
 * the principal's role may use, each wrapped with `tool()` and bound by closure to the
 * turn's immutable ToolContext — whose data a tool serves is never a model argument.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ToolCall } from '@langchain/core/messages/tool';
import { tool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { executeTool, toolsFor, type ToolOutcome } from '../tools/registry.js';
import type { ToolContext } from '../tools/types.js';
import { systemPrompt } from './prompts.js';

/**
 * Observes each tool run (the turn service records and streams them). `id` is the id of
 * the model's tool call (`''` only when a tool is invoked outside a tool call), so a
 * start, its end and the ToolMessage the agent appends all name the same call. `start`
 * fires when the tool begins, before its work; `end` when its outcome is known. `args`
 * are the arguments after LangChain's schema parsing; `start` also gets them as the
 * model wrote them (`modelArgs`). The tool waits for a returned promise: an observer that
 * streams lets its events leave before the tool's work (which may hold the CPU) goes on.
 */
export interface ToolObserver {
  start?(e: { id: string; name: string; args: unknown; modelArgs: unknown }): void | Promise<void>;
  end?(e: { id: string; name: string; args: unknown; outcome: ToolOutcome; ms: number }): void | Promise<void>;
}

/** The LangChain tools for a turn; each runs through `executeTool` with `ctx`. */
export function langchainTools(ctx: ToolContext, observe?: ToolObserver) {
  return toolsFor(ctx.principal.role).map((def) =>
    tool(
      async (args: unknown, config?: { toolCall?: ToolCall }) => {
        const id = config?.toolCall?.id ?? '';
        await observe?.start?.({ id, name: def.name, args, modelArgs: config?.toolCall?.args ?? args });
        const t0 = performance.now();
        const outcome = await executeTool(def.name, args, ctx);
        await observe?.end?.({ id, name: def.name, args, outcome, ms: performance.now() - t0 });
        return JSON.stringify(outcome.ok ? outcome.result : { error: outcome.error });
      },
      { name: def.name, description: def.description, schema: def.schema as never },
    ),
  );
}

/** The turn's answer language, stated to a hosted model (it may differ from the question's: "请用英文回答"). */
const ANSWER_IN: Record<ToolContext['lang'], string> = { zh: '本轮请用中文回答。', en: 'Answer this turn in English.' };

/**
 * A ReAct agent for one turn; `context` (the dialogue note: who is in focus, what was
 * shown last) is appended to the system prompt of a hosted model, after the answer language.
 */
export function buildAgent(model: BaseChatModel, ctx: ToolContext, context: string | undefined, observe?: ToolObserver) {
  const prompt = `${systemPrompt(ctx.lang)}\n${ANSWER_IN[ctx.lang]}`;
  return createAgent({ model, tools: langchainTools(ctx, observe), systemPrompt: context ? `${prompt}\n\n${ctx.lang === 'zh' ? '对话上下文' : 'Conversation context'}:\n${context}` : prompt });
}

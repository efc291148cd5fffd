/**
 * Agent assembly: LangChain `createAgent` with the turn's model and the registry tools
 * the principal's role may use, each wrapped with `tool()` and bound by closure to the
 * turn's immutable ToolContext — whose data a tool serves is never a model argument.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { tool } from '@langchain/core/tools';
import { createAgent } from 'langchain';
import { executeTool, toolsFor, type ToolOutcome } from '../tools/registry.js';
import type { ToolContext } from '../tools/types.js';
import { systemPrompt } from './prompts.js';

/** Observes each tool run (the turn service records them). */
export type ToolObserver = (e: { name: string; args: unknown; outcome: ToolOutcome; ms: number }) => void;

/** The LangChain tools for a turn; each runs through `executeTool` with `ctx`. */
export function langchainTools(ctx: ToolContext, observe?: ToolObserver) {
  return toolsFor(ctx.principal.role).map((def) =>
    tool(
      async (args: unknown) => {
        const t0 = performance.now();
        const outcome = await executeTool(def.name, args, ctx);
        observe?.({ name: def.name, args, outcome, ms: performance.now() - t0 });
        return JSON.stringify(outcome.ok ? outcome.result : { error: outcome.error });
      },
      { name: def.name, description: def.description, schema: def.schema as never },
    ),
  );
}

/**
 * A ReAct agent for one turn; `context` (the dialogue note: who is in focus, what was
 * shown last) is appended to the system prompt of a hosted model.
 */
export function buildAgent(model: BaseChatModel, ctx: ToolContext, context: string | undefined, observe?: ToolObserver) {
  const prompt = systemPrompt(ctx.lang);
  return createAgent({ model, tools: langchainTools(ctx, observe), systemPrompt: context ? `${prompt}\n\n${ctx.lang === 'zh' ? '对话上下文' : 'Conversation context'}:\n${context}` : prompt });
}

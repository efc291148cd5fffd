/**
 * The offline planner: a deterministic LangChain chat model that needs no network.
 * On a user message it recognizes the intent and slots and answers with tool calls
 * (only to tools bound with `bindTools`) or directly; after tool results it composes
 * the answer from them. Tokens stream through `_streamResponseChunks`.
 */
import { BaseChatModel, type BaseChatModelParams, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { Lang } from '../../tools/types.js';
import { composeAnswer, type ToolOutcome } from './compose.js';
import { plan, type PlanContext } from './plan.js';
import { directReply } from './replies.js';
import { detectLang } from './text.js';

export interface OfflinePlannerOptions extends BaseChatModelParams {
  role?: PlanContext['role'];
  /** Reply language; detected from the user's message when absent. */
  lang?: Lang;
  knownClients?: PlanContext['knownClients'];
  products?: PlanContext['products'];
}

/** The planner's output for a message list, before streaming. */
export type PlannerOutput =
  | { kind: 'text'; text: string }
  | { kind: 'tool_calls'; calls: { id: string; name: string; args: Record<string, unknown> }[] };

export const OFFLINE_MODEL_NAME = 'offline-planner-v1';

function textOf(m: BaseMessage): string {
  const c = m.content;
  if (typeof c === 'string') return c;
  return c.map((p) => (typeof p === 'string' ? p : 'text' in p && typeof p.text === 'string' ? p.text : '')).join('');
}

function toolName(t: BindToolsInput): string | undefined {
  const x = t as { name?: string; function?: { name?: string } };
  return x.name ?? x.function?.name;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return { error: { code: 'WD_ERR_TOOL', message: s.slice(0, 200) } };
  }
}

export class OfflinePlannerModel extends BaseChatModel {
  readonly opts: OfflinePlannerOptions;
  /** Names of the bound tools (kept off `tools`, which createAgent reads as "already bound"). */
  readonly boundToolNames: ReadonlySet<string>;

  constructor(opts: OfflinePlannerOptions = {}, boundToolNames: ReadonlySet<string> = new Set()) {
    super(opts);
    this.opts = opts;
    this.boundToolNames = boundToolNames;
  }

  _llmType(): string {
    return 'wealthdesk-offline-planner';
  }

  /** A NEW planner that may call these tools. */
  override bindTools(tools: BindToolsInput[]): OfflinePlannerModel {
    const names = new Set(this.boundToolNames);
    for (const t of tools) {
      const n = toolName(t);
      if (n) names.add(n);
    }
    return new OfflinePlannerModel(this.opts, names);
  }

  /** Decides the next message for `messages` (pure and deterministic). */
  decide(messages: BaseMessage[]): PlannerOutput {
    const convo = messages.filter((m) => m.getType() !== 'system');
    const last = convo.at(-1);
    const lastHuman = [...convo].reverse().find((m) => m.getType() === 'human');
    const userText = lastHuman ? textOf(lastHuman) : '';
    const lang = this.opts.lang ?? detectLang(userText);
    if (last && last.getType() === 'tool') {
      const outcomes: ToolOutcome[] = [];
      let i = convo.length - 1;
      while (i >= 0 && convo[i].getType() === 'tool') i--;
      const ai = convo[i] as AIMessage | undefined;
      const calls = ai?.tool_calls ?? [];
      for (const m of convo.slice(i + 1)) {
        const tm = m as BaseMessage & { tool_call_id?: string; name?: string };
        const call = calls.find((c) => c.id === tm.tool_call_id);
        outcomes.push({ name: call?.name ?? tm.name ?? 'tool', args: (call?.args ?? {}) as Record<string, unknown>, output: safeJson(textOf(m)) });
      }
      return { kind: 'text', text: composeAnswer(userText, outcomes, lang) };
    }
    const ctx = this.contextOf(convo);
    const d = plan(userText, ctx);
    if (d.kind === 'reply') return { kind: 'text', text: directReply(d.reason, this.opts.lang ?? d.lang) };
    const calls = [{ tool: d.tool, args: d.args }, ...(d.more ?? [])];
    return { kind: 'tool_calls', calls: calls.map((c, i) => ({ id: `call_${convo.length}_${i}_${c.tool}`, name: c.tool, args: c.args })) };
  }

  private contextOf(convo: BaseMessage[]): PlanContext {
    let lastTool: PlanContext['lastTool'];
    let questionnaireOpen = false;
    for (let i = convo.length - 2; i >= 0; i--) {
      const m = convo[i];
      if (m.getType() === 'ai' && !lastTool) {
        const tc = (m as AIMessage).tool_calls?.[0];
        if (tc) lastTool = { name: tc.name, args: tc.args as Record<string, unknown> };
      }
      if (m.getType() === 'tool' && !lastTool) {
        const out = safeJson(textOf(m)) as { status?: string };
        questionnaireOpen = (m as { name?: string }).name === 'assess_risk_profile' && (out.status === 'question' || out.status === 'invalid_answer');
      }
      if (lastTool) break;
    }
    if (lastTool?.name !== 'assess_risk_profile') questionnaireOpen = false;
    const role = this.opts.role ?? (this.boundToolNames.has('list_clients') ? 'advisor' : 'client');
    return { tools: this.boundToolNames, role, lastTool, questionnaireOpen, knownClients: this.opts.knownClients, products: this.opts.products };
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const out = this.decide(messages);
    const message =
      out.kind === 'text'
        ? new AIMessage({ content: out.text })
        : new AIMessage({ content: '', tool_calls: out.calls.map((c) => ({ ...c, type: 'tool_call' as const })) });
    return { generations: [{ text: out.kind === 'text' ? out.text : '', message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    _options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const out = this.decide(messages);
    if (out.kind === 'tool_calls') {
      const chunk = new ChatGenerationChunk({
        text: '',
        message: new AIMessageChunk({
          content: '',
          tool_call_chunks: out.calls.map((c, index) => ({ id: c.id, name: c.name, args: JSON.stringify(c.args), index, type: 'tool_call_chunk' as const })),
        }),
      });
      yield chunk;
      return;
    }
    for (const piece of splitTokens(out.text)) {
      const chunk = new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece }) });
      yield chunk;
      await runManager?.handleLLMNewToken(piece, undefined, undefined, undefined, undefined, { chunk });
    }
  }
}

/** Streaming pieces: a word with its trailing space, or a run of up to 4 Chinese characters. */
export function splitTokens(text: string): string[] {
  return text.match(/[\u3400-\u9fff]{1,4}|[^\s\u3400-\u9fff]+\s*|\s+/g) ?? [];
}

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
import type { Lang } from '../../vocab.js';
import type { DialogueView, Outcome, PlanEnv, Step } from '../../tools/planning.js';
import { detectLang } from '../../lang/text.js';
import { normalize } from '../../lang/text.js';
import type { PlannerNote } from '../dialogue.js';
import { decideAndMention, ownerOf, plannerOf } from './engine.js';

export interface OfflinePlannerOptions extends BaseChatModelParams {
  role?: PlanEnv['role'];
  /** Reply language; detected from the user's message when absent. */
  lang?: Lang;
  knownClients?: PlanEnv['knownClients'];
  products?: PlanEnv['products'];
  instruments?: PlanEnv['instruments'];
  /** The conversation's dialogue state (empty for a first turn). */
  dialogue?: DialogueView;
  /** The year calendar periods count from (去年 = refYear − 1); default this year. */
  refYear?: number;
}

/** The planner's output for a message list, before streaming. */
export type PlannerOutput =
  | { kind: 'text'; text: string; note: PlannerNote }
  | { kind: 'tool_calls'; calls: { id: string; name: string; args: Record<string, unknown> }[]; note: PlannerNote };

export { OFFLINE_MODEL_NAME } from './name.js';

/** Where the planner's decision travels on its own messages (read back when it composes, and by the turn service). */
export const NOTE_KEY = 'wealthdesk';

function textOf(m: BaseMessage): string {
  const c = m.content;
  if (typeof c === 'string') return c;
  return c.map((p) => (typeof p === 'string' ? p : 'text' in p && typeof p.text === 'string' ? p.text : '')).join('');
}

function toolName(t: BindToolsInput): string | undefined {
  const x = t as { name?: string; function?: { name?: string } };
  return x.name ?? x.function?.name;
}

function parseOutput(s: string): { result?: unknown; error?: { code: string; message: string } } {
  try {
    const v = JSON.parse(s) as unknown;
    const err = (v as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    if (err && typeof err === 'object') return { error: { code: String(err.code ?? 'WD_ERR_TOOL'), message: String(err.message ?? '') } };
    return { result: v };
  } catch {
    return { error: { code: 'WD_ERR_TOOL', message: s.slice(0, 200) } };
  }
}

/** The note the planner left on an AI message, if any. */
export function noteOf(m: BaseMessage | undefined): PlannerNote | undefined {
  return (m?.additional_kwargs as Record<string, unknown> | undefined)?.[NOTE_KEY] as PlannerNote | undefined;
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
    const role = this.opts.role ?? 'client';
    if (last && last.getType() === 'tool') {
      let i = convo.length - 1;
      while (i >= 0 && convo[i].getType() === 'tool') i--;
      const ai = convo[i] as AIMessage | undefined;
      const calls = ai?.tool_calls ?? [];
      const outcomes: Outcome[] = [];
      for (const m of convo.slice(i + 1)) {
        const tm = m as BaseMessage & { tool_call_id?: string; name?: string };
        const c = calls.find((x) => x.id === tm.tool_call_id);
        outcomes.push({ tool: c?.name ?? tm.name ?? 'tool', args: (c?.args ?? {}) as Record<string, unknown>, ...parseOutput(textOf(m)) });
      }
      const owner = outcomes[0]?.tool ?? '';
      const intent = noteOf(ai)?.intent ?? plannerOf(owner)?.intents[0]?.id ?? owner;
      const planner = ownerOf(intent)?.planner ?? plannerOf(owner);
      const input = { q: normalize(userText), lang, role, intent, outcomes };
      const text = planner ? planner.compose(input) : outcomes.map((o) => JSON.stringify(o.result ?? o.error)).join('\n');
      // What the message named (noted when the calls were decided) and what the answer singled out.
      const mentioned = noteOf(ai)?.mentioned;
      const focus = planner?.focus?.(input);
      return { kind: 'text', text, note: { intent, mode: 'tool', ...(mentioned ? { mentioned } : {}), ...(focus?.length ? { products: focus } : {}) } };
    }
    const env: PlanEnv = {
      role,
      lang,
      tools: this.boundToolNames,
      knownClients: this.opts.knownClients,
      products: this.opts.products,
      instruments: this.opts.instruments,
      dialogue: this.opts.dialogue ?? { memory: {} },
    };
    const { step, mentioned } = decideAndMention(userText, env, this.opts.refYear);
    const out = this.output(step, env, convo.length);
    if (mentioned.products.length || mentioned.clients.length) out.note.mentioned = mentioned;
    return out;
  }

  private output(step: Step, env: PlanEnv, n: number): PlannerOutput {
    const pick = (b: { zh: string; en: string }) => (env.lang === 'zh' ? b.zh : b.en);
    switch (step.kind) {
      case 'call': {
        const calls = step.calls.filter((c) => env.tools.has(c.tool));
        if (calls.length === 0) return { kind: 'text', text: env.lang === 'zh' ? '抱歉，这项功能目前还不能使用。' : "Sorry, I can't do that here.", note: { intent: 'unavailable', mode: 'reply', fixed: true } };
        return {
          kind: 'tool_calls',
          calls: calls.map((c, i) => ({ id: `call_${n}_${i}_${c.tool}`, name: c.tool, args: c.args })),
          note: { intent: step.intent, mode: 'tool' },
        };
      }
      case 'say':
        return {
          kind: 'text',
          text: step.text,
          note: step.from
            ? { intent: step.intent, mode: 'say', ...(step.products ? { products: step.products } : {}), ...(step.offer ? { offer: step.offer } : {}), ...(step.subject ? { subject: step.subject } : {}) }
            : { intent: step.intent, mode: 'reply', fixed: true },
        };
      case 'ask':
        return { kind: 'text', text: pick(step.text), note: { intent: 'clarify', mode: 'ask', fixed: true, ...(step.options ? { options: step.options } : {}), ...(step.resume ? { resume: step.resume } : {}) } };
    }
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const out = this.decide(messages);
    const additional_kwargs = { [NOTE_KEY]: out.note };
    const message =
      out.kind === 'text'
        ? new AIMessage({ content: out.text, additional_kwargs })
        : new AIMessage({ content: '', additional_kwargs, tool_calls: out.calls.map((c) => ({ ...c, type: 'tool_call' as const })) });
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
          additional_kwargs: { [NOTE_KEY]: out.note },
          tool_call_chunks: out.calls.map((c, index) => ({ id: c.id, name: c.name, args: JSON.stringify(c.args), index, type: 'tool_call_chunk' as const })),
        }),
      });
      yield chunk;
      return;
    }
    let first = true;
    for (const piece of splitTokens(out.text)) {
      const additional_kwargs = first ? { [NOTE_KEY]: out.note } : {};
      first = false;
      const chunk = new ChatGenerationChunk({ text: piece, message: new AIMessageChunk({ content: piece, additional_kwargs }) });
      yield chunk;
      await runManager?.handleLLMNewToken(piece, undefined, undefined, undefined, undefined, { chunk });
    }
  }
}

/**
 * Streaming pieces: runs of text, each up to and including a unit boundary (line break,
 * 。！？!?；;). The output guard releases text only at such boundaries (`answer-stream.ts`),
 * so word-sized pieces showed nothing sooner, and each piece costs a LangChain chunk, its
 * concatenation and the callbacks of the agent's 'messages' stream.
 */
export function splitTokens(text: string): string[] {
  return text.match(/[^\n。！？!?；;]*[\n。！？!?；;]+|[^\n。！？!?；;]+/g) ?? [];
}

/**
 * The model behind the agent — the one place that reads `config.LLM_PROVIDER`: the offline
 * planner (default, no network) or any OpenAI-compatible Chat Completions endpoint behind
 * the wire-level timeout, retries and circuit breaker of `provider-resilience.ts`, with
 * the offline planner as its fallback (`LLM_FALLBACK`).
 *
 * LangChain (the models' classes) is imported when the first turn asks for a model, not
 * when the service starts: it is the largest part of the server's imports.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Principal } from '../auth/principal.js';
import type { Config } from '../config.js';
import { catalogInstruments, catalogProducts } from '../rag/product-names.js';
import type { Lang } from '../tools/types.js';
import { dialogueNote, type DialogueState } from './dialogue.js';
import { OFFLINE_MODEL_NAME } from './offline-planner/name.js';
import type { OfflinePlannerOptions } from './offline-planner/model.js';
import { CircuitBreaker, resilientFetch } from './provider-resilience.js';

/** The model name recorded with each turn. */
export function modelNameFor(config: Config): string {
  return config.LLM_PROVIDER === 'openai' ? config.LLM_MODEL : OFFLINE_MODEL_NAME;
}

/** What a turn's model is made from. */
export interface TurnModelInput {
  principal: Principal;
  lang: Lang;
  dialogue: DialogueState;
  /** "Today" of the turn (ISO), for calendar words. */
  asOf?: string;
  /** The advisor's book (ids and names), read only for the offline planner. */
  book: () => Promise<OfflinePlannerOptions['knownClients']>;
}

/** A model for one turn, with the context note for the system prompt (a hosted model's only). */
export interface TurnModel {
  name: string;
  model: BaseChatModel;
  context?: string;
}

export interface ModelSource {
  /** The configured model's name (recorded with each turn). */
  readonly name: string;
  /** True for a hosted model, which can fail and fall back. */
  readonly hosted: boolean;
  /** The breaker of the hosted model's calls. */
  readonly breaker?: CircuitBreaker;
  primary(t: TurnModelInput): Promise<TurnModel>;
  /** The offline planner, when the hosted model may fall back to it. */
  fallback?: (t: TurnModelInput) => Promise<TurnModel>;
}

async function offlineModel(t: TurnModelInput): Promise<TurnModel> {
  const knownClients = t.principal.role === 'advisor' ? await t.book() : undefined;
  const refYear = Number((t.asOf ?? new Date().toISOString()).slice(0, 4));
  const { OfflinePlannerModel } = await import('./offline-planner/model.js');
  return {
    name: OFFLINE_MODEL_NAME,
    model: new OfflinePlannerModel({ role: t.principal.role, lang: t.lang, knownClients, products: catalogProducts(), instruments: catalogInstruments(), dialogue: t.dialogue, refYear }),
  };
}

/** The turn models for `config`. One breaker per source: build one source per process. */
export function createModelSource(config: Config): ModelSource {
  if (config.LLM_PROVIDER !== 'openai') return { name: OFFLINE_MODEL_NAME, hosted: false, primary: offlineModel };
  const breaker = new CircuitBreaker({ threshold: config.LLM_BREAKER_FAILURES, cooldownMs: config.LLM_BREAKER_COOLDOWN_MS });
  const wire = resilientFetch({ timeoutMs: config.LLM_TIMEOUT_MS, maxRetries: config.LLM_MAX_RETRIES, breaker });
  return {
    name: config.LLM_MODEL,
    hosted: true,
    breaker,
    async primary(t) {
      const fields = {
        model: config.LLM_MODEL,
        apiKey: config.OPENAI_API_KEY ?? 'not-needed',
        streaming: true,
        temperature: 0,
        // Timeouts and retries are the wire's (one policy, one breaker); the client adds none.
        maxRetries: 0,
        configuration: { ...(config.LLM_BASE_URL ? { baseURL: config.LLM_BASE_URL } : {}), fetch: wire, maxRetries: 0 },
      };
      const model = (await import('./openai-model.js')).airGappedChatOpenAI(fields);
      return { name: config.LLM_MODEL, model, context: dialogueNote(t.dialogue, t.lang) };
    },
    ...(config.LLM_FALLBACK ? { fallback: offlineModel } : {}),
  };
}

/**
 * The model behind the agent, chosen by `config.LLM_PROVIDER`: the offline planner
 * (default, no network) or any OpenAI-compatible Chat Completions endpoint.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import type { Config } from '../config.js';
import { OFFLINE_MODEL_NAME, OfflinePlannerModel, type OfflinePlannerOptions } from './offline-planner/model.js';

/** The model name recorded with each turn. */
export function modelNameFor(config: Config): string {
  return config.LLM_PROVIDER === 'openai' ? config.LLM_MODEL : OFFLINE_MODEL_NAME;
}

/** A fresh chat model (no tools bound) for one turn. */
export function createChatModel(config: Config, offline: OfflinePlannerOptions = {}): BaseChatModel {
  if (config.LLM_PROVIDER === 'openai') {
    return new ChatOpenAI({
      model: config.LLM_MODEL,
      apiKey: config.OPENAI_API_KEY ?? 'not-needed',
      streaming: true,
      temperature: 0,
      timeout: config.LLM_TIMEOUT_MS,
      maxRetries: 1,
      configuration: config.LLM_BASE_URL ? { baseURL: config.LLM_BASE_URL } : undefined,
    });
  }
  return new OfflinePlannerModel(offline);
}

/**
 * The hosted model's LangChain client, imported by `providers.ts` on the first turn that
 * uses it (so a server on the offline planner never loads `@langchain/openai`).
 */
import type { MessageContent } from '@langchain/core/messages';
import { ChatOpenAI, ChatOpenAICompletions, type ChatOpenAIFields } from '@langchain/openai';

/**
 * Chat Completions whose token estimates stay local. LangChain estimates the usage of every
 * streamed call by downloading tiktoken's tables from the internet — in an air-gapped
 * bank that lookup hangs the turn for minutes of DNS retries. About four characters a token.
 */
class AirGappedCompletions extends ChatOpenAICompletions {
  override async getNumTokens(content: MessageContent): Promise<number> {
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    return Math.ceil(text.length / 4);
  }
}

/** ChatOpenAI speaking Chat Completions through {@link AirGappedCompletions} (it would make one that counts tokens online). */
export function airGappedChatOpenAI(fields: ChatOpenAIFields): ChatOpenAI {
  return new ChatOpenAI({ ...fields, completions: new AirGappedCompletions(fields) });
}

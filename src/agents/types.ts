import type { Principal } from '../auth/principal.js';
import type { Lang } from '../vocab.js';

export interface TurnRequest {
  principal: Principal;
  /** Continue this conversation; a new one is created when absent. */
  conversationId?: string;
  text: string;
  /**
   * The page's language. The answer is in the language of the question; this (then the
   * conversation's language) decides only for a message too short to tell ("B", "ok",
   * "3"). An explicit request in the text ("请用英文回答", "answer in Chinese") wins over
   * both and is remembered for the conversation. See `answer-lang.ts`.
   */
  lang?: Lang;
  /** Pin "today" (tests, evals). */
  asOf?: string;
}

export interface ToolCallRecord {
  id: string;
  name: string;
  args: unknown;
  result: unknown;
  ok: boolean;
  ms: number;
}

export interface Citation {
  n: number;
  docId: string;
  chunkId?: string;
  title: string;
  page?: number;
  section?: string;
  text?: string;
}

export interface GuardDecision {
  decision: 'allow' | 'flag' | 'refuse';
  categories: string[];
  reasons?: string[];
}

/**
 * Streamed to the user while a turn runs, in this order: `start`; per tool call
 * `tool_call`, `activity` (when the tool starts) and `tool_result` (when it ends), all
 * with the model's tool-call `id`; `token`s of the answer as the output guard releases
 * them (whole sentences, list items, table rows — their concatenation is a prefix of the
 * final answer, which may differ: a withheld figure, an added disclosure); then `done`
 * (whose `result.answer` replaces the streamed text) or `error`.
 */
export type TurnEvent =
  /** `lang`: the language this turn is answered in (the page may render its cards in it). */
  | { type: 'start'; conversationId: string; turnId: string; lang: Lang }
  | { type: 'token'; text: string }
  | { type: 'tool_call'; id: string; name: string; args: unknown }
  /** A tool started: `text` says what it does in the turn's language ("正在查询持仓…"), for a status line. */
  | { type: 'activity'; id: string; tool: string; text: string }
  | { type: 'tool_result'; id: string; name: string; ok: boolean; result: unknown }
  | { type: 'done'; result: TurnResult }
  | { type: 'error'; code: string; message: string };

export interface TurnResult {
  conversationId: string;
  turnId: string;
  answer: string;
  lang: Lang;
  toolCalls: ToolCallRecord[];
  citations: Citation[];
  guard: { input: GuardDecision; output: GuardDecision };
  flags: string[];
  model: string;
  latencyMs: number;
}

import type { Principal } from '../auth/principal.js';
import type { Lang } from '../vocab.js';

export interface TurnRequest {
  principal: Principal;
  /** Continue this conversation; a new one is created when absent. */
  conversationId?: string;
  text: string;
  /** Reply language; detected from the text when absent. */
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

/** Streamed to the user while a turn runs. */
export type TurnEvent =
  | { type: 'start'; conversationId: string; turnId: string }
  | { type: 'token'; text: string }
  | { type: 'tool_call'; id: string; name: string; args: unknown }
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

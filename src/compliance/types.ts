/**
 * The guard contract the agent calls on both sides of the model. Implemented in
 * `src/compliance/`; the turn runner receives a `Guards` so the pipeline is one
 * piece of code whichever policies are configured.
 */
import type { GuardDecision } from '../agents/types.js';
import type { Principal } from '../auth/principal.js';
import type { Lang } from '../vocab.js';

export interface InputGuardResult extends GuardDecision {
  /** The text with PII replaced by masks such as [ID_CARD_1]; what the model and the logs see. */
  masked: string;
  /** Entities found, for the audit (types and masks only, never the originals). */
  entities: { type: string; mask: string }[];
  /** Stable policy code when refused, e.g. 'POL_INSIDER'. */
  policyCode?: string;
  /** A polite refusal in the user's language when refused. */
  reply?: string;
}

export interface OutputGuardContext {
  principal: Principal;
  lang: Lang;
  userText: string; // masked
  /** Structured results of every tool call of the turn (numeric grounding reads these). */
  toolResults: unknown[];
  /** The client's current profile level (C1–C5) and whether it expired, when the turn concerns a client. */
  clientRiskLevel?: number | null;
  clientProfileExpired?: boolean;
  /**
   * Names of the tools called this turn.
   * @deprecated Not read by the guard: disclosures follow {@link OutputGuardContext.advice}.
   */
  toolNames?: string[];
  /**
   * Whether the turn advised (recommended or projected), which requires the risk
   * disclosure: the caller decides it from its tools' policies (a tool whose answer
   * advises declares `policy.advice`), so compliance needs no list of tool names.
   * `true`: the disclosure is added. `false`: it is not needed whatever the wording (the
   * system's own fixed texts). Absent: decided from the answer's wording (free text, e.g.
   * from an LLM, that recommends or projects without an advice tool).
   */
  advice?: boolean;
  /** Arguments of those calls (figures the model chose, e.g. a target amount, are grounded too). */
  toolArgs?: unknown[];
  /**
   * Fixed texts the system itself wrote and that may be quoted in the answer: the offline
   * planner's help, greeting and clarifying replies, fixed notes. Their figures (the
   * "5000" and "500万" of an example question) are grounded.
   */
  trustedTexts?: readonly string[];
}

export interface OutputGuardResult extends GuardDecision {
  /** The answer to show: the original, amended (disclosure added) or replaced. */
  answer: string;
  /** Figures that could not be traced to the tool results or the user's words. */
  ungrounded?: string[];
  /** The units (sentence, list item or table row) withheld for those figures, in order, as written. */
  ungroundedSentences?: string[];
}

/**
 * The output guard over a streamed answer: `push` each text delta as the model produces
 * it and show what it returns (whole units that passed every check); `end` returns the
 * authoritative result for the whole text, identical to `checkOutput` on it.
 */
export interface OutputGuardStream {
  push(textDelta: string): string;
  end(): OutputGuardResult;
}

export interface Guards {
  checkInput(text: string, ctx: { principal: Principal; lang: Lang }): Promise<InputGuardResult>;
  checkOutput(answer: string, ctx: OutputGuardContext): Promise<OutputGuardResult>;
  /** A streaming output guard for one answer (same checks, released unit by unit). */
  createOutputStream?(ctx: OutputGuardContext): Promise<OutputGuardStream>;
  /** Retrieved text and tool outputs: flags instructions hidden in data (indirect injection). */
  checkRetrieved?(text: string): GuardDecision;
}

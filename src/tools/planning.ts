/**
 * What a tool teaches the offline planner. The planner is a generic engine (see
 * `src/agents/offline-planner/`): it knows no tool by name. Each tool folder exports,
 * next to its definition, a {@link ToolPlanner}: the intents it serves with their
 * bilingual features, how the words of a message become its arguments, how a follow-up
 * refines its last call, how its typed result becomes an answer, and what of the result
 * the conversation should remember.
 *
 * Every function here is pure and synchronous: same utterance, same dialogue state →
 * same decision.
 */
import type { Utterance } from '../lang/utterance.js';
import type { Lang } from '../vocab.js';
import type { Role } from '../auth/principal.js';

/** A Chinese substring, an English word or phrase, or `a+b` (all parts present), with its weight. */
export type Feature = readonly [pattern: string, weight: number];

/** Text in both reply languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** An intent a tool serves: a name, weighted features per language and optional structural evidence. */
export interface IntentSpec {
  /** Unique across the registry, e.g. 'performance'. */
  id: string;
  zh: Feature[];
  en: Feature[];
  /** How the intent is named in a clarifying question ("收益表现" / "your performance"). */
  label?: Bilingual;
  /** Offered as an option when a question is too unclear to guess, to these roles. */
  offer?: readonly Role[];
  /**
   * Evidence beyond single words (an amount with a horizon is a goal; a market view is
   * Black-Litterman), added to the feature score. `score` reads the running score of
   * any intent by id; biases run in registry order.
   */
  bias?(u: Utterance, score: (intent: string) => number, env: PlanEnv): number;
  /** Runs after the other biases (it reads their result). */
  late?: boolean;
  /**
   * A product named in the message is an argument of this intent ("who holds X",
   * "optimize without X"), not a question about the product: the product tools do not
   * take the message over.
   */
  productsAreArgs?: boolean;
}

/** The best-scoring intent of a message: its spec and the tool that owns it (none for the engine's own replies). */
export interface BestIntent {
  intent: string;
  score: number;
  spec?: IntentSpec;
  tool?: string;
}

/** One tool call the planner decides on. */
export interface PlanCall {
  tool: string;
  args: Record<string, unknown>;
}

/** A clarifying question, with the choices it offers (each a ready decision). */
export interface Ask {
  kind: 'ask';
  text: Bilingual;
  options?: { label: Bilingual; step: Step }[];
  /** The request waiting for the answer (which client, which product): the reply completes it. */
  /**
   * The request the question waits on: `client` / `product` complete it with the one named;
   * `details` plans it again from the reply ("HK$6m by 2040" after "what is your target?").
   */
  resume?: { step: Step; needs: 'client' | 'product' | 'details' };
}

/**
 * The planner's decision for a message:
 * - `call`: run these tools now (the first is the owner: its planner composes the answer
 *   from all the outcomes); `intent` names what was understood;
 * - `say`: answer at once from what the conversation already shows (no tool);
 * - `ask`: one short clarifying question.
 */
export type Step =
  | { kind: 'call'; intent: string; calls: PlanCall[] }
  | {
      kind: 'say';
      intent: string;
      text: string;
      from?: string;
      products?: string[];
      /** The call that lists what this answer counted ("12 clients are off target"): "who are they?" runs it. */
      offer?: PlanCall;
      /** The client this answer is about (an advisor's "her" next means them). */
      subject?: { clientId: string; name?: string };
    }
  | Ask;

/** What the planner knows besides the message. */
export interface PlanEnv {
  role: Role;
  lang: Lang;
  /** Names of the tools the model may call now. */
  tools: ReadonlySet<string>;
  /** The advisor's book (ids and names), to resolve a client named in the text. */
  knownClients?: readonly { id: string; name: string; nameEn?: string }[];
  /** The catalog's product names and codes → product id. */
  products?: readonly { id: string; names: string[] }[];
  /** Listed stocks and benchmark indices by name ("Apple", "沪深300") → id. */
  instruments?: { stocks: readonly { id: string; names: string[] }[]; indices: readonly { id: string; names: string[] }[] };
  /** The conversation so far, as the planner keeps it. */
  dialogue: DialogueView;
}

/** The dialogue state a planner reads (kept by the engine, stored with the conversation). */
export interface DialogueView {
  /** The last answered request: its intent, calls and how it was answered. */
  last?: { intent: string; calls: PlanCall[]; mode: 'tool' | 'say' | 'ask' | 'reply' };
  /** Per tool: what its last result showed (see {@link ToolPlanner.remember}). */
  memory: Record<string, Memory>;
  /** The client an advisor is talking about. */
  subject?: { clientId: string; name?: string };
  /** Clients listed last (an advisor's "those", "the second one"). */
  listed?: readonly string[];
  /** Products named or shown last ("这只基金", "it"). */
  products?: readonly string[];
  /** An open multi-turn flow owned by a tool (e.g. the risk questionnaire). */
  flow?: { tool: string; data?: unknown };
  /** The call that lists what the last answer counted ("who are they?", "list them"). */
  offered?: PlanCall;
  /** The options of the clarifying question just asked (a reply may pick one), or the request it waits to complete. */
  pending?: { options: { label: Bilingual; step: Step }[]; resume?: Ask['resume'] };
}

/** A small, JSON-safe digest of a result the conversation keeps for follow-ups. */
export type Memory = Record<string, unknown>;

/** The outcome of one call, as the composer sees it. */
export interface Outcome<R = unknown> {
  tool: string;
  args: Record<string, unknown>;
  /** The result, or undefined when the call failed. */
  result?: R;
  error?: { code: string; message: string };
}

/** What a composer knows about the question. */
export interface ComposeInput {
  /** The user's message, normalized (lower case, half-width). */
  q: string;
  lang: Lang;
  role: Role;
  intent: string;
  /** Every outcome of this step (the owner's first). */
  outcomes: Outcome[];
}

/** A tool's knowledge for the offline planner. */
export interface ToolPlanner<R = unknown> {
  intents: IntentSpec[];
  /**
   * Takes the decision before intent scoring when the message calls for this tool
   * whatever else it says (a named product asked about, an open questionnaire waiting
   * for its answer). `best` is the best-scoring intent.
   */
  preempt?(u: Utterance, best: BestIntent, env: PlanEnv): Step | undefined;
  /** The step for a fresh request understood as `intent`. */
  plan(u: Utterance, intent: string, env: PlanEnv): Step;
  /**
   * A follow-up to this tool's last call ("那去年呢？", "in USD?", "如果每月投8000呢"): a step
   * that reuses `prev` with what the message changes, or undefined when the message
   * brings nothing this tool can use.
   */
  followUp?(u: Utterance, prev: PlanCall, env: PlanEnv, best: BestIntent): Step | undefined;
  /** The answer from this step's outcomes (the owner's result first), in `input.lang`. */
  compose(input: ComposeInput): string;
  /**
   * What of the result to remember for follow-ups (small; figures as shown). `before` is
   * this tool's memory from earlier in the conversation ("2024" then "and 2025?": both years
   * were shown, so "which year was better?" can compare them).
   */
  remember?(result: R, args: Record<string, unknown>, before?: Memory): Memory;
  /**
   * The products this step's answer singled out ("the largest holding is …", the bond
   * holdings a rate question touches): they come into focus, so "this one" or "that fund"
   * in the next message means them.
   */
  focus?(input: ComposeInput): string[] | undefined;
}
